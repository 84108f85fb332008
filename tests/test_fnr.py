"""The one fødselsnummer guard (bupkart.fnr): every way people write the eleven digits is
refused, the numbers a care pathway is full of are not, and every free text a reader or an
editor writes goes through it (issue 11, point 1)."""

import unicodedata

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from hypothesis import given
from hypothesis import strategies as st

from bupkart.fnr import avvis_fodselsnummer, er_fodselsnummer, inneholder_fodselsnummer, normaliser

FNR = "15019000181"  # 15.01.1990
GYLDIGE = {
    "fodselsnummer": FNR,
    "skuddar": "29020410181",  # 29.02.2004
    "etter-2000": "24061210071",
    "d-nummer": "55019010057",  # day + 40
    "h-nummer": "15419010046",  # month + 40
    "syntetisk": "15819010029",  # month + 80 (Tenor)
    "syntetisk-d-nummer": "55819010012",
}
FULLBREI = str.maketrans("0123456789", "０１２３４５６７８９")
FET = str.maketrans("0123456789", "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗")  # mathematical bold digits
ZWJ = "\u200d"

SKRIVEMATAR = {
    "samla": lambda n: n,
    "mellomrom": lambda n: f"{n[:6]} {n[6:]}",
    "bindestrek": lambda n: f"{n[:6]}-{n[6:]}",
    "punktum": lambda n: f"{n[:6]}.{n[6:]}",
    "dato-med-punktum": lambda n: f"{n[:2]}.{n[2:4]}.{n[4:6]} {n[6:]}",
    "dato-med-mellomrom": lambda n: f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:]}",
    "dato-med-skraastrek": lambda n: f"{n[:2]}/{n[2:4]}/{n[4:6]} {n[6:]}",
    "dato-med-bindestrek": lambda n: f"{n[:2]}-{n[2:4]}-{n[4:6]}-{n[6:]}",
    "dato-punktum-bindestrek": lambda n: f"{n[:2]}.{n[2:4]}.{n[4:6]}-{n[6:]}",
    "pluss": lambda n: f"{n[:6]}+{n[6:]}",
    "skraastrek": lambda n: f"{n[:6]}/{n[6:]}",
    "komma": lambda n: f"{n[:6]},{n[6:]}",
    "to-mellomrom": lambda n: f"{n[:6]}  {n[6:]}",
    "linjeskift": lambda n: f"{n[:6]}\n{n[6:]}",
    "crlf": lambda n: f"{n[:6]}\r\n{n[6:]}",
    "tabulator": lambda n: f"{n[:6]}\t{n[6:]}",
    "hardt-mellomrom": lambda n: f"{n[:6]}\xa0{n[6:]}",
    "smalt-hardt-mellomrom": lambda n: f"{n[:6]}\u202f{n[6:]}",
    "tynt-mellomrom": lambda n: f"{n[:6]}\u2009{n[6:]}",
    "ideografisk-mellomrom": lambda n: f"{n[:6]}\u3000{n[6:]}",
    "nullbreidd-mellomrom": lambda n: f"{n[:6]}\u200b{n[6:]}",
    "mjuk-bindestrek": lambda n: f"{n[:6]}\u00ad{n[6:]}",
    "bom": lambda n: f"{n[:6]}\ufeff{n[6:]}",
    "nullbreidd-mellom-alle": lambda n: ZWJ.join(n),
    "tankestrek": lambda n: f"{n[:6]}–{n[6:]}",
    "hard-bindestrek": lambda n: f"{n[:6]}\u2011{n[6:]}",
    "minusteikn": lambda n: f"{n[:6]}\u2212{n[6:]}",
    "strek-med-mellomrom": lambda n: f"{n[:6]} - {n[6:]}",
    "punktum-med-mellomrom": lambda n: f"{n[:6]} . {n[6:]}",
    "fullbreie-siffer": lambda n: n.translate(FULLBREI),
    "fullbreie-med-strek": lambda n: f"{n[:6].translate(FULLBREI)}－{n[6:].translate(FULLBREI)}",
    "feite-siffer": lambda n: n.translate(FET),
    "tretal": lambda n: f"{n[:3]} {n[3:6]} {n[6:9]} {n[9:]}",
    "tretal-med-punktum": lambda n: f"{n[:3]}.{n[3:6]}.{n[6:9]}.{n[9:]}",
    "fire-fire-tre": lambda n: f"{n[:4]} {n[4:8]} {n[8:]}",
    "par": lambda n: f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:8]} {n[8:]}",
    "html-entitet": lambda n: f"{n[:6]}&nbsp;{n[6:]}",
    "i-setning": lambda n: f"Gjeld barnet med fnr. {n[:6]} {n[6:]}, sjå journal.",
    "i-parentes": lambda n: f"Barnet (f. {n[:6]}-{n[6:]}) har vore her.",
    "etter-kolon": lambda n: f"fnr:{n}",
    "i-adresse": lambda n: f"/kommune/{n}/",
    "etter-telefonnummer": lambda n: f"Tlf 22 33 44 55, fnr {n[:6]} {n[6:]}",
    "etter-kommunenummer": lambda n: f"1506, {n[:6]} {n[6:]}",
    "til-slutt-i-setning": lambda n: f"Nummeret er {n}.",
    # Markdown and HTML markup inside the number: the page shows the eleven digits together.
    "markdown-feit-del": lambda n: f"**{n[:6]}**{n[6:]}",
    "markdown-kursiv-del": lambda n: f"_{n[:6]}_ {n[6:]}",
    "markdown-kode": lambda n: f"`{n[:6]}`-`{n[6:]}`",
    "markdown-gjennomstreka": lambda n: f"~~{n[:6]}~~{n[6:]}",
    "markdown-escape": lambda n: f"{n[:6]}\\-{n[6:]}",
    "html-merke": lambda n: f"{n[:6]}<strong>{n[6:]}</strong>",
    "html-linjeskift": lambda n: f"{n[:6]}<br>{n[6:]}",
}
ANDRE_FORMER = [
    "samla",
    "bindestrek",
    "dato-med-punktum",
    "nullbreidd-mellomrom",
    "fullbreie-siffer",
    "tretal",
]

