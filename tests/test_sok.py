"""Search: the same tests run on SQLite (FTS5 trigram) and PostgreSQL (norwegian full text +
pg_trgm); scripts/test.sh runs the suite on both."""

from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forlop.models import Forlop, Tekstdel
from forlop.resolution import Kontekst
from redaksjon.services import lagre_utkast, publiser, trekk_tilbake
from sok import indeks
from sok.models import Dokument, Slag, Synonym
from sok.motor import _omfang, sok
from sok.tekst import likhet
from tests import bygg
from tjenester.models import Helsefellesskap, Kommune, LokaltTilbud, Tjeneste

pytestmark = pytest.mark.django_db


def kontekst(nummer=None, malform=None):
    kommune = Kommune.objects.select_related("helsefellesskap").get(nummer=nummer) if nummer else None
    return Kontekst(
        malform=malform or (kommune.helsefellesskap.malform if kommune else "nb"), kommune=kommune
    )


def forste(q, nummer=None, malform=None):
    treff = sok(q, kontekst(nummer, malform)).forste
    assert treff is not None, f"no result for {q!r}"
    return treff.lenke


# Realistic queries, both målformer, lay words, misspellings and kommunar, held to their
# expected first result against the demo content. (query, kommune or None, expected first link)
FORVENTA = [
    ("spiseforstyrrelse", None, "/forlop/spisevansker/"),
    ("spiseforstyrring", "4614", "/forlop/spisevansker/"),
    ("anoreksi", None, "/forlop/spisevansker/"),
    ("ADHD", None, "/forlop/uro-og-merksemd/"),
    ("hyperaktiv gutt", None, "/forlop/uro-og-merksemd/"),
    ("merksemdsvanskar", "1106", "/forlop/uro-og-merksemd/"),
    ("konsentrasjonsvansker", None, "/forlop/uro-og-merksemd/"),
    ("selvskading", None, "/forlop/tristhet-og-depresjon/"),
    ("sjølvskading", "1506", "/forlop/tristhet-og-depresjon/"),
    ("mobbing", None, "/forlop/angst/"),
    ("depresjon", None, "/forlop/tristhet-og-depresjon/"),
    ("nedstemt ungdom", None, "/forlop/tristhet-og-depresjon/"),
    ("triste kjensler", "1506", "/forlop/tristhet-og-depresjon/"),
    ("panikkanfall", None, "/forlop/angst/"),
    ("skulefråvær", "1106", "/forlop/angst/"),
    ("asperger", None, "/forlop/autisme/"),
    ("autismespekterforstyrring", "1506", "/forlop/autisme/"),
    ("vold i hjemmet", None, "/forlop/vold-overgrep-omsorgssvikt/"),
    ("vald og overgrep", "1506", "/forlop/vold-overgrep-omsorgssvikt/"),
    ("kolikk", None, "/forlop/bekymring-0-3-ar/"),
    ("bekymring for barn 0-3 år", "1106", "/forlop/bekymring-0-3-ar/"),
    ("tilvising til BUP angst", "1506", "/forlop/angst/#bup-henvisning"),
    ("henvisning BUP spiseforstyrrelse", None, "/forlop/spisevansker/#bup-henvisning"),
    ("fastlegen henvisning ADHD", None, "/forlop/uro-og-merksemd/#fastlege-henvisning"),
    ("sjekkliste henvisning autisme", None, "/forlop/autisme/henvisning/"),
    ("PPT", None, "/tjenester/ppt/"),
    ("pedagogisk-psykologisk teneste", "1106", "/tjenester/ppt/"),
    ("legevakt", None, "/tjenester/legevakt/"),
    ("skule", "1106", "/tjenester/skole/"),
    ("konsultasjonsdag", "1106", "/forlop/angst/#bup-samarbeid"),
    # Misspelt: the word of the index it is most like, when a slip or two of the keys away.
    ("autsime", None, "/forlop/autisme/"),
    ("spiseforstyrelse", None, "/forlop/spisevansker/"),
    ("spisforstyrrelse", None, "/forlop/spisevansker/"),
    ("depresjonn", None, "/forlop/tristhet-og-depresjon/"),
    ("angts", None, "/forlop/angst/"),
    ("mobing", None, "/forlop/angst/"),
    ("skolevegrig", None, "/forlop/angst/"),
    ("selvskadding", None, "/forlop/tristhet-og-depresjon/"),
    ("anorexi", None, "/forlop/spisevansker/"),
    ("panikangst", None, "/forlop/angst/"),
    ("asberger", None, "/forlop/autisme/"),
    ("hyperaktivitett", None, "/forlop/uro-og-merksemd/"),
    ("omsorgsvikt", None, "/forlop/vold-overgrep-omsorgssvikt/"),
    ("overgep", None, "/forlop/vold-overgrep-omsorgssvikt/"),
    ("fastlgee", None, "/tjenester/fastlege/"),
    ("helsesøstre", None, "/tjenester/helsestasjon/"),
    ("barneverntjenesten", None, "/tjenester/barnevern/"),
    ("tilvissing BUP angst", "1506", "/forlop/angst/#bup-henvisning"),
    ("Haugesnd", None, "/kommune/1106/"),
    # A kommune's name or number: its map.
    ("Molde", None, "/kommune/1506/"),
    ("1506", None, "/kommune/1506/"),
    ("Haugesund", "1103", "/kommune/1106/"),
    ("4614", None, "/kommune/4614/"),
    ("Stavanger", "1106", "/kommune/1103/"),
    ("legevakt Stord", "4614", "/kommune/4614/"),
    # Bokmål and nynorsk: «lav» is «låg».
    ("lavterskel", "1106", "/kommune/1106/"),
    ("lavterskel", None, "/tjenester/psykisk-helse-kommune/"),
    ("lågterskeltilbod", None, "/tjenester/psykisk-helse-kommune/"),
    ("helsesjukepleiar", "1106", "/tjenester/helsestasjon/"),
    ("skulevegring", "1106", "/forlop/angst/"),
    ("spisevanskar", "1106", "/forlop/spisevansker/"),
    ("sjølvskading", "4614", "/forlop/tristhet-og-depresjon/"),
    # Services and words from the texts.
    ("jordmor", None, "/tjenester/jordmor/"),
    ("habilitering", None, "/tjenester/habilitering/"),
    ("legevakta", None, "/tjenester/legevakt/"),
    ("bekymringsmelding", None, "/tjenester/barnevern/"),
    ("tannlege", None, "/forlop/spisevansker/#tannhelse-kartlegging"),
]


