"""Issue 12, points 6, 7, 8 and 12 without a browser: «Mi rolle» (one service in one forløp:
what can I do, whom do I work with and what can they do, my next step), the reader's role
remembered like the kommune, the forløp page as a map of tiltakspyramiden with the local
variants marked, /tjenester/, and the family page's calm opening."""

import re

import pytest
from django.conf import settings

from forlop.models import Forlop, Tekstdel
from tjenester.models import Kommune, LokaltTilbud, Niva, Tjeneste

from . import bygg

pytestmark = pytest.mark.django_db
MI_ROLLE = "/tjenester/fastlege/forlop/angst/"


@pytest.fixture
def uten_sidebuffer(settings):
    settings.BUPKART_SIDECACHE = False
    settings.BUPKART_FRAGMENTCACHE = False


def _main(response):
    html = response.content.decode()
    return html.split('<main id="innhold"', 1)[1].split("</main>", 1)[0]


# --- Mi rolle ---------------------------------------------------------------------------------


def test_mi_rolle_answers_the_three_questions_for_a_molde_gp(client):
    html = _main(client.get(MI_ROLLE, {"kommune": "1506", "malform": "nb"}))
    # Kva kan eg gjere? The GP's own seksjonar, each at its anchor.
    # The seven seksjonar stay in their fixed order, each under the question it answers.
    ankre = re.findall(r'<section class="seksjon" id="fastlege-([a-z]+)"', html)
    assert ankre == ["rolle", "kartlegging", "tiltak", "evaluering", "samarbeid", "henvisning", "medvirkning"]
    gjore = html.split('id="hva-kan-jeg-gjore"', 1)[1].split('id="samarbeid"', 1)[0]
    for del_ in ("rolle", "kartlegging", "tiltak", "evaluering"):
        assert f'id="fastlege-{del_}"' in gjore
    # Kven kan eg samarbeide med? Kva kan dei gjere? The GP's samarbeid, and every other
    # service of the forløp with its role in one sentence and its local contact in Molde.
    samarbeid = html.split('id="samarbeid"', 1)[1].split('id="neste-steg"', 1)[0]
    assert 'id="fastlege-samarbeid"' in samarbeid
    andre = set(re.findall(r'href="/tjenester/([a-z-]+)/forlop/angst/"', samarbeid))
    plassert = set(Forlop.objects.get(slug="angst").plasseringer.values_list("tjeneste__slug", flat=True))
    assert andre == plassert - {"fastlege"}
    assert "Barnehagen ser barnet nesten hver dag og er ofte først til å merke" in samarbeid
    assert "BUP Molde (Helse Møre og Romsdal)" in samarbeid and 'href="tel:71120000"' in samarbeid
    assert "PPT Molde" in samarbeid
    assert "Haugesund" not in samarbeid  # another kommune's offers never show
    # Mitt neste steg: the GP's referral seksjon and the checklist.
    neste = html.split('id="neste-steg"', 1)[1]
    assert 'id="fastlege-henvisning"' in neste and 'id="fastlege-medvirkning"' in neste
    assert 'href="/forlop/angst/henvisning/"' in neste


def test_a_role_sentence_is_the_first_sentence_of_the_resolved_role_text(client):
    molde = Kommune.objects.get(nummer="1506")
    bygg.tekst(
        Forlop.objects.get(slug="angst"),
        Tjeneste.objects.get(slug="ppt"),
        Tekstdel.ROLLE,
        "PPT i Molde tar imot drøftingar kvar tysdag. Resten av teksten står her.",
        malform="nn",
        kommune=molde,
    )
    samarbeid = _main(client.get(MI_ROLLE, {"kommune": "1506"})).split('id="samarbeid"', 1)[1]
    kort = samarbeid.split('href="/tjenester/ppt/forlop/angst/"', 1)[1].split("</li>", 1)[0]
    assert "PPT i Molde tar imot drøftingar kvar tysdag." in kort
    assert "Resten av teksten" not in kort
    assert "Lokal tilpassing for Molde" in kort


def test_feedback_from_mi_rolle_names_the_forlop_not_the_service(client):
    html = client.get(MI_ROLLE).content.decode()
    lenke = re.search(r'href="(/tilbakemelding/[^"]+)"', html).group(1)
    assert "forlop=angst" in lenke and "forlop=fastlege" not in lenke


