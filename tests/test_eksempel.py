"""Invented demo details (local offers, contacts, variant texts with local facts) carry an
«Eksempel» / «Døme» mark where readers see them; real switchboards and national numbers do not."""

import re

import pytest

from forlop.models import Tekst
from tjenester.models import Kommune, LokaltTilbud, Niva
from utveksling.bundle import eksporter, oppgrader

from . import bygg

pytestmark = pytest.mark.django_db
MERKE = 'class="ds-tag eksempel"'


def side(client, url, kommune, malform="nb"):
    response = client.get(url, {"kommune": kommune, "malform": malform})
    assert response.status_code == 200
    return response.content.decode()


def test_the_fixture_flags_every_invented_demo_row():
    assert LokaltTilbud.objects.exists()
    assert not LokaltTilbud.objects.filter(er_eksempel=False).exists()
    assert set(Kommune.objects.filter(kontakt_er_eksempel=True).values_list("nummer", flat=True)) == {
        "1106",
        "4614",
        "1103",
        "1108",
        "1506",
        "1508",
    }
    varianter = Tekst.objects.exclude(helsefellesskap=None, kommune=None)
    assert varianter.exists() and not varianter.filter(er_eksempel=False).exists()
    assert not Tekst.objects.filter(helsefellesskap=None, kommune=None, er_eksempel=True).exists()


def test_the_map_marks_each_invented_offer_and_the_contact_but_not_the_akutt_numbers(client):
    html = side(client, "/kommune/1106/", "1106")
    kommune = Kommune.objects.get(nummer="1106")
    assert html.count(MERKE) == kommune.tilbud.count() + 1
    kontakt = html.split('id="kontakt-overskrift"', 1)[1].split("</section>", 1)[0]
    assert MERKE in kontakt and "rollen er oppdiktet for demoen" in kontakt
    for tilbud in re.findall(r'<li class="tilbud ds-card">.*?</li>', html, re.S):
        assert MERKE in tilbud
        assert "tilbudet er laget for demoen; telefonnumrene i det er ekte" in tilbud
    akutt = html.split('<aside class="akutt"', 1)[1].split("</aside>", 1)[0]
    assert MERKE not in akutt and 'href="tel:52739000"' in akutt


def test_an_offer_an_editor_entered_is_not_marked(client):
    kommune = Kommune.objects.get(nummer="1151")
    LokaltTilbud.objects.create(
        kommune=kommune,
        tjeneste=bygg.tjeneste(),
        niva=Niva.objects.first(),
        navn="Ekte tilbud",
        tilbyr="Ekte.",
    )
    html = side(client, "/kommune/1151/", "1151")
    assert "Ekte tilbud" in html and MERKE not in html


def test_the_forlop_page_marks_the_variant_with_invented_facts_only(client):
    html = side(client, "/forlop/angst/", "1106", malform="nn")
    blokk = html.split('id="psykisk-helse-kommune-tiltak"', 1)[1].split("</section>", 1)[0]
    assert "lågterskelteamet" in blokk.lower()
    assert MERKE in blokk and ">Døme<" in blokk
    assert (
        html.count(MERKE)
        == Tekst.objects.filter(forlop__slug="angst", er_eksempel=True, kommune__nummer="1106").count()
        + Tekst.objects.filter(
            forlop__slug="angst",
            er_eksempel=True,
            helsefellesskap__slug="helse-fonna",
            tjeneste__isnull=False,
        ).count()
    )
    assert MERKE not in side(client, "/forlop/angst/", "0301")


def test_the_family_page_marks_the_invented_first_contact(client):
    html = side(client, "/familie/angst/", "1506")
    forst = html.split('id="forste-kontakt"', 1)[1].split("</section>", 1)[0]
    assert MERKE in forst
    assert forst.count(MERKE) == Kommune.objects.get(nummer="1506").tilbud.filter(forste_kontakt=True).count()


def test_bundles_carry_the_marks_the_official_names_and_tatt_i_bruk():
    data = eksporter()
    assert data["skjemaversjon"] == 3
    tekster = {t["nokkel"]: t["er_eksempel"] for t in data["tekster"]}
    assert tekster["angst/psykisk-helse-kommune/tiltak/kommune:1106/nn"] is True
    assert tekster["angst/psykisk-helse-kommune/tiltak/felles/nn"] is False
    hf = {h["slug"]: h for h in data["helsefellesskap"]}
    assert hf["helse-fonna"]["tatt_i_bruk"] == "2021-09-01" and hf["unn"]["tatt_i_bruk"] is None
    kommuner = {k["nummer"]: k for h in data["helsefellesskap"] for k in h["kommuner"]}
    assert kommuner["5612"]["offisielt_navn"] == "Guovdageaidnu - Kautokeino"
    assert kommuner["1106"]["kontakt_er_eksempel"] is True
    assert all(t["er_eksempel"] for t in kommuner["1106"]["lokale_tilbud"])


def test_an_older_bundle_reads_as_unmarked():
    data = eksporter("helse-fonna")
    data["skjemaversjon"] = 2
    for t in data["tekster"]:
        del t["er_eksempel"]
    for h in data["helsefellesskap"]:
        del h["tatt_i_bruk"]
        for k in h["kommuner"]:
            del k["offisielt_navn"], k["kontakt_er_eksempel"]
            for t in k["lokale_tilbud"]:
                del t["er_eksempel"]
    oppgrader(data)
    assert data["skjemaversjon"] == 3
    assert not any(t["er_eksempel"] for t in data["tekster"])
    kommune = data["helsefellesskap"][0]["kommuner"][0]
    assert (kommune["offisielt_navn"], kommune["kontakt_er_eksempel"]) == ("", False)
    assert data["helsefellesskap"][0]["tatt_i_bruk"] is None
