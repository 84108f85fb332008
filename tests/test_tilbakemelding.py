"""Feedback: reaches the editors of the scope that owns what the page showed; refuses a
fødselsnummer; strips HTML; limits length; honeypot, rate limit and CSRF stop abuse."""

import logging
import socket
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bupkart.fnr import er_fodselsnummer
from bupkart.varsling import VENTETIDER, send_epost
from forlop.models import Forlop, Tekstdel
from tests import bygg
from tests.oppgaver import kjor_oppgaver
from tilbakemelding.models import Behandling, Tilbakemelding
from tjenester.models import Helsefellesskap, Kommune, Tjeneste

pytestmark = pytest.mark.django_db
User = get_user_model()


def gyldig_fnr():
    for individ in range(100, 1000):
        for k in range(100):
            nummer = f"010190{individ:03d}{k:02d}"
            if er_fodselsnummer(nummer):
                return nummer
    raise AssertionError


@pytest.fixture(autouse=True)
def tom_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def epost():
    """The demo editors get addresses so notifications can be checked."""
    for navn in ["forvalter", "redaktor-fonna", "redaktor-mr", "kontakt-haugesund", "kontakt-molde", "admin"]:
        User.objects.filter(username=navn).update(email=f"{navn}@example.no")


def send(client, **data):
    """Posts a message, then lets the worker send what it queued."""
    felt = {"tekst": "Telefonnummeret er feil.", "epost": "", "side": "/", "forlop": "", "seksjon": ""}
    felt.update(data)
    svar = client.post("/tilbakemelding/", felt)
    kjor_oppgaver()
    return svar


def mottakere():
    return sorted(adresse for m in mail.outbox for adresse in m.to)


# --- on every page --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["/", "/forlop/", "/forlop/angst/", "/forlop/angst/henvisning/", "/tjenester/bup/", "/sok/?q=angst"],
)
def test_every_public_page_offers_feedback(client, url):
    html = client.get(url).content.decode()
    assert "Gi tilbakemelding" in html
    assert 'href="/tilbakemelding/?side=' in html
    assert 'hx-get="/tilbakemelding/?side=' in html


def test_forlop_page_link_carries_page_and_forlop(client):
    html = client.get("/forlop/angst/").content.decode()
    assert "/tilbakemelding/?side=/forlop/angst/&amp;forlop=angst" in html


def test_full_page_works_without_javascript(client):
    r = client.get(
        "/tilbakemelding/", {"side": "/forlop/angst/", "forlop": "angst", "seksjon": "bup-henvisning"}
    )
    html = r.content.decode()
    assert r.status_code == 200
    assert html.count("<h1") == 1
    assert 'method="post" action="/tilbakemelding/"' in html
    assert "csrfmiddlewaretoken" in html
    for felt in ["tb-tekst", "tb-epost", "tb-haster", "tb-nettsted"]:
        assert f'for="{felt}"' in html and f'id="{felt}"' in html
    assert 'name="side" value="/forlop/angst/"' in html
    assert 'name="seksjon" value="bup-henvisning"' in html


def test_htmx_opens_the_form_in_place(client):
    r = client.get("/tilbakemelding/", {"side": "/"}, headers={"HX-Request": "true"})
    html = r.content.decode()
    assert "<html" not in html and 'id="tilbakemelding-skjema"' in html


# --- routing to the right editors -------------------------------------------------------------------


def test_felles_text_reaches_the_forvalter(client):
    r = send(
        client,
        side="/forlop/angst/",
        forlop="angst",
        seksjon="bup-henvisning",
        epost="les@example.no",
        haster="on",
    )
    assert r.status_code == 200
    melding = Tilbakemelding.objects.get()
    assert (melding.helsefellesskap, melding.kommune) == (None, None)
    assert melding.forlop.slug == "angst" and melding.seksjon == "bup-henvisning"
    assert melding.gjelder_tekst.helsefellesskap is None and melding.haster
    assert melding.status == Behandling.NY
    assert mottakere() == ["forvalter@example.no"]
    assert mail.outbox[0].reply_to == ["les@example.no"]
    assert "HASTER" in mail.outbox[0].subject


