"""axe-core in Chromium on every public page type, keyboard basics, målform, zoom and mobile
width. Screenshots of the main pages at 1280 and 375 px go to screenshots/."""

import re
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.browser

# (name, address): one of every public page type, in the contexts that change what they show.
SIDER = [
    ("start", "/"),
    ("start-molde", "/?kommune=1506"),
    ("forlop-liste", "/forlop/"),
    ("forlop", "/forlop/angst/?kommune="),
    ("forlop-molde", "/forlop/angst/?kommune=1506"),
    ("tjeneste", "/tjenester/bup/?kommune=1103"),
    ("tjeneste-i-forlop", "/tjenester/bup/forlop/angst/?kommune=1106"),
    ("kommune-molde", "/kommune/1506/"),
    ("kommune-stavanger", "/kommune/1103/"),
    ("kommune-ukjent", "/kommune/9999/?kommune="),
    ("kommune-sok", "/kommune/sok/?q=s&kommune="),
    ("familie", "/familie/angst/?kommune="),
    ("familie-molde", "/familie/angst/?kommune=1506"),
    ("familie-sandnes", "/familie/spisevansker/?kommune=1108"),
    ("utskrift-forlop", "/forlop/angst/?utskrift=1&kommune=1506"),
    ("utskrift-tjeneste", "/tjenester/bup/forlop/angst/?utskrift=1&kommune=1506"),
    ("utskrift-familie", "/familie/angst/?utskrift=1&kommune=1506"),
    ("utskrift-kommune", "/kommune/1506/?utskrift=1"),
    ("endringer", "/endringer/"),
    ("tilgjengelighet", "/tilgjengelighet/?kommune="),
]
SKJERMBILDER = {
    "start",
    "start-molde",
    "forlop-molde",
    "kommune-molde",
    "familie-molde",
    "familie",
    "utskrift-forlop",
    "tilgjengelighet",
}


@pytest.mark.parametrize(("navn", "adresse"), SIDER, ids=[s[0] for s in SIDER])
def test_axe_finds_no_violations(page, sjekk_axe, skjermbilde, navn, adresse):
    svar = page.goto(adresse)
    assert svar.status == (404 if navn == "kommune-ukjent" else 200)
    sjekk_axe(page)
    assert page.locator("h1").count() == 1
    if navn in SKJERMBILDER:
        page.set_viewport_size({"width": 1280, "height": 900})
        skjermbilde(page, f"{navn}-1280")
        page.set_viewport_size({"width": 375, "height": 812})
        skjermbilde(page, f"{navn}-375")


def test_axe_on_forlop_with_every_seksjon_open(page, sjekk_axe):
    """The seksjon texts sit in closed <details>; axe only judges what is rendered."""
    page.goto("/forlop/autisme/?kommune=1106")
    page.evaluate("() => document.querySelectorAll('main details').forEach(d => d.open = true)")
    sjekk_axe(page)


def test_axe_on_kommune_picker_with_matches_shown(page, sjekk_axe):
    page.goto("/forlop/?kommune=")
    page.get_by_text("Velg kommune", exact=True).click()
    page.locator("#kontekst-q").press_sequentially("sa", delay=30)
    page.locator("#kontekst-treff a").first.wait_for()
    sjekk_axe(page)


def test_search_page_when_it_exists(page, sjekk_axe, base_url):
    try:
        urllib.request.urlopen(f"{base_url}/sok/?q=angst", timeout=10)
    except urllib.error.HTTPError as feil:
        if feil.code == 404:
            pytest.skip("/sok/ is not built yet (issue for search owned by another helper)")
        raise
    page.goto("/sok/?q=angst")
    sjekk_axe(page)


