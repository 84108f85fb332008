"""The public pages of the URL contract, on the demo content."""

import re

import pytest
from django.conf import settings

from forlop.models import SEKSJONER, Forlop
from tjenester.models import Niva

from . import bygg

pytestmark = pytest.mark.django_db
DEMO_FORLOP = bygg.DEMO_FORLOP


def test_demo_has_all_seven_forlop():
    assert set(Forlop.objects.published().values_list("slug", flat=True)) >= set(DEMO_FORLOP)


def test_start_page(client):
    html = client.get("/").content.decode()
    for slug in DEMO_FORLOP:
        assert f'href="/forlop/{slug}/"' in html
        assert f'href="/familie/{slug}/"' in html
    assert 'class="velg-kommune"' in html
    assert "Demoinnhold" in html


@pytest.mark.parametrize("slug", DEMO_FORLOP)
def test_forlop_page_in_pyramid_and_seksjon_order(client, slug):
    response = client.get(f"/forlop/{slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    nivaer = list(Niva.objects.values_list("slug", flat=True))
    viste = [n for n in re.findall(r'<h2 id="niva-([a-z-]+)"', html)]
    assert viste == [n for n in nivaer if n in viste], "nivå must follow tiltakspyramiden"
    tjenester = re.findall(r'<section class="tjeneste" id="([a-z0-9-]+)"', html)
    assert len(tjenester) >= 8
    ventet = [s.value for s in SEKSJONER]
    for t in tjenester:
        ankre = re.findall(rf'<section class="seksjon" id="{t}-([a-z]+)"', html)
        assert ankre == ventet
    assert "Ingen tekst er publisert" not in html


def test_services_sorted_by_niva_then_order(client):
    html = client.get("/forlop/angst/").content.decode()
    rekkefolge = {
        p.tjeneste.slug: (p.niva.rekkefolge, p.rekkefolge)
        for p in Forlop.objects.get(slug="angst").plasseringer.select_related("tjeneste", "niva")
    }
    viste = re.findall(r'<section class="tjeneste" id="([a-z0-9-]+)"', html)
    assert viste == sorted(viste, key=rekkefolge.get)


def test_unknown_slugs_are_404(client):
    assert client.get("/forlop/finst-ikkje/").status_code == 404
    assert client.get("/tjenester/finst-ikkje/").status_code == 404


def test_kommune_is_remembered_in_a_cookie(client):
    response = client.get("/forlop/angst/?kommune=1506")
    assert response.cookies[settings.KOMMUNE_COOKIE].value == "1506"
    html = client.get("/forlop/autisme/").content.decode()
    assert "Molde" in html and "Helse Møre og Romsdal" in html
    client.get("/forlop/angst/?kommune=")
    assert "Du ser felles tekst" in client.get("/forlop/angst/").content.decode()


@pytest.mark.parametrize("verdi", ["9999", "0000", "abc", "12345", "<script>"])
def test_unknown_or_malformed_kommune_gives_a_message(client, verdi):
    response = client.get("/forlop/angst/", {"kommune": verdi})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "<script>" not in html
    assert settings.KOMMUNE_COOKIE not in response.cookies


def test_malform_follows_the_helsefellesskap_and_can_be_chosen(client):
    assert '<html lang="nn"' in client.get("/forlop/angst/?kommune=1506").content.decode()
    assert '<html lang="nb"' in client.get("/forlop/angst/?kommune=1103").content.decode()
    assert '<html lang="nb"' in client.get("/forlop/angst/?kommune=1506&malform=nb").content.decode()
    # The choice is remembered even with a nynorsk kommune.
    assert '<html lang="nb"' in client.get("/forlop/angst/").content.decode()


def test_molde_sees_the_helsefellesskap_variant(client):
    html = client.get("/forlop/angst/?kommune=1506").content.decode()
    assert "Lokal tilpassing for Helse Møre og Romsdal" in html
    assert "Du ser: <strong>Molde</strong> – Helse Møre og Romsdal" in html.replace("\n", " ")


def test_tjeneste_page_shows_every_forlop(client):
    html = client.get("/tjenester/fastlege/").content.decode()
    for slug in DEMO_FORLOP:
        assert f'href="/forlop/{slug}/#fastlege-rolle"' in html


def test_a_texts_anchor_is_the_same_in_the_feed_search_and_on_the_pages(client):
    import xml.etree.ElementTree as ET

    from forlop.models import Tekst, Tekstdel
    from forlop.resolution import Kontekst
    from redaksjon.services import lagre_utkast, publiser
    from sok.motor import sok

    tekst = Tekst.objects.get(
        forlop__slug="angst",
        tjeneste__slug="ppt",
        tekstdel=Tekstdel.TILTAK,
        helsefellesskap=None,
        kommune=None,
        malform="nb",
    )
    markdown = tekst.publisert.markdown + "\n\nQqankerord."
    publiser(lagre_utkast(tekst, markdown, None, tekst.siste_versjon()), None, "Ankertest.")

    rot = ET.fromstring(client.get("/endringer/feed/").content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    oppforing = next(
        e for e in rot.findall("a:entry", ns) if e.findtext("a:summary", namespaces=ns) == "Ankertest."
    )
    feed_lenke = oppforing.find("a:link", ns).get("href")
    sok_lenke = sok("qqankerord", Kontekst(malform="nb")).forste.lenke
    assert tekst.anker == "ppt-tiltak"
    assert feed_lenke.endswith("/forlop/angst/#ppt-tiltak") and sok_lenke == "/forlop/angst/#ppt-tiltak"
    assert 'id="ppt-tiltak"' in client.get("/forlop/angst/").content.decode()
    assert 'id="ppt-tiltak"' in client.get("/tjenester/ppt/forlop/angst/").content.decode()
    assert 'href="/forlop/angst/#ppt-tiltak"' in client.get("/tjenester/ppt/").content.decode()


def test_healthz(client):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")


def test_healthz_says_503_when_the_database_does_not_answer(client, monkeypatch):
    from django.db import OperationalError
    from django.db.backends.utils import CursorWrapper

    def nede(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", nede)
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (503, b"database unavailable")


def test_forlop_page_query_count_does_not_grow_with_services(client, django_assert_max_num_queries, settings):
    settings.BUPKART_SIDECACHE = False  # measure the view, not the page cache
    forlop = bygg.forlop()

    def legg_til(n):
        for _ in range(n):
            t = bygg.tjeneste()
            bygg.plasser(forlop, t)
            for s in SEKSJONER:
                bygg.tekst(forlop, t, s, f"Tekst for {s}", malform="nn")

    legg_til(4)
    client.get(f"/forlop/{forlop.slug}/?kommune=1506")  # sets the cookie; not counted
    with django_assert_max_num_queries(8) as small:
        client.get(f"/forlop/{forlop.slug}/")
    # Counted now: the next request resets the connection's query log that captured_queries reads.
    fa = len(small.captured_queries)
    legg_til(4)
    client.get(f"/forlop/{forlop.slug}/")  # warm: new content has a new version, the kommune is re-read once
    with django_assert_max_num_queries(8) as large:
        assert client.get(f"/forlop/{forlop.slug}/").content.decode().count('class="tjeneste"') == 8
    mange = len(large.captured_queries)
    assert mange == fa