UFARLEGE = [
    "Ring 116 111",
    "Legevakt 116 117",
    "Ring 113 ved fare for liv",
    "BUP: 71 12 00 00",
    "+47 22 33 44 55",
    "0047 22 33 44 55",
    "Ring 22 33 44 55 / 71 12 00 00",
    "Org.nr. 974 749 025",
    "NO 974 749 025 MVA",
    "974749025",
    "Fødd 15.01.1990",
    "15.01.90",
    "Gjeld 1.1.2026–31.12.2026",
    "Kommunenummer 1506",
    "Kommunane 1106, 1149, 1506 og 1507",
    "§ 2-3",
    "Opplæringslova § 5-4 og § 9 A-2",
    "2024–2026",
    "10-12 år",
    "0–3 år",
    "kl. 08.00–15.30",
    "6413 Molde",
    "ICD-10 F41.1",
    "12345678901",
    "15019000182",  # the control digits do not match
    "ISBN 978-82-15-03456-7",
    "Versjon 2.3.1 frå 2025",
    "Barn 6–12 år og 13–18 år",
    "https://lovdata.no/dokument/NL/lov/1999-07-02-61",
    "Ring 55 97 60 00 eller 116 117",
]


@pytest.mark.parametrize("skrivemate", SKRIVEMATAR.values(), ids=SKRIVEMATAR.keys())
def test_every_way_of_writing_a_fodselsnummer_is_refused(skrivemate):
    with pytest.raises(ValidationError):
        avvis_fodselsnummer(skrivemate(FNR))


@pytest.mark.parametrize("slag", GYLDIGE, ids=GYLDIGE.keys())
@pytest.mark.parametrize("form", ANDRE_FORMER)
def test_d_h_and_synthetic_numbers_are_refused_too(slag, form):
    assert er_fodselsnummer(GYLDIGE[slag])
    assert inneholder_fodselsnummer(SKRIVEMATAR[form](GYLDIGE[slag]))


@pytest.mark.parametrize("tekst", UFARLEGE)
def test_the_numbers_a_pathway_is_full_of_are_accepted(tekst):
    avvis_fodselsnummer(tekst)


