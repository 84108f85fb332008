"""The page cache (bupkart.cache): never stale after a publication, never for editors, CSP
nonces that match their header, and a forløp page whose query count does not grow with the data."""

import io
import os
import re
import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template import defaulttags
from django.test.utils import CaptureQueriesContext
from django.urls import path, reverse
from django.utils import timezone

from bupkart import cache
from bupkart import urls as bupkart_urls
from bupkart.models import Omfangsversjon
from forlop.models import Forlop, ForlopTjeneste, Revisjon, Tekst, Tekstdel
from redaksjon import services
from tjenester.models import Kommune, LokaltTilbud, Niva

from . import bygg

pytestmark = pytest.mark.django_db
SIDE = "/forlop/angst/"


@pytest.fixture(autouse=True)
def tom_buffer():
    caches["default"].clear()
    yield
    caches["default"].clear()


def _felles_rolle(malform="nb"):
    forlop = Forlop.objects.get(slug="angst")
    plass = forlop.plasseringer.select_related("tjeneste").first()
    return Tekst.objects.get(
        forlop=forlop,
        tjeneste=plass.tjeneste,
        tekstdel=Tekstdel.ROLLE,
        malform=malform,
        helsefellesskap=None,
        kommune=None,
    )


def _publiser(tekst, markdown):
    versjon = services.lagre_utkast(tekst, markdown, av=None, forrige=tekst.siste_versjon())
    services.publiser(versjon, av=None, endringsnotat="Test av buffer.")


def _nonces(response):
    body = set(re.findall(r'nonce="([^"]+)"', response.content.decode()))
    header = set(re.findall(r"'nonce-([^']+)'", response["Content-Security-Policy"]))
    return body, header


def test_second_read_is_served_from_the_cache(client):
    forste = client.get(SIDE)
    andre = client.get(SIDE)
    assert forste[cache.HEADER] == "miss"
    assert andre[cache.HEADER] == "hit"
    assert forste.content.decode().split("nonce=")[0] == andre.content.decode().split("nonce=")[0]


def test_next_request_after_a_publication_shows_the_new_text(client):
    tekst = _felles_rolle("nb")
    assert client.get(SIDE)[cache.HEADER] == "miss"
    assert client.get(SIDE)[cache.HEADER] == "hit"
    _publiser(tekst, "Heilt ny felles tekst om rolla, versjon for buffertesten.")
    svar = client.get(SIDE)
    assert svar[cache.HEADER] == "miss"
    assert "Heilt ny felles tekst om rolla, versjon for buffertesten." in svar.content.decode()


def test_withdrawing_a_variant_shows_the_felles_text_again(client):
    felles = _felles_rolle("nb")
    stavanger = Kommune.objects.get(nummer="1103")
    variant = bygg.tekst(
        felles.forlop,
        felles.tjeneste,
        Tekstdel.ROLLE,
        "Lokal tekst for Stavanger i buffertesten.",
        malform="nb",
        kommune=stavanger,
    )
    url = f"{SIDE}?kommune=1103"
    assert "Lokal tekst for Stavanger i buffertesten." in client.get(url).content.decode()
    assert client.get(url)[cache.HEADER] == "hit"
    services.trekk_tilbake(variant, av=None, endringsnotat="Tilbake til felles tekst.")
    html = client.get(url).content.decode()
    assert "Lokal tekst for Stavanger i buffertesten." not in html
    assert felles.publisert.html[:40] in html


def test_a_changed_local_offer_shows_on_the_kommune_page(client):
    url = "/kommune/1106/?kommune=1106"
    client.get(url)
    assert client.get(url)[cache.HEADER] == "hit"
    tilbud = LokaltTilbud.objects.filter(kommune__nummer="1106").first()
    tilbud.navn = "Nytt namn på tilbodet i buffertesten"
    tilbud.save()
    assert "Nytt namn på tilbodet i buffertesten" in client.get(url).content.decode()


def test_a_local_offer_moved_to_another_kommune_leaves_the_page_of_the_one_it_left(client):
    # The offer's new kommune is its scope now; the kommune it left showed it too.
    url = "/kommune/1106/?kommune=1106"
    tilbud = LokaltTilbud.objects.filter(kommune__nummer="1106").first()
    assert tilbud.navn in client.get(url).content.decode()
    assert client.get(url)[cache.HEADER] == "hit"
    tilbud.kommune = Kommune.objects.get(nummer="1506")
    tilbud.save()
    svar = client.get(url)
    assert svar[cache.HEADER] == "miss"
    assert tilbud.navn not in svar.content.decode()


