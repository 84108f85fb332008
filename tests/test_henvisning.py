"""The referral checklist: the forløp's sjekkliste text, resolved like every text, as
checkboxes; what is missing; a print summary; nothing sent or stored."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forlop.henvisning import punkter
from forlop.models import Forlop, Tekst, Tekstdel
from tests import bygg

pytestmark = pytest.mark.django_db


def felles_sjekkliste(slug, malform="nb"):
    return Tekst.objects.get(
        forlop__slug=slug,
        tjeneste=None,
        tekstdel=Tekstdel.SJEKKLISTE,
        malform=malform,
        helsefellesskap=None,
        kommune=None,
    )


def bokser(html):
    return re.findall(
        r'<input class="ds-input" type="checkbox" id="p-(\w+)" name="p" value="\1"( checked)?>', html
    )


def test_checklist_lists_every_item_as_a_labelled_checkbox(client):
    tekst = felles_sjekkliste("spisevansker")
    linjer = [linje for linje in tekst.publisert.markdown.splitlines() if linje.startswith("- ")]
    r = client.get("/forlop/spisevansker/henvisning/", {"malform": "nb"})
    html = r.content.decode()
    assert r.status_code == 200
    assert html.count("<h1") == 1
    funnet = bokser(html)
    assert len(funnet) == len(linjer) > 5
    for nokkel, _ in funnet:
        assert f'<label class="ds-label" for="p-{nokkel}"' in html
    assert "Ingenting blir sendt eller lagret" in html


def test_ticked_items_move_from_missing_to_in_place(client):
    html = client.get("/forlop/angst/henvisning/", {"malform": "nb"}).content.decode()
    nokler = [n for n, _ in bokser(html)]
    r = client.get("/forlop/angst/henvisning/", {"malform": "nb", "vis": "1", "p": nokler[:2]})
    html = r.content.decode()
    assert [n for n, c in bokser(html) if c] == nokler[:2]
    mangler = html[html.index("data-mangler") : html.index('id="pa-plass"')]
    pa_plass = html[html.index("data-pa-plass") :]
    assert f'data-nokkel="{nokler[0]}"' in pa_plass.split("</ul>")[0]
    assert f'data-nokkel="{nokler[0]}"' not in mangler
    assert f'data-nokkel="{nokler[2]}"' in mangler
    assert f"{len(nokler) - 2} av {len(nokler)} punkter mangler" in html


def test_all_ticked_says_nothing_is_missing(client):
    html = client.get("/forlop/autisme/henvisning/", {"malform": "nb"}).content.decode()
    nokler = [n for n, _ in bokser(html)]
    html = client.get("/forlop/autisme/henvisning/", {"malform": "nb", "p": nokler}).content.decode()
    assert "Ingenting – alt er på plass." in html
    assert f"0 av {len(nokler)} punkter mangler" in html


def test_unknown_or_hostile_ticks_are_ignored(client):
    r = client.get("/forlop/angst/henvisning/", {"p": ['"><script>alert(1)</script>', "finnesikke"]})
    html = r.content.decode()
    assert r.status_code == 200
    assert "<script>alert(1)" not in html
    assert not [n for n, c in bokser(html) if c]


def test_helsefellesskap_variant_is_shown_where_it_applies(client):
    haugesund = client.get("/forlop/spisevansker/henvisning/", {"kommune": "1106"}).content.decode()
    assert re.search(r'data-color="brand1">Lokal tilpass\w+ for Helse Fonna', haugesund)
    assert "Lokalt krav i Helse Fonna" in haugesund
    stavanger = client.get("/forlop/spisevansker/henvisning/", {"kommune": "1103"}).content.decode()
    assert "Lokalt krav i Helse Fonna" not in stavanger
    assert 'data-color="brand1"' not in stavanger


def test_new_version_of_the_checklist_is_what_the_page_shows(client):
    forlop = bygg.forlop()
    bygg.tekst(forlop, None, Tekstdel.SJEKKLISTE, "- Første punkt\n- Andre punkt")
    html = client.get(f"/forlop/{forlop.slug}/henvisning/", {"malform": "nb"}).content.decode()
    assert len(bokser(html)) == 2
    bygg.tekst(forlop, None, Tekstdel.SJEKKLISTE, "- Første punkt\n- Andre punkt\n- Tredje punkt")
    html = client.get(f"/forlop/{forlop.slug}/henvisning/", {"malform": "nb"}).content.decode()
    assert len(bokser(html)) == 3 and "Tredje punkt" in html


def test_nothing_is_stored_and_only_get_is_allowed(client):
    html = client.get("/forlop/angst/henvisning/").content.decode()
    nokler = [n for n, _ in bokser(html)]
    with CaptureQueriesContext(connection) as sporsmal:
        client.get("/forlop/angst/henvisning/", {"p": nokler[:3], "vis": "1"})
    skriv = [
        q["sql"] for q in sporsmal.captured_queries if re.match(r"\s*(INSERT|UPDATE|DELETE)", q["sql"], re.I)
    ]
    # The page cache may record a page; nothing about the checklist or the ticks is written.
    assert not [s for s in skriv if "sjekk" in s.lower() or nokler[0] in s]
    assert client.post("/forlop/angst/henvisning/", {"p": nokler[:1]}).status_code in (403, 405)
    assert 'method="get"' in html


def test_print_summary_and_print_view(client):
    html = client.get("/forlop/angst/henvisning/", {"vis": "1"}).content.decode()
    assert 'class="oppsummering"' in html
    assert "utskrift=1" in html
    r = client.get("/forlop/angst/henvisning/", {"vis": "1", "utskrift": "1"})
    assert r.status_code == 200 and 'class="utskrift"' in r.content.decode()


def test_unknown_forlop_is_404(client):
    assert client.get("/forlop/finnes-ikke/henvisning/").status_code == 404
    Forlop.objects.filter(slug="angst").update(publisert=False)
    assert client.get("/forlop/angst/henvisning/").status_code == 404


def test_parser_keeps_formatting_nested_lists_and_notes():
    html = (
        "<p>Innledning &amp; merknad.</p>"
        "<ul><li><strong>Viktig:</strong> vekt &amp; høyde</li>"
        '<li>Rapporter <a href="https://example.no" rel="noopener noreferrer">fra skolen</a>'
        "<ul><li>PPT</li><li>helsesykepleier</li></ul></li>"
        "<li></li><li>Samme</li><li>Samme</li></ul><p>Til slutt.</p>"
    )
    liste, merknader = punkter(html)
    assert [str(p["html"]) for p in liste] == [
        "<strong>Viktig:</strong> vekt &amp; høyde",
        'Rapporter <a href="https://example.no" rel="noopener noreferrer">fra skolen</a><ul><li>PPT</li><li>helsesykepleier</li></ul>',
        "Samme",
        "Samme",
    ]
    assert len({p["nokkel"] for p in liste}) == 4  # duplicates get their own keys
    assert [str(m) for m in merknader] == ["<p>Innledning &amp; merknad.</p>", "<p>Til slutt.</p>"]


def test_parser_resanitises_fragments():
    liste, _ = punkter('<ul><li>ok <img src=x onerror="alert(1)"></li></ul>')
    assert "onerror" not in str(liste[0]["html"]) and "<img" not in str(liste[0]["html"])


def test_markdown_dash_items_become_items():
    forlop = bygg.forlop()
    tekst = bygg.tekst(
        forlop, None, Tekstdel.SJEKKLISTE, "Før du sender:\n\n- Ett\n- To med **uthevet**\n- Tre"
    )
    liste, merknader = punkter(tekst.publisert.html)
    assert [str(p["html"]) for p in liste] == ["Ett", "To med <strong>uthevet</strong>", "Tre"]
    assert merknader and "Før du sender" in str(merknader[0])
