"""Production settings, the CSP on every page, login lockout, session length and two-factor
login for publishing roles."""

import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from forlop.models import Tekst

ROOT = Path(__file__).resolve().parent.parent
User = get_user_model()
PASSORD = "demo-bupkart-2026"


# --- production settings --------------------------------------------------------------------
def prod_env(**endre):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="bupkart.settings.prod",
        SECRET_KEY=secrets.token_urlsafe(60),
        DATABASE_URL="postgres://u:p@localhost/db",
        ALLOWED_HOSTS="bupkart.example.no",
    )
    for navn, verdi in endre.items():
        if verdi is None:
            env.pop(navn, None)
        else:
            env[navn] = verdi
    return env


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_prod_settings_pass_check_deploy():
    r = manage("check", "--deploy", "--fail-level", "WARNING", env=prod_env())
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no issues" in r.stdout


def test_check_deploy_would_catch_a_weak_secret_key():
    # Guards the test above: the same subprocess fails when a deploy warning is present.
    r = manage("check", "--deploy", "--fail-level", "WARNING", env=prod_env(SECRET_KEY="kort"))
    assert r.returncode != 0
    assert "security.W009" in r.stdout + r.stderr


@pytest.mark.parametrize("mangler", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"])
@pytest.mark.parametrize("verdi", [None, "  "])
def test_prod_refuses_to_start_without(mangler, verdi):
    r = manage("check", env=prod_env(**{mangler: verdi}))
    assert r.returncode != 0
    assert "ImproperlyConfigured" in r.stderr
    assert f"Environment variable {mangler} must be set in production" in r.stderr


# --- Content-Security-Policy ------------------------------------------------------------------
def csp(response):
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no CSP header on {response.wsgi_request.path}"
    return {d.split()[0]: d.split()[1:] for d in (x.strip() for x in header.split(";")) if d}


def assert_streng_csp(response):
    policy = csp(response)
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    nonce = [v for v in policy["script-src"] if v.startswith("'nonce-")]
    assert len(nonce) == 1
    return nonce[0][len("'nonce-") : -1]


def assert_ingen_inline(response, nonce):
    """Nothing in the page that the policy would block: every <script>/<style> carries this
    response's nonce, and there are no style attributes or on* handlers."""
    html = response.content.decode()
    for tag in re.findall(r"<(?:script|style)\b[^>]*>", html, flags=re.I):
        assert f'nonce="{nonce}"' in tag, tag
    assert not re.search(r"<[a-z][^>]*\sstyle\s*=", html, flags=re.I), re.search(
        r"<[a-z][^>]*\sstyle\s*=[^>]*>", html, flags=re.I
    )
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html, flags=re.I)
    assert "javascript:" not in html.lower()


OFFENTLIGE = [
    "/",
    "/forlop/",
    "/forlop/angst/",
    "/forlop/angst/?kommune=1506",
    "/familie/angst/",
    "/tjenester/bup/",
    "/kommune/1506/",
    "/endringer/",
    "/tilgjengelighet/",
    "/finst-ikkje/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", OFFENTLIGE)
def test_csp_on_public_pages(client, url):
    response = client.get(url, follow=True)
    assert response.status_code == (404 if "finst-ikkje" in url else 200)
    assert_ingen_inline(response, assert_streng_csp(response))


@pytest.mark.django_db
def test_csp_nonce_is_fresh_per_response(client):
    assert assert_streng_csp(client.get("/")) != assert_streng_csp(client.get("/"))


@pytest.mark.django_db
def test_security_headers_and_httponly_session_cookie(client):
    # Django's defaults, not repeated in settings: the README promises them.
    svar = client.get("/forlop/angst/")
    assert svar["X-Frame-Options"] == "DENY"
    assert svar["X-Content-Type-Options"] == "nosniff"
    assert svar["Referrer-Policy"] == "same-origin"
    assert logg_inn(client, "redaktor-fonna", PASSORD).status_code == 302
    assert client.cookies[settings.SESSION_COOKIE_NAME]["httponly"]


def admin_urls():
    tekst = Tekst.objects.filter(publisert__isnull=False).order_by("pk").first()
    return [
        reverse("admin:index"),
        reverse("admin:forlop_tekst_changelist"),
        reverse("admin:forlop_tekst_change", args=[tekst.pk]),
        reverse("admin:forlop_forlop_changelist"),
        reverse("admin:forlop_forlop_add"),
        reverse("admin:tjenester_kommune_changelist"),
        reverse("admin:auth_user_changelist"),
        reverse("tofaktor"),
    ]