def test_a_review_moved_to_another_scope_leaves_the_pages_of_the_scope_it_left(client):
    # A redaktør may move a helsefellesskap's review date to one of its kommunar: the other
    # kommunar of the helsefellesskap showed it too.
    stord, haugesund = Kommune.objects.get(nummer="4614"), Kommune.objects.get(nummer="1106")
    assert stord.helsefellesskap_id == haugesund.helsefellesskap_id
    forlop = Forlop.objects.get(slug="angst")
    Revisjon.objects.filter(forlop=forlop, kommune=haugesund).delete()  # room for the moved one
    revisjon, _ = Revisjon.objects.get_or_create(
        forlop=forlop,
        helsefellesskap=haugesund.helsefellesskap,
        defaults={"sist_revidert": date(2026, 3, 4), "neste_revisjon": date(2027, 3, 4)},
    )
    url = f"{SIDE}?kommune=4614"
    assert client.get(url)[cache.HEADER] == "miss" and client.get(url)[cache.HEADER] == "hit"
    revisjon = Revisjon.objects.get(pk=revisjon.pk)
    revisjon.helsefellesskap, revisjon.kommune = None, haugesund
    revisjon.save()
    assert client.get(url)[cache.HEADER] == "miss"


def test_a_renamed_kommune_and_a_new_malform_show_on_the_next_request(client):
    # Each process keeps the kommunar it has looked up; the content version must retire them.
    url = f"{SIDE}?kommune=1106"
    assert client.get(url)[cache.HEADER] == "miss" and client.get(url)[cache.HEADER] == "hit"
    haugesund = Kommune.objects.select_related("helsefellesskap").get(nummer="1106")
    haugesund.navn = "Haugesund (nytt namn)"
    haugesund.save()
    assert "Haugesund (nytt namn)" in client.get(url).content.decode()
    fonna = haugesund.helsefellesskap
    fonna.malform = "nb" if fonna.malform == "nn" else "nn"
    fonna.save()
    assert f'<html lang="{fonna.malform}"' in client.get(url).content.decode()


def test_a_printed_page_shows_the_address_it_was_opened_at(client):
    for host in ("localhost", "127.0.0.1"):
        html = client.get(f"{SIDE}?utskrift=1", headers={"host": host}).content.decode()
        assert f"http://{host}{SIDE}" in html, host


def test_cached_response_nonce_matches_its_csp_header(client):
    forste, andre = client.get(SIDE), client.get(SIDE)
    assert andre[cache.HEADER] == "hit"
    for svar in (forste, andre):
        body, header = _nonces(svar)
        assert len(body) == 1 and body == header
    assert _nonces(forste)[0] != _nonces(andre)[0], "every response gets its own nonce"


def test_kommune_cookie_is_set_on_a_cached_response(client):
    client.get(f"{SIDE}?kommune=1506")
    client.cookies.clear()
    svar = client.get(f"{SIDE}?kommune=1506")
    assert svar[cache.HEADER] == "hit"
    assert svar.cookies[settings.KOMMUNE_COOKIE].value == "1506"
    # The cookie alone (no ?kommune=) selects the same context, and is not a different page.
    assert "Molde" in client.get(SIDE).content.decode()


def test_an_unknown_kommune_in_the_address_is_reported_and_a_stale_cookie_is_not(client):
    feil = "ingen kommune med nummer 1199."
    for _ in range(2):
        assert feil in client.get(f"{SIDE}?kommune=1199").content.decode()
    client.cookies.clear()
    assert client.get(SIDE)[cache.HEADER] == "miss"
    client.cookies[settings.KOMMUNE_COOKIE] = "1199"  # a kommune merged away since it was chosen
    svar = client.get(SIDE)
    assert svar[cache.HEADER] == "hit"
    assert feil not in svar.content.decode()


def test_context_and_malform_key_the_cache(client):
    nb = client.get(f"{SIDE}?malform=nb").content.decode()
    nn = client.get(f"{SIDE}?malform=nn").content.decode()
    assert 'lang="nb"' in nb and '<html lang="nn"' in nn
    client.cookies.clear()
    molde = client.get(f"{SIDE}?kommune=1506").content.decode()
    client.cookies.clear()
    stavanger = client.get(f"{SIDE}?kommune=1103").content.decode()
    assert "Molde" in molde and "Molde" not in stavanger