@pytest.mark.parametrize(("q", "kommune", "lenke"), FORVENTA, ids=[f[0] for f in FORVENTA])
def test_realistic_queries_have_the_expected_first_result(q, kommune, lenke):
    assert forste(q, kommune) == lenke


# --- the page ---------------------------------------------------------------------------------


def test_search_page_groups_ranks_highlights_and_deep_links(client):
    r = client.get("/sok/", {"q": "henvisning BUP angst"})
    assert r.status_code == 200
    html = r.content.decode()
    assert html.count("<h1") == 1
    assert 'href="/forlop/angst/#bup-henvisning"' in html
    assert "<mark>" in html
    assert 'id="sok-gruppe-seksjon"' in html and 'id="sok-gruppe-tjeneste"' in html
    # Groups come in the order of their best result: the seksjon group first here.
    assert html.index('id="sok-gruppe-seksjon"') < html.index('id="sok-gruppe-tjeneste"')


def test_family_texts_link_to_the_family_page():
    grupper = dict(sok("angst", kontekst()).grupper)
    assert "/familie/angst/" in [t.lenke for t in grupper[Slag.FAMILIE]]


def test_snippet_is_escaped_and_marks_the_hit():
    forlop = bygg.forlop()
    tjeneste = bygg.tjeneste()
    bygg.plasser(forlop, tjeneste)
    bygg.tekst(forlop, tjeneste, Tekstdel.TILTAK, "Bruk <b>zyxmerke</b> & <script>alert(1)</script> her.")
    treff = sok("zyxmerke", kontekst()).forste
    assert "<mark>zyxmerke</mark>" in treff.snutt
    assert "<script>" not in treff.snutt and "<b>" not in treff.snutt


