"""Issue 5, «done when», in a real browser: a helsesykepleier in Haugesund searches for
«spiseforstyrrelse» from the header, lands on the right seksjon, opens the referral checklist,
sees what is missing and prints it; feedback with a fødselsnummer is refused, feedback without
one reaches the inbox of the editors who own what she read."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
TEKST = "Sjekklista for spisevanskar manglar kva vekt­kurve som skal følgje med."


def test_helsesykepleier_searches_checks_prints_and_gives_feedback(page, skjermbilde):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.clear_cookies()
    page.goto("/?kommune=1106")

    page.locator("#sok-topp").fill("spiseforstyrrelse")
    page.locator("#sok-topp").press("Enter")
    page.wait_for_url(re.compile(r"/sok/\?"))
    forste = page.locator("main a[href*='/forlop/spisevansker/']").first
    expect(forste).to_be_visible()
    forste.click()
    page.wait_for_url(re.compile(r"/forlop/spisevansker/"))
    if "#" in page.url:
        anker = page.url.split("#", 1)[1]
        expect(page.locator(f"[id='{anker}']")).to_be_in_viewport()
    assert "Haugesund" in page.locator(".kontekst__valgt").inner_text()

    page.locator("a[href^='/forlop/spisevansker/henvisning/']").first.click()
    page.wait_for_url(re.compile(r"/forlop/spisevansker/henvisning/"))
    bokser = page.locator("form[data-sjekkliste] input[type=checkbox]")
    totalt = bokser.count()
    assert totalt >= 12
    bokser.nth(0).check()
    bokser.nth(1).check()
    page.locator("[data-sjekk-knapp]").click()
    mangler = page.locator("text=/\\d+ av \\d+ punkt/").first
    expect(mangler).to_contain_text(f"{totalt - 2} av {totalt}")
    page.emulate_media(media="print")
    assert not page.locator("header .topp__nav").is_visible()
    skjermbilde(page, "reise-sjekkliste-utskrift-1280")
    page.emulate_media(media="screen")

    page.goto("/tilbakemelding/?side=/forlop/spisevansker/&forlop=spisevansker&kommune=1106")
    page.locator("#tb-tekst").fill("Gjeld jenta med fødselsnummer 15076500565.")
    page.locator("#tilbakemelding-skjema button[type=submit]").click()
    expect(page.locator("#tb-tekst-feil")).to_contain_text("fødselsnummer")
    page.locator("#tb-tekst").fill(TEKST)
    page.locator("#tilbakemelding-skjema button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Takk")

    innboks = reverse("admin:tilbakemelding_tilbakemelding_changelist")
    page.goto(f"{reverse('admin:login')}?next={innboks}")
    page.locator("#id_username").fill("redaktor-fonna")
    page.locator("#id_password").fill("demo-bupkart-2026")
    page.locator("input[type=submit], button[type=submit]").first.click()
    page.wait_for_url(re.compile(re.escape(innboks)))
    expect(page.locator("#result_list")).to_contain_text(TEKST[:40])
    assert "15076500565" not in page.content()