def test_mi_rolle_speaks_nynorsk(client):
    html = _main(client.get(MI_ROLLE, {"malform": "nn"}))
    for tekst in (
        "Kva kan eg gjere?",
        "Kven kan eg samarbeide med, og kva kan dei gjere?",
        "Mitt neste steg",
    ):
        assert tekst in html
    assert "Hva kan jeg gjøre?" not in html
    # Without a kommune the page says how to see local contacts.
    assert "Vel kommune øvst på sida" in html


@pytest.mark.parametrize(
    "adresse",
    [
        "/tjenester/jordmor/forlop/angst/",  # a service with no place in the forløp
        "/tjenester/finst-ikkje/forlop/angst/",
        "/tjenester/fastlege/forlop/finst-ikkje/",
    ],
)
def test_mi_rolle_outside_the_forlop_is_404(client, adresse):
    assert client.get(adresse).status_code == 404


def test_mi_rolle_of_an_unpublished_forlop_is_404(client):
    forlop = bygg.forlop(publisert=False)
    bygg.plasser(forlop, Tjeneste.objects.get(slug="fastlege"))
    assert client.get(f"/tjenester/fastlege/forlop/{forlop.slug}/").status_code == 404


def _flere_tjenester(forlop, kommune, antall):
    """`antall` more services in the forløp, each with a role text and a local offer."""
    for _ in range(antall):
        tjeneste = bygg.tjeneste()
        bygg.plasser(forlop, tjeneste)
        bygg.tekst(forlop, tjeneste, Tekstdel.ROLLE, "Ein rolle. Med meir.", malform="nn")
        LokaltTilbud.objects.create(
            kommune=kommune,
            tjeneste=tjeneste,
            niva=Niva.objects.get(slug="tidlig-innsats"),
            navn=f"Tilbod for {tjeneste.slug}",
            tilbyr="Test.",
        )


def test_mi_rolle_reads_a_fixed_number_of_queries_however_many_services(
    client, uten_sidebuffer, django_assert_num_queries
):
    forlop = Forlop.objects.get(slug="angst")
    molde = Kommune.objects.get(nummer="1506")
    client.get(MI_ROLLE, {"kommune": "1506"})  # the middleware now knows Molde
    # The scope versions, the forløp, its placements, the service's texts, every role text,
    # Molde's offers, the review dates and Molde's contact persons for the forløp.
    with django_assert_num_queries(8):
        forst = client.get(MI_ROLLE)
    _flere_tjenester(forlop, molde, 4)
    client.get(MI_ROLLE)  # the middleware reads Molde anew after the change
    with django_assert_num_queries(8):
        etter = client.get(MI_ROLLE)
    assert _main(etter).count("samarbeid__tjeneste") == _main(forst).count("samarbeid__tjeneste") + 4
    assert "Tilbod for test-tjeneste-" in _main(etter)


# --- The reader's role ------------------------------------------------------------------------


def test_a_role_is_remembered_like_the_kommune_and_forgotten_on_request(client):
    response = client.get("/", {"rolle": "fastlege"})
    assert response.cookies[settings.ROLLE_COOKIE].value == "fastlege"
    assert response.cookies[settings.ROLLE_COOKIE]["httponly"]
    start = _main(client.get("/"))
    assert "Du har valgt rollen <strong>Fastlege</strong>" in start
    # Every forløp with a GP opens at the GP's block, and the start page links to Mi rolle.
    for slug in (
        Forlop.objects.published()
        .filter(plasseringer__tjeneste__slug="fastlege")
        .values_list("slug", flat=True)
    ):
        assert f'href="/forlop/{slug}/#fastlege"' in start
        assert f'href="/tjenester/fastlege/forlop/{slug}/"' in start
    uten = set(
        Forlop.objects.published()
        .exclude(plasseringer__tjeneste__slug="fastlege")
        .values_list("slug", flat=True)
    )
    for slug in uten:
        assert f'href="/forlop/{slug}/"' in start

    response = client.get("/", {"rolle": ""})
    assert response.cookies[settings.ROLLE_COOKIE].value == ""  # deleted
    assert "Du har valgt rollen" not in _main(client.get("/"))


def test_the_kommune_map_opens_each_forlop_at_the_readers_service(client):
    client.get("/", {"rolle": "ppt"})
    html = _main(client.get("/kommune/1506/", {"kommune": "1506"}))
    assert 'href="/forlop/angst/?kommune=1506#ppt"' in html


