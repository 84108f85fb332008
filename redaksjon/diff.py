"""Word diffs for editors: what changed between two versions, side by side, a two-word change
marking two words. Changes are <del>/<ins> with words for screen readers, so they are not
told by colour alone. Lines are matched first (a row per unchanged line keeps long texts
aligned and the word matching small); changed lines are then compared word by word."""

import difflib
import re

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

LIK, SLETTET, SATT_INN = "lik", "slettet", "satt_inn"
OMSKREVET = 0.5  # below this share of tokens in common, a changed block is shown as rewritten

# A word, a run of white space or one other character: every character falls in one token,
# so joining the tokens gives the text back.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def _ord(fra, til):
    """(kind, text) parts of a changed block, word by word. Changed words with only white space
    between them are one change, read out once rather than word by word."""
    a, b = _TOKEN.findall(fra), _TOKEN.findall(til)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < OMSKREVET:
        # A rewritten block: a few shared little words would only scatter the marks.
        return [(art, tekst) for art, tekst in ((SLETTET, fra), (SATT_INN, til)) if tekst]
    koder = matcher.get_opcodes()
    blokker = []
    for i, (op, a1, a2, b1, b2) in enumerate(koder):
        # An equal run always lies between changes unless it is first or last.
        mellomrom = op == "equal" and 0 < i < len(koder) - 1 and "".join(a[a1:a2]).isspace()
        endret = op != "equal" or mellomrom
        if endret and blokker and blokker[-1][0]:
            blokker[-1][2], blokker[-1][4] = a2, b2
        else:
            blokker.append([endret, a1, a2, b1, b2])
    deler = []
    for endret, a1, a2, b1, b2 in blokker:
        gammel, ny = "".join(a[a1:a2]), "".join(b[b1:b2])
        if not endret:
            deler.append((LIK, gammel))
            continue
        if gammel:
            deler.append((SLETTET, gammel))
        if ny:
            deler.append((SATT_INN, ny))
    return deler


def _linjer(tekst):
    # A browser sends a textarea's line ends as CRLF: a text saved from the form and one saved
    # otherwise differ in nothing a reader sees.
    return (tekst or "").replace("\r\n", "\n").splitlines(keepends=True)


def _rader(fra, til):
    """The diff as rows, each a list of (kind, text) parts: one row per unchanged line, one per
    changed block of lines."""
    a, b = _linjer(fra), _linjer(til)
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            yield from ([(LIK, linje)] for linje in a[a1:a2])
        else:
            yield _ord("".join(a[a1:a2]), "".join(b[b1:b2]))


def ordendringer(fra, til):
    """The change from `fra` to `til` as (kind, text) parts: the kept and deleted parts joined
    give `fra`, the kept and inserted parts `til` (with line ends as \n)."""
    return [bit for rad in _rader(fra, til) for bit in rad]


def _celle(deler, vis, tag, lesetekst):
    return mark_safe(  # noqa: S308 - every part is escaped by format_html
        "".join(
            format_html("{}", tekst)
            if art == LIK
            else format_html(
                '<{}><span class="visually-hidden">{} </span>{}</{}>', tag, lesetekst, tekst, tag
            )
            for art, tekst in deler
            if art in (LIK, vis)
        )
    )


def side_om_side(fra, til, fra_navn, til_navn):
    fjernet, lagt_til = _("fjernet:"), _("lagt til:")
    rader = []
    for deler in _rader(fra, til):
        klasse = "lik" if all(art == LIK for art, _tekst in deler) else "endret"
        rader.append(
            format_html(
                '<tr class="{}"><td>{}</td><td>{}</td></tr>',
                klasse,
                _celle(deler, SLETTET, "del", fjernet),
                _celle(deler, SATT_INN, "ins", lagt_til),
            )
        )
    return format_html(
        '<table class="tekstdiff"><thead><tr><th scope="col">{}</th><th scope="col">{}</th></tr></thead>'
        "<tbody>{}</tbody></table>",
        fra_navn,
        til_navn,
        mark_safe("".join(rader)),  # noqa: S308 - every row was built with format_html
    )


def er_lik(fra, til):
    return (fra or "").strip() == (til or "").strip()
