"""What happens if BUP says no: the family section every forløp shows, kept once per målform,
and held to LIX 40 by sjekk_innhold like every family text."""

import re

import pytest

from utveksling import innhold

from . import bygg

pytestmark = pytest.mark.django_db


def tekst_av(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("slug", bygg.DEMO_FORLOP)
@pytest.mark.parametrize(
    ("kommune", "sporsmal"), [("1103", "Hva om BUP sier nei?"), ("1506", "Kva om BUP seier nei?")]
)
def test_every_family_page_says_what_happens_after_a_no(client, slug, kommune, sporsmal):
    html = client.get(f"/familie/{slug}/", {"kommune": kommune}).content.decode()
    assert 'id="etter-nei"' in html
    tekst = tekst_av(html)
    assert sporsmal in tekst
    for ord_ in (
        "Statsforvalt",
        "brukerombudet" if kommune == "1103" else "brukarombodet",
        "Helfo",
        "116 111",
        "Kors på halsen",
    ):
        assert ord_ in tekst


def test_the_family_templates_are_held_to_lix_40(monkeypatch):
    assert innhold.sjekk_maler().feil == []
    monkeypatch.setattr(
        innhold,
        "maltekst",
        lambda navn: "Barneverntenesteundersøkingsprosedyrar spesialisthelsetenesta. " * 5,
    )
    assert innhold.sjekk_maler(["forlop/etter_nei_nn.html"]).feil == [
        "templates/forlop/etter_nei_nn.html: LIX 102.0 er over 40"
    ]
    assert innhold.sjekk_alt().feil  # the command reports it too


def test_template_text_is_read_as_the_reader_sees_it():
    tekst = innhold.maltekst("forlop/etter_nei_nb.html")
    assert "{" not in tekst and "<" not in tekst
    assert "ringe Helfo på 23 32 70 03." in tekst


def test_the_template_texts_are_read_for_the_facts_too(monkeypatch):
    monkeypatch.setattr(
        innhold, "maltekst", lambda navn: "Barnet skal høres fra 7 år.\nOm nokon slår, ring 113."
    )
    assert innhold.sjekk_maler(["tjenester/akutt/fagfolk_nn.html"]).feil == [
        "templates/tjenester/akutt/fagfolk_nn.html: 113 ved fare fra en person; det er politiet på 112",
        "templates/tjenester/akutt/fagfolk_nn.html: «Barnet skal høres fra 7 år» uten de yngre barna som kan si sin mening",
    ]
