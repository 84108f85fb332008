"""Samhandling in a real browser: a kommunekontakt files a contact person through the admin and
readers find them on the kommune map, on Mi rolle and in the network (the network's editors see
the entries for editors too, marked); a høyring read, commented and answered, and a closed one's
summary; the guide's progress kept by a redaktør. axe-core finds nothing on the public pages."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.browser
PASSORD = "demo-bupkart-2026"


def logg_inn(page, brukar):
    page.goto(f"{reverse('admin:login')}?next={reverse('admin:index')}")
    page.fill("#id_username", brukar)
    page.fill("#id_password", PASSORD)
    with page.expect_navigation():
        page.click("input[type=submit]")


@pytest.fixture(scope="module")
def kontaktperson(browser, base_url):
    """Haugesund's kommunekontakt files one public and one editors-only contact person (the admin
    speaks Helse Fonna's nynorsk to them)."""
    kontekst = browser.new_context(base_url=base_url, bypass_csp=True)
    page = kontekst.new_page()
    logg_inn(page, "kontakt-haugesund")
    for navn, offentleg in (("Synne Synleg", True), ("Ingrid Intern", False)):
        page.goto(reverse("admin:tjenester_kontaktperson_add"))
        assert page.get_by_text("Berre kontaktopplysingar frå jobben").count() == 1
        page.select_option("#id_helsefellesskap", label="Helse Fonna")
        page.select_option("#id_kommune", label="Haugesund (1106)")
        page.fill("#id_navn", navn)
        page.fill("#id_rolle", "Helsesjukepleiar")
        page.fill("#id_arbeidsstad", "Helsestasjonen i Haugesund")
        page.fill("#id_telefon", "52 00 00 00")
        if offentleg:
            page.check("#id_offentleg")
        with page.expect_navigation():
            page.click("input[name=_save]")
        assert page.locator(".messagelist .success").count() == 1, page.content()[:2000]
    kontekst.close()


def test_readers_find_the_public_contact_on_the_map_and_mi_rolle(page, kontaktperson, sjekk_axe):
    page.goto("/kommune/1106/?kommune=1106")
    kort = page.locator(".kontaktperson")
    assert kort.filter(has_text="Synne Synleg").count() == 1
    assert page.get_by_text("Ingrid Intern").count() == 0
    sjekk_axe(page)
    page.goto("/tjenester/helsestasjon/forlop/angst/")
    assert page.locator(".kontaktperson", has_text="Synne Synleg").count() == 1
    sjekk_axe(page)


def test_the_network_page_for_readers_and_for_its_editors(page, kontaktperson, sjekk_axe):
    page.goto("/nettverk/helse-fonna/")
    assert page.get_by_text("Synne Synleg").count() == 1
    assert page.get_by_text("Ingrid Intern").count() == 0
    sjekk_axe(page)
    logg_inn(page, "redaktor-fonna")
    page.goto("/nettverk/helse-fonna/")
    assert page.get_by_text("Ingrid Intern").count() == 1
    with page.expect_download() as nedlasting:
        page.click("a[href$='kontaktpersoner.vcf']")
    assert "Ingrid Intern" in open(nedlasting.value.path(), encoding="utf-8").read()
    sjekk_axe(page)


def test_an_editor_of_the_network_sees_the_entry_for_editors_marked_on_the_map(
    browser, base_url, kontaktperson, sjekk_axe
):
    kontekst = browser.new_context(base_url=base_url, bypass_csp=True)
    page = kontekst.new_page()
    logg_inn(page, "redaktor-fonna")
    page.goto("/kommune/1106/?kommune=1106")
    kort = page.locator(".kontaktperson", has_text="Ingrid Intern")
    assert kort.count() == 1
    assert kort.get_by_text("Berre synleg for redaktørar").count() == 1
    assert page.locator(".kontaktperson", has_text="Synne Synleg").get_by_text("Berre synleg").count() == 0
    sjekk_axe(page)
    kontekst.close()