@pytest.mark.django_db
def test_csp_on_admin_login(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert_ingen_inline(response, assert_streng_csp(response))


@pytest.mark.django_db
def test_csp_on_admin_pages(client):
    client.force_login(User.objects.get(username="admin"))
    for url in admin_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        assert_ingen_inline(response, assert_streng_csp(response))


@pytest.mark.django_db
def test_csp_on_admin_pages_for_an_editor(client):
    client.force_login(User.objects.get(username="redaktor-fonna"))
    response = client.get(reverse("admin:forlop_tekst_changelist"))
    assert response.status_code == 200
    assert_ingen_inline(response, assert_streng_csp(response))


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<p style="color:red">x</p>',
        '<a href="#" onclick="x()">x</a>',
        '<script nonce="feil">x</script>',
    ],
)
def test_inline_detector_catches_blocked_content(html):
    class Svar:
        content = html.encode()

    with pytest.raises(AssertionError):
        assert_ingen_inline(Svar, "riktig")


def test_no_inline_script_style_or_handlers_in_our_templates():
    funn = []
    for mal in (ROOT / "templates").rglob("*.html"):
        tekst = re.sub(r"\{#.*?#\}", "", mal.read_text(encoding="utf-8"))  # template comments
        tekst = re.sub(r"\{% comment %\}.*?\{% endcomment %\}", "", tekst, flags=re.S)
        for nr, linje in enumerate(tekst.splitlines(), 1):
            if re.search(r"<script\b", linje) and "csp_nonce_attr" not in linje:
                funn.append(f"{mal}:{nr}: <script> without nonce")
            if re.search(r"<style\b", linje) and "csp_nonce_attr" not in linje:
                funn.append(f"{mal}:{nr}: <style> without nonce")
            if re.search(r"\sstyle\s*=", linje):
                funn.append(f"{mal}:{nr}: style attribute")
            if re.search(r"\son[a-z]+\s*=\s*[\"']", linje):
                funn.append(f"{mal}:{nr}: inline event handler")
    assert not funn, "\n".join(funn)


def test_every_template_loading_htmx_turns_off_its_inline_styles():
    # htmx injects an inline <style> for its indicators unless told not to; the CSP blocks it.
    for mal in (ROOT / "templates").rglob("*.html"):
        tekst = mal.read_text(encoding="utf-8")
        if "htmx.min.js" in tekst:
            assert '"includeIndicatorStyles": false' in tekst, mal


# --- login lockout (django-axes) --------------------------------------------------------------
def logg_inn(client, brukernavn, passord, ip="10.9.8.7"):
    return client.post(
        f"{reverse('admin:login')}?next={reverse('admin:index')}",
        {"username": brukernavn, "password": passord},
        REMOTE_ADDR=ip,
    )


@pytest.mark.django_db
def test_five_failures_lock_the_admin_login(client):
    for _ in range(4):
        r = logg_inn(client, "redaktor-fonna", "feil-passord")
        assert r.status_code == 200  # the login form again, with its error
    r = logg_inn(client, "redaktor-fonna", "feil-passord")
    assert r.status_code == 429
    # Locked: even the right password is refused during the cool-off, with a Norwegian page.
    r = logg_inn(client, "redaktor-fonna", PASSORD)
    assert r.status_code == 429
    side = r.content.decode()
    assert "Innloggingen er midlertidig sperret" in side
    assert "Vent 15 minutter" in side
    assert_streng_csp(r)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_four_failures_do_not_lock(client):
    for _ in range(4):
        logg_inn(client, "redaktor-fonna", "feil-passord")
    r = logg_inn(client, "redaktor-fonna", PASSORD)
    assert r.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(username="redaktor-fonna").pk)


@pytest.mark.django_db
def test_lockout_is_per_username_and_address(client):
    for _ in range(5):
        logg_inn(client, "redaktor-fonna", "feil-passord", ip="10.0.0.1")
    assert logg_inn(client, "redaktor-fonna", PASSORD, ip="10.0.0.1").status_code == 429
    # Another user from the same address, and the same user from elsewhere, still get in.
    assert logg_inn(client, "redaktor-mr", PASSORD, ip="10.0.0.1").status_code == 302
    client.logout()
    assert logg_inn(client, "redaktor-fonna", PASSORD, ip="10.0.0.2").status_code == 302