def test_header_search_field_on_every_page(client):
    for url in [
        "/",
        "/forlop/",
        "/forlop/angst/",
        "/tjenester/bup/",
        "/sok/?q=angst",
        "/forlop/angst/henvisning/",
    ]:
        html = client.get(url).content.decode()
        assert 'role="search"' in html, url
        assert '<label class="sok-felt__etikett" for="sok-topp">' in html, url
        assert 'id="sok-topp" name="q"' in html, url


def test_live_results_with_htmx_render_only_the_results(client):
    r = client.get("/sok/", {"q": "angst"}, headers={"HX-Request": "true"})
    html = r.content.decode()
    assert r.status_code == 200
    assert "<html" not in html and "<h1" not in html
    assert 'href="/forlop/angst/"' in html
    assert 'hx-swap-oob="true"' in html  # the status line is updated for screen readers


def test_full_page_form_works_without_javascript(client):
    html = client.get("/sok/").content.decode()
    assert 'method="get" action="/sok/"' in html
    assert '<label class="ds-label" for="sok-q">' in html
    assert 'hx-get="/sok/"' in html


def test_search_page_query_count(client, django_assert_max_num_queries):
    client.get("/sok/", {"q": "angst"})  # warm up middleware caches
    with django_assert_max_num_queries(8):
        r = client.get("/sok/", {"q": "henvisning BUP angst", "kommune": "1106"})
    assert r.status_code == 200


# --- bad queries: always a calm answer ----------------------------------------------------------

DARLEGE = [
    "",
    "   ",
    "?!.,;:-–…",
    "x" * 2000,
    "angst " * 400,
    '"',
    '"angst',
    "*",
    "angst*",
    "NEAR",
    "NEAR(angst bup)",
    "angst AND OR NOT bup",
    "'; DROP TABLE sok_dokument; --",
    "'; DROP TABLE sok_fts; --",
    "tittel:angst",
    "%_%",
    "\\",
    "😀🙈",
    "日本語のテキスト",
    "ÆØÅ æøå",
    # A NUL is refused with a 400 before any view (bupkart.http.NulMiddleware, tests/test_robusthet.py).
    "\u202eangst",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "ab",
]


@pytest.mark.parametrize("q", DARLEGE)
def test_bad_queries_get_a_calm_answer(client, q):
    r = client.get("/sok/", {"q": q})
    assert r.status_code == 200
    html = r.content.decode()
    assert html.count("<h1") == 1
    assert "<script>alert(1)</script>" not in html
    assert 'id="sok-status"' in html
    # The index survived whatever was typed.
    assert sok("angst", kontekst()).forste is not None


@pytest.mark.parametrize("q", ["", "  ", "?!", "ab", "😀"])
def test_empty_or_wordless_queries_say_what_to_do(q):
    resultat = sok(q, kontekst())
    assert resultat.grupper == []
    assert resultat.melding


def test_long_query_is_cut_and_says_so():
    resultat = sok("angst " + "x" * 2000, kontekst())
    assert resultat.forkortet
    assert len(resultat.q) <= 200


def test_a_title_with_the_word_itself_beats_a_compound():
    # «skule» asks for the service Skule, not Helsestasjon og skulehelseteneste, though here the
    # database ranks the compound higher: its description says «skule» over and over.
    helsestasjon = Tjeneste.objects.get(slug="helsestasjon")
    helsestasjon.beskrivelse_nb = helsestasjon.beskrivelse_nn = "Skule, skulen, skulane. " * 20
    helsestasjon.save()
    for nummer in ["1106", "1103"]:  # a nynorsk and a bokmål reader
        tjenester = dict(sok("skule", kontekst(nummer)).grupper)[Slag.TJENESTE]
        assert [t.lenke for t in tjenester[:2]] == ["/tjenester/skole/", "/tjenester/helsestasjon/"], nummer


# --- synonyms -----------------------------------------------------------------------------------


def test_malform_pairs_find_the_other_malform():
    # «tilvising» (nn) reaches the bokmål henvisning seksjon a bokmål reader sees.
    assert forste("tilvising BUP spiseforstyrring", malform="nb") == "/forlop/spisevansker/#bup-henvisning"
    assert forste("skule") == "/tjenester/skole/"


