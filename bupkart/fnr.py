"""Fødselsnummer detection. bupkart never stores personal data about a child, so any free
text that contains a fødselsnummer (or a D-, H- or synthetic test number) is refused.

People type the eleven digits in many ways: 6+5 with a space, a dash, a dot, a slash or a plus,
as a date with dots, in groups of three, with a no-break or zero-width space, in fullwidth
digits. The text is normalised first (`normaliser`); then the digits are read in groups, and
eleven digits made of whole neighbouring groups are a candidate. A candidate is refused only
if both mod-11 control digits match and its first six digits are a real date once the D/H/
synthetic offsets are taken off, so phone numbers, organisasjonsnummer, dates, years and
paragraph numbers stay accepted: a random run of eleven digits passes both checks about once
in 121, and a real date rules out most of those too."""

import html
import re
import unicodedata
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

V1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
V2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
LENGD = 11
# What may stand between two groups of digits of one number: blanks (after normalising), and
# at most one of the marks people write between the parts of a number.
MELLOMROM = re.compile(r" *[-.+/,]? *")
SIFFERGRUPPE = re.compile(r"\d+")
# D-number: day + 40. H-number: month + 40 (and NAV's synthetic numbers); Skatteetaten's
# synthetic (Tenor) numbers: month + 80. A D-number can be synthetic too.
DAG_TILLEGG = (0, 40)
MANAD_TILLEGG = (0, 40, 80)


def _tegn(c):
    """One character of the normalised text: any decimal digit as 0-9, any blank as a space,
    any dash as «-», invisible format characters (zero-width space, soft hyphen …) as nothing."""
    if c.isdecimal():
        return str(unicodedata.decimal(c))
    if c.isspace():
        return " "
    kategori = unicodedata.category(c)
    if kategori == "Cf":
        return ""
    if kategori == "Pd" or c == "\u2212":  # dashes, and the minus sign
        return "-"
    return c


# Markup a markdown text may put inside a number, which the rendered page does not show:
# HTML tags and the marks of emphasis, code and escapes («**150190**00181»).
MARKERING = re.compile(r"<[^<>]{0,200}>|[*_~`\\]")


def normaliser(tekst):
    """The text as the guard reads it: HTML entities resolved (a markdown text can write
    «&nbsp;»), compatibility forms folded (NFKC: fullwidth digits and marks), markup dropped,
    every digit form, blank and dash written one way, invisible characters dropped, runs of
    blanks as one."""
    tekst = MARKERING.sub("", unicodedata.normalize("NFKC", html.unescape(tekst or "")))
    return re.sub(" {2,}", " ", "".join(_tegn(c) for c in tekst))


def _kontroll(sifre, vekter):
    rest = 11 - sum(s * v for s, v in zip(sifre, vekter, strict=False)) % 11
    return 0 if rest == 11 else rest


def _er_dato(dag, manad, ar):
    # The century is unknown: 2000 + yy has the leap years of every century but 1900, and
    # 29 February is accepted for 00 as well — refusing one harmless number more is safe.
    for d in DAG_TILLEGG:
        for m in MANAD_TILLEGG:
            try:
                date(2000 + ar, manad - m, dag - d)
            except ValueError:
                continue
            return True
    return False


def er_fodselsnummer(nummer):
    """Eleven digits whose control digits match and whose first six are a date (D-, H- and
    synthetic numbers included)."""
    if len(nummer) != LENGD or not nummer.isascii() or not nummer.isdigit():
        return False
    sifre = [int(c) for c in nummer]
    if _kontroll(sifre[:9], V1) != sifre[9] or _kontroll(sifre[:10], V2) != sifre[10]:
        return False
    return _er_dato(int(nummer[:2]), int(nummer[2:4]), int(nummer[4:6]))


def _kjeder(tekst):
    """The runs of digit groups that may be one number: [[group, …], …], neighbouring groups
    joined only by what MELLOMROM allows."""
    kjede, slutt = [], None
    for treff in SIFFERGRUPPE.finditer(tekst):
        if kjede and not MELLOMROM.fullmatch(tekst, slutt, treff.start()):
            yield kjede
            kjede = []
        kjede.append(treff.group())
        slutt = treff.end()
    if kjede:
        yield kjede


def kandidater(tekst):
    """Every eleven digits of the normalised text made of whole neighbouring groups."""
    for kjede in _kjeder(normaliser(tekst)):
        for start in range(len(kjede)):
            sifre = ""
            for gruppe in kjede[start:]:
                sifre += gruppe
                if len(sifre) >= LENGD:
                    break
            if len(sifre) == LENGD:
                yield sifre


def inneholder_fodselsnummer(tekst):
    return any(er_fodselsnummer(k) for k in kandidater(tekst))


def avvis_fodselsnummer(tekst):
    """The one guard: a validator for every free text a reader or an editor writes."""
    if isinstance(tekst, str) and inneholder_fodselsnummer(tekst):
        raise ValidationError(
            _(
                "Teksten ser ut til å inneholde et fødselsnummer. Ta det bort: her skal det aldri stå "
                "opplysninger som kan identifisere et barn."
            ),
            code="fodselsnummer",
        )
