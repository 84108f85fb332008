"""User journeys in a real browser: a parent in Molde on a phone, a professional printing BUP's
part of a forløp, the portal without JavaScript, and print."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
MOBIL = {"width": 375, "height": 812}


class Trykk:
    """Counts the reader's taps (typing is not a tap)."""

    def __init__(self):
        self.antall = 0

    def __call__(self, locator):
        self.antall += 1
        locator.click()


def test_parent_in_molde_reaches_first_contact_and_akutt_numbers_in_three_taps(page, skjermbilde):
    page.set_viewport_size(MOBIL)
    trykk = Trykk()
    page.context.clear_cookies()
    page.goto("/")

    felt = page.locator("#start-q")
    trykk(felt)
    felt.press_sequentially("Mol", delay=60)
    molde = page.locator("#start-treff a", has_text="Molde")
    molde.wait_for()  # matches appear as the reader types (htmx), no page load
    assert page.url.endswith("/")
    trykk(molde)
    page.wait_for_url(re.compile(r"/\?kommune=1506$"))
    assert "Molde" in page.locator(".kontekst__valgt").inner_text()

    trykk(page.locator(".familie-inngang a").first)
    page.wait_for_url(re.compile(r"/familie/[a-z0-9-]+/\?kommune=1506$"))
    assert trykk.antall <= 3

    kontakt = page.locator(".forste-kontakt")
    assert kontakt.get_by_text("Helsestasjon og skulehelsetenesta i Molde").is_visible()
    assert kontakt.get_by_text("Kvardagar 08.00–15.30", exact=True).is_visible()
    akutt = page.locator("aside.akutt")
    for nummer in ["113", "116 117", "116 111", "71 12 00 00"]:
        lenke = akutt.locator("a", has_text=nummer)
        assert lenke.is_visible(), nummer
        assert lenke.get_attribute("href") == "tel:" + nummer.replace(" ", "")
    # «High on the page on mobile»: the akutt box starts on the first screen.
    assert akutt.bounding_box()["y"] < MOBIL["height"]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= MOBIL["width"]
    skjermbilde(page, "reise-familie-molde-375")


def test_professional_opens_bup_henvisning_and_prints_it(page, skjermbilde):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/?kommune=1103")
    page.locator(".kortliste a", has_text="Angst og bekymring").click()
    page.wait_for_url(re.compile(r"/forlop/angst/$"))
    page.locator(".pyramide a[href='#bup']").click()
    bup = page.locator("section#bup")
    bup.locator(".tjeneste__detaljer > summary").click()
    bup.locator(".seksjon-nav a[href='#bup-henvisning']").click()
    henvisning = page.locator("#bup-henvisning")
    expect(henvisning).to_be_visible()
    assert henvisning.locator("h4").inner_text() == "Henvisning"
    assert len(henvisning.locator(".tekst").inner_text()) > 200

    with page.expect_navigation():
        bup.get_by_role("link", name=re.compile("Utskrift: bare")).click()
    assert "/tjenester/bup/forlop/angst/?utskrift=1&kommune=1103" in page.url
    # The print view: no navigation chrome, the kommune, «sist revidert» and the address.
    assert not page.locator(".topp__nav").is_visible()
    assert not page.locator(".kontekst").is_visible()
    topp = page.locator(".utskrift-topp")
    assert topp.is_visible()
    assert "Stavanger" in topp.inner_text() and "Sist revidert" in topp.inner_text()
    assert re.search(r"http://127\.0\.0\.1:\d+/tjenester/bup/forlop/angst/\?kommune=1103", topp.inner_text())
    expect(page.locator("#bup-henvisning")).to_be_visible()
    expect(page.locator("button[data-utskrift-knapp]")).to_be_visible()  # shown by JavaScript
    skjermbilde(page, "reise-utskrift-bup-1280")