def test_synonym_edited_in_the_admin_changes_results():
    assert sok("blåfjellord", kontekst()).forste is None
    Synonym.objects.create(
        ord="blåfjellord", synonymer="spiseforstyrrelse", forlop=Forlop.objects.get(slug="spisevansker")
    )
    assert forste("blåfjellord") == "/forlop/spisevansker/"


def test_demo_synonyms_are_loaded():
    assert Synonym.objects.filter(ord="skole", synonymer__contains="skule").exists()
    assert Synonym.objects.get(ord="ADHD").forlop.slug == "uro-og-merksemd"


def test_synonym_admin_belongs_to_the_forvalter(client):
    User = get_user_model()
    client.force_login(User.objects.get(username="forvalter"))
    assert client.get(reverse("admin:sok_synonym_add")).status_code == 200
    client.force_login(User.objects.get(username="redaktor-fonna"))
    assert client.get(reverse("admin:sok_synonym_add")).status_code == 403


# --- resolution: a reader gets what the page would show -----------------------------------------


@pytest.fixture
def variant():
    """A felles text and a kommune variant for Haugesund in a fresh forløp."""
    forlop = bygg.forlop()
    tjeneste = Tjeneste.objects.get(slug="bup")
    bygg.plasser(forlop, tjeneste)
    felles = bygg.tekst(
        forlop, tjeneste, Tekstdel.HENVISNING, "Felles: qqfellesord gjelder overalt.", malform="nn"
    )
    lokal = bygg.tekst(
        forlop,
        tjeneste,
        Tekstdel.HENVISNING,
        "Lokalt: qqlokalord gjelder i Haugesund.",
        malform="nn",
        kommune=Kommune.objects.get(nummer="1106"),
    )
    return forlop, felles, lokal


def test_kommune_reader_gets_own_variant_and_not_anothers(variant):
    forlop, _felles, _lokal = variant
    treff = sok("qqlokalord", kontekst("1106")).forste
    assert treff.lenke == f"/forlop/{forlop.slug}/#bup-henvisning"
    assert treff.lokal == "Haugesund"
    # Another kommune in the same helsefellesskap, and a reader without kommune, never see it.
    assert sok("qqlokalord", kontekst("4614")).forste is None
    assert sok("qqlokalord", kontekst()).forste is None


def test_text_replaced_by_a_variant_is_not_found_there(variant):
    assert sok("qqfellesord", kontekst()).forste is not None
    assert sok("qqfellesord", kontekst("4614")).forste is not None
    assert sok("qqfellesord", kontekst("1106")).forste is None  # Haugesund reads its variant


def test_a_hit_in_the_other_malform_shows_the_text_the_page_shows():
    # Stavanger reads bokmål; the word is only in the nynorsk text of the slot.
    forlop = bygg.forlop()
    bup = Tjeneste.objects.get(slug="bup")
    bygg.plasser(forlop, bup)
    bokmal = bygg.tekst(forlop, bup, Tekstdel.HENVISNING, "Bokmål: qqbokord står her.", malform="nb")
    bygg.tekst(forlop, bup, Tekstdel.HENVISNING, "Nynorsk: qqnyord står her.", malform="nn")
    vist = Dokument.objects.get(kilde=bokmal)
    assert Dokument.objects.get(kilde__malform="nn", kilde__forlop=forlop).tittel != vist.tittel
    treff = sok("qqnyord", kontekst("1103")).forste
    assert (treff.lenke, treff.tittel) == (f"/forlop/{forlop.slug}/#bup-henvisning", vist.tittel)
    assert treff.snutt == "Bokmål: qqbokord står her."


def test_forlop_and_service_found_in_the_other_malform_are_named_in_the_readers():
    forlop = bygg.forlop()
    forlop.tittel_nb, forlop.tittel_nn = "Qqbokforlop", "Qqnyforlop"
    forlop.save()
    tjeneste = bygg.tjeneste()
    tjeneste.navn_nb, tjeneste.navn_nn = "Qqboktjeneste", "Qqnyteneste"
    tjeneste.save()
    for q, slag, nb, nn in [
        ("qqnyforlop", Slag.FORLOP, "Qqbokforlop", "Qqnyforlop"),
        ("qqnyteneste", Slag.TJENESTE, "Qqboktjeneste", "Qqnyteneste"),
    ]:
        assert [t.tittel for t in dict(sok(q, kontekst("1103")).grupper)[slag]] == [nb], q
        assert [t.tittel for t in dict(sok(q, kontekst("1106")).grupper)[slag]] == [nn], q


