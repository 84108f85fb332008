"""The text editor and the proposal pages in the admin: one transaction per action, a bounded
number of queries, and the HTTP answers of the editor's own URLs."""

import io
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forlop.models import Tekstdel, Tekstversjon
from redaksjon import services
from tests.bygg import slot
from tjenester.models import Helsefellesskap, LokaltTilbud

pytestmark = pytest.mark.django_db
User = get_user_model()


def logg_inn(client, navn):
    client.force_login(User.objects.get(username=navn))
    return client


def endre_url(tekst):
    return reverse("admin:forlop_tekst_change", args=[tekst.pk])


@pytest.fixture
def fonna():
    """A published Helse Fonna variant of a felles text."""
    tekst = slot(helsefellesskap=Helsefellesskap.objects.get(slug="helse-fonna"))
    if tekst.publisert is None:
        utkast = services.lagre_utkast(tekst, "Start.", None, tekst.siste_versjon())
        services.publiser(utkast, None, "Oppsett.")
        tekst.refresh_from_db()
    return tekst


@pytest.mark.parametrize(("markdown", "notat"), [("Ny tekst.", ""), ("   ", "Notat.")])
def test_a_refused_publication_leaves_no_draft_and_the_retry_is_no_conflict(client, fonna, markdown, notat):
    logg_inn(client, "redaktor-fonna")
    versjoner = list(fonna.versjoner.values_list("pk", flat=True))
    skjema = {"markdown": markdown, "forrige": versjoner[-1], "handling": "publiser", "endringsnotat": notat}
    assert client.post(endre_url(fonna), skjema).status_code == 400
    assert list(fonna.versjoner.values_list("pk", flat=True)) == versjoner
    # The same form, corrected and sent again.
    svar = client.post(endre_url(fonna), {**skjema, "markdown": "Ny tekst.", "endringsnotat": "Notat."})
    assert svar.status_code == 302
    fonna.refresh_from_db()
    assert fonna.publisert.markdown == "Ny tekst." and fonna.publisert.forrige_id == versjoner[-1]


def test_the_history_shows_who_withdrew_a_variant_when_and_why(client, fonna):
    redaktor = User.objects.get(username="redaktor-fonna")
    services.trekk_tilbake(fonna, redaktor, "Felles tekst gjeld igjen i Fonna.")
    html = logg_inn(client, "redaktor-fonna").get(endre_url(fonna)).content.decode()
    rad = next(r for r in html.split("<tr") if "Felles tekst gjeld igjen i Fonna." in r)
    # Who withdrew it (the version was made and published by the fixture, by nobody), and the
    # publication's own note beside the withdrawal's.
    assert redaktor.username in rad and "Oppsett." in rad


# --- load_demo beside the editors' work --------------------------------------------------------
def last_demo():
    ut = io.StringIO()
    call_command("load_demo", stdout=ut)
    return ut.getvalue()


def test_load_demo_rebuilds_the_search_index_only_when_something_changed():
    with mock.patch("utveksling.management.commands.load_demo.bygg_sokeindeks") as bygg:
        last_demo()
        bygg.assert_not_called()
        tilbud = LokaltTilbud.objects.filter(kommune__nummer="1506").order_by("pk").first()
        LokaltTilbud.objects.filter(pk=tilbud.pk).update(telefon="00 00 00 00")
        last_demo()
        bygg.assert_called_once()
    assert LokaltTilbud.objects.get(pk=tilbud.pk).telefon != "00 00 00 00"