def test_helsefellesskap_variant_reaches_its_redaktorer(client):
    # Helse Fonna has its own variant of BUP/samarbeid in Angst; Haugesund's reader sees it.
    client.get("/forlop/angst/", {"kommune": "1106"})
    send(client, side="/forlop/angst/", forlop="angst", seksjon="bup-samarbeid")
    melding = Tilbakemelding.objects.get()
    assert melding.helsefellesskap.slug == "helse-fonna"
    assert melding.gjelder_tekst == bygg.slot(
        tekstdel=Tekstdel.SAMARBEID, helsefellesskap=melding.helsefellesskap
    )
    assert mottakere() == ["redaktor-fonna@example.no"]


def test_same_seksjon_without_variant_in_that_kommune_goes_to_the_forvalter(client):
    client.get("/forlop/angst/", {"kommune": "1103"})  # Stavanger: no variant there
    send(client, side="/forlop/angst/", forlop="angst", seksjon="bup-samarbeid")
    assert Tilbakemelding.objects.get().helsefellesskap is None
    assert mottakere() == ["forvalter@example.no"]


def test_kommune_variant_reaches_the_helsefellesskap_and_the_kommune(client):
    forlop = bygg.forlop()
    bup = Tjeneste.objects.get(slug="bup")
    bygg.plasser(forlop, bup)
    bygg.tekst(forlop, bup, Tekstdel.TILTAK, "Felles.", malform="nn")
    variant = bygg.tekst(
        forlop, bup, Tekstdel.TILTAK, "Haugesund.", malform="nn", kommune=Kommune.objects.get(nummer="1106")
    )
    client.get("/", {"kommune": "1106"})
    send(client, side=f"/forlop/{forlop.slug}/", forlop=forlop.slug, seksjon="bup-tiltak")
    melding = Tilbakemelding.objects.get()
    assert melding.kommune.nummer == "1106" and melding.helsefellesskap is None
    assert melding.gjelder_tekst == variant
    assert mottakere() == ["kontakt-haugesund@example.no", "redaktor-fonna@example.no"]


def test_page_with_local_variants_in_kommune_context_goes_to_the_helsefellesskap(client):
    client.get("/", {"kommune": "1506"})  # Molde: Helse Møre og Romsdal has variants in Angst
    send(client, side="/forlop/angst/", forlop="angst")
    assert Tilbakemelding.objects.get().helsefellesskap.slug == "helse-more-og-romsdal"
    assert mottakere() == ["redaktor-mr@example.no"]


@pytest.mark.parametrize(
    ("nummer", "side", "forlop", "hf"),
    [
        # Helse Møre og Romsdal has variants in Angst, none on its family page or checklist.
        ("1506", "/familie/angst/", "", None),
        ("1506", "/forlop/angst/henvisning/", "angst", None),
        # Helse Fonna has its own checklist for Spisevansker.
        ("1106", "/forlop/spisevansker/henvisning/", "spisevansker", "helse-fonna"),
    ],
)
def test_a_page_goes_to_the_helsefellesskap_only_for_variants_that_page_shows(
    client, nummer, side, forlop, hf
):
    client.get("/", {"kommune": nummer})
    send(client, side=side, forlop=forlop)
    melding = Tilbakemelding.objects.get()
    assert (melding.forlop.slug, melding.seksjon) == (side.split("/")[2], "")
    assert (melding.helsefellesskap.slug if melding.helsefellesskap else None, melding.kommune) == (hf, None)


def test_a_seksjon_of_a_service_no_longer_in_the_forlop_is_no_seksjon(client):
    # Its texts stay when a service leaves a forløp, but the page no longer shows them.
    forlop = bygg.forlop()
    bup = Tjeneste.objects.get(slug="bup")
    plassering = bygg.plasser(forlop, bup)
    bygg.tekst(forlop, bup, Tekstdel.TILTAK, "Felles.", malform="nn")
    plassering.delete()
    send(client, side=f"/forlop/{forlop.slug}/", forlop=forlop.slug, seksjon="bup-tiltak")
    melding = Tilbakemelding.objects.get()
    assert (melding.forlop, melding.seksjon, melding.gjelder_tekst) == (forlop, "", None)


