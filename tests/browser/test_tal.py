"""tal in Chromium: /tal/ and «Tall for <kommune>» on the kommune map pass axe-core on desktop,
on a phone and as printed, and their charts are drawn without JavaScript."""

import pytest

pytestmark = pytest.mark.browser

SIDER = [
    ("tal-fonna", "/tal/?helsefellesskap=helse-fonna&malform=nb"),
    ("tal-mr-nn", "/tal/?helsefellesskap=helse-more-og-romsdal&malform=nn"),
    ("kommune-tal-molde", "/kommune/1506/?kommune=1506"),
]
VISNINGER = {
    "desktop": (1280, 900, "screen"),
    "telefon": (375, 812, "screen"),
    "utskrift": (1280, 900, "print"),
}


@pytest.mark.parametrize("visning", list(VISNINGER))
@pytest.mark.parametrize(("navn", "adresse"), SIDER, ids=[s[0] for s in SIDER])
def test_axe_finds_no_violations(page, sjekk_axe, skjermbilde, navn, adresse, visning):
    bredde, hoyde, media = VISNINGER[visning]
    page.set_viewport_size({"width": bredde, "height": hoyde})
    page.emulate_media(media=media)
    assert page.goto(adresse).status == 200
    assert page.locator("svg.diagram").count() >= 1
    sjekk_axe(page)
    skjermbilde(page, f"{navn}-{visning}")


@pytest.mark.parametrize("java_script_enabled", [False])
def test_the_charts_are_there_without_javascript(browser, base_url, java_script_enabled):
    kontekst = browser.new_context(base_url=base_url, java_script_enabled=java_script_enabled)
    side = kontekst.new_page()
    side.goto("/tal/?helsefellesskap=helse-fonna")
    assert side.locator("svg.diagram").count() == 5
    assert side.locator("svg.diagram circle").count() > 0
    kontekst.close()
