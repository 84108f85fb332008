"""What the headers promise a proxy or CDN in front: anonymous readers' pages may be shared for a
short while (and vary on the cookies that change them, and on htmx where a view answers it with a
part); forms with a CSRF token, POSTs and everything an editor sees are private and never stored."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.cache import get_max_age

from bupkart.cache import OFFENTLEG_FORELDA, OFFENTLEG_MAKS_ALDER

pytestmark = pytest.mark.django_db

# (page, the kommune the reader chose earlier: the cookie that remembers it)
OFFENTLEGE = [
    ("/", None),
    ("/forlop/", None),
    ("/forlop/angst/", None),
    ("/forlop/angst/", "1506"),
    ("/familie/angst/", None),
    ("/kommune/1106/", "1106"),
    ("/sok/?q=angst", None),
]


def direktiv(svar):
    return {d.strip().split("=")[0] for d in svar.get("Cache-Control", "").split(",") if d.strip()}


def vary(svar):
    return {v.strip().lower() for v in svar.get("Vary", "").split(",") if v.strip()}


def er_privat(svar):
    return {"private", "no-store"} <= direktiv(svar) and "public" not in direktiv(svar)


def er_delbar(svar):
    return (
        "public" in direktiv(svar)
        and get_max_age(svar) == OFFENTLEG_MAKS_ALDER
        and f"stale-while-revalidate={OFFENTLEG_FORELDA}" in svar["Cache-Control"]
        and "cookie" in vary(svar)
    )


@pytest.mark.parametrize("adresse, kommune", OFFENTLEGE)
def test_an_anonymous_readers_page_may_be_shared_briefly(client, settings, adresse, kommune):
    if kommune:
        client.cookies[settings.KOMMUNE_COOKIE] = kommune
    forste = client.get(adresse)
    assert forste.status_code == 200 and er_delbar(forste), forste.get("Cache-Control")
    andre = client.get(adresse)  # from the page cache, where the page has one
    assert er_delbar(andre)


@pytest.mark.parametrize("adresse", ["/sok/?q=angst", "/tilbakemelding/?side=/"])
def test_pages_that_answer_htmx_with_a_part_vary_on_it(client, adresse):
    heil = client.get(adresse)
    del_ = client.get(adresse, headers={"HX-Request": "true"})
    assert "<html" in heil.content.decode() and "<html" not in del_.content.decode()
    for svar in (heil, del_):
        assert "hx-request" in vary(svar)


def test_the_feedback_form_holds_a_csrf_token_and_is_private(client):
    svar = client.get("/tilbakemelding/?side=/")
    assert "csrfmiddlewaretoken" in svar.content.decode()
    assert er_privat(svar)


def test_a_post_is_private(client):
    svar = client.post("/tilbakemelding/", {"tekst": "Skrivefeil.", "side": "/"})
    assert svar.status_code == 200 and er_privat(svar)


def test_a_page_that_sets_the_kommune_cookie_is_private(client):
    svar = client.get("/forlop/angst/?kommune=1506")
    assert svar.cookies and er_privat(svar)


def test_health_check_is_never_stored(client):
    assert "no-store" in direktiv(client.get("/healthz"))


@pytest.mark.parametrize(
    "adresse", ["/", "/forlop/angst/", "/forlop/angst/?forhandsvis=1", "/sok/?q=angst", "/admin/"]
)
def test_everything_a_logged_in_editor_sees_is_private(adresse):
    redaktor = Client()
    redaktor.force_login(get_user_model().objects.get(username="redaktor-fonna"))
    svar = redaktor.get(adresse)
    assert svar.status_code == 200 and er_privat(svar), (adresse, svar.get("Cache-Control"))


def test_the_admin_login_is_private(client):
    assert er_privat(client.get("/admin/login/"))
