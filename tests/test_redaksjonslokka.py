"""The editor's loop from kommunekontakt to publication and back: the sender's note is kept, the
approver sees what changed against the published text on a page with one note and one publish
button, and nobody builds silently on someone else's draft."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forlop.models import Status
from redaksjon import services
from tests.bygg import slot
from tests.oppgaver import kjor_oppgaver
from tjenester.models import Kommune

pytestmark = pytest.mark.django_db
User = get_user_model()
PUBLISERT = "Fastlegen vurderer barnet.\n\nFastlegen tilviser til BUP ved behov."
SENDT = "Fastlegen vurderer barnet.\n\nFastlegen sender tilvising til BUP ved mistanke."


def endre_url(tekst):
    return reverse("admin:forlop_tekst_change", args=[tekst.pk])


def som(client, navn):
    client.force_login(User.objects.get(username=navn))
    return client


@pytest.fixture
def molde():
    """Molde's published variant of a felles text."""
    tekst = slot(kommune=Kommune.objects.get(nummer="1506"))
    services.publiser(services.lagre_utkast(tekst, PUBLISERT, None, tekst.siste_versjon()), None, "Oppsett.")
    tekst.refresh_from_db()
    return tekst


@pytest.fixture
def sendt(client, molde):
    """kontakt-molde sends a change with a note."""
    svar = som(client, "kontakt-molde").post(
        endre_url(molde),
        {
            "markdown": SENDT,
            "forrige": molde.siste_versjon().pk,
            "endringsnotat": "Ny tilvisingsrutine frå januar.",
            "handling": "send",
        },
    )
    assert svar.status_code == 302
    return molde.siste_versjon()


def test_the_note_written_with_send_is_kept(sendt):
    assert sendt.status == Status.TIL_GODKJENNING
    assert sendt.endringsnotat == "Ny tilvisingsrutine frå januar."


def test_the_approver_sees_a_word_diff_against_the_published_text_with_one_note_and_one_button(
    client, molde, sendt
):
    html = som(client, "redaktor-mr").get(endre_url(molde)).content.decode()
    godkjenning = html[
        html.index('class="godkjenning"') : html.index("</form>", html.index('class="godkjenning"'))
    ]
    assert re.findall(r"<del>.*?</span>(.*?)</del>", godkjenning) == ["tilviser", "behov"]
    assert re.findall(r"<ins>.*?</span>(.*?)</ins>", godkjenning) == ["sender tilvising", "mistanke"]
    assert html.count('name="endringsnotat"') == 1
    assert len(re.findall(r'value="(?:publiser|godkjenn)"', html)) == 1
    # The one note field starts from the sender's note.
    assert ">Ny tilvisingsrutine frå januar.</textarea>" in godkjenning


def test_approving_publishes_with_the_note(client, molde, sendt):
    svar = som(client, "redaktor-mr").post(
        endre_url(molde),
        {"handling": "godkjenn", "versjon": sendt.pk, "endringsnotat": "Ny tilvisingsrutine frå januar."},
    )
    assert svar.status_code == 302
    sendt.refresh_from_db()
    assert sendt.status == Status.PUBLISERT and sendt.endringsnotat == "Ny tilvisingsrutine frå januar."


def test_the_editor_opens_the_published_text_and_offers_another_editors_draft(client, molde, sendt):
    svar = som(client, "redaktor-mr").get(endre_url(molde))
    assert svar.context["form"]["markdown"].value() == PUBLISERT
    # A save still builds on the newest version: anything saved later is a conflict.
    assert svar.context["form"]["forrige"].value() == sendt.pk
    assert svar.context["annet_utkast"] == sendt
    html = svar.content.decode()
    assert "kontakt-molde" in html and f'href="?fra={sendt.pk}"' in html

    fra_utkastet = client.get(endre_url(molde), {"fra": sendt.pk})
    assert fra_utkastet.context["form"]["markdown"].value() == SENDT
    assert fra_utkastet.context["annet_utkast"] is None
    assert client.get(endre_url(molde), {"fra": "x"}).status_code == 404


def test_the_writer_of_the_newest_draft_goes_on_from_it(client, molde, sendt):
    svar = som(client, "kontakt-molde").get(endre_url(molde))
    assert svar.context["form"]["markdown"].value() == SENDT
    assert svar.context["annet_utkast"] is None


# --- answers on the sender's start page ---------------------------------------------------------
def start(client, navn):
    svar = som(client, navn).get(reverse("admin:index"))
    assert svar.status_code == 200
    return svar.content.decode()