def test_load_demo_leaves_a_text_an_editor_has_worked_on():
    forvalter = User.objects.get(username="forvalter")
    publisert_av_redaktor = slot(tjeneste="fastlege", tekstdel=Tekstdel.ROLLE)
    services.publiser(
        services.lagre_utkast(
            publisert_av_redaktor, "Redaktøren si tekst.", forvalter, publisert_av_redaktor.publisert
        ),
        forvalter,
        "Klarare.",
    )
    # A draft only, while the fixture has changed since the last load.
    utkast_av_redaktor = slot(tjeneste="ppt", tekstdel=Tekstdel.ROLLE)
    Tekstversjon.objects.filter(pk=utkast_av_redaktor.publisert_id).update(markdown="Gammal fixture.")
    services.lagre_utkast(utkast_av_redaktor, "Utkast.", forvalter, utkast_av_redaktor.publisert)
    for_ = {
        t.pk: list(t.versjoner.values_list("pk", "markdown"))
        for t in (publisert_av_redaktor, utkast_av_redaktor)
    }
    assert "0 nye tekster, 0 oppdatert" in last_demo()
    for t in (publisert_av_redaktor, utkast_av_redaktor):
        assert list(t.versjoner.values_list("pk", "markdown")) == for_[t.pk]


# --- queries ---------------------------------------------------------------------------------
def test_the_editor_page_reads_each_thing_once(client, django_assert_max_num_queries):
    """A flagged variant with some history, and a felles text with open proposals: the page
    costs the same few queries however many versions and proposals there are."""
    forvalter = User.objects.get(username="forvalter")
    redaktor = User.objects.get(username="redaktor-fonna")
    felles = slot()
    variant = services.lag_variant(
        felles, redaktor, helsefellesskap=Helsefellesskap.objects.get(slug="helse-fonna")
    )
    services.publiser(variant.siste_versjon(), redaktor, "Lokal.")
    for n in range(3):
        services.lagre_utkast(variant, f"Utkast {n}.", redaktor, variant.siste_versjon())
    forrige = felles.siste_versjon()
    services.publiser(services.lagre_utkast(felles, "Ny felles tekst.", forvalter, forrige), forvalter, "Ny.")
    for n in range(3):
        services.foresla(felles, f"Forslag {n}.", "Klarare.", redaktor)

    for navn, tekst in (("redaktor-fonna", variant), ("forvalter", felles)):
        logg_inn(client, navn)
        client.get(endre_url(tekst))
        with django_assert_max_num_queries(12):  # 12: the høyringar the text is on, once
            svar = client.get(endre_url(tekst))
        assert svar.status_code == 200
        if tekst == variant:
            assert svar.context["flagget"] and "</span>Ny felles tekst.</ins>" in str(
                svar.context["felles_endring"]
            )
            assert [v.nummer for v in svar.context["versjoner"]] == [4, 3, 2, 1]
            assert svar.context["form"]["markdown"].value() == "Utkast 2."
        else:
            assert len(svar.context["forslag"]) == 3


def test_the_proposal_list_does_not_query_per_row(client):
    """The demo holds no proposals: the list must cost as much with one as with several, on
    different texts and by different editors."""
    client.force_login(User.objects.get(username="admin"))
    url = reverse("admin:forlop_forslag_changelist")
    forfattere = ["redaktor-fonna", "redaktor-mr", "kontakt-molde", "kontakt-haugesund"]
    tall = []
    for n, (tjeneste, navn) in enumerate(zip(["bup", "ppt", "fastlege", "skole"], forfattere, strict=True)):
        services.foresla(
            slot(tjeneste=tjeneste), f"Forslag {n}.", "Klarare.", User.objects.get(username=navn)
        )
        client.get(url)
        with CaptureQueriesContext(connection) as sporringer:
            svar = client.get(url)
        assert svar.status_code == 200 and len(svar.context["cl"].result_list) == n + 1
        tall.append(len(sporringer))
    assert all(navn in svar.content.decode() for navn in forfattere)
    assert tall == [tall[0]] * 4 and tall[0] <= 12, tall


def test_starting_a_variant_is_a_post(client):
    url = reverse("admin:forlop_tekst_tilpass", args=[slot().pk])
    assert client.get(url).status_code == 302  # to the login page, as every admin URL
    logg_inn(client, "redaktor-fonna")
    assert client.get(url).status_code == 405
    fonna = Helsefellesskap.objects.get(slug="helse-fonna")
    assert client.post(url, {"helsefellesskap": fonna.pk}).status_code == 302
