"""The text editor and the proposal pages in the admin: one transaction per action, a bounded
number of queries, and the HTTP answers of the editor's own URLs."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from forlop import services
from tests.bygg import slot
from tjenester.models import Helsefellesskap

pytestmark = pytest.mark.django_db
User = get_user_model()


def logg_inn(client, namn):
    client.force_login(User.objects.get(username=namn))
    return client


def endre_url(tekst):
    return reverse("admin:forlop_tekst_change", args=[tekst.pk])


@pytest.fixture
def fonna():
    """A published Helse Fonna variant of a felles text."""
    tekst = slot(helsefellesskap=Helsefellesskap.objects.get(slug="helse-fonna"))
    if tekst.publisert is None:
        utkast = services.lagre_utkast(tekst, "Start.", None, services.siste_versjon(tekst))
        services.publiser(utkast, None, "Oppsett.")
        tekst.refresh_from_db()
    return tekst


@pytest.mark.parametrize(("markdown", "notat"), [("Ny tekst.", ""), ("   ", "Notat.")])
def test_a_refused_publication_leaves_no_draft_and_the_retry_is_no_conflict(client, fonna, markdown, notat):
    logg_inn(client, "redaktor-fonna")
    versjonar = list(fonna.versjoner.values_list("pk", flat=True))
    skjema = {"markdown": markdown, "forrige": versjonar[-1], "handling": "publiser", "endringsnotat": notat}
    assert client.post(endre_url(fonna), skjema).status_code == 400
    assert list(fonna.versjoner.values_list("pk", flat=True)) == versjonar
    # The same form, corrected and sent again.
    svar = client.post(endre_url(fonna), {**skjema, "markdown": "Ny tekst.", "endringsnotat": "Notat."})
    assert svar.status_code == 302
    fonna.refresh_from_db()
    assert fonna.publisert.markdown == "Ny tekst." and fonna.publisert.forrige_id == versjonar[-1]