def test_a_false_positive_needs_both_control_digits_and_a_date():
    # 32.01.90: the control digits of these eleven digits match, the date does not.
    sifre = [int(c) for c in "320190001"]
    k1 = (11 - sum(s * v for s, v in zip(sifre, (3, 7, 6, 1, 8, 9, 4, 5, 2), strict=True)) % 11) % 11
    sifre.append(k1)
    k2 = (11 - sum(s * v for s, v in zip(sifre, (5, 4, 3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11) % 11
    nummer = "320190001" + str(k1) + str(k2)
    assert k1 < 10 and k2 < 10 and not er_fodselsnummer(nummer)
    assert not er_fodselsnummer(FNR[:10] + str((int(FNR[10]) + 1) % 10))


# --- properties of the normaliser --------------------------------------------------------------
SKILJETEIKN = st.sampled_from(
    [" ", "  ", "\xa0", "\u202f", "\t", "\n", "\u200b", "\u2060", "-", "–", ".", "/", "+", ","]
)
SIFFER_FORMER = st.sampled_from(
    [str.maketrans("", ""), FULLBREI, FET, str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")]
)


@given(
    nummer=st.sampled_from(sorted(GYLDIGE.values())),
    kutt=st.lists(st.integers(min_value=1, max_value=10), max_size=4, unique=True),
    skilje=st.lists(SKILJETEIKN, min_size=4, max_size=4),
    form=SIFFER_FORMER,
    for_=st.sampled_from(["", "fnr ", "Barnet ", "1506 "]),
    etter=st.sampled_from(["", ".", " har time", ")"]),
)
def test_a_number_split_anywhere_with_any_separator_and_digit_form_is_refused(
    nummer, kutt, skilje, form, for_, etter
):
    deler, start = [], 0
    for i, k in enumerate(sorted(kutt)):
        deler.append(nummer[start:k].translate(form) + skilje[i])
        start = k
    deler.append(nummer[start:].translate(form))
    assert inneholder_fodselsnummer(for_ + "".join(deler) + etter)


@given(st.text())
def test_the_normalised_text_has_one_form_of_digit_and_blank_and_no_invisible_characters(tekst):
    ut = normaliser(tekst)
    assert all(c in "0123456789" for c in ut if c.isdecimal())
    assert all(c == " " for c in ut if c.isspace())
    assert "  " not in ut
    assert not any(unicodedata.category(c) == "Cf" for c in ut)


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="&")))
def test_normalising_twice_changes_nothing_for_the_guard(tekst):
    assert inneholder_fodselsnummer(normaliser(tekst)) == inneholder_fodselsnummer(tekst)


@given(st.text(alphabet=st.characters(categories=["Nd"]), min_size=1, max_size=30), SKILJETEIKN)
def test_the_digits_are_kept_in_order(sifre, skilje):
    ventet = "".join(str(unicodedata.decimal(c)) for c in sifre)
    assert "".join(c for c in normaliser(skilje.join(sifre)) if c.isdigit()) == ventet


@given(st.text(), st.text(alphabet="\u200b\u200c\u200d\u2060\ufeff\u00ad", max_size=5), st.integers(0, 40))
def test_invisible_characters_anywhere_do_not_change_the_answer(tekst, usynleg, plass):
    tekst = tekst.replace("&", "")
    med = tekst[:plass] + usynleg + tekst[plass:]
    assert inneholder_fodselsnummer(med) == inneholder_fodselsnummer(tekst)


# --- every free text carries the guard -----------------------------------------------------------
# Rows derived from others (the search index, the cache versions) are written by code only.
AVLEIDDE = {"sok.Dokument", "sok.Ord", "bupkart.Omfangsversjon"}
APPAR = {"bupkart", "tjenester", "forlop", "redaksjon", "sok", "tilbakemelding", "utveksling"}
APPAR |= {"oving", "tal", "innforing", "api", "innebygg"}


def test_every_text_field_of_the_content_carries_the_guard():
    """A new text field that forgets the guard fails here."""
    utan = [
        f"{m._meta.label}.{f.name}"
        for m in apps.get_models()
        if m._meta.app_label in APPAR and m._meta.label not in AVLEIDDE
        for f in m._meta.get_fields()
        if isinstance(f, models.CharField | models.TextField)
        and f.editable
        and not f.choices
        and avvis_fodselsnummer not in f.validators
    ]
    assert utan == []