@pytest.mark.django_db
def test_lockout_ends_after_the_cool_off(client):
    for _ in range(5):
        logg_inn(client, "redaktor-fonna", "feil-passord")
    assert logg_inn(client, "redaktor-fonna", PASSORD).status_code == 429
    # Fourteen minutes on, still locked; sixteen minutes on, the right password works.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=14))
    assert logg_inn(client, "redaktor-fonna", PASSORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))
    assert logg_inn(client, "redaktor-fonna", PASSORD).status_code == 302


def test_axes_settings():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


@pytest.mark.parametrize(
    "proxyer,kjede,remote,ventet",
    [
        (0, "6.6.6.6", "10.0.0.9", "10.0.0.9"),
        (1, "6.6.6.6, 192.0.2.4", "10.0.0.9", "192.0.2.4"),
        (1, "", "10.0.0.9", "10.0.0.9"),
        (2, "6.6.6.6, 192.0.2.4, 10.1.1.1", "10.0.0.9", "192.0.2.4"),
    ],
)
def test_client_ip_trusts_only_our_own_proxies(rf, proxyer, kjede, remote, ventet):
    from bupkart.klient import klient_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR=kjede, REMOTE_ADDR=remote)
    with override_settings(BUPKART_PROXYAR=proxyer):
        assert klient_ip(request) == ventet


@pytest.mark.django_db
@override_settings(BUPKART_PROXYAR=1)
def test_behind_our_proxy_the_lockout_counts_the_address_it_forwarded(client):
    # Every request comes from the proxy; only the entry it appended tells readers apart.
    def fra(kjede, passord):
        return client.post(
            f"{reverse('admin:login')}?next={reverse('admin:index')}",
            {"username": "redaktor-fonna", "password": passord},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=kjede,
        )

    for _ in range(5):
        fra("6.6.6.6, 192.0.2.4", "feil-passord")
    # What the client put in front of the proxy's entry does not get it past the lock.
    assert fra("7.7.7.7, 192.0.2.4", PASSORD).status_code == 429
    assert fra("6.6.6.6, 192.0.2.5", PASSORD).status_code == 302


# --- sessions -------------------------------------------------------------------------------
@pytest.mark.django_db
def test_editor_session_expires_after_eight_hours(client):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert logg_inn(client, "redaktor-fonna", PASSORD).status_code == 302
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == 8 * 60 * 60
    assert client.get(reverse("admin:index")).status_code == 200
    naa = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=naa + timedelta(hours=7, minutes=50)):
        assert client.get(reverse("admin:index")).status_code == 200
    # Reading the session does not extend it (SESSION_SAVE_EVERY_REQUEST is off) …
    assert not settings.SESSION_SAVE_EVERY_REQUEST
    with mock.patch("django.utils.timezone.now", return_value=naa + timedelta(hours=8, minutes=1)):
        r = client.get(reverse("admin:index"))
    # … so after eight hours the editor is sent to the login page.
    assert r.status_code == 302
    assert r["Location"].startswith(reverse("admin:login"))


# --- two-factor login -------------------------------------------------------------------------
def kode(enhet):
    return f"{totp(enhet.bin_key, step=enhet.step, t0=enhet.t0, digits=enhet.digits, drift=enhet.drift):06d}"


@pytest.fixture
def krev_2fa(settings):
    settings.BUPKART_REQUIRE_2FA = True


@pytest.mark.django_db
@pytest.mark.parametrize("navn", ["redaktor-fonna", "forvalter", "admin"])
def test_publishing_roles_are_sent_to_two_factor(client, krev_2fa, navn):
    client.force_login(User.objects.get(username=navn))
    for url in [
        reverse("admin:index"),
        reverse("admin:forlop_tekst_changelist"),
        "/forlop/angst/?forhandsvis=1",
    ]:
        r = client.get(url)
        assert r.status_code == 302, url
        assert r["Location"].startswith(reverse("tofaktor") + "?next=")


@pytest.mark.django_db
@pytest.mark.parametrize("navn", ["kontakt-molde", "kontakt-haugesund"])
def test_kommunekontakt_is_not_forced(client, krev_2fa, navn):
    client.force_login(User.objects.get(username=navn))
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:forlop_tekst_changelist")).status_code == 200


@pytest.mark.django_db
def test_two_factor_is_off_by_default(client):
    assert settings.BUPKART_REQUIRE_2FA is False
    client.force_login(User.objects.get(username="redaktor-fonna"))
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_public_pages_stay_open_to_an_unverified_editor(client, krev_2fa):
    client.force_login(User.objects.get(username="redaktor-fonna"))
    assert client.get("/forlop/angst/").status_code == 200


