"""axe-core on the akutt pages, for fagfolk and for families, with and without a kommune, at
desktop and mobile width; screenshots of each go to screenshots/."""

import pytest

pytestmark = pytest.mark.browser

SIDER = [
    ("akutt", "/akutt/?kommune="),
    ("akutt-molde", "/akutt/?kommune=1506"),
    ("akutt-familie", "/akutt/familie/?kommune="),
    ("akutt-familie-stavanger", "/akutt/familie/?kommune=1103"),
]


@pytest.mark.parametrize("bredde", [1280, 375])
@pytest.mark.parametrize(("navn", "adresse"), SIDER, ids=[s[0] for s in SIDER])
def test_axe_finds_no_violations_on_the_akutt_pages(page, sjekk_axe, skjermbilde, navn, adresse, bredde):
    page.set_viewport_size({"width": bredde, "height": 900})
    svar = page.goto(adresse)
    assert svar.status == 200
    sjekk_axe(page)
    assert page.locator("h1").count() == 1
    # Nothing wider than the screen on a phone: the numbers must be readable without scrolling sideways.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= bredde
    skjermbilde(page, f"{navn}-{bredde}")


def test_the_akutt_box_leads_a_family_to_the_akutt_page(page):
    page.goto("/familie/angst/?kommune=1506")
    page.locator(".akutt__lenker a").first.click()
    assert page.url.endswith("/akutt/familie/?kommune=1506")
    assert page.locator("h1").inner_text() == "Når det hastar"
