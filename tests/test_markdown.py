"""Editor markdown is rendered, then sanitised: nothing hostile reaches a public page."""

import re

import pytest

from bupkart.markdown import render

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">klikk</a>',
    "[klikk](javascript:alert(1))",
    "[klikk](JaVaScRiPt:alert(1))",
    "[klikk](&#106;avascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![bilde](javascript:alert(1))",
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<a href="https://ok.example" onclick="alert(1)">ok</a>',
    "<style>body{display:none}</style>",
    '<form action="https://evil.example"><input name="fnr"></form>',
    "<object data=x.swf></object><embed src=x.swf>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    '<a href="vbscript:msgbox(1)">x</a>',
    "[x](  javascript:alert(1)  )",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<details open ontoggle="alert(1)">x</details>',
    '<p title="x" onmouseover="alert(1)">x</p>',
]


def er_aktiv(html):
    lavt = html.lower()
    return any(
        [
            re.search(r"<\s*(script|iframe|svg|object|embed|style|form|meta|base|img|input|math)\b", lavt),
            re.search(r"\son[a-z]+\s*=", lavt),
            re.search(r"(href|src)\s*=\s*\"?\s*(javascript|vbscript|data):", lavt),
        ]
    )


@pytest.mark.parametrize("markdown", HOSTILE)
def test_hostile_input_is_inert(markdown):
    assert not er_aktiv(render(markdown)), render(markdown)


@pytest.mark.parametrize("raw", [HOSTILE[0], HOSTILE[2], HOSTILE[3], HOSTILE[9], HOSTILE[12], HOSTILE[21]])
def test_detector_catches_unsanitised_input(raw):
    # Guards the guard: the check above would fail if sanitising let these through.
    assert er_aktiv(raw)


def test_ordinary_markdown_survives():
    html = render(
        "**Viktig:**\n\n- ring [fastlegen](tel:+4700000000)\n- les [mer](https://www.helsenorge.no/)\n\n### Tittel"
    )
    assert "<strong>Viktig:</strong>" in html
    assert '<a href="tel:+4700000000" rel="noopener noreferrer">fastlegen</a>' in html
    assert 'href="https://www.helsenorge.no/"' in html
    assert "<h3>Tittel</h3>" in html
    assert html.count("<li>") == 2