# --- høyring ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hoyring_lenke(browser, base_url):
    """Helse Fonna's redaktør saves a draft of one of its texts and puts it on høyring; the
    share link is what the admin shows."""
    kontekst = browser.new_context(base_url=base_url, bypass_csp=True)
    page = kontekst.new_page()
    logg_inn(page, "redaktor-fonna")
    page.goto(f"{reverse('admin:forlop_tekst_changelist')}?omfang=helsefellesskap")
    with page.expect_navigation():
        page.locator("#result_list tbody tr th a").first.click()
    felt = page.locator("textarea[name=markdown]")
    felt.fill(felt.input_value() + "\n\nEin ny setning på høyring.")
    with page.expect_navigation():
        page.click("button[name=handling][value=lagre]")
    page.goto(reverse("admin:redaksjon_hoyring_add"))
    page.fill("#id_tittel", "Revidert tekst for Fonna")
    page.select_option("#id_helsefellesskap", label="Helse Fonna")
    page.fill("#id_invitasjon", "Kva meiner de?")
    page.fill("#id_inviterte", "PPT og BUP i Fonna")
    page.fill("#id_frist", "2099-12-31")
    page.select_option("#id_tekster-0-versjon", index=1)
    with page.expect_navigation():
        page.click("input[name=_continue]")
    lenke = page.locator(".field-lenke a").get_attribute("href")
    assert lenke and "invitasjon=" in lenke, page.content()[:3000]
    kontekst.close()
    return lenke


def test_an_invited_reader_reads_the_diff_and_comments(page, hoyring_lenke, sjekk_axe):
    page.goto("/hoyring/")
    assert page.get_by_role("link", name="Revidert tekst for Fonna").count() == 1
    sjekk_axe(page)
    page.goto(hoyring_lenke)
    assert page.locator(".tekstdiff ins", has_text="Ein ny setning på høyring.").count() >= 1
    sjekk_axe(page)
    skjema = page.locator("form.hoyring__skjema").first
    skjema.locator("textarea[name=tekst]").fill("Godt forslag, men nemn PPT.")
    skjema.locator("input[name=navn]").fill("Kari Fagperson")
    with page.expect_navigation():
        skjema.locator("button[type=submit]").click()
    assert page.get_by_role("status").count() == 1
    sjekk_axe(page)


def test_the_editor_answers_the_comment(page, hoyring_lenke):
    logg_inn(page, "redaktor-fonna")
    page.goto("/admin/")
    page.get_by_role("link", name="Revidert tekst for Fonna").first.click()
    page.wait_for_load_state()
    page.select_option("#id_kommentarar-0-svar", value="delvis")
    page.fill("#id_kommentarar-0-begrunnelse", "Vi nemner PPT i neste versjon.")
    with page.expect_navigation():
        page.click("input[name=_continue]")
    assert page.locator(".messagelist .success").count() == 1, page.content()[:3000]
    assert page.locator("#id_kommentarar-0-begrunnelse").input_value() == "Vi nemner PPT i neste versjon."


def test_the_closed_demo_hoyring_is_summarised_and_its_publication_cites_it(page, sjekk_axe):
    page.goto("/hoyring/")
    with page.expect_navigation():
        page.get_by_role("link", name="Tidlegare drøfting ved tristheit og depresjon").click()
    assert page.get_by_text("Jon Jamvel").count() >= 1
    assert page.get_by_text("Per Privat").count() == 0  # the name was not to be shown
    assert page.locator("textarea[name=tekst]").count() == 0  # closed: no form
    sjekk_axe(page)
    page.goto("/endringer/")
    lenke = page.get_by_role("link", name="Etter høringen «Tidlegare drøfting ved tristheit og depresjon»")
    assert lenke.count() == 1
    sjekk_axe(page)


# --- ta i bruk ----------------------------------------------------------------------------------


def test_a_redaktor_records_progress_and_readers_see_it(page, sjekk_axe):
    page.goto("/ta-i-bruk/")
    assert page.locator("h2", has_text="Fase 4").count() == 1
    sjekk_axe(page)
    logg_inn(page, "redaktor-fonna")
    page.goto("/ta-i-bruk/helse-fonna/rediger/")
    page.select_option("#id_styringsgruppe-status", value="i-gang")
    page.fill("#id_styringsgruppe-notat", "Fyrste møte i mars.")
    sjekk_axe(page)
    with page.expect_navigation():
        page.click("form.innforing__skjema button[type=submit]")
    assert page.get_by_text("Fyrste møte i mars.").count() == 1
    sjekk_axe(page)


def test_the_forvalter_sees_every_helsefellesskap(page, sjekk_axe):
    logg_inn(page, "forvalter")
    page.goto("/ta-i-bruk/oversikt/")
    assert page.locator("thead th").count() >= 3
    sjekk_axe(page)
