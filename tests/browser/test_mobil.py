"""The portal on a phone: nothing wider than a 320 px screen on any public page, a header of at
most about 120 px at 375 px with the search behind a button that works with and without
JavaScript, tags that wrap instead of being cut, and /endringer/ as cards rather than a wide
table."""

import pytest

pytestmark = pytest.mark.browser

FORLOP = [
    "angst",
    "autisme",
    "bekymring-0-3-ar",
    "spisevansker",
    "tristhet-og-depresjon",
    "uro-og-merksemd",
    "vold-overgrep-omsorgssvikt",
]
# Every public page, in the context that makes it longest: a kommune chosen (the context bar
# names it and its helsefellesskap, the texts carry «Lokal tilpasning for …» tags).
OFFENTLIGE_SIDER = [
    "/",
    "/?kommune=1506",
    "/forlop/",
    *(f"/forlop/{slug}/?kommune=1506" for slug in FORLOP),
    *(f"/familie/{slug}/?kommune=1506" for slug in FORLOP),
    "/forlop/angst/henvisning/?kommune=1106",
    "/tjenester/",
    "/tjenester/bup/?kommune=1103",
    "/tjenester/bup/forlop/angst/?kommune=1106",
    "/kommune/1506/",
    "/akutt/?kommune=1506",
    "/akutt/familie/?kommune=1506",
    "/kommune/sok/?q=s",
    "/sok/?q=angst&kommune=1506",
    "/sok/?q=autsime",
    "/endringer/",
    "/tilgjengelighet/?kommune=",
    "/finst-ikkje/",
    "/tal/?kommune=1506",
    "/oving/?kommune=1506",
    "/oving/emma-vil-ikke-pa-skolen/?kommune=1506",
    "/oving/emma-vil-ikke-pa-skolen/steg/1/?kommune=1506&tjeneste=bup&vis=1",
    "/oving/emma-vil-ikke-pa-skolen/med-svar/?kommune=1506",
    "/oving/bli-med/",
    "/ta-i-bruk/?kommune=1506",
    "/nettverk/helse-more-og-romsdal/",
    "/hoyring/",
    "/api/v1/",
]
TELEFON = {"width": 375, "height": 812}
MAKS_TOPP = 120


def _for_brede(page, bredde):
    return page.evaluate(
        """(w) => [...document.querySelectorAll('body *')]
             .filter(e => e.getBoundingClientRect().width > 2 && (e.getBoundingClientRect().right > w + 0.5 || e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)))
             .slice(0, 6).map(e => `${e.tagName}.${e.className} → ${Math.round(e.getBoundingClientRect().right)}px, scroll ${e.scrollWidth}px`)""",
        bredde,
    )


@pytest.mark.parametrize("adresse", OFFENTLIGE_SIDER)
def test_nothing_is_wider_than_a_320_px_screen(page, adresse):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(adresse)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    bredde = page.evaluate("() => document.documentElement.scrollWidth")
    # Nor anything that scrolls sideways inside itself (the table of /endringer/ did, 949 px).
    assert (bredde, _for_brede(page, 320)) == (320, []), adresse


@pytest.mark.parametrize(
    "adresse", ["/", "/forlop/angst/?kommune=1506", "/familie/angst/?kommune=1106&malform=nn"]
)
def test_the_header_is_short_on_a_phone(page, adresse):
    page.set_viewport_size(TELEFON)
    page.goto(adresse)
    hoyde = page.evaluate("() => document.querySelector('header.topp').getBoundingClientRect().height")
    assert hoyde <= MAKS_TOPP, f"{adresse}: the header is {hoyde} px high"
    assert not page.locator("#sok-topp").is_visible()


def _sok_fra_knappen(page):
    page.locator(".topp__sok-knapp").click()
    felt = page.locator("#sok-topp")
    assert felt.is_visible()
    felt.fill("autsime")
    felt.press("Enter")
    page.wait_for_url("**/sok/?q=autsime")
    assert page.get_by_role("link", name="autisme").first.is_visible()


def test_the_search_button_opens_the_field_with_javascript(page, sjekk_axe):
    page.set_viewport_size(TELEFON)
    page.goto("/forlop/angst/?kommune=1506")
    page.locator(".topp__sok-knapp").click()
    assert page.locator("#sok-topp").is_visible()
    sjekk_axe(page)
    page.goto("/")
    _sok_fra_knappen(page)
    sjekk_axe(page)


def test_the_search_button_works_without_javascript(browser, browser_context_args):
    kontekst = browser.new_context(
        **{**browser_context_args, "viewport": TELEFON, "java_script_enabled": False}
    )
    try:
        page = kontekst.new_page()
        page.goto("/")
        _sok_fra_knappen(page)
    finally:
        kontekst.close()


def test_on_a_wide_screen_the_field_shows_without_the_button(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    assert page.locator("#sok-topp").is_visible()
    assert not page.locator(".topp__sok-knapp").is_visible()


def test_a_long_variant_tag_wraps_instead_of_being_cut(page):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto("/forlop/angst/?kommune=1506")
    page.evaluate("() => document.querySelectorAll('main details').forEach(d => d.open = true)")
    merker = page.locator(".ds-tag", has_text="Helse Møre og Romsdal")
    assert merker.count() > 0
    kuttet = page.evaluate(
        """() => [...document.querySelectorAll('.ds-tag')].filter(e => {
             const r = e.getBoundingClientRect();
             return e.scrollWidth > e.clientWidth + 1 || r.right > window.innerWidth;
           }).map(e => e.textContent.trim())"""
    )
    assert kuttet == []


def test_changes_are_cards_on_a_phone(page, sjekk_axe):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto("/endringer/")
    tabell = page.locator("table.endringer")
    assert tabell.evaluate("t => t.getBoundingClientRect().width") <= 320
    forste = page.locator("table.endringer tbody tr").first
    assert forste.evaluate("r => getComputedStyle(r.querySelector('td'), '::before').content").startswith(
        '"Dato'
    )
    sjekk_axe(page)


def test_print_shows_neither_the_search_button_nor_the_field(page):
    page.set_viewport_size(TELEFON)
    page.goto("/forlop/angst/?kommune=1506")
    page.emulate_media(media="print")
    assert not page.locator(".topp__sok-knapp").is_visible()
    assert not page.locator("#sok-topp").is_visible()
    assert page.locator(".topp__tittel").is_visible()