def test_a_logged_in_editor_never_gets_a_cached_page(client):
    client.get(SIDE)
    assert client.get(SIDE)[cache.HEADER] == "hit"
    client.force_login(get_user_model().objects.get(username="forvalter"))
    svar = client.get(SIDE)
    assert cache.HEADER not in svar
    assert reverse("admin:forlop_tekst_changelist") in svar.content.decode(), (
        "the editor sees the editor tools"
    )
    # A draft is visible in preview, and the preview is never cached either.
    tekst = _felles_rolle("nb")
    services.lagre_utkast(tekst, "Utkast berre for førehandsvising.", av=None, forrige=tekst.siste_versjon())
    for _ in range(2):
        svar = client.get(f"{SIDE}?forhandsvis=1")
        assert cache.HEADER not in svar
        assert "Utkast berre for førehandsvising." in svar.content.decode()
    client.logout()
    assert "Utkast berre for førehandsvising." not in client.get(SIDE).content.decode()


def _endre_forlop():
    forlop = Forlop.objects.get(slug="angst")
    forlop.tittel_nb = "Angst (nytt namn i buffertesten)"
    forlop.save()
    return forlop.tittel_nb


def _endre_niva():
    niva = ForlopTjeneste.objects.filter(forlop__slug="angst").first().niva
    niva.navn_nb = "Nivå med nytt namn i buffertesten"
    niva.save()
    return niva.navn_nb


def _endre_tjeneste():
    tjeneste = ForlopTjeneste.objects.filter(forlop__slug="angst").first().tjeneste
    tjeneste.navn_nb = "Teneste med nytt namn i buffertesten"
    tjeneste.save()
    return tjeneste.navn_nb


def _endre_plassering():
    # The service ordered first moves to another level, where it is then listed first.
    plass = ForlopTjeneste.objects.filter(forlop__slug="angst").order_by("rekkefolge").first()
    plass.niva = Niva.objects.exclude(pk=plass.niva_id).last()
    plass.save()
    return (
        f'{plass.niva.navn}</span>\n      <ul class="pyramide__tjenester">\n        '
        f'<li class="pyramide__tjeneste"><a href="#{plass.tjeneste.slug}">'
    )


def _endre_revisjon():
    revisjon = Revisjon.objects.get(forlop__slug="angst", helsefellesskap=None, kommune=None)
    revisjon.sist_revidert = date(2001, 2, 3)
    revisjon.save()
    return "Sist revidert 3.2.2001"


@pytest.mark.parametrize(
    "endret", [_endre_forlop, _endre_niva, _endre_tjeneste, _endre_plassering, _endre_revisjon]
)
def test_a_saved_forlop_level_service_placement_or_review_shows_on_the_next_request(client, endret):
    forste = client.get(SIDE)
    assert forste[cache.HEADER] == "miss"
    assert client.get(SIDE)[cache.HEADER] == "hit"
    ventet = endret()
    assert ventet not in forste.content.decode()
    svar = client.get(SIDE)
    assert svar[cache.HEADER] == "miss"
    assert ventet in svar.content.decode()


def test_content_changes_move_the_version_even_after_the_rows_are_gone(client):
    # `manage.py flush` empties the table; a scope without a row reads as "0" and its next
    # change makes the row again.
    Omfangsversjon.objects.all().delete()
    assert cache.les_versjoner(["felles"]) == ("0",)
    assert client.get(SIDE)[cache.HEADER] == "miss"
    assert client.get(SIDE)[cache.HEADER] == "hit"
    _endre_forlop()
    assert cache.les_versjoner(["felles"]) != ("0",)
    assert client.get(SIDE)[cache.HEADER] == "miss"


def test_an_htmx_request_is_never_served_from_or_stored_in_the_cache(client):
    # htmx asks for fragments of the same address; a full page must never answer it, nor it a page.
    assert client.get(SIDE)[cache.HEADER] == "miss"
    for _ in range(2):
        assert cache.HEADER not in client.get(SIDE, headers={"hx-request": "true"})


def test_a_page_cached_yesterday_is_not_served_today(client, monkeypatch):
    url = f"{SIDE}?utskrift=1"
    assert client.get(url)[cache.HEADER] == "miss"
    assert client.get(url)[cache.HEADER] == "hit"
    imorgon = timezone.now() + timedelta(days=1)

    class IMorgen(datetime):
        @classmethod
        def now(cls, tz=None):
            return imorgon.astimezone(tz)

    monkeypatch.setattr(timezone, "now", lambda: imorgon)
    monkeypatch.setattr(defaulttags, "datetime", IMorgen)
    svar = client.get(url)
    assert svar[cache.HEADER] == "miss"
    assert f"Skrevet ut {timezone.localdate():%-d.%-m.%Y}." in svar.content.decode()


