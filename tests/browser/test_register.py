"""A kommune whose helsefellesskap has not taken the model into use, in a real browser: found by
name in the picker, and its calm page passes axe-core in both målformer."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("navn", "adresse"), [("oslo", "/kommune/0301/"), ("bergen-nn", "/kommune/4601/?malform=nn")]
)
def test_the_calm_page_has_no_axe_violations(page, sjekk_axe, skjermbilde, navn, adresse):
    svar = page.goto(adresse)
    assert svar.status == 200
    assert page.locator("h1").count() == 1
    assert page.locator(".akutt a[href='tel:112']").count() == 1
    assert "skrevet feil" not in page.content()
    sjekk_axe(page)
    for bredde, hoyde in ((1280, 900), (375, 812)):
        page.set_viewport_size({"width": bredde, "height": hoyde})
        skjermbilde(page, f"kommune-uten-modell-{navn}-{bredde}")


def test_typing_oslo_in_the_picker_finds_it_and_leads_to_the_calm_page(page):
    page.goto("/forlop/?kommune=")
    page.get_by_text("Velg kommune", exact=True).click()
    page.locator("#kontekst-q").press_sequentially("Oslo", delay=30)
    treff = page.locator("#kontekst-treff a", has_text="Oslo")
    treff.first.wait_for()
    treff.first.click()
    page.wait_for_url(lambda url: url.endswith("kommune=0301"))
    page.goto("/kommune/0301/")
    assert page.locator("h1").inner_text() == "Barn og unges helsetjeneste i Oslo"
    assert page.get_by_text("Oslo universitetssykehus", exact=False).count() >= 1


def test_the_eksempel_marks_on_a_demo_map_pass_axe(page, sjekk_axe):
    page.goto("/kommune/1106/?malform=nn")
    assert page.locator(".eksempel").count() >= 2
    assert page.locator(".eksempel").first.inner_text().startswith("Døme")
    sjekk_axe(page)
