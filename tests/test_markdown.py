"""Editor markdown is rendered, then sanitised: nothing hostile reaches a public page."""

import re

import pytest

from bupkart.markdown import render

from .hostile_inputs import HOSTILE, er_aktiv

# ONE corpus for the whole suite: tests/hostile_inputs.py.


@pytest.mark.parametrize("markdown", HOSTILE)
def test_hostile_input_is_inert(markdown):
    assert not er_aktiv(render(markdown)), render(markdown)


def test_corpus_is_large_enough():
    assert len(HOSTILE) >= 50
    assert len(set(HOSTILE)) == len(HOSTILE)


# Inputs that are themselves the active HTML a browser would run (the rest are markdown
# tricks that only become active if the renderer mishandles them).
RAA_HTML = [
    h
    for h in HOSTILE
    if h.startswith("<") and not h.startswith(("<javascript:", "<!--", "<![CDATA[", "<scr<script>"))
]


@pytest.mark.parametrize("raw", RAA_HTML)
def test_detector_catches_unsanitised_input(raw):
    # Guards the guard: the check above would fail if sanitising let these through.
    assert er_aktiv(raw)


@pytest.mark.parametrize(
    "ufarlig",
    [
        "<p>Hei <strong>du</strong></p>",
        '<a href="https://ok.example" rel="noopener">ok</a>',
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "onclick=alert(1) som tekst",
    ],
)
def test_detector_passes_inert_html(ufarlig):
    assert not er_aktiv(ufarlig)


def test_ordinary_markdown_survives():
    html = render(
        "**Viktig:**\n\n- ring [fastlegen](tel:+4700000000)\n- les [mer](https://www.helsenorge.no/)\n\n### Tittel"
    )
    assert "<strong>Viktig:</strong>" in html
    assert '<a href="tel:+4700000000" rel="noopener noreferrer">fastlegen</a>' in html
    assert 'href="https://www.helsenorge.no/"' in html
    assert "<h3>Tittel</h3>" in html
    assert html.count("<li>") == 2


def test_a_list_straight_under_a_line_is_a_list():
    html = render("Tekst:\n- a\n- b")
    assert "<p>Tekst:</p>" in html
    assert html.count("<ul>") == 1
    assert re.findall(r"<li>(.*?)</li>", html) == ["a", "b"]
