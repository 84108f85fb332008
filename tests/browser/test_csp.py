"""The Content-Security-Policy in a real browser: every public page and the admin send it, and
Chromium reports no violation while the pages load and work (no inline script, style or handler
anywhere). Runs in its own browser context WITHOUT bypass_csp (the axe tests need it on)."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import resolve, reverse

pytestmark = pytest.mark.browser

SIDER = [
    "/",
    "/?kommune=1506",
    "/forlop/",
    "/forlop/angst/?kommune=1506",
    "/forlop/spisevansker/?kommune=1108",
    "/tjenester/bup/?kommune=1103",
    "/tjenester/bup/forlop/angst/?kommune=1106",
    "/kommune/1506/",
    "/kommune/sok/?q=mol",
    "/familie/angst/?kommune=1506",
    "/forlop/angst/?utskrift=1&kommune=1506",
    "/endringer/",
    "/tilgjengelighet/",
    "/sok/?q=angst",
    "/tilbakemelding/",
]

# Installed before any page script: records every violation the browser reports.
LYTTAR = """
window.__cspBrudd = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspBrudd.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def csp_side(browser, portal):
    context = browser.new_context(base_url=portal, bypass_csp=False, locale="nb-NO")
    context.add_init_script(LYTTAR)
    page = context.new_page()
    konsoll = []
    page.on(
        "console",
        lambda m: (
            konsoll.append(m.text)
            if "Content Security Policy" in m.text or "Content-Security-Policy" in m.text
            else None
        ),
    )
    page.konsoll = konsoll
    yield page
    context.close()


def sjekk_svar(svar):
    assert svar is not None and svar.ok, svar and svar.status
    policy = svar.header_value("content-security-policy")
    assert policy, f"no CSP header on {svar.url}"
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert "base-uri 'none'" in policy
    assert re.search(r"script-src [^;]*'nonce-", policy)


def sjekk_ingen_brudd(page):
    page.wait_for_load_state("load")
    page.wait_for_timeout(150)  # violation events are dispatched asynchronously
    brudd = page.evaluate("() => window.__cspBrudd")
    assert not brudd, f"CSP violations on {page.url}: {brudd}"
    assert not page.konsoll, f"CSP messages in the console on {page.url}: {page.konsoll}"


def test_csp_blocks_inline_script_in_this_browser(csp_side):
    # Guards the listeners: an inline script injected into a page is blocked and reported.
    csp_side.goto("/")
    csp_side.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__kjort = 1'; document.body.append(s); }"
    )
    csp_side.wait_for_timeout(300)
    assert csp_side.evaluate("() => window.__kjort") is None
    assert csp_side.evaluate("() => window.__cspBrudd.length") >= 1


@pytest.mark.parametrize("adresse", SIDER)
def test_public_pages_have_no_csp_violation(csp_side, adresse):
    sjekk_svar(csp_side.goto(adresse))
    sjekk_ingen_brudd(csp_side)


def test_htmx_interactions_have_no_csp_violation(csp_side):
    csp_side.goto("/forlop/angst/")
    csp_side.locator("#velg-kommune summary").click()
    csp_side.locator("#kontekst-q").fill("mol")
    # The results arrive by htmx and are swapped into the page.
    csp_side.locator("#kontekst-treff a", has_text="Molde").wait_for()
    sjekk_ingen_brudd(csp_side)


def test_admin_has_csp_and_no_violation(csp_side):
    sjekk_svar(csp_side.goto(f"{reverse('admin:login')}?next={reverse('admin:index')}"))
    sjekk_ingen_brudd(csp_side)
    csp_side.fill("#id_username", "admin")
    csp_side.fill("#id_password", "demo-bupkart-2026")
    with csp_side.expect_navigation():
        csp_side.click("input[type=submit]")
    assert csp_side.url.endswith(reverse("admin:index")), csp_side.url
    sjekk_ingen_brudd(csp_side)

    sjekk_svar(csp_side.goto(reverse("admin:forlop_tekst_changelist")))
    sjekk_ingen_brudd(csp_side)
    lenke = csp_side.locator("#result_list tbody tr th a").first
    href = lenke.get_attribute("href")
    assert resolve(urlsplit(href).path).view_name == "admin:forlop_tekst_change", href
    sjekk_svar(csp_side.goto(href))
    sjekk_ingen_brudd(csp_side)
    # The editor's live preview (htmx) works under the policy too.
    felt = csp_side.locator("textarea[name=markdown]")
    assert felt.count() == 1
    felt.fill("**Forhåndsvisning** i nettlesaren")
    csp_side.wait_for_timeout(1200)
    sjekk_ingen_brudd(csp_side)

    for navn in [
        "admin:forlop_forlop_changelist",
        "admin:forlop_forlop_add",
        "admin:tjenester_kommune_changelist",
        "admin:auth_user_changelist",
    ]:
        sjekk_svar(csp_side.goto(reverse(navn)))
        sjekk_ingen_brudd(csp_side)