def test_hidden_fields_are_validated_and_never_grant_a_scope(client):
    send(client, side="https://evil.example/x", forlop="finnes-ikke", seksjon="'; DROP TABLE x; --")
    melding = Tilbakemelding.objects.get()
    assert (melding.side, melding.forlop, melding.seksjon) == ("", None, "")
    assert (melding.helsefellesskap, melding.kommune) == (None, None)
    # Naming a seksjon that has a Fonna variant does not route to Fonna for a reader outside it.
    send(client, side="/forlop/angst/", forlop="angst", seksjon="bup-samarbeid")
    assert Tilbakemelding.objects.latest("pk").helsefellesskap is None
    for side in ["//evil.example/", "/../../etc/passwd", "/finnes/ikke/", "javascript:alert(1)"]:
        send(client, side=side)
        assert Tilbakemelding.objects.latest("pk").side == ""


def test_a_kommune_map_belongs_to_that_kommune_and_the_page_keeps_no_query(client):
    send(client, side="/kommune/1106/?utm=x")
    melding = Tilbakemelding.objects.get()
    assert (melding.side, melding.kommune.nummer, melding.helsefellesskap) == ("/kommune/1106/", "1106", None)
    assert mottakere() == ["kontakt-haugesund@example.no", "redaktor-fonna@example.no"]
    send(client, side="/kommune/sok/")  # the kommune search is no kommune's page
    assert Tilbakemelding.objects.latest("pk").kommune is None


# --- bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "mal",
    [
        "Gjelder barnet med fnr {f}",
        "fnr: {a} {b}",
        "<b>{a}</b>{b}",
        "{a}.{b} er født 1990",
        "Sjå bildet <img alt={f}>",  # stripping the tag would take the number with it
    ],
)
def test_fodselsnummer_is_refused_and_nothing_is_kept(client, mal):
    fnr = gyldig_fnr()
    r = send(client, tekst=mal.format(f=fnr, a=fnr[:6], b=fnr[6:]))
    assert r.status_code == 400
    assert "fødselsnummer" in r.content.decode()
    assert not Tilbakemelding.objects.exists()
    assert mail.outbox == []


def test_fodselsnummer_in_the_email_field_is_refused_too(client):
    r = send(client, epost=f"{gyldig_fnr()}@example.no")
    assert r.status_code == 400 and not Tilbakemelding.objects.exists()


def test_eleven_digits_that_are_not_a_fodselsnummer_are_fine(client):
    nummer = gyldig_fnr()
    ikke = nummer[:-1] + str((int(nummer[-1]) + 1) % 10)
    assert not er_fodselsnummer(ikke)
    assert send(client, tekst=f"Saksnummer {ikke}").status_code == 200
    assert Tilbakemelding.objects.count() == 1


def test_html_is_stripped(client):
    send(client, tekst='<script>alert(1)</script><b>Feil</b> <a href="x">telefonnummer</a>')
    assert Tilbakemelding.objects.get().tekst == "alert(1)Feil telefonnummer"


def test_only_html_is_empty(client):
    assert send(client, tekst="<p> </p>").status_code == 400
    assert not Tilbakemelding.objects.exists()


def test_length_is_limited(client, settings):
    settings.BUPKART_TILBAKEMELDING_MAKS_LENGD = 100
    assert send(client, tekst="a" * 101).status_code == 400
    assert send(client, tekst="a" * 100).status_code == 200
    assert Tilbakemelding.objects.count() == 1


def test_honeypot_looks_like_success_and_keeps_nothing(client):
    r = send(client, nettsted="http://spam.example")
    assert r.status_code == 200 and "Takk" in r.content.decode()
    assert not Tilbakemelding.objects.exists() and mail.outbox == []


def test_rate_limit_per_address(client, settings):
    settings.BUPKART_TILBAKEMELDING_GRENSE = 3
    for _ in range(3):
        assert send(client).status_code == 200
    r = send(client, tekst="Telefonnummeret til BUP er feil.")
    assert r.status_code == 429 and "Vent litt" in r.content.decode()
    # Nothing the reader typed is lost: the refused text is back in the form.
    assert ">Telefonnummeret til BUP er feil.</textarea>" in r.content.decode()
    assert Tilbakemelding.objects.count() == 3
    annen = Client(REMOTE_ADDR="192.0.2.77")
    assert send(annen).status_code == 200
    assert Tilbakemelding.objects.count() == 4