def test_a_rejection_waits_on_the_senders_start_page_until_seen(client, molde, sendt):
    assert "Svar på det du har sendt" not in start(client, "kontakt-molde")
    som(client, "redaktor-mr").post(
        endre_url(molde), {"handling": "avvis", "versjon": sendt.pk, "kommentar": "Skriv kven som tilviser."}
    )
    html = start(client, "kontakt-molde")
    assert "Svar på det du har sendt (1)" in html and "«Skriv kven som tilviser.»" in html
    assert "Skriv kven som tilviser." not in start(client, "redaktor-mr")  # the sender's, no one else's

    sett_url = reverse("admin:forlop_tekst_svar_sett")
    # Only the sender marks their answers as seen.
    assert som(client, "redaktor-mr").post(sett_url, {"versjon": sendt.pk}).status_code == 404
    assert som(client, "kontakt-molde").post(sett_url, {"versjon": "x"}).status_code == 404
    assert client.get(sett_url).status_code == 405
    assert client.post(sett_url, {"versjon": sendt.pk}).status_code == 302
    assert "Skriv kven som tilviser." not in start(client, "kontakt-molde")


def test_a_rejection_leaves_the_start_page_when_the_sender_writes_anew(client, molde, sendt):
    services.avvis(sendt, User.objects.get(username="redaktor-mr"), "Kortare.")
    assert "«Kortare.»" in start(client, "kontakt-molde")
    services.lagre_utkast(molde, "Kort.", User.objects.get(username="kontakt-molde"), molde.siste_versjon())
    assert "«Kortare.»" not in start(client, "kontakt-molde")


def test_an_approval_and_an_answered_proposal_reach_the_sender(client, molde, sendt):
    redaktor, forvalter = (User.objects.get(username=n) for n in ("redaktor-mr", "forvalter"))
    services.publiser(sendt, redaktor, "Godkjent.")
    forslag = services.foresla(
        services.felles_tekst(molde),
        "Betre felles tekst.",
        "Gjeld alle.",
        User.objects.get(username="kontakt-molde"),
    )
    services.behandle_forslag(forslag, forvalter, godta=False, svar="Vi tek det i neste revisjon.")
    html = start(client, "kontakt-molde")
    assert "Svar på det du har sendt (2)" in html
    assert "Godkjend og publisert av redaktor-mr" in html and "«Vi tek det i neste revisjon.»" in html
    client.post(reverse("admin:forlop_tekst_svar_sett"), {"forslag": forslag.pk})
    assert "Vi tek det i neste revisjon." not in start(client, "kontakt-molde")


def test_the_answers_cost_the_same_queries_however_many(client, molde):
    kontakt, forvalter = (User.objects.get(username=n) for n in ("kontakt-molde", "forvalter"))
    felles = services.felles_tekst(molde)
    som(client, "kontakt-molde")
    tall = []
    for n in range(3):
        forslag = services.foresla(felles, f"Forslag {n}.", "Betre.", kontakt)
        services.behandle_forslag(forslag, forvalter, godta=False, svar=f"Nei {n}.")
        with CaptureQueriesContext(connection) as sporringer:
            html = client.get(reverse("admin:index")).content.decode()
        assert f"Svar på det du har sendt ({n + 1})" in html
        tall.append(len(sporringer))
    assert tall == [tall[0]] * 3, tall


# --- e-mail ---------------------------------------------------------------------------------------
def test_the_answers_go_to_the_sender_by_email_in_their_malform(client, molde, sendt):
    for navn in ("kontakt-molde", "redaktor-mr", "forvalter"):
        User.objects.filter(username=navn).update(email=f"{navn}@example.no")
    som(client, "redaktor-mr").post(
        endre_url(molde), {"handling": "avvis", "versjon": sendt.pk, "kommentar": "Skriv kven som tilviser."}
    )
    assert kjor_oppgaver() == 1
    (epost,) = mail.outbox
    assert epost.to == ["kontakt-molde@example.no"]
    assert epost.subject.startswith("Utkastet ditt er avvist: ")
    assert "Skriv kven som tilviser." in epost.body and "av redaktor-mr" in epost.body
    assert (
        "http://testserver/admin/" in epost.body and "startsida di" in epost.body
    )  # nynorsk: Møre og Romsdal

    forslag = services.foresla(
        services.felles_tekst(molde), "Betre.", "Gjeld alle.", User.objects.get(username="kontakt-molde")
    )
    som(client, "forvalter").post(
        reverse("admin:forlop_forslag_change", args=[forslag.pk]), {"handling": "avsla", "svar": "Ikkje no."}
    )
    assert kjor_oppgaver() == 1
    assert mail.outbox[1].to == ["kontakt-molde@example.no"] and "Ikkje no." in mail.outbox[1].body


def test_no_email_without_an_address_or_to_oneself(client, molde):
    User.objects.filter(username="redaktor-mr").update(email="redaktor-mr@example.no")
    redaktor = som(client, "redaktor-mr")
    redaktor.post(
        endre_url(molde),
        {
            "markdown": SENDT,
            "forrige": molde.siste_versjon().pk,
            "handling": "send",
            "endringsnotat": "Eige.",
        },
    )
    redaktor.post(
        endre_url(molde), {"handling": "avvis", "versjon": molde.siste_versjon().pk, "kommentar": "Nei."}
    )
    assert kjor_oppgaver() == 0 and mail.outbox == []
