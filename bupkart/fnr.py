"""Fødselsnummer detection. bupkart never stores personal data about a child, so any free
text that contains an 11-digit number passing both mod-11 control digits is refused."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# 11 digits, optionally written 6+5 with a space or dot, not part of a longer number.
KANDIDAT = re.compile(r"(?<!\d)(\d{6})[ .]?(\d{5})(?!\d)")
V1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
V2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _kontroll(sifre, vekter):
    rest = 11 - sum(s * v for s, v in zip(sifre, vekter, strict=False)) % 11
    return 0 if rest == 11 else rest


def er_fodselsnummer(nummer):
    if len(nummer) != 11 or not nummer.isdigit():
        return False
    sifre = [int(c) for c in nummer]
    k1 = _kontroll(sifre[:9], V1)
    k2 = _kontroll(sifre[:10], V2)
    return k1 == sifre[9] and k2 == sifre[10]


def inneholder_fodselsnummer(tekst):
    return any(er_fodselsnummer(a + b) for a, b in KANDIDAT.findall(tekst or ""))


def avvis_fodselsnummer(tekst):
    if inneholder_fodselsnummer(tekst):
        raise ValidationError(
            _(
                "Teksten ser ut til å inneholde et fødselsnummer. Ta det bort: her skal det aldri stå "
                "opplysninger som kan identifisere et barn."
            ),
            code="fodselsnummer",
        )