def test_refused_posts_do_not_count_against_the_limit(client, settings):
    settings.BUPKART_TILBAKEMELDING_GRENSE = 2
    for _ in range(3):
        assert send(client, tekst="").status_code == 400
        assert send(client, tekst=f"Barnet har nummer {gyldig_fnr()}.").status_code == 400
        assert send(client, nettsted="http://spam.example").status_code == 200  # the honeypot
    assert [send(client).status_code for _ in range(3)] == [200, 200, 429]
    assert Tilbakemelding.objects.count() == 2


def test_readers_behind_one_address_write_about_different_pages(client, settings):
    """One kommune's NAT: the limit per page is the reader's; the address as a whole has a
    higher one, which still stops one sender flooding every page."""
    settings.BUPKART_TILBAKEMELDING_GRENSE = 2
    settings.BUPKART_TILBAKEMELDING_GRENSE_ADRESSE = 5
    sider = ["/", "/forlop/", "/forlop/angst/", "/tjenester/"]
    svar = [send(client, side=side).status_code for side in sider for _ in range(2)]
    assert svar == [200, 200, 200, 200, 200, 429, 429, 429]
    assert send(client, side="/").status_code == 429
    assert Tilbakemelding.objects.count() == 5


def test_a_flood_from_many_addresses_stops_at_the_ceiling(settings):
    settings.BUPKART_TILBAKEMELDING_GRENSE_ALLE = 4
    svar = [send(Client(REMOTE_ADDR=f"192.0.2.{i}")).status_code for i in range(1, 7)]
    assert svar == [200, 200, 200, 200, 429, 429]
    assert Tilbakemelding.objects.count() == 4


def test_csrf_is_required():
    client = Client(enforce_csrf_checks=True)
    r = send(client)
    assert r.status_code == 403
    assert not Tilbakemelding.objects.exists()
    side = client.get("/tilbakemelding/").content.decode()
    token = side.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert send(client, csrfmiddlewaretoken=token).status_code == 200
    assert Tilbakemelding.objects.count() == 1


def test_htmx_post_answers_in_place(client):
    r = client.post("/tilbakemelding/", {"tekst": "Skrivefeil.", "side": "/"}, headers={"HX-Request": "true"})
    html = r.content.decode()
    assert r.status_code == 200 and "<html" not in html and "Takk" in html
    r = client.post("/tilbakemelding/", {"tekst": "", "side": "/"}, headers={"HX-Request": "true"})
    assert r.status_code == 200 and 'aria-invalid="true"' in r.content.decode()


# --- the inbox ---------------------------------------------------------------------------------------


@pytest.fixture
def meldinger():
    fonna = Helsefellesskap.objects.get(slug="helse-fonna")
    mr = Helsefellesskap.objects.get(slug="helse-more-og-romsdal")
    return {
        "felles": Tilbakemelding.objects.create(tekst="felles-melding", side="/"),
        "fonna": Tilbakemelding.objects.create(tekst="fonna-melding", helsefellesskap=fonna),
        "mr": Tilbakemelding.objects.create(tekst="mr-melding", helsefellesskap=mr),
        "haugesund": Tilbakemelding.objects.create(
            tekst="haugesund-melding", kommune=Kommune.objects.get(nummer="1106")
        ),
    }


SER = {
    "admin": {"felles", "fonna", "mr", "haugesund"},
    "forvalter": {"felles"},
    "redaktor-fonna": {"fonna", "haugesund"},
    "redaktor-mr": {"mr"},
    "kontakt-haugesund": {"haugesund"},
    "kontakt-molde": set(),
}


@pytest.mark.parametrize("navn", list(SER))
def test_inbox_is_scoped(client, meldinger, navn):
    client.force_login(User.objects.get(username=navn))
    html = client.get(reverse("admin:tilbakemelding_tilbakemelding_changelist")).content.decode()
    for hva, melding in meldinger.items():
        assert (f"{hva}-melding" in html) == (hva in SER[navn]), (navn, hva)
        r = client.get(reverse("admin:tilbakemelding_tilbakemelding_change", args=[melding.pk]))
        assert (r.status_code == 200) == (hva in SER[navn]), (navn, hva, r.status_code)


