"""A case through the workflow in a real browser: a kommunekontakt in Molde writes a case (steps
as inlines, services and seksjonar as checkboxes) and sends it; the redaktør
of Helse Møre og Romsdal publishes it; the kommunekontakt drafts a change in the working copy
while readers keep the published case; the redaktør rejects it (the sender's start page says
so), then approves the next draft, and readers in Molde see it. axe-core checks every new admin
page on the way."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_redaksjonslokka import logg_inn

pytestmark = pytest.mark.browser
SLUG = "jonas-i-molde"
FORSTE = "Læraren ser at Jonas et lite og søv i timane."
ANDRE = "Helsesjukepleiaren ringjer foreldra same dag."


def skriv_kasus(page):
    page.goto("/admin/oving/kasus/add/")
    page.locator("#id_tittel_nb").fill("Jonas i Molde")
    page.locator("#id_tittel_nn").fill("Jonas i Molde")
    page.locator("#id_slug").fill(SLUG)
    page.locator("#id_fornavn").fill("Jonas")
    page.locator("#id_alder").fill("15")
    page.locator("#id_situasjon_nb").fill("Jonas er oppdiktet: 15 år, trøtt og lei seg.")
    page.locator("#id_situasjon_nn").fill("Jonas er oppdikta: 15 år, trøytt og lei seg.")
    page.locator("#id_forlop").select_option(label="Angst og bekymring")
    page.locator("#id_kommune").select_option(label="Molde (1506)")
    page.locator("#steg-group .add-row a").click()
    page.locator("#id_steg-0-nummer").fill("1")
    page.locator("#id_steg-0-hending_nb").fill(FORSTE)
    page.locator("#id_steg-0-hending_nn").fill(FORSTE)
    page.locator("#id_steg-0-tjenester").get_by_label("Skole", exact=True).check()
    page.locator("input[name='steg-0-seksjoner'][value='rolle']").check()
    page.locator("input[name=_save]").click()


def test_a_case_from_kommunekontakt_to_approver_to_reader(page, sjekk_axe, skjermbilde):
    page.set_viewport_size({"width": 1280, "height": 900})
    logg_inn(page, "kontakt-molde")
    skriv_kasus(page)
    # Saved: the case's page, with the draft against nothing published yet.
    page.wait_for_url(re.compile(r"/admin/oving/kasus/\d+/arbeidsflyt/$"))
    side = page.url.removeprefix(page.url.split("/admin/")[0])
    expect(page.locator("#utkast ins").first).to_contain_text("Jonas")
    sjekk_axe(page)
    page.locator("textarea[name=endringsnotat]").fill("Nytt kasus for samhandlingsdagen.")
    page.locator("button[value=send]").click()
    expect(page.locator(".messagelist")).to_contain_text("godkjenning")

    logg_inn(page, "redaktor-mr", neste=side)
    expect(page.locator("textarea[name=endringsnotat]")).to_have_value("Nytt kasus for samhandlingsdagen.")
    page.locator("button[value=publiser]").click()
    expect(page.locator(".messagelist")).to_contain_text("publisert")
    page.goto(f"/oving/{SLUG}/steg/1/?kommune=1506")
    expect(page.locator("main")).to_contain_text(FORSTE)

    # A draft in the working copy: readers keep the published case.
    logg_inn(page, "kontakt-molde", neste=side)
    page.locator("button[value=endre]").click()
    page.wait_for_url(re.compile(r"/admin/oving/kasus/\d+/change/$"))
    sjekk_axe(page)
    page.locator("#id_steg-0-hending_nn").fill(ANDRE)
    page.locator("#id_steg-0-hending_nb").fill(ANDRE)
    page.locator("input[name=_save]").click()
    page.wait_for_url(re.compile(re.escape(side) + "$"))
    page.locator("button[value=send]").click()
    page.goto(f"/oving/{SLUG}/steg/1/?kommune=1506")
    expect(page.locator("main")).to_contain_text(FORSTE)

    # The redaktør sees the change word by word and rejects it.
    logg_inn(page, "redaktor-mr", neste=side)
    expect(page.locator("#utkast ins").first).to_be_visible()
    expect(page.locator("#utkast")).to_contain_text("Helsesjukepleiaren")
    sjekk_axe(page)
    skjermbilde(page, "kasus-godkjenning-1280")
    page.locator("textarea[name=kommentar]").fill("Skriv kven som ringjer.")
    page.locator("button[value=avvis]").click()
    expect(page.locator(".messagelist")).to_contain_text("avvist")
    page.locator("#historikk a").first.click()
    sjekk_axe(page)

    logg_inn(page, "kontakt-molde")
    svar = page.locator(".dashboard-oversikt ul.svar")
    expect(svar).to_contain_text("Skriv kven som ringjer.")
    sjekk_axe(page)

    # The next draft is approved, and readers in Molde see it.
    page.goto(side)
    page.locator("text=Hald fram med utkastet").click()
    page.locator("#id_steg-0-hending_nn").fill(ANDRE + " Helsesjukepleiaren ringjer.")
    page.locator("input[name=_save]").click()
    page.wait_for_url(re.compile(re.escape(side) + "$"))
    page.locator("button[value=send]").click()
    logg_inn(page, "redaktor-mr", neste=side)
    page.locator("textarea[name=endringsnotat]").fill("Tydeleg kven som ringjer.")
    page.locator("button[value=publiser]").click()
    expect(page.locator(".messagelist")).to_contain_text("publisert")
    page.goto(f"/oving/{SLUG}/steg/1/?kommune=1506")
    expect(page.locator("main")).to_contain_text(ANDRE + " Helsesjukepleiaren ringjer.")