@pytest.mark.django_db
def test_redaktor_registers_totp_and_gets_in(client, krev_2fa):
    bruker = User.objects.get(username="redaktor-fonna")
    assert logg_inn(client, "redaktor-fonna", PASSORD).status_code == 302
    tekster = reverse("admin:forlop_tekst_changelist")
    r = client.get(tekster)
    assert r.status_code == 302
    side = client.get(r["Location"])
    assert side.status_code == 200
    enhet = TOTPDevice.objects.get(user=bruker)
    assert not enhet.confirmed
    html = side.content.decode()
    assert "otpauth://totp/bupkart%3Aredaktor-fonna?secret=" in html
    assert_ingen_inline(side, assert_streng_csp(side))
    # Reloading shows the same secret rather than a new device each time.
    client.get(r["Location"])
    assert TOTPDevice.objects.filter(user=bruker).count() == 1

    feil = client.post(
        reverse("tofaktor"),
        {"kode": "000000" if kode(enhet) != "000000" else "111111", "next": tekster},
    )
    assert feil.status_code == 200
    assert 'class="errornote"' in feil.content.decode()  # "Koden stemmer ikke/ikkje"
    assert client.get(reverse("admin:index")).status_code == 302
    # A failure throttles the device briefly (django-otp); a person types the next code later.
    enhet.refresh_from_db()
    assert enhet.throttling_failure_count == 1
    enhet.throttle_reset()

    ok = client.post(reverse("tofaktor"), {"kode": kode(enhet), "next": tekster})
    assert ok.status_code == 302
    assert ok["Location"] == tekster
    enhet.refresh_from_db()
    assert enhet.confirmed
    assert client.get(tekster).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_confirmed_device_is_asked_for_at_next_login_and_not_shown_again(client, krev_2fa):
    bruker = User.objects.get(username="redaktor-mr")
    enhet = TOTPDevice.objects.create(user=bruker, name="TOTP", confirmed=True)
    client.force_login(bruker)
    side = client.get(f"{reverse('tofaktor')}?next={reverse('admin:index')}")
    html = side.content.decode()
    assert "otpauth://" not in html
    assert enhet.key not in html
    assert TOTPDevice.objects.filter(user=bruker).count() == 1
    assert client.get(reverse("admin:index")).status_code == 302
    r = client.post(reverse("tofaktor"), {"kode": kode(enhet), "next": "https://evil.example/"})
    assert r["Location"] == reverse("admin:index")  # never an off-site redirect
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_two_factor_page_needs_a_logged_in_editor(client, krev_2fa):
    r = client.get(reverse("tofaktor"))
    assert r.status_code == 302
    assert r["Location"].startswith(reverse("admin:login"))
    assert not TOTPDevice.objects.exists()


# --- hostile input through every markdown field, the feedback form and the pages ----------------
from forlop.models import Forslag, Tekstdel  # noqa: E402
from redaksjon import services  # noqa: E402

from . import bygg  # noqa: E402
from .hostile_inputs import HOSTILE, er_aktiv, nye_aktive  # noqa: E402


def _publiser(tekst, markdown):
    v = services.lagre_utkast(tekst, markdown, None, tekst.siste_versjon())
    services.publiser(v, None, "Test.")
    return v


def _sjekk_alle(lag_side):
    """lag_side(text) -> html; every hostile input must add no active tag to the page that the
    same page with a harmless text does not have."""
    grunnlinje = lag_side("Trygg tekst med [lenke](https://www.helsenorge.no/).")
    assert "Trygg tekst" in grunnlinje
    feil = {h: nye for h in HOSTILE if (nye := nye_aktive(lag_side(h), grunnlinje))}
    assert not feil, feil


@pytest.mark.django_db
def test_hostile_markdown_on_the_public_forlop_page(client):
    tekst = bygg.slot(tjeneste="bup", tekstdel=Tekstdel.HENVISNING, malform="nb")

    def side(md):
        v = _publiser(tekst, md)
        assert not er_aktiv(v.html), v.html
        r = client.get("/forlop/angst/")
        assert r.status_code == 200
        return r.content.decode()

    _sjekk_alle(side)


@pytest.mark.django_db
def test_hostile_markdown_on_the_family_page(client):
    tekst = bygg.slot(tjeneste=None, tekstdel=Tekstdel.FAMILIE_OM, malform="nb")

    def side(md):
        _publiser(tekst, md)
        return client.get("/familie/angst/").content.decode()

    _sjekk_alle(side)