def test_a_helsefellesskap_variant_reaches_the_readers_in_its_kommuner_only():
    forlop = bygg.forlop()
    bup = Tjeneste.objects.get(slug="bup")
    bygg.plasser(forlop, bup)
    bygg.tekst(forlop, bup, Tekstdel.HENVISNING, "Felles: her står det anna.", malform="nn")
    fonna = Helsefellesskap.objects.get(slug="helse-fonna")
    bygg.tekst(forlop, bup, Tekstdel.HENVISNING, "Fonna: qqfonnaord.", malform="nn", helsefellesskap=fonna)
    assert sok("qqfonnaord", kontekst("4614")).forste.lokal == fonna.navn
    assert sok("qqfonnaord", kontekst("1506")).forste is None  # Helse Møre og Romsdal
    assert sok("qqfonnaord", kontekst()).forste is None


@pytest.mark.parametrize("nummer", [None, "1106", "1506"])
def test_candidates_are_limited_to_the_readers_scopes(nummer):
    """The raw candidate queries take the scope rule compiled to SQL: the felles documents, the
    reader's helsefellesskap's and kommune's, and no others (on either database)."""
    leser = kontekst(nummer)
    hf, k = (leser.kommune.helsefellesskap_id, leser.kommune.pk) if leser.kommune else (None, None)
    deler = _omfang(leser)
    sql = " OR ".join(del_ for del_, _p in deler)
    params = [p for _s, params in deler for p in params]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT d.id FROM sok_dokument d WHERE {sql}", params)  # noqa: S608 - compiled by Django
        sluppet = {rad[0] for rad in cursor.fetchall()}
    ventet = {
        d.pk
        for d in Dokument.objects.all()
        if (d.helsefellesskap_id, d.kommune_id) == (None, None)
        or (hf is not None and d.helsefellesskap_id == hf)
        or (k is not None and d.kommune_id == k)
    }
    assert sluppet == ventet
    assert nummer is None or any(d.kommune_id == k for d in Dokument.objects.filter(pk__in=sluppet))


def test_local_offers_only_for_the_chosen_kommune():
    # The kommune's map is for every reader; its offers are listed for its own readers only.
    for nummer in ["1103", "1106"]:
        grupper = dict(sok("BUP Haugesund", kontekst(nummer)).grupper)
        assert [t.lenke for t in grupper[Slag.KOMMUNE]] == ["/kommune/1106/"], nummer
        tilbud = [t.lenke for t in grupper.get(Slag.TILBUD, [])]
        assert ("/kommune/1106/" in tilbud) == (nummer == "1106"), nummer
    # A reader who has chosen no kommune gets no kommune's offers, for any word.
    for q in ["BUP Haugesund", "helsestasjon", "legevakt"]:
        assert Slag.TILBUD in dict(sok(q, kontekst("1106")).grupper), q
        assert Slag.TILBUD not in dict(sok(q, kontekst()).grupper), q


# --- the index stays fresh ------------------------------------------------------------------------


def test_publishing_a_new_version_updates_the_index():
    forlop = Forlop.objects.get(slug="angst")
    slot = forlop.tekster.get(
        tjeneste__slug="bup", tekstdel="tiltak", malform="nb", helsefellesskap=None, kommune=None
    )
    assert sok("qqnyttord", kontekst()).forste is None
    versjon = lagre_utkast(
        slot, slot.publisert.markdown + "\n\nNytt: qqnyttord.", av=None, forrige=slot.siste_versjon()
    )
    assert sok("qqnyttord", kontekst()).forste is None  # a draft is not searchable
    publiser(versjon, av=None, endringsnotat="Test.")
    assert forste("qqnyttord") == "/forlop/angst/#bup-tiltak"


