"""Embeds for kommune web sites: framable by the kommune's own sites only, everything else as
before (frame-ancestors 'none', X-Frame-Options); addresses validated; the admin scoped."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client

from innebygg.models import Nettsted, opphav
from tjenester.models import Kommune

pytestmark = pytest.mark.django_db

SIDER = ["/innebygg/1106/akutt/", "/innebygg/1106/forlop/angst/", "/innebygg/1106/familie/angst/"]


def rammer(svar):
    csp = dict(d.strip().split(" ", 1) for d in svar["Content-Security-Policy"].split(";") if d.strip())
    return csp["frame-ancestors"]


@pytest.fixture
def haugesund():
    return Kommune.objects.get(nummer="1106")


@pytest.mark.parametrize("sti", SIDER)
def test_bare_kommunens_egne_nettsteder_kan_vise_siden(sti, haugesund):
    klient = Client()
    uten = klient.get(sti)
    assert uten.status_code == 200 and rammer(uten) == "'none'"
    Nettsted.objects.create(kommune=haugesund, adresse="https://www.haugesund.kommune.no/")
    Nettsted.objects.create(
        kommune=Kommune.objects.get(nummer="1506"), adresse="https://www.molde.kommune.no"
    )
    svar = klient.get(sti)
    assert rammer(svar) == "https://www.haugesund.kommune.no"
    assert "X-Frame-Options" not in svar
    # Light: no site header, menu or footer, and a way back to the full page in the whole window.
    html = svar.content.decode()
    assert 'class="topp"' not in html and 'class="bunn"' not in html
    assert '<base target="_top">' in html and "Se hele siden" in html
    assert not svar.cookies


def test_andre_sider_kan_aldri_rammes_inn(haugesund):
    Nettsted.objects.create(kommune=haugesund, adresse="https://www.haugesund.kommune.no")
    for sti in ("/forlop/angst/?kommune=1106", "/kommune/1106/?kommune=1106", "/api/v1/"):
        svar = Client().get(sti)
        assert rammer(svar) == "'none'" and svar["X-Frame-Options"] == "DENY"


def test_ukjent_kommune_og_forlop_gir_404():
    klient = Client()
    assert klient.get("/innebygg/4699/akutt/").status_code == 404
    assert klient.get("/innebygg/1106/forlop/finnes-ikke/").status_code == 404
    assert klient.get("/innebygg/abcd/akutt/").status_code == 404


def test_kommunens_kontekst_og_malform():
    """Molde's embed speaks its helsefellesskap's målform and shows Molde's BUP akutt number,
    whatever kommune the reader's own cookie names."""
    molde = Kommune.objects.select_related("helsefellesskap").get(nummer="1506")
    klient = Client()
    klient.cookies["bupkart_kommune"] = "1106"
    html = klient.get("/innebygg/1506/akutt/").content.decode()
    assert f'lang="{molde.helsefellesskap.malform}"' in html
    assert molde.helsefellesskap.bup_akutt_telefon in html


@pytest.mark.parametrize(
    ("adresse", "ventet"),
    [
        ("https://www.kommune.no", "https://www.kommune.no"),
        ("https://www.kommune.no/", "https://www.kommune.no"),
        ("https://WWW.Kommune.no:8443", "https://www.kommune.no:8443"),
        ("http://127.0.0.1:8123", "http://127.0.0.1:8123"),
    ],
)
def test_gyldige_adresser(adresse, ventet):
    assert opphav(adresse) == ventet


@pytest.mark.parametrize(
    "adresse",
    [
        "http://www.kommune.no",
        "www.kommune.no",
        "https://www.kommune.no/barn",
        "https://x.no/?a=1",
        "javascript:alert(1)",
        "https://u:p@x.no",
        "https://x.no:99999",
        "",
        "https://*.no",
    ],
)
def test_ugyldige_adresser(adresse, haugesund):
    with pytest.raises(ValidationError):
        Nettsted(kommune=haugesund, adresse=adresse).full_clean()


def test_admin_viser_snutt_bare_for_egen_kommune(haugesund):
    bruker = get_user_model().objects.get(username="kontakt-haugesund")  # demo kommunekontakt
    egen = Nettsted.objects.create(kommune=haugesund, adresse="https://www.haugesund.kommune.no")
    annen = Nettsted.objects.create(kommune=Kommune.objects.get(nummer="1506"), adresse="https://molde.no")
    klient = Client()
    klient.force_login(bruker)
    side = klient.get(f"/admin/innebygg/nettsted/{egen.pk}/change/")
    assert side.status_code == 200
    assert "/innebygg/1106/akutt/" in side.content.decode() and "&lt;iframe" in side.content.decode()
    assert klient.get(f"/admin/innebygg/nettsted/{annen.pk}/change/").status_code in (302, 403)
    liste = klient.get("/admin/innebygg/nettsted/").content.decode()
    assert "haugesund.kommune.no" in liste and "molde.no" not in liste
    # Adding a site to another kommune is refused on the server, whatever the form offered.
    klient.post("/admin/innebygg/nettsted/add/", {"kommune": annen.kommune_id, "adresse": "https://ond.no"})
    assert not Nettsted.objects.filter(adresse="https://ond.no").exists()