@pytest.mark.parametrize(
    "adresse",
    [
        "/forlop/angst/?kommune=1506",
        "/familie/angst/?kommune=1506",
        "/kommune/1506/?kommune=1506",
        "/tjenester/bup/forlop/angst/?kommune=1506",
    ],
)
def test_print_media_is_a4_without_navigation_and_with_the_print_header(page, adresse):
    page.goto(adresse)
    page.emulate_media(media="print")
    for skjult in [".topp__nav", ".kontekst", ".del-lenker", ".bunn__lenker"]:
        if page.locator(skjult).count():
            expect(page.locator(skjult).first).to_be_hidden()
    topp = page.locator(".utskrift-topp")
    expect(topp).to_be_visible()
    assert "Molde" in topp.inner_text()
    assert "?kommune=1506" in topp.inner_text()
    # The page size comes from the stylesheet (@page { size: A4 }): 595 × 842 points.
    sider = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", page.pdf(prefer_css_page_size=True))
    assert sider and all(round(float(b)) == 595 and round(float(h)) == 842 for b, h in sider), sider[:3]


def test_print_opens_every_seksjon_of_the_forlop(page):
    page.goto("/forlop/angst/?kommune=1103")
    assert not page.locator("#bup-henvisning").is_visible()
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    apne = page.evaluate("() => [...document.querySelectorAll('main details')].map(d => d.open)")
    assert all(apne), apne
    expect(page.locator("#bup-henvisning")).to_be_visible()
    expect(page.locator("#fastlege-rolle")).to_be_visible()
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert not any(page.evaluate("() => [...document.querySelectorAll('main details')].map(d => d.open)"))


@pytest.fixture
def uten_js(browser, browser_context_args):
    kontekst = browser.new_context(**browser_context_args, java_script_enabled=False)
    side = kontekst.new_page()
    yield side
    kontekst.close()


def test_forlop_page_without_javascript(uten_js, sjekk_axe):
    page = uten_js
    page.goto("/forlop/angst/?kommune=1506")
    assert page.locator("h1").count() == 1
    # Seksjonar open with the native <details>, no script needed.
    bup = page.locator("section#bup")
    bup.locator(".tjeneste__detaljer > summary").click()
    expect(bup.locator("#bup-henvisning .tekst").first).to_be_visible()
    assert page.locator(".kontekst__valgt").inner_text().startswith("Du ser: Molde")


def test_choosing_a_kommune_without_javascript(uten_js):
    page = uten_js
    page.goto("/forlop/angst/?kommune=")
    page.locator(".kontekst__bytt > summary").click()
    page.locator("#kontekst-q").fill("stavanger")
    page.locator(".kontekst .velg-kommune button[type=submit]").click()
    page.wait_for_url(re.compile(r"/forlop/angst/\?kommune=1103$"))
    assert "Du ser: Stavanger" in page.locator(".kontekst__valgt").inner_text()
    # The choice is remembered on the next page.
    page.goto("/familie/autisme/")
    assert "Stavanger" in page.locator(".forste-kontakt h2").inner_text()

    # Ambiguous: a page listing the candidates; choosing one brings the reader back.
    page.locator(".kontekst__bytt > summary").click()
    page.locator("#kontekst-q").fill("s")
    page.locator(".kontekst .velg-kommune button[type=submit]").click()
    page.wait_for_url(re.compile(r"/kommune/sok/\?"))
    page.locator("main a", has_text="Sandnes").click()
    page.wait_for_url(re.compile(r"/familie/autisme/\?kommune=1108$"))


def test_shared_link_shows_the_senders_kommune(browser, browser_context_args):
    avsender = browser.new_context(**browser_context_args)
    side = avsender.new_page()
    side.goto("/familie/angst/?kommune=1106")
    delt = side.locator("a.del-lenker__del").get_attribute("href")
    avsender.close()
    mottaker = browser.new_context(**browser_context_args)
    side = mottaker.new_page()
    side.goto(delt)
    assert "Haugesund" in side.locator(".kontekst__valgt").inner_text()
    assert "Haugesund" in side.locator(".forste-kontakt h2").inner_text()
    mottaker.close()


def test_mobile_kommune_map(page, skjermbilde):
    page.set_viewport_size(MOBIL)
    page.goto("/kommune/1106/")
    assert page.url.endswith("/kommune/1106/?kommune=1106")
    assert page.locator("h1").inner_text().endswith("Haugesund")
    assert page.locator("a[href='tel:52743000']").first.is_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= MOBIL["width"]
