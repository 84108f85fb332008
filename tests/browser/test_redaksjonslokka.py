"""The editor's loop in a real browser, from kommunekontakt to publication and back: the note
written with «Send til godkjenning» is kept, the approver sees a word diff against the published
text, a rejection waits on the sender's start page, and an approval publishes. axe-core checks
the editor and the start page on the way."""

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
PASSORD = "demo-bupkart-2026"
NOTAT = "Tiltaka blir vurderte, ikkje evaluerte; fastlegen kjem inn med ein gong."


def logg_inn(page, navn, neste="/admin/"):
    page.context.clear_cookies()
    page.goto(f"/admin/login/?next={neste}")
    page.locator("#id_username").fill(navn)
    page.locator("#id_password").fill(PASSORD)
    page.locator("input[type=submit], button[type=submit]").first.click()
    page.wait_for_url(re.compile(re.escape(neste) + "$"))


def send(page, url, notat):
    """Change two words of the text in the editor and send it with a note; returns the new text."""
    page.goto(url)
    felt = page.locator("#id_markdown")
    ny = (
        felt.input_value()
        .replace("evaluerte etter", "vurderte etter", 1)
        .replace("saka vidare", "saka straks", 1)
    )
    felt.fill(ny)
    page.locator("#id_endringsnotat").fill(notat)
    page.locator("button[value=send]").click()
    expect(page.locator(".messagelist")).to_contain_text("godkjenning")
    return ny


def test_from_kommunekontakt_to_publication_and_back(page, sjekk_axe, skjermbilde):
    page.set_viewport_size({"width": 1280, "height": 900})
    logg_inn(page, "kontakt-molde")
    page.goto("/admin/forlop/tekst/?q=stafettlogg")
    page.locator("#result_list tbody a").first.click()
    url = urlparse(page.url).path
    sjekk_axe(page)
    ny = send(page, url, NOTAT)
    # The note is kept: the history shows it beside the version sent.
    historikk = page.locator("#historikk tbody tr").first
    expect(historikk).to_contain_text(NOTAT)

    # The approver sees what changed against the published text, word by word.
    logg_inn(page, "redaktor-mr", neste=url)
    godkjenning = page.locator("form.godkjenning")
    expect(godkjenning.locator("ins")).to_have_count(2)
    assert [t.removeprefix("lagt til: ") for t in godkjenning.locator("ins").all_text_contents()] == [
        "vurderte",
        "straks",
    ]
    assert [t.removeprefix("fjerna: ") for t in godkjenning.locator("del").all_text_contents()] == [
        "evaluerte",
        "vidare",
    ]
    expect(page.locator("textarea[name=endringsnotat]")).to_have_count(1)
    expect(godkjenning.locator("textarea[name=endringsnotat]")).to_have_value(NOTAT)
    sjekk_axe(page)
    skjermbilde(page, "redaksjon-godkjenning-1280")
    godkjenning.locator("textarea[name=kommentar]").fill("Skriv kven som kallar inn til møtet.")
    godkjenning.locator("button[value=avvis]").click()
    expect(page.locator(".messagelist")).to_contain_text("avvist")

    # Back to the sender: the rejection waits on the start page.
    logg_inn(page, "kontakt-molde")
    svar = page.locator(".dashboard-oversikt ul.svar")
    expect(svar).to_contain_text("Skriv kven som kallar inn til møtet.")
    sjekk_axe(page)
    skjermbilde(page, "redaksjon-start-avvist-1280")

    # The sender writes anew (the rejection leaves the start page) and the approver publishes.
    page.goto(url)
    assert page.locator("#id_markdown").input_value() == ny  # the sender goes on from their own draft
    page.locator("#id_endringsnotat").fill(NOTAT + " Helsesjukepleiar kallar inn.")
    page.locator("button[value=send]").click()
    page.goto("/admin/")
    expect(page.locator(".dashboard-oversikt")).not_to_contain_text("Skriv kven som kallar inn til møtet.")

    logg_inn(page, "redaktor-mr", neste=url)
    page.locator("form.godkjenning button[value=godkjenn]").click()
    expect(page.locator(".messagelist")).to_contain_text("publisert")

    logg_inn(page, "kontakt-molde")
    # This text's answer (other browser tests share the portal and may leave answers of their own).
    dette = page.locator(".dashboard-oversikt ul.svar li").filter(has=page.locator(f'a[href="{url}"]'))
    expect(dette).to_contain_text("Godkjend og publisert av redaktor-mr")
    dette.locator("button").click()
    expect(dette).to_have_count(0)
    page.goto("/forlop/angst/?kommune=1506")
    expect(page.locator("main")).to_contain_text("går saka straks til fastlegen")
