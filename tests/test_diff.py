"""The editors' diff marks words, not paragraphs, and loses nothing: the kept and inserted parts
give the new text, the kept and deleted parts the old."""

import re

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from redaksjon.diff import LIK, SATT_INN, SLETTET, ordendringer, side_om_side

# Words from a small vocabulary so that random texts share words, with spaces, marks and lines.
_tekster = st.lists(
    st.sampled_from(["barn", "BUP", "fastlege", "ønskjer", " ", "  ", ".", ",", "\n", "\r\n", "å", "-"]),
    max_size=40,
).map("".join) | st.text(max_size=60)


@given(_tekster, _tekster)
def test_the_parts_give_back_both_texts(fra, til):
    deler = ordendringer(fra, til)
    assert "".join(t for art, t in deler if art in (LIK, SATT_INN)) == til.replace("\r\n", "\n")
    assert "".join(t for art, t in deler if art in (LIK, SLETTET)) == fra.replace("\r\n", "\n")


def test_a_two_word_change_marks_two_words():
    fra = "Fastlegen vurderer barnet og tilviser til BUP ved behov.\nAndre avsnitt står."
    til = "Fastlegen vurderer barnet og sender til BUP ved mistanke.\nAndre avsnitt står."
    html = str(side_om_side(fra, til, "før", "etter"))
    slettet = re.findall(r"<del>.*?</span>(.*?)</del>", html)
    satt_inn = re.findall(r"<ins>.*?</span>(.*?)</ins>", html)
    assert slettet == ["tilviser", "behov"]
    assert satt_inn == ["sender", "mistanke"]
    assert html.count('class="lik"') == 1  # the unchanged second line is its own row


def test_a_rewritten_paragraph_is_marked_whole():
    deler = ordendringer("Helsesjukepleiar samarbeider med skulen.", "Fastlegen tilviser til BUP og PPT.")
    assert deler == [
        (SLETTET, "Helsesjukepleiar samarbeider med skulen."),
        (SATT_INN, "Fastlegen tilviser til BUP og PPT."),
    ]


def test_a_browsers_line_ends_are_no_change():
    assert str(side_om_side("Ein.\nTo.\n", "Ein.\r\nTo.\r\n", "før", "etter")).count('class="lik"') == 2


def test_changes_are_told_in_words_not_colour_only_and_escaped():
    with translation.override("nb"):
        html = str(side_om_side("<b>gammel</b>", "<b>ny</b>", "før", "etter"))
    assert '<del><span class="visually-hidden">fjernet: </span>gammel</del>' in html
    assert '<ins><span class="visually-hidden">lagt til: </span>ny</ins>' in html
    assert "<b>" not in html