def test_withdrawing_a_variant_removes_it_from_the_index(variant):
    _forlop, _felles, lokal = variant
    # Searched first, so the reader's resolution is in the cache when the variant goes.
    assert sok("qqfellesord", kontekst("1106")).forste is None
    trekk_tilbake(lokal, av=None, endringsnotat="Test.")
    assert sok("qqlokalord", kontekst("1106")).forste is None
    assert sok("qqfellesord", kontekst("1106")).forste is not None


def test_which_text_each_slot_shows_is_decided_once_per_content_version(variant):
    """The resolution search holds its hits to is kept in the cache under the scopes' versions:
    a second query in the same context reads no text, and a publication decides it anew."""
    _forlop, felles, _lokal = variant
    sok("qqlokalord", kontekst("1106"))
    with CaptureQueriesContext(connection) as sporringar:
        assert sok("qqfellesord", kontekst("1106")).forste is None
    assert not [q for q in sporringar.captured_queries if "forlop_tekst" in q["sql"]]
    versjon = lagre_utkast(felles, "Felles: qqnyttord.", av=None, forrige=felles.siste_versjon())
    publiser(versjon, av=None, endringsnotat="Test.")
    with CaptureQueriesContext(connection) as sporringar:
        sok("qqlokalord", kontekst("1106"))
    assert [q for q in sporringar.captured_queries if "forlop_tekst" in q["sql"]]


def test_a_compound_in_a_new_text_is_found_by_a_word_searched_before():
    """PostgreSQL finds compounds through the vocabulary, kept in the cache per word and scope
    version: a new text's compound must be found on the next search."""
    assert sok("qqsamord", kontekst()).forste is None
    forlop = bygg.forlop()
    tjeneste = Tjeneste.objects.get(slug="bup")
    bygg.plasser(forlop, tjeneste)
    bygg.tekst(forlop, tjeneste, Tekstdel.HENVISNING, "Om qqsamordsvanskar hos barn.", malform="nb")
    assert sok("qqsamord", kontekst()).forste is not None


def test_forlop_rename_and_unpublish_follow():
    forlop = Forlop.objects.get(slug="autisme")
    forlop.tittel_nb = "Qqomdøypt autisme"
    forlop.save()
    assert forste("qqomdøypt") == "/forlop/autisme/"
    forlop.publisert = False
    forlop.save()
    assert sok("qqomdøypt", kontekst()).forste is None
    assert not Dokument.objects.filter(forlop=forlop).exists()


def indeksen():
    """Every row of the index, as a multiset of its fields (ids differ after a rebuild)."""
    felt = [f.attname for f in Dokument._meta.concrete_fields if f.attname != "id"]
    return Counter(Dokument.objects.values_list(*felt))


def _gi_nytt_navn_til_tjenesten():
    tjeneste = Tjeneste.objects.get(slug="helsestasjon")  # it has offers in every demo kommune
    tjeneste.navn_nb, tjeneste.navn_nn = "Qqstasjon", "Qqstasjonen"
    tjeneste.save()


def _gi_nytt_navn_til_tilbudet():
    tilbud = LokaltTilbud.objects.filter(kommune__nummer="1506").first()
    tilbud.navn = "Qqtilbod"
    tilbud.save()


def _gi_nytt_navn_til_kommunen():
    kommune = Kommune.objects.get(nummer="1106")
    kommune.navn = "Qqhaugesund"
    kommune.save()


def _flytt_kommunen():
    kommune = Kommune.objects.get(nummer="1106")  # from Helse Fonna (nn) to Helse Stavanger (nb)
    kommune.helsefellesskap = Helsefellesskap.objects.get(slug="helse-stavanger")
    kommune.save()


def _bytt_malform_i_helsefellesskapet():
    hf = Helsefellesskap.objects.get(slug="helse-fonna")
    hf.malform = "nb"
    hf.save()


def _gi_nytt_navn_til_forlopet():
    forlop = Forlop.objects.get(slug="angst")
    forlop.tittel_nn = "Qqangst"
    forlop.save()


