"""Issue 14 in a real browser: the self-study walk without JavaScript, on a phone and in print;
a facilitator and three tables (each its own browser context) run a case from the join code
to the summary, the projector screen updating by polling and the phones following the steps.
axe-core finds no violation on any of these pages."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
MOBIL = {"width": 375, "height": 667}
PROJEKTOR = {"width": 1920, "height": 1080}
KASUS = "/oving/emma-vil-ikke-pa-skolen/"


def test_self_study_without_javascript_on_a_phone(browser, base_url):
    context = browser.new_context(
        base_url=base_url, java_script_enabled=False, viewport=MOBIL, bypass_csp=True, locale="nb-NO"
    )
    page = context.new_page()
    try:
        page.goto("/oving/")
        expect(page.get_by_role("link", name="Emma vil ikke på skolen")).to_be_visible()
        page.get_by_role("link", name="Emma vil ikke på skolen").click()
        expect(page.get_by_role("heading", name="Emma, 13 år")).to_be_visible()
        page.get_by_role("link", name=re.compile("^Start")).click()
        for nummer in range(1, 6):
            expect(page.get_by_role("heading", name=f"Steg {nummer} av 5")).to_be_visible()
            page.get_by_label("Skole", exact=True).check()
            page.get_by_role("button", name="Vis hva forløpet sier").click()
            expect(page.locator("#svar")).to_contain_text("Ditt valg mot forløpet")
            expect(page.locator("#svar .oving-svar__tjeneste").first).to_be_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= MOBIL["width"]
            if nummer == 1:
                expect(page.locator("#svar")).to_contain_text("Skole: valgt, og forløpet er enig")
            if nummer < 5:
                page.get_by_role("link", name="Neste steg").click()
        page.get_by_role("link", name="Ferdig: se hele kasuset med svar").click()
        expect(page.locator(".oving-utskrift__steg")).to_have_count(5)
        page.emulate_media(media="print")
        expect(page.locator(".oving-svar__seksjon").first).to_have_attribute("open", "")
        expect(page.locator("header nav")).to_be_hidden()
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [MOBIL, {"width": 1280, "height": 900}], ids=["375", "1280"])
def test_self_study_pages_have_no_axe_violations(page, sjekk_axe, skjermbilde, viewport):
    page.set_viewport_size(viewport)
    for adresse in [
        "/oving/",
        KASUS,
        f"{KASUS}steg/1/?tjeneste=skole&vis=1",
        f"{KASUS}med-svar/",
        "/oving/bli-med/",
    ]:
        page.goto(adresse)
        sjekk_axe(page)
    # With htmx the answer is swapped in without leaving the page.
    page.goto(f"{KASUS}steg/2/")
    page.get_by_label("Helsestasjon og skolehelsetjeneste", exact=True).check()
    page.get_by_role("button", name="Vis hva forløpet sier").click()
    expect(page.locator("#svar")).to_contain_text("Ditt valg mot forløpet")
    page.wait_for_url(re.compile(r"vis=1"))
    sjekk_axe(page)
    skjermbilde(page, f"oving-steg-{viewport['width']}")


def _bord(browser, base_url, kode, navn):
    context = browser.new_context(base_url=base_url, viewport=MOBIL, bypass_csp=True, locale="nb-NO")
    page = context.new_page()
    page.goto(f"/oving/bli-med/?kode={kode}")
    expect(page.get_by_label("Kode")).to_have_value(kode)
    page.get_by_label("Bordnavn").fill(navn)
    page.get_by_role("button", name="Bli med").click()
    expect(page.get_by_role("heading", name="Steg 1 av 5")).to_be_visible()
    return context, page


def test_a_facilitator_and_three_tables_run_a_case_to_its_summary(browser, base_url, sjekk_axe, skjermbilde):
    fasit_ctx = browser.new_context(base_url=base_url, viewport=PROJEKTOR, bypass_csp=True, locale="nb-NO")
    skjerm = fasit_ctx.new_page()
    bordene = []
    try:
        skjerm.goto(f"{KASUS}?kommune=1106")
        sjekk_axe(skjerm)
        skjerm.get_by_role("button", name="Start økt").click()
        skjerm.wait_for_url(re.compile(r"/oving/okt/[^/]+/$"))
        kode = skjerm.locator(".projektor__kodetekst").inner_text().strip()
        assert re.fullmatch(r"[A-Z2-9]{6}", kode)
        expect(skjerm.get_by_role("img", name=re.compile("QR-kode"))).to_be_visible()
        sjekk_axe(skjerm)
        skjermbilde(skjerm, "oving-projektor-1920")

        for i, valg in enumerate(
            [["Skule"], ["Skule", "Helsestasjon og skulehelseteneste"], ["Fastlege"]], 1
        ):
            context, page = _bord(browser, base_url, kode, f"Bord {i}")
            bordene.append((context, page))
            for navn in valg:
                page.get_by_label(navn, exact=True).check()
            if i == 2:
                page.get_by_label(re.compile("flaskehals")).fill("Ingen veit kven som ringjer foreldra.")
            page.get_by_role("button", name="Send svar").click()
            expect(page.get_by_role("status")).to_be_visible()
            if i == 1:
                sjekk_axe(page)
                skjermbilde(page, "oving-bord-375")

        # The projector polls every two seconds.
        status = skjerm.locator("#status")
        expect(status).to_contain_text("3 av 3 bord", timeout=10_000)
        expect(status.locator("tr.projektor__fasit", has_text="Skule")).to_contain_text("2")
        expect(status).to_contain_text("Ingen veit kven som ringjer foreldra.")
        sjekk_axe(skjerm)

        skjerm.get_by_role("button", name="Neste steg").click()
        expect(skjerm.get_by_role("heading", name="Steg 2 av 5")).to_be_visible()
        for _context, page in bordene:  # the phones reload by themselves when the step changes
            expect(page.get_by_role("heading", name="Steg 2 av 5")).to_be_visible(timeout=10_000)

        skjerm.get_by_role("link", name="Oppsummering").click()
        expect(skjerm.locator("#steg-1")).to_contain_text("Ingen veit kven som ringjer foreldra.")
        sjekk_axe(skjerm)
        skjerm.get_by_role("button", name=re.compile("Send til den som ei")).first.click()
        expect(skjerm.locator("#steg-1")).to_contain_text("Sendt som tilbakemelding")
    finally:
        for context, _page in bordene:
            context.close()
        fasit_ctx.close()