# Pages that write something for this reader alone (see _kan_lagrast).
def _egen_cookie(request):
    response = HttpResponse("side med eigen informasjonskapsel")
    response.set_cookie("eigen", "1")
    return response


def _csrf_token(request):
    return HttpResponse(f'<input type="hidden" name="csrfmiddlewaretoken" value="{get_token(request)}">')


def _endrer_sesjonen(request):
    request.session["sett"] = True
    return HttpResponse("side som hugsar lesaren")


urlpatterns = [
    *bupkart_urls.urlpatterns,
    path("test/cookie/", cache.offentlig_side(_egen_cookie)),
    path("test/csrf/", cache.offentlig_side(_csrf_token)),
    path("test/sesjon/", cache.offentlig_side(_endrer_sesjonen)),
]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("url", ["/test/cookie/", "/test/csrf/", "/test/sesjon/"])
def test_a_page_that_sets_a_cookie_uses_a_csrf_token_or_changes_the_session_is_not_stored(client, url):
    for _ in range(2):
        svar = client.get(url)
        assert svar.status_code == 200
        assert cache.HEADER not in svar


def test_parameters_a_page_does_not_read_neither_bypass_nor_multiply_its_entries(client):
    # ?x=1, ?x=2 … must not each force a render (a cheap way to load the server), nor each
    # fill an entry of its own.
    assert client.get(SIDE)[cache.HEADER] == "miss"
    for n in range(5):
        assert client.get(f"{SIDE}?x={n}&utm_source=epost")[cache.HEADER] == "hit"
    # The parameters the pages do read keep their own entries.
    assert client.get(f"{SIDE}?utskrift=1")[cache.HEADER] == "miss"
    assert client.get(f"{SIDE}?utskrift=1&x=9")[cache.HEADER] == "hit"


def test_post_is_not_cached(client):
    assert client.post(SIDE).status_code == 405


def test_redis_url_selects_the_shared_redis_cache():
    kode = "import bupkart.settings.base as b; print(b.CACHES['default']['BACKEND'])"
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/3"}
    ut = subprocess.run([sys.executable, "-c", kode], env=env, capture_output=True, text=True, check=True)
    assert ut.stdout.strip() == "django.core.cache.backends.redis.RedisCache"
    env.pop("REDIS_URL")
    ut = subprocess.run([sys.executable, "-c", kode], env=env, capture_output=True, text=True, check=True)
    assert ut.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"


def _sporringer(client, url):
    client.cookies.clear()  # the context comes from the address alone
    client.get(url)  # warm up: the first request may load things once per process
    with CaptureQueriesContext(connection) as sporringer:
        assert client.get(url).status_code == 200
    return len(sporringer.captured_queries)


def test_forlop_page_query_count_is_the_same_on_demo_and_national_data(
    client, settings, django_assert_max_num_queries
):
    settings.BUPKART_SIDECACHE = False
    demo = {url: _sporringer(client, url) for url in (SIDE, f"{SIDE}?kommune=1106")}
    call_command("generate_national", scale="small", stdout=io.StringIO())
    assert Kommune.objects.count() == 357  # the register's, with generated content for some
    syntetisk = (
        Kommune.objects.exclude(
            helsefellesskap__slug__in=["helse-fonna", "helse-stavanger", "helse-more-og-romsdal"]
        )
        .filter(helsefellesskap__in=Tekst.objects.values("helsefellesskap"))
        .order_by("nummer")
        .first()
    )
    assert Tekst.objects.filter(kommune__helsefellesskap=syntetisk.helsefellesskap).exists()
    for url, tallet in demo.items():
        client.cookies.clear()
        client.get(url)  # warm, as _sporjingar does: the kommune lookup is cached per content version
        with django_assert_max_num_queries(tallet):
            client.get(url)
        assert _sporringer(client, url) == tallet
    assert _sporringer(client, f"{SIDE}?kommune={syntetisk.nummer}") == demo[f"{SIDE}?kommune=1106"]