def test_an_unknown_role_is_ignored(client):
    client.cookies[settings.ROLLE_COOKIE] = "<script>"
    html = client.get("/forlop/angst/").content.decode()
    assert "<script>" not in _main(client.get("/forlop/angst/"))
    assert 'id="min-rolle"' not in html


def test_the_forlop_page_opens_at_the_readers_service(client):
    client.get("/", {"rolle": "helsesykepleier"})
    html = _main(client.get("/forlop/angst/"))
    boks = html.split('id="min-rolle"', 1)[1].split("</div>", 1)[0]
    assert 'href="#helsestasjon"' in boks
    assert 'href="/tjenester/helsestasjon/forlop/angst/"' in boks
    blokk = html.split('<section class="tjeneste tjeneste--min" id="helsestasjon"', 1)[1].split(
        "</section>", 1
    )[0]
    assert "Din tjeneste" in blokk
    assert '<details class="ds-details tjeneste__detaljer" open>' in blokk
    # The other blocks stay closed.
    assert html.count('tjeneste__detaljer" open') == 1


def test_the_page_cache_keeps_each_role_apart(client):
    """The same address, cached: a reader with another role never gets the first one's page."""
    assert 'id="min-rolle"' not in client.get("/forlop/angst/").content.decode()
    client.get("/", {"rolle": "ppt"})
    html = _main(client.get("/forlop/angst/"))
    assert 'id="min-rolle"' in html and 'href="#ppt"' in html.split('id="min-rolle"', 1)[1][:800]
    client.get("/", {"rolle": "bup"})
    html = _main(client.get("/forlop/angst/"))
    assert 'href="#bup"' in html.split('id="min-rolle"', 1)[1][:800]


# --- The map ----------------------------------------------------------------------------------


def _kart(html):
    return html.split('<nav class="pyramide"', 1)[1].split("</nav>", 1)[0]


def test_the_map_links_every_service_to_its_block_in_pyramid_order(client):
    html = _main(client.get("/forlop/angst/"))
    kart = _kart(html)
    lenker = re.findall(r'<a href="#([a-z-]+)">', kart)
    blokker = re.findall(r'<section class="tjeneste[^"]*" id="([a-z0-9-]+)"', html)
    assert lenker == blokker and len(lenker) >= 8
    nivaer = re.findall(r'<span class="niva__nr">(\d)</span>', kart)
    assert nivaer == sorted(nivaer)


def test_the_map_and_the_closed_blocks_mark_molde_s_local_variants(client):
    html = _main(client.get("/forlop/angst/", {"kommune": "1506", "malform": "nb"}))
    lokale = re.findall(r'pyramide__tjeneste--lokal">\s*<a href="#([a-z-]+)"', _kart(html))
    assert sorted(lokale) == ["bup", "helsestasjon"]
    blokker = dict(re.findall(r'<section class="tjeneste[^"]*" id="([a-z0-9-]+)"(.*?)<details', html, re.S))
    merket = {slug for slug, topp in blokker.items() if "Har lokal tilpasning for" in topp}
    assert merket == {"bup", "helsestasjon"}
    assert "Har lokal tilpasning for Molde" in blokker["helsestasjon"]
    assert "Har lokal tilpasning for Helse Møre og Romsdal" in blokker["bup"]
    # Without a kommune every text is felles: nothing marked.
    felles = _main(client.get("/forlop/angst/", {"kommune": ""}))
    assert "pyramide__tjeneste--lokal" not in felles and "Har lokal tilpasning" not in felles


# --- /tjenester/ and the family page ---------------------------------------------------------


def test_every_service_is_listed_and_the_menu_links_there(client):
    response = client.get("/tjenester/")
    assert response.status_code == 200
    html = _main(response)
    for slug in Tjeneste.objects.values_list("slug", flat=True):
        assert f'href="/tjenester/{slug}/"' in html
    assert 'href="/tjenester/fastlege/forlop/angst/"' in html
    meny = client.get("/").content.decode().split('aria-label="Hovedmeny"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/tjenester/"' in meny


def test_the_family_page_opens_with_a_calm_sentence_before_the_akutt_box(client):
    html = _main(client.get("/familie/angst/", {"malform": "nb"}))
    ro = html.index('class="ingress familie-ro"')
    assert ro < html.index('class="akutt"')
    assert "det finnes god hjelp å få" in html[ro : html.index('class="akutt"')]
