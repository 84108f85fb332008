"""The kommune map /kommune/<nr>/, the kommune picker (/kommune/sok/, with and without htmx),
«Del lenke», and the print views of a forløp and of one service in a forløp."""

import re

import pytest
from django.conf import settings

from forlop.models import Forlop
from tjenester.models import Kommune, LokaltTilbud, Niva

from . import bygg

pytestmark = pytest.mark.django_db
DEMO_KOMMUNAR = ["1106", "4614", "1103", "1108", "1506", "1508"]


def kart(client, nummer):
    # UI strings are asserted in bokmål; the nynorsk catalogue is the lead's.
    response = client.get(f"/kommune/{nummer}/", {"kommune": nummer, "malform": "nb"})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("nummer", DEMO_KOMMUNAR)
def test_map_shows_every_local_offer_on_its_niva_in_pyramid_order(client, nummer):
    html = kart(client, nummer)
    kommune = Kommune.objects.get(nummer=nummer)
    assert f"Kart over kommunen din: {kommune.navn}" in html
    nivaer = list(Niva.objects.values_list("slug", flat=True))
    assert re.findall(r'<h3 id="niva-([a-z-]+)"', html) == nivaer
    tilbud = list(kommune.tilbud.select_related("niva"))
    assert len(tilbud) >= 4
    for t in tilbud:
        seksjon = html.split(f'id="niva-{t.niva.slug}"', 1)[1].split("</section>", 1)[0]
        assert f">{t.navn}</h4>" in seksjon.replace("&#x27;", "'"), (t.navn, t.niva.slug)
        assert t.tilbyr in seksjon
        if t.telefon:
            assert f'href="tel:{t.telefon.replace(" ", "")}">{t.telefon}</a>' in seksjon
        if t.nettside:
            assert f'href="{t.nettside}"' in seksjon
        if t.apningstider:
            assert t.apningstider in seksjon
        if t.adresse:
            assert t.adresse in seksjon


def test_offers_of_another_kommune_are_not_shown(client):
    html = kart(client, "1506")
    for t in LokaltTilbud.objects.filter(kommune__nummer="1106"):
        assert t.navn not in html


def test_map_shows_the_contact_akutt_numbers_and_every_forlop_in_context(client):
    html = kart(client, "1106")
    kommune = Kommune.objects.select_related("helsefellesskap").get(nummer="1106")
    assert "Kontakt for Barn og unges helsetjeneste" in html
    assert kommune.kontakt_rolle in html
    assert f'href="tel:{kommune.kontakt_telefon.replace(" ", "")}"' in html
    assert "Trenger dere hjelp nå?" in html
    assert 'href="tel:113"' in html and 'href="tel:116111"' in html
    assert f'href="tel:{kommune.helsefellesskap.bup_akutt_telefon.replace(" ", "")}"' in html
    for forlop in Forlop.objects.published():
        assert f'href="/forlop/{forlop.slug}/?kommune=1106"' in html
        assert f'href="/familie/{forlop.slug}/?kommune=1106"' in html


def test_a_kommune_without_offers_or_contact_says_so(client):
    kommune = (
        bygg.kommune(bygg.helsefellesskap(), "1151", None)
        if not Kommune.objects.filter(nummer="1151").exists()
        else Kommune.objects.get(nummer="1151")
    )
    kommune.tilbud.all().delete()
    html = kart(client, kommune.nummer)
    assert "Kommunen har ikke lagt inn lokale tilbud ennå." in html
    assert "Kommunen har ikke lagt inn en kontakt ennå." in html


def test_map_is_read_in_its_own_kommunes_context(client):
    """Opened without ?kommune= (or with the reader's other kommune), the map redirects to
    carry its own kommune, so the context bar, målform and cookie follow the address."""
    client.get("/?kommune=1103")
    response = client.get("/kommune/1506/?utskrift=1")
    assert response.status_code == 302
    assert response["Location"] == "/kommune/1506/?utskrift=1&kommune=1506"
    response = client.get(response["Location"])
    assert response.cookies[settings.KOMMUNE_COOKIE].value == "1506"
    html = response.content.decode()
    assert '<html lang="nn"' in html
    assert "Du ser: <strong>Molde</strong>" in html