def test_a_kommune_is_kept_only_under_versions_read_before_it(monkeypatch):
    # Threaded servers: an edit can commit between reading the scope versions and reading the
    # kommune. The kommune kept must be at least as new as the versions it is kept under, or
    # a stale kommune would be served until the next edit.
    from tjenester import middleware

    kommuner = middleware._Kommuner()
    haugesund = Kommune.objects.select_related("helsefellesskap").get(nummer="1106")
    hendelser = []
    ekte_les = middleware.les_versjoner

    def les_versjoner(nokler):
        hendelser.append("versjoner")
        return ekte_les(nokler)

    def les(nummer):
        hendelser.append("kommune")
        return Kommune.objects.select_related("helsefellesskap").get(nummer=nummer)

    monkeypatch.setattr(middleware, "les_versjoner", les_versjoner)
    monkeypatch.setattr(kommuner, "_les", les)
    kommune, versjoner = kommuner.hent("1106")
    assert kommune == haugesund and hendelser[-1] == "kommune", "the kept kommune is read last"
    hendelser.clear()
    assert kommuner.hent("1106") == (kommune, versjoner)
    assert hendelser == ["versjoner"], "a known kommune costs one query while nothing changed"
    hendelser.clear()
    haugesund.kontakt_telefon = "52 00 00 00"
    haugesund.save()
    ny, nye_versjoner = kommuner.hent("1106")
    assert hendelser == ["versjoner", "kommune"], "versions first, then the kommune they keep"
    assert ny.kontakt_telefon == "52 00 00 00" and nye_versjoner != versjoner


# --- Scoped invalidation and fragments -------------------------------------------------------


def test_a_publication_in_helse_fonna_leaves_a_molde_page_a_hit_and_a_haugesund_page_a_miss(client):
    molde, haugesund = f"{SIDE}?kommune=1506", f"{SIDE}?kommune=1106"
    for url in (molde, haugesund):
        client.cookies.clear()
        assert client.get(url)[cache.HEADER] == "miss"
    fonna = Kommune.objects.get(nummer="1106").helsefellesskap
    felles = _felles_rolle("nn")
    bygg.tekst(
        felles.forlop,
        felles.tjeneste,
        Tekstdel.ROLLE,
        "Ny tekst for Helse Fonna.",
        "nn",
        helsefellesskap=fonna,
    )
    client.cookies.clear()
    assert client.get(molde)[cache.HEADER] == "hit", "Helse Møre og Romsdal is not Helse Fonna's scope"
    client.cookies.clear()
    svar = client.get(haugesund)
    assert svar[cache.HEADER] == "miss"
    assert "Ny tekst for Helse Fonna." in svar.content.decode()


@pytest.fixture
def blokker_laget(monkeypatch, settings):
    """The page cache off, so every request builds its page; records the service blocks and
    family parts each request renders (the rest came from the fragment cache)."""
    from forlop import familie, views

    settings.BUPKART_SIDECACHE = False
    laget = []
    for modul, felt in ((views, "tjeneste"), (familie, "familiedel")):
        ekte = modul.render_to_string

        def render_to_string(mal, kontekst, request, ekte=ekte, felt=felt):
            laget.append(str(kontekst[felt].slug if felt == "tjeneste" else kontekst[felt].value))
            return ekte(mal, kontekst, request)

        monkeypatch.setattr(modul, "render_to_string", render_to_string)

    def hent(client, url):
        laget.clear()
        for cookie in (settings.KOMMUNE_COOKIE, settings.MALFORM_COOKIE):
            client.cookies.pop(cookie, None)  # the context from the address alone; a login stays
        svar = client.get(url)
        assert svar.status_code == 200
        return list(laget), svar.content.decode()

    return hent


def _tjenester_i(forlop="angst"):
    return list(ForlopTjeneste.objects.filter(forlop__slug=forlop).values_list("tjeneste__slug", flat=True))


def test_a_publication_renders_again_only_the_block_it_changed(client, blokker_laget):
    url = f"{SIDE}?kommune=1506"  # Molde, in Helse Møre og Romsdal (nynorsk)
    laget, _ = blokker_laget(client, url)
    assert sorted(laget) == sorted(_tjenester_i())
    assert blokker_laget(client, url)[0] == [], "every block from its fragment"

    felles = _felles_rolle("nn")
    hf = Kommune.objects.get(nummer="1506").helsefellesskap
    bygg.tekst(
        felles.forlop,
        felles.tjeneste,
        Tekstdel.ROLLE,
        "Ny lokal rolle for Møre og Romsdal.",
        "nn",
        helsefellesskap=hf,
    )
    laget, html = blokker_laget(client, url)
    assert laget == [felles.tjeneste.slug]
    assert "Ny lokal rolle for Møre og Romsdal." in html

    # A felles publication moves the felles scope, and still only its own block is rendered.
    annen = (
        Tekst.objects.filter(
            forlop=felles.forlop, tekstdel=Tekstdel.TILTAK, malform="nn", helsefellesskap=None, kommune=None
        )
        .exclude(tjeneste=felles.tjeneste)
        .first()
    )
    _publiser(annen, "Nye felles tiltak i fragmenttesten.")
    laget, html = blokker_laget(client, url)
    assert laget == [annen.tjeneste.slug]
    assert "Nye felles tiltak i fragmenttesten." in html


