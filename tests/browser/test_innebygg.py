"""An embed inside another site's page, in a real browser: shown where the kommunekontakt has
listed the site in the admin, refused by the browser everywhere else (frame-ancestors)."""

import http.server
import socket
import threading

import pytest

from utveksling.management.commands.load_demo import DEMO_PASSORD

pytestmark = pytest.mark.browser

OVERSKRIFT = "Trenger dere hjelp nå?"


def _vert(innebygd_url):
    """A kommune's web page on a port of its own, with the embed in an iframe: (url, stop)."""
    html = (
        '<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Kommunens side</title></head>'
        f'<body><h1>Kommunen</h1><iframe id="bupkart" title="Hjelp" src="{innebygd_url}" '
        'width="100%" height="600"></iframe></body></html>'
    ).encode()

    class Side(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args):
            pass

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Side)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}", server


@pytest.fixture
def verter(portal):
    innebygd = f"{portal}/innebygg/1106/akutt/?malform=nb"
    listet, ulistet = _vert(innebygd), _vert(innebygd)
    yield listet[0], ulistet[0]
    for _url, server in (listet, ulistet):
        server.shutdown()
        server.server_close()


@pytest.fixture
def kontekst(browser, portal):
    # Not the suite's bypass_csp context: the browser must enforce frame-ancestors here.
    context = browser.new_context(base_url=portal, bypass_csp=False, locale="nb-NO")
    yield context
    context.close()


def _legg_inn_nettsted(page, adresse):
    """The kommunekontakt adds the site in the admin and is shown the code to paste."""
    page.goto("/admin/login/")
    page.fill("#id_username", "kontakt-haugesund")
    page.fill("#id_password", DEMO_PASSORD)
    page.click("input[type=submit]")
    page.goto("/admin/innebygg/nettsted/add/")
    page.select_option("#id_kommune", label="Haugesund (1106)")
    page.fill("#id_adresse", adresse)
    page.click("input[name=_continue]")
    snutt = page.locator("#snutt-akutt")
    assert "/innebygg/1106/akutt/" in snutt.input_value()


def _innhold_i_ramme(page):
    ramme = page.frame_locator("#bupkart")
    try:
        return ramme.locator("h1").first.inner_text(timeout=5000)
    except Exception:  # noqa: BLE001 - a refused frame has no document to read
        return ""


def test_innebygd_side_vises_bare_hos_kommunens_nettsted(kontekst, verter):
    listet, ulistet = verter
    page = kontekst.new_page()
    _legg_inn_nettsted(page, listet)

    page.goto(listet)
    assert _innhold_i_ramme(page) == OVERSKRIFT

    page.goto(ulistet)
    assert _innhold_i_ramme(page) != OVERSKRIFT


@pytest.mark.parametrize(
    "sti",
    [
        "/innebygg/1106/akutt/",
        "/innebygg/1506/forlop/angst/",
        "/innebygg/1506/familie/angst/",
        "/api/v1/",
    ],
)
def test_nye_sider_uten_axe_brudd(page, sjekk_axe, sti):
    svar = page.goto(sti)
    assert svar.ok
    sjekk_axe(page)


def test_versjonsside_uten_axe_brudd(page, sjekk_axe):
    page.goto("/forlop/angst/")
    # The links sit in the closed service blocks; follow one as a reader would after opening it.
    page.goto(page.locator(".versjonslenke a").first.get_attribute("href"))
    assert "/versjon/" in page.url
    sjekk_axe(page)


def test_smal_ramme_uten_vannrett_rulling(page):
    """The embed adapts to a narrow frame: nothing wider than the viewport."""
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/innebygg/1506/familie/angst/")
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