@pytest.mark.parametrize("bredde", [375, 640])
@pytest.mark.parametrize("adresse", [a for n, a in SIDER if not n.startswith("utskrift")])
def test_no_horizontal_scroll_on_a_phone_or_at_200_percent_zoom(page, adresse, bredde):
    """375 px is a phone; 640 px CSS width is a 1280 px screen zoomed to 200 %."""
    page.set_viewport_size({"width": bredde, "height": 800})
    page.goto(adresse)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    bredder = page.evaluate("() => [document.documentElement.scrollWidth, document.body.scrollWidth]")
    for_brede = page.evaluate(
        """(w) => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 0.5)
             .slice(0, 6).map(e => `${e.tagName}.${e.className} → ${Math.round(e.getBoundingClientRect().right)}px`)""",
        bredde,
    )
    assert max(bredder) <= bredde, f"{adresse} is {bredder} px wide at {bredde} px: {for_brede}"


def test_skip_link_is_first_visible_on_focus_and_moves_focus_to_main(page):
    page.goto("/forlop/angst/")
    page.keyboard.press("Tab")
    fokus = page.evaluate("() => document.activeElement.textContent.trim()")
    assert fokus == "Hopp til innholdet"
    boks = page.locator(".ds-skip-link").bounding_box()
    assert boks["x"] >= 0 and boks["y"] >= 0 and boks["width"] > 20, "the skip link must show when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "innhold"
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('main')")


FOKUS_STIL = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  return {tag: e.tagName, tekst: (e.textContent || e.id || '').trim().slice(0, 40), synlig: ring || s.boxShadow !== 'none'};
}"""


@pytest.mark.parametrize(
    "adresse", ["/familie/angst/?kommune=", "/kommune/1506/", "/forlop/angst/?kommune=1103"]
)
def test_every_tab_stop_shows_a_visible_focus_ring(page, adresse):
    page.goto(adresse)
    page.locator(".kontekst__bytt").evaluate("d => d.open = true")  # the picker's field and button too
    sett = []
    for _ in range(45):
        page.keyboard.press("Tab")
        stopp = page.evaluate(FOKUS_STIL)
        if stopp["tag"] == "BODY":
            break
        sett.append(stopp)
    usynlige = [s for s in sett if not s["synlig"]]
    assert len(sett) > 15
    assert {s["tag"] for s in sett} >= {"A", "INPUT", "BUTTON", "SUMMARY"}
    assert not usynlige, f"no visible focus on: {usynlige}"


def test_keyboard_alone_chooses_a_kommune_from_the_context_bar(page):
    page.goto("/tilgjengelighet/?kommune=")
    page.locator(".kontekst__bytt > summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "kontekst-q"
    page.keyboard.type("Ålesund")
    page.locator("#kontekst-treff a").first.wait_for()
    page.keyboard.press("Tab")
    assert "Ålesund" in page.evaluate("() => document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/tilgjengelighet/\?kommune=1508$"))
    assert "Du ser: Ålesund" in page.locator(".kontekst__valgt").inner_text()


@pytest.mark.parametrize(
    ("adresse", "lang"),
    [
        ("/forlop/angst/?kommune=1506", "nn"),
        ("/forlop/angst/?kommune=1103", "nb"),
        ("/familie/angst/?kommune=4614", "nn"),
    ],
)
def test_lang_follows_the_malform(page, adresse, lang):
    page.goto(adresse)
    assert page.locator("html").get_attribute("lang") == lang
    for tekst in page.locator("main .tekst").all():
        assert tekst.get_attribute("lang") in ("nb", "nn")


def test_heading_levels_never_skip(page):
    for adresse in [
        "/familie/angst/?kommune=1506",
        "/kommune/1506/",
        "/tjenester/bup/forlop/angst/",
        "/tilgjengelighet/",
    ]:
        page.goto(adresse)
        nivaer = page.evaluate(
            "() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].filter(h => h.offsetParent !== null).map(h => +h.tagName[1])"
        )
        assert nivaer[0] == 1 and nivaer.count(1) == 1, (adresse, nivaer)
        assert all(b - a <= 1 for a, b in zip(nivaer, nivaer[1:], strict=False)), (adresse, nivaer)