def test_a_renamed_service_retires_the_blocks_that_show_it(client, blokker_laget):
    blokker_laget(client, SIDE)
    tjeneste = ForlopTjeneste.objects.filter(forlop__slug="angst").first().tjeneste
    tjeneste.navn_nb = "Teneste med nytt namn i fragmenttesten"
    tjeneste.save()
    laget, html = blokker_laget(client, SIDE)
    assert laget == [tjeneste.slug]
    assert html.count("Teneste med nytt namn i fragmenttesten") > 1, "its block and the nav"


def test_a_family_publication_renders_again_only_its_part(client, blokker_laget):
    url = "/familie/angst/?kommune=1106"
    laget, _ = blokker_laget(client, url)
    assert len(laget) == 4
    assert blokker_laget(client, url)[0] == []
    forlop = Forlop.objects.get(slug="angst")
    fonna = Kommune.objects.get(nummer="1106").helsefellesskap
    bygg.tekst(
        forlop,
        None,
        Tekstdel.FAMILIE_SELV,
        "### Kva kan de gjere?\n\nNy tekst i fragmenttesten.",
        fonna.malform,
        helsefellesskap=fonna,
    )
    laget, html = blokker_laget(client, url)
    assert laget == [Tekstdel.FAMILIE_SELV.value]
    assert "Ny tekst i fragmenttesten." in html


def test_editors_never_read_or_write_fragments(client, blokker_laget):
    alle = sorted(_tjenester_i())
    blokker_laget(client, SIDE)  # an anonymous reader fills the fragments
    client.force_login(get_user_model().objects.get(username="forvalter"))
    for url in (SIDE, f"{SIDE}?forhandsvis=1"):
        laget, html = blokker_laget(client, url)
        assert sorted(laget) == alle, "an editor's page is rendered whole"
        assert "/admin/forlop/tekst/" in html, "with the editor tools"
    client.logout()
    caches["default"].clear()
    client.force_login(get_user_model().objects.get(username="forvalter"))
    blokker_laget(client, SIDE)
    client.logout()
    assert sorted(blokker_laget(client, SIDE)[0]) == alle, "the editor left no fragment behind"


@pytest.mark.parametrize(
    "url",
    [
        SIDE,
        f"{SIDE}?kommune=1506",
        f"{SIDE}?kommune=1103&utskrift=1",
        f"{SIDE}?malform=nn",
        "/familie/angst/?kommune=1506",
    ],
)
def test_a_page_is_the_same_with_fragments_cold_and_warm(client, blokker_laget, url):
    kald = blokker_laget(client, url)
    varm = blokker_laget(client, url)
    assert kald[0] and not varm[0]
    utan_nonce = re.compile(r'nonce="[^"]+"')
    assert utan_nonce.sub("", kald[1]) == utan_nonce.sub("", varm[1])


@pytest.mark.parametrize("url", [f"{SIDE}?kommune=1506", "/familie/angst/?kommune=1506"])
def test_fragments_add_no_query(client, settings, blokker_laget, url):
    blokker_laget(client, url)  # warm up what a process loads once
    settings.BUPKART_FRAGMENTCACHE = False
    utan = _sporringer(client, url)
    settings.BUPKART_FRAGMENTCACHE = True
    caches["default"].clear()
    with CaptureQueriesContext(connection) as kald:
        blokker_laget(client, url)
    with CaptureQueriesContext(connection) as varm:
        assert blokker_laget(client, url)[0] == []
    assert len(kald.captured_queries) == utan
    assert len(varm.captured_queries) <= utan


def test_migrate_empties_the_cache():
    # A deploy may change templates, and after `flush` the version ids that key fragments start
    # again: what was stored before `migrate` must not be served after it.
    caches["default"].set("bupkart:prove", "gammel side")
    call_command("migrate", verbosity=0, interactive=False)
    assert caches["default"].get("bupkart:prove") is None
