"""The editor's loop from kommunekontakt to publication and back: the sender's note is kept, the
approver sees what changed against the published text on a page with one note and one publish
button, and nobody builds silently on someone else's draft."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from forlop.models import Status
from redaksjon import services
from tests.bygg import slot
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