@pytest.mark.django_db
def test_hostile_markdown_in_the_admin_editor_and_its_preview(client):
    client.force_login(User.objects.get(username="admin"))
    tekst = bygg.slot(tjeneste="fastlege", tekstdel=Tekstdel.ROLLE, malform="nb")
    forhandsvis = reverse("admin:forlop_tekst_forhandsvis")

    def side(md):
        services.lagre_utkast(tekst, md, None, tekst.siste_versjon())
        redigering = client.get(reverse("admin:forlop_tekst_change", args=[tekst.pk])).content.decode()
        forhand = client.post(forhandsvis, {"markdown": md}).content.decode()
        return redigering + forhand

    _sjekk_alle(side)


@pytest.mark.django_db
def test_hostile_markdown_in_a_proposal(client):
    client.force_login(User.objects.get(username="forvalter"))
    felles = bygg.slot(tjeneste="bup", tekstdel=Tekstdel.TILTAK)
    redaktor = User.objects.get(username="redaktor-fonna")

    def side(md):
        f = services.foresla(felles, md, "Grunngjeving.", redaktor)
        return client.get(reverse("admin:forlop_forslag_change", args=[f.pk])).content.decode()

    _sjekk_alle(side)
    assert Forslag.objects.count() >= len(HOSTILE)


@pytest.mark.django_db
def test_hostile_search_queries_are_not_echoed_active(client):
    try:
        reverse("sok:sok")
    except Exception:  # noqa: BLE001
        pytest.skip("the search app has no sok:sok URL yet")

    def side(q):
        return client.get("/sok/", {"q": q}).content.decode()

    _sjekk_alle(side)


@pytest.mark.django_db
def test_hostile_feedback_is_neither_stored_nor_echoed_active(client, settings):
    if not apps_installed("tilbakemelding"):
        pytest.skip("the feedback app (tilbakemelding) is not installed yet")
    from tilbakemelding.models import Tilbakemelding

    settings.BUPKART_TILBAKEMELDING_GRENSE = settings.BUPKART_TILBAKEMELDING_GRENSE_ADRESSE = 10_000
    admin = Client_as("admin")
    skjema = client.get("/tilbakemelding/?side=/forlop/angst/").content.decode()

    def post(tekst):
        return client.post(
            "/tilbakemelding/", {"tekst": tekst, "side": "/forlop/angst/", "forlop": "angst", "epost": ""}
        )

    ok = post("Trygg tekst, takk.")
    assert ok.status_code == 200
    grunnlinje = aktive_union(skjema, ok.content.decode())
    forste = Tilbakemelding.objects.order_by("-pk").first()
    admin_grunnlinje = admin.get(
        reverse("admin:tilbakemelding_tilbakemelding_change", args=[forste.pk])
    ).content.decode()
    feil = {}
    for h in HOSTILE:
        for_pk = Tilbakemelding.objects.order_by("-pk").values_list("pk", flat=True).first()
        r = post(h)
        assert r.status_code in (200, 400), (h, r.status_code)
        if nye := set(aktive_funn(r.content.decode())) - set(grunnlinje):
            feil[h] = ("echo", nye)
        lagret = Tilbakemelding.objects.filter(pk__gt=for_pk).first()
        if lagret is not None:
            side = admin.get(
                reverse("admin:tilbakemelding_tilbakemelding_change", args=[lagret.pk])
            ).content.decode()
            if nye := nye_aktive(side, admin_grunnlinje):
                feil[h] = ("admin", nye)
    assert not feil, feil


def apps_installed(label):
    from django.apps import apps

    return apps.is_installed(label)


def Client_as(username):
    from django.test import Client

    c = Client()
    c.force_login(User.objects.get(username=username))
    return c


def aktive_union(*sider):
    from .hostile_inputs import aktive_funn

    ut = Counter()
    for s in sider:
        ut |= aktive_funn(s)
    return ut


from collections import Counter  # noqa: E402

from .hostile_inputs import aktive_funn  # noqa: E402


@pytest.mark.django_db
def test_hostile_feedback_is_stored_without_markup(client, settings):
    if not apps_installed("tilbakemelding"):
        pytest.skip("the feedback app (tilbakemelding) is not installed yet")
    from tilbakemelding.models import Tilbakemelding

    settings.BUPKART_TILBAKEMELDING_GRENSE = settings.BUPKART_TILBAKEMELDING_GRENSE_ADRESSE = 10_000
    for h in HOSTILE:
        client.post("/tilbakemelding/", {"tekst": h, "side": "/forlop/angst/", "forlop": "angst"})
    lagret = {t: t for t in Tilbakemelding.objects.values_list("tekst", flat=True) if er_aktiv(t) or "<" in t}
    assert not lagret, lagret