def test_editor_sets_status_but_not_the_readers_words(client, meldinger):
    client.force_login(User.objects.get(username="redaktor-fonna"))
    melding = meldinger["fonna"]
    r = client.post(
        reverse("admin:tilbakemelding_tilbakemelding_change", args=[melding.pk]),
        {"status": Behandling.UNDER_ARBEID, "merknad": "Ser på det.", "tekst": "endra"},
    )
    assert r.status_code == 302
    melding.refresh_from_db()
    assert melding.status == Behandling.UNDER_ARBEID and melding.tekst == "fonna-melding"
    assert client.get(reverse("admin:tilbakemelding_tilbakemelding_add")).status_code == 403


def test_bulk_status_action_stays_in_scope(client, meldinger):
    client.force_login(User.objects.get(username="redaktor-mr"))
    client.post(
        reverse("admin:tilbakemelding_tilbakemelding_changelist"),
        {"action": "sett_lost", "_selected_action": [m.pk for m in meldinger.values()]},
    )
    lost = set(Tilbakemelding.objects.filter(status=Behandling.LOST).values_list("tekst", flat=True))
    assert lost == {"mr-melding"}


def test_notification_mail_links_to_the_inbox(client):
    send(client, side="/forlop/angst/", forlop="angst", tekst="Lenken virker ikke.")
    melding = Tilbakemelding.objects.get()
    brodtekst = mail.outbox[0].body
    assert reverse("admin:tilbakemelding_tilbakemelding_change", args=[melding.pk]) in brodtekst
    assert "Lenken virker ikke." in brodtekst and "/forlop/angst/" in brodtekst
    assert Forlop.objects.get(slug="angst") == melding.forlop


# --- the mail server down ------------------------------------------------------------------------


@pytest.fixture
def smtp_nede(settings):
    """The SMTP backend aimed at a port that refuses connections: bound, never listening."""
    with socket.socket() as stengd:
        stengd.bind(("127.0.0.1", 0))
        settings.MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": stengd.getsockname()[1], "timeout": 5},
            }
        }
        yield settings


def test_smtp_down_reader_thanked_editor_told_once_mail_works(client, smtp_nede, caplog):
    r = client.post(
        "/tilbakemelding/",
        {
            "tekst": "Lenken virker ikke.",
            "side": "/forlop/angst/",
            "forlop": "angst",
            "epost": "les@example.no",
        },
    )
    assert r.status_code == 200 and "Takk" in r.content.decode()
    assert Tilbakemelding.objects.count() == 1
    assert DBTaskResult.objects.ready().count() == 1  # queued, not sent in the request

    with caplog.at_level(logging.WARNING, logger="bupkart.varsling"):
        assert kjor_oppgaver() == 1
    assert mail.outbox == []
    assert "forsøk 1" in caplog.text and "Lenken" not in caplog.text
    igjen = DBTaskResult.objects.get(status="READY")
    assert igjen.args_kwargs["kwargs"]["forsok"] == 2
    assert igjen.run_after > timezone.now() + timedelta(seconds=50)
    assert kjor_oppgaver() == 0  # not before its time

    smtp_nede.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert kjor_oppgaver(fram=timedelta(minutes=2)) == 1
    assert mottakere() == ["forvalter@example.no"]
    assert mail.outbox[0].reply_to == ["les@example.no"]
    assert "Lenken virker ikke." in mail.outbox[0].body
    assert kjor_oppgaver(fram=timedelta(days=2)) == 0  # sent once, nothing left


def test_the_last_attempt_gives_up_with_an_error(smtp_nede, caplog):
    with caplog.at_level(logging.WARNING, logger="bupkart.varsling"):
        sendt = send_epost.call(til=["a@example.no"], emne="Emne", tekst="x", forsok=len(VENTETIDER) + 1)
    assert sendt == 0
    assert [r.levelname for r in caplog.records] == ["ERROR"]
    assert not DBTaskResult.objects.ready().exists()
