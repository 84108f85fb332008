"""The read API: resolved texts, drafts never shown, conditional answers, CORS, the rate limit."""

import pytest
from django.test import Client, override_settings

from forlop.models import Tekstdel
from redaksjon.services import lagre_utkast
from tjenester.models import Kommune

from . import bygg

pytestmark = pytest.mark.django_db


@pytest.fixture
def klient():
    return Client()


def seksjon(data, tjeneste, tekstdel):
    tj = next(t for t in data["tjenester"] if t["slug"] == tjeneste)
    return next(s for s in tj["seksjoner"] if s["tekstdel"] == tekstdel)


def test_forlop_liste_og_ett(klient):
    liste = klient.get("/api/v1/forlop").json()
    assert "angst" in {f["slug"] for f in liste}
    svar = klient.get("/api/v1/forlop/angst")
    assert svar.status_code == 200
    data = svar.json()
    assert data["slug"] == "angst" and data["malform"] == "nb" and data["kommune"] is None
    s = data["tjenester"][0]["seksjoner"][0]
    assert s["omfang"] == "felles" and s["html"] and s["publisert"]
    assert s["lenke"] == f"/forlop/angst/versjon/{s['versjon_id']}/"


def test_kommunevariant_vinner_for_kommunen(klient):
    kommune = Kommune.objects.select_related("helsefellesskap").get(nummer="1106")
    bygg.tekst(
        bygg.slot().forlop,
        bygg.slot().tjeneste,
        Tekstdel.HENVISNING,
        "Ring **Haugesund-kontoret**.",
        malform=kommune.helsefellesskap.malform,
        kommune=kommune,
    )
    lokal = seksjon(klient.get("/api/v1/forlop/angst?kommune=1106").json(), "bup", "henvisning")
    assert lokal["omfang"] == "kommune" and "Haugesund-kontoret" in lokal["html"]
    assert lokal["omfang_navn"] == kommune.navn
    felles = seksjon(klient.get("/api/v1/forlop/angst").json(), "bup", "henvisning")
    assert felles["omfang"] != "kommune" and "Haugesund-kontoret" not in felles["html"]


def test_utkast_vises_aldri(klient):
    """A draft of the felles text and an unpublished forløp stay out of every answer."""
    slot = bygg.slot(malform="nb")
    lagre_utkast(slot, "HEMMELIG UTKAST", av=None, forrige=slot.siste_versjon())
    skjult = bygg.forlop(publisert=False)
    for sti in (
        "/api/v1/forlop",
        "/api/v1/forlop/angst",
        "/api/v1/forlop/angst?kommune=1106&malform=nn",
        "/api/v1/endringer?siden=2000-01-01",
    ):
        svar = klient.get(sti)
        assert svar.status_code == 200
        assert b"HEMMELIG UTKAST" not in svar.content and skjult.slug.encode() not in svar.content
    assert klient.get(f"/api/v1/forlop/{skjult.slug}").status_code == 404


def test_304_og_ny_etag_etter_publisering(klient):
    forste = klient.get("/api/v1/forlop/angst?kommune=1106")
    etag, sist = forste["ETag"], forste["Last-Modified"]
    assert "public" in forste["Cache-Control"] and "max-age" in forste["Cache-Control"]
    assert klient.get("/api/v1/forlop/angst?kommune=1106", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert klient.get("/api/v1/forlop/angst?kommune=1106", HTTP_IF_MODIFIED_SINCE=sist).status_code == 304
    slot = bygg.slot(malform="nb")
    bygg.tekst(slot.forlop, slot.tjeneste, slot.tekstdel, "Ny felles tekst.", malform="nb")
    etter = klient.get("/api/v1/forlop/angst?kommune=1106", HTTP_IF_NONE_MATCH=etag)
    assert etter.status_code == 200 and etter["ETag"] != etag


def test_kommunens_endring_rorer_ikke_andre_kommuner(klient):
    etag = klient.get("/api/v1/forlop/angst?kommune=1506")["ETag"]
    kommune = Kommune.objects.get(nummer="1106")
    kommune.kontakt_telefon = "12 34 56 78"
    kommune.save()
    assert klient.get("/api/v1/forlop/angst?kommune=1506", HTTP_IF_NONE_MATCH=etag).status_code == 304
    kart = klient.get("/api/v1/kommuner/1106/kart").json()
    assert kart["kontakt"]["telefon"] == "12 34 56 78"


def test_cors_og_ingen_cookie(klient):
    svar = klient.get("/api/v1/forlop/angst?kommune=1106&malform=nn", HTTP_ORIGIN="https://example.org")
    assert svar["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in svar["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in svar
    assert not svar.cookies
    forhand = klient.options("/api/v1/forlop", HTTP_ORIGIN="https://example.org")
    assert forhand.status_code == 204 and "GET" in forhand["Access-Control-Allow-Methods"]
    assert klient.post("/api/v1/forlop").status_code == 405


@pytest.mark.parametrize("sti", ["/api/v1/forlop", "/api/v1/forlop/angst?kommune=1106", "/api/v1/kommuner"])
def test_head_svarar_som_get_utan_kropp(klient, sti):
    get = klient.get(sti)
    head = klient.head(sti)
    assert head.status_code == 200
    assert head["ETag"] == get["ETag"] and head["Content-Type"] == get["Content-Type"]
    assert head.content == b""
    assert klient.head(sti, HTTP_IF_NONE_MATCH=get["ETag"]).status_code == 304


@pytest.mark.parametrize(
    ("sti", "status"),
    [
        ("/api/v1/forlop/angst?kommune=9999", 400),
        ("/api/v1/forlop/angst?kommune=4699", 404),
        ("/api/v1/kommuner/0399/kart", 404),
        ("/api/v1/endringer?siden=igaar", 400),
        ("/api/v1/forlop?malform=se", 400),
        ("/api/v1/endringer", 400),
        ("/api/v1/forlop/finnes-ikke", 404),
        ("/api/v1/forlop/a%00b", 400),
    ],
)
def test_feil_er_tydelige(klient, sti, status):
    svar = klient.get(sti)
    assert svar.status_code == status
    assert svar.json()["detail"]


@override_settings(BUPKART_API_GRENSE="3/m")
def test_grense_per_adresse(klient):
    for _ in range(3):
        assert klient.get("/api/v1/tjenester", REMOTE_ADDR="10.0.0.1").status_code == 200
    stoppet = klient.get("/api/v1/tjenester", REMOTE_ADDR="10.0.0.1")
    assert stoppet.status_code == 429 and stoppet["Retry-After"]
    assert klient.get("/api/v1/tjenester", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_kommuner_kart_endringer(klient):
    kommuner = klient.get("/api/v1/kommuner").json()
    assert {"nummer", "navn", "helsefellesskap"} <= kommuner[0].keys()
    kart = klient.get("/api/v1/kommuner/1106/kart").json()
    assert kart["kommune"]["nummer"] == "1106" and kart["nivaer"]
    endringer = klient.get("/api/v1/endringer?siden=2000-01-01").json()
    assert all(e["tid"] >= "2000-01-01" for e in endringer)
    assert klient.get("/api/v1/endringer?siden=2999-01-01").json() == []


def test_skjema_og_dokumentasjon(klient):
    skjema = klient.get("/api/v1/openapi.json").json()
    assert skjema["openapi"].startswith("3.") and "/api/v1/forlop/{slug}" in skjema["paths"]
    side = klient.get("/api/v1/")
    assert side.status_code == 200 and b"/api/v1/forlop/{slug}" in side.content
    assert b"cdn" not in side.content.lower()
