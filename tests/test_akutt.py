"""The akutt pages (/akutt/ for fagfolk, /akutt/familie/ for families), with the numbers of the
reader's helsefellesskap, and the links to them from every forløp, family and kommune page."""

import re

import pytest
from django.core.cache import caches

from bupkart import cache
from tjenester.models import Helsefellesskap, Kommune, LokaltTilbud

from . import bygg
from .test_cache_hode import er_delbar

pytestmark = pytest.mark.django_db
SIDER = ["/akutt/", "/akutt/familie/"]
NASJONALE = ["tel:113", "tel:112", "tel:116117", "tel:116111", "tel:02800"]


def tekst_av(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("side", SIDER)
@pytest.mark.parametrize(
    ("parametre", "malform"),
    [
        ({"kommune": ""}, "nb"),
        ({"kommune": "", "malform": "nn"}, "nn"),
        ({"kommune": "1506"}, "nn"),
        ({"kommune": "1103"}, "nb"),
    ],
)
def test_both_pages_answer_in_the_readers_malform(client, side, parametre, malform):
    svar = client.get(side, parametre)
    assert svar.status_code == 200
    html = svar.content.decode()
    assert f'<html lang="{malform}"' in html
    assert html.count("<h1") == 1
    tekst = tekst_av(html)
    ord_ = {"nb": (" haster", " ikke "), "nn": (" hastar", " ikkje ")}
    if parametre["kommune"]:  # the kommune's part (a partial shared by both målformer)
        ord_ = {"nb": (*ord_["nb"], "Alle tilbud for barn"), "nn": (*ord_["nn"], "Alle tilbod for barn")}
    assert all(o in tekst for o in ord_[malform])
    assert not any(o in tekst for o in ord_["nn" if malform == "nb" else "nb"])


@pytest.mark.parametrize("side", SIDER)
def test_a_molde_reader_sees_the_numbers_of_helse_more_og_romsdal(client, side):
    molde = Kommune.objects.med_helsefellesskap().get(nummer="1506")
    hf = molde.helsefellesskap
    html = client.get(side, {"kommune": "1506"}).content.decode()
    nummer = hf.bup_akutt_telefon.replace(" ", "")
    # In the akutt box and in the page's own section on the helsefellesskap's numbers.
    assert html.count(f'href="tel:{nummer}"') >= 2
    assert hf.helseforetak in html
    assert f'href="tel:{molde.legevakt_telefon.replace(" ", "")}"' in html
    for annen in Helsefellesskap.objects.exclude(pk=hf.pk).exclude(bup_akutt_telefon=""):
        assert f"tel:{annen.bup_akutt_telefon.replace(' ', '')}" not in html


@pytest.mark.parametrize("side", SIDER)
def test_a_reader_without_kommune_gets_the_national_numbers_and_a_kommune_picker(client, side):
    html = client.get(side, {"kommune": ""}).content.decode()
    for nummer in NASJONALE:
        assert f'href="{nummer}"' in html
    for hf in Helsefellesskap.objects.exclude(bup_akutt_telefon=""):
        assert f"tel:{hf.bup_akutt_telefon.replace(' ', '')}" not in html
    assert 'id="akutt-q"' in html  # the kommune picker


def test_the_family_page_gives_the_young_reader_somewhere_to_turn(client):
    html = client.get("/akutt/familie/", {"kommune": ""}).content.decode()
    assert 'href="tel:80033321"' in html  # Kors på halsen
    assert "Alarmtelefonen" in html


def test_the_helsefellesskaps_new_number_shows_on_the_next_request(client):
    url = "/akutt/?kommune=1506"
    client.get(url)
    assert client.get(url)[cache.HEADER] == "hit"
    hf = Kommune.objects.get(nummer="1506").helsefellesskap
    hf.bup_akutt_telefon = "70 00 00 01"
    hf.save()
    svar = client.get(url)
    assert svar[cache.HEADER] == "miss"
    assert 'href="tel:70000001"' in svar.content.decode()


def test_the_akutt_pages_do_not_link_to_themselves_from_their_box(client):
    html = client.get("/akutt/", {"kommune": "1506"}).content.decode()
    assert 'class="akutt__lenker' not in html


@pytest.mark.parametrize("slug", bygg.DEMO_FORLOP)
def test_every_forlop_and_family_page_links_to_the_akutt_pages(client, slug):
    forlop = client.get(f"/forlop/{slug}/", {"kommune": "1506"}).content.decode()
    assert 'href="/akutt/?kommune=1506"' in forlop
    familie = client.get(f"/familie/{slug}/", {"kommune": ""}).content.decode()
    assert 'href="/akutt/familie/"' in familie
    assert 'href="/akutt/"' in familie


@pytest.mark.parametrize("nummer", ["1506", "1103"])
def test_the_kommune_map_links_to_both_akutt_pages(client, nummer):
    html = client.get(f"/kommune/{nummer}/", {"kommune": nummer}).content.decode()
    assert f'href="/akutt/familie/?kommune={nummer}"' in html
    assert f'href="/akutt/?kommune={nummer}"' in html


@pytest.mark.parametrize("side", SIDER)
def test_a_molde_reader_sees_the_kommunes_own_legevakt_and_barnevern(client, side):
    molde = Kommune.objects.get(nummer="1506")
    akutte = list(molde.tilbud.filter(tjeneste__slug__in=["legevakt", "barnevern"]))
    assert akutte  # the demo content has both
    html = client.get(side, {"kommune": "1506"}).content.decode()
    for tilbud in akutte:
        assert tilbud.navn in html
    andre = LokaltTilbud.objects.exclude(kommune=molde).filter(tjeneste__slug="legevakt")
    assert not any(t.navn in html for t in andre)


def test_the_akutt_page_is_built_in_a_fixed_number_of_queries_and_served_from_the_cache_in_one(
    client, django_assert_num_queries
):
    url = "/akutt/?kommune=1506"
    client.get(url)  # the middleware learns the kommune
    caches["default"].clear()
    with django_assert_num_queries(2):  # the scope versions; the kommune's akutt offers
        assert client.get(url)[cache.HEADER] == "miss"
    with django_assert_num_queries(1):  # the scope versions
        assert client.get(url)[cache.HEADER] == "hit"


@pytest.mark.parametrize("side", SIDER)
def test_a_proxy_may_keep_the_akutt_pages_like_the_other_public_pages(client, settings, side):
    client.cookies[settings.KOMMUNE_COOKIE] = "1506"  # chosen earlier: this response sets no cookie
    for _ in range(2):  # rendered, then from the page cache
        svar = client.get(side)
        assert svar.status_code == 200
        assert er_delbar(svar), svar.get("Cache-Control")


@pytest.mark.parametrize("side", SIDER)
def test_a_kommune_whose_helsefellesskap_has_no_bup_number_gets_the_national_numbers(client, side):
    oslo = Kommune.objects.med_helsefellesskap().get(nummer="0301")
    assert not oslo.helsefellesskap.bup_akutt_telefon  # from the register; not in the model yet
    svar = client.get(side, {"kommune": "0301"})
    assert svar.status_code == 200
    html = svar.content.decode()
    assert 'href="tel:"' not in html
    for nummer in NASJONALE:
        assert f'href="{nummer}"' in html
    assert oslo.helsefellesskap.navn in html