@pytest.mark.parametrize(
    "endring",
    [
        _gi_nytt_navn_til_tjenesten,
        _gi_nytt_navn_til_tilbudet,
        _gi_nytt_navn_til_kommunen,
        _flytt_kommunen,
        _bytt_malform_i_helsefellesskapet,
        _gi_nytt_navn_til_forlopet,
    ],
)
def test_full_rebuild_matches_incremental_state(endring):
    for_ = indeksen()
    endring()
    etter = indeksen()
    assert etter != for_  # the change shows in the index at all
    indeks.bygg()
    bygd = indeksen()
    assert (etter - bygd, bygd - etter) == (Counter(), Counter())


def test_vendor_machinery_follows_the_table():
    with connection.cursor() as c:
        if connection.vendor == "sqlite":
            c.execute("SELECT count(*) FROM sok_fts")
            assert c.fetchone()[0] == Dokument.objects.count()
            c.execute("SELECT count(*) FROM sok_fts WHERE sok_fts MATCH '\"spiseforstyrr\"'")
            assert c.fetchone()[0] > 0
        else:
            c.execute(
                "SELECT count(*) FROM sok_dokument WHERE sokevektor @@ plainto_tsquery('norwegian', 'spiseforstyrrelsene')"
            )
            assert c.fetchone()[0] > 0  # the norwegian stemmer finds the inflected form
            c.execute("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")
            assert c.fetchone()[0] == 1


# --- search forgives ------------------------------------------------------------------------------


def test_a_misspelt_word_is_corrected_and_the_page_asks_if_it_was_meant(client):
    resultat = sok("autsime", kontekst())
    assert resultat.forslag == "autisme"
    html = client.get("/sok/", {"q": "autsime"}).content.decode()
    assert 'Mente du <a href="/sok/?q=autisme">autisme</a>?' in html
    assert 'href="/forlop/autisme/"' in html
    # In nynorsk, and only the misspelt word of several is corrected.
    html = client.get("/sok/", {"q": "tilvissing BUP", "malform": "nn"}).content.decode()
    assert 'Meinte du <a href="/sok/?q=tilvising+bup">tilvising bup</a>?' in html


@pytest.mark.parametrize(
    "q",
    [
        "angst",  # a word of the index
        "merksemd",  # inside compounds only («merksemdsvanskar»)
        "ensomhet",  # alike by trigrams to «enhet», but no slip of the keys away
        "Moldee",  # its stem «molde» is known
        "ADHS",  # too short to correct: too many neighbours
        "qqzzxxyy",  # like nothing
    ],
)
def test_no_correction_where_none_is_meant(q):
    assert sok(q, kontekst()).forslag == ""


def test_similarity_is_pg_trgm_similarity():
    par = [
        ("autsime", "autisme"),
        ("spiseforstyrelse", "spiseforstyrrelse"),
        ("ensomhet", "enhet"),
        ("lågterskel", "lavterskel"),
        ("abc", "xyz"),
    ]
    assert likhet("autsime", "autisme") == 4 / 12
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            for a, b in par:
                c.execute("SELECT similarity(%s, %s)", [a, b])
                assert c.fetchone()[0] == pytest.approx(likhet(a, b), abs=1e-6), (a, b)


def test_words_of_new_texts_and_synonyms_can_be_corrected_to():
    forlop = bygg.forlop()
    tjeneste = bygg.tjeneste()
    bygg.plasser(forlop, tjeneste)
    assert sok("zyxkvaliteten", kontekst()).forste is None
    bygg.tekst(forlop, tjeneste, Tekstdel.TILTAK, "Her står zyxkvalitet om tiltaket.")
    assert sok("zyxkvalitte", kontekst()).forslag == "zyxkvalitet"
    Synonym.objects.create(ord="zyxblåbær", synonymer="zyxtyttebær")
    assert sok("zyxtyttbær", kontekst()).forslag == "zyxtyttebær"


def test_a_new_kommune_is_found_by_name_and_number():
    kommune = Kommune.objects.create(
        nummer="5099", navn="Qqtrondheim", helsefellesskap=Helsefellesskap.objects.get(slug="helse-fonna")
    )
    assert forste("Qqtrondheim") == forste("5099") == f"/kommune/{kommune.nummer}/"