@pytest.mark.parametrize("nummer", ["9999", "0000", "abc", "12345", "1", "sok2", "%3Cscript%3E"])
def test_unknown_or_malformed_kommunenummer_is_a_clear_404(client, nummer):
    response = client.get(f"/kommune/{nummer}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Vi fant ikke kommunen" in html
    assert "<script>" not in html
    assert 'action="/kommune/sok/"' in html  # and a way on


def test_unknown_but_wellformed_number_names_the_number(client):
    html = client.get("/kommune/1199/").content.decode()
    assert "Vi har ingen kommune med nummer 1199" in html


def test_map_query_count_does_not_grow_with_offers(client, django_assert_max_num_queries, settings):
    settings.BUPKART_SIDECACHE = False  # measure the view, not the page cache
    kart(client, "1506")
    with django_assert_max_num_queries(8) as foer:
        kart(client, "1506")
    kommune = Kommune.objects.get(nummer="1506")
    tjeneste = bygg.tjeneste()
    for i, niva in enumerate(Niva.objects.all()):
        LokaltTilbud.objects.create(
            kommune=kommune, tjeneste=tjeneste, niva=niva, navn=f"Ekstra {i}", tilbyr="Test."
        )
    kart(client, "1506")  # warm again: new content has a new version, so the kommune lookup is re-read once
    with django_assert_max_num_queries(8) as etter:
        kart(client, "1506")
    assert len(etter.captured_queries) == len(foer.captured_queries)


# --- the picker ----------------------------------------------------------------------------


def test_picker_is_on_every_page_in_the_context_bar(client):
    for url in [
        "/",
        "/forlop/",
        "/forlop/angst/",
        "/tjenester/bup/",
        "/familie/angst/",
        "/kommune/1506/?kommune=1506",
        "/tilgjengelighet/",
        "/endringer/",
    ]:
        html = client.get(url).content.decode()
        bar = html.split('class="kontekst"', 1)[1].split("</header>", 1)[0]
        assert 'id="kontekst-q"' in bar and 'hx-get="/kommune/sok/"' in bar, url
        assert html.count('id="kontekst-q"') == 1


def test_typeahead_returns_a_partial_list_of_links(client):
    response = client.get("/kommune/sok/", {"q": "mol", "neste": "/familie/angst/"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "<h1" not in html
    assert '<a href="/familie/angst/?kommune=1506"><strong>Molde</strong> (1506)' in html
    assert "Vary" in response and "HX-Request" in response["Vary"]


def test_typeahead_matches_numbers_and_non_ascii_names(client):
    def treff(q):
        html = client.get("/kommune/sok/", {"q": q, "neste": "/"}, HTTP_HX_REQUEST="true").content.decode()
        return re.findall(r"\?kommune=(\d{4})", html)

    assert treff("15") and all(n.startswith("15") for n in treff("15"))
    # Ål and Ålesund start with it (names containing it, like Våler, come after).
    assert treff("ål")[:2] == ["3328", "1508"]
    assert treff("ÅLESUND") == ["1508"]
    assert treff("zzz") == []
    assert (
        "Vi fant ingen kommune"
        in client.get("/kommune/sok/", {"q": "zzz"}, HTTP_HX_REQUEST="true").content.decode()
    )


def test_names_starting_with_the_query_come_first(client):
    html = client.get("/kommune/sok/", {"q": "sa", "neste": "/"}, HTTP_HX_REQUEST="true").content.decode()
    navn = re.findall(r"<strong>([^<]+)</strong>", html)
    forst = [n for n in navn if n.casefold().startswith("sa")]
    assert navn[: len(forst)] == forst and len(navn) > len(forst) or navn == forst


@pytest.mark.parametrize("q", ["Molde", "molde", " MOLDE ", "1506", "mold"])
def test_form_without_javascript_resolves_and_redirects_with_kommune(client, q):
    response = client.get("/kommune/sok/", {"q": q, "neste": "/forlop/angst/"})
    assert response.status_code == 302
    assert response["Location"] == "/forlop/angst/?kommune=1506"
    html = client.get(response["Location"]).content.decode()
    assert "Du ser: <strong>Molde</strong>" in html


def test_ambiguous_query_lists_the_candidates(client):
    response = client.get("/kommune/sok/", {"q": "s", "neste": "/forlop/angst/"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/forlop/angst/?kommune=1108"' in html and 'href="/forlop/angst/?kommune=4614"' in html
    assert html.count("<h1") == 1


def test_no_match_gives_a_clear_message(client):
    html = client.get("/kommune/sok/", {"q": "Atlantis", "neste": "/"}).content.decode()
    assert "Vi fant ingen kommune som passer «Atlantis»" in html


@pytest.mark.parametrize("neste", ["//evil.example/", "https://evil.example/", "javascript:alert(1)", ""])
def test_picker_never_redirects_off_site(client, neste):
    response = client.get("/kommune/sok/", {"q": "1506", "neste": neste})
    assert response["Location"] == "/?kommune=1506"


def test_choosing_from_a_kommune_map_opens_the_new_kommunes_map(client):
    response = client.get("/kommune/sok/", {"q": "Stord", "neste": "/kommune/1506/"})
    assert response["Location"] == "/kommune/4614/?kommune=4614"


# --- share and print -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/forlop/angst/?kommune=1506",
        "/familie/angst/?kommune=1506",
        "/kommune/1506/?kommune=1506",
        "/tjenester/bup/forlop/angst/?kommune=1506",
    ],
)
def test_share_link_and_print_link_carry_the_kommune(client, url):
    html = client.get(url).content.decode()
    sti = url.split("?")[0]
    assert f'href="http://testserver{sti}?kommune=1506" class="del-lenker__del"' in html
    assert f'href="{sti}?utskrift=1&amp;kommune=1506"' in html


def test_print_view_of_a_whole_forlop(client):
    html = client.get("/forlop/angst/?utskrift=1&kommune=1506&malform=nb").content.decode()
    assert 'class="utskrift"' in html
    topp = html.split('class="utskrift-topp', 1)[1].split("</div>", 1)[0]
    assert "gjelder Molde kommune" in topp and "Sist revidert" in topp
    assert "http://testserver/forlop/angst/?kommune=1506" in topp
    assert 'class="del-lenker' not in html
    # Every seksjon is open for print, not hidden in closed <details>.
    assert html.count('<details class="ds-details tjeneste__detaljer" open>') == html.count(
        'class="tjeneste"'
    )


def test_screen_view_keeps_seksjoner_collapsed_and_the_print_header_hidden(client):
    html = client.get("/forlop/angst/").content.decode()
    assert 'tjeneste__detaljer" open' not in html
    assert 'class="utskrift-topp bare-utskrift"' in html  # present for Ctrl+P, hidden on screen
    assert '<body hx-boost="false">' in html


def test_print_view_of_one_service_in_a_forlop(client):
    html = client.get("/tjenester/bup/forlop/angst/?utskrift=1&kommune=1103").content.decode()
    assert "BUP" in html.split("<h1", 1)[1].split("</h1>", 1)[0]
    ankre = re.findall(r'<section class="seksjon" id="bup-([a-z]+)"', html)
    assert ankre == ["rolle", "kartlegging", "tiltak", "evaluering", "samarbeid", "henvisning", "medvirkning"]
    assert "Ingen tekst er publisert" not in html
    assert 'id="fastlege-rolle"' not in html
    topp = html.split('class="utskrift-topp', 1)[1].split("</div>", 1)[0]
    assert "gjelder Stavanger kommune" in topp and "Sist revidert" in topp


def test_forlop_page_links_each_service_to_its_print_view(client):
    html = client.get("/forlop/angst/?kommune=1506").content.decode()
    assert 'href="/tjenester/bup/forlop/angst/?utskrift=1&amp;kommune=1506"' in html


def test_service_not_in_forlop_is_404(client):
    assert client.get("/tjenester/bup/forlop/finst-ikkje/").status_code == 404
    assert client.get("/tjenester/finst-ikkje/forlop/angst/").status_code == 404


def test_kommune_map_print_view(client):
    html = client.get("/kommune/1506/?utskrift=1&kommune=1506&malform=nb").content.decode()
    assert 'class="utskrift"' in html and "gjelder Molde kommune" in html
    assert "http://testserver/kommune/1506/?kommune=1506" in html


def test_print_view_of_kommune_map_shows_when_it_was_last_revised(client):
    html = client.get("/kommune/1506/?kommune=1506&utskrift=1&malform=nb").content.decode()
    dato = Kommune.objects.get(nummer="1506").tilbud.latest("oppdatert").oppdatert
    assert f"Sist revidert {dato.day}.{dato.month}.{dato.year} (kontaktopplysninger og lokale tilbud)" in html


@pytest.mark.parametrize(
    ("nummer", "bokmal"),
    [
        ("4699", "Vi fant ingen kommune med nummer 4699."),
        ("9999", "9999 er ikke et gyldig kommunenummer"),
    ],
)
def test_a_kommune_error_is_worded_in_the_pages_malform_not_the_last_requests(nummer, bokmal):
    from django.test import Client

    Client().get("/forlop/", {"malform": "nn"})  # this server thread last spoke nynorsk
    html = Client().get("/forlop/", {"kommune": nummer}).content.decode()
    assert 'lang="nb"' in html and bokmal in html
