"""The fødselsnummer guard holds on every surface a reader or an editor writes on: what is
refused is answered on the form and nothing is stored (issue 11, point 1). The bundle import is
covered in tests/test_import_robusthet.py."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.urls import reverse

from forlop.models import Forslag, ForslagStatus, Status
from redaksjon import services
from sok.models import Synonym
from tests.bygg import slot
from tests.test_fnr import FNR
from tests.test_rediger_handlinger import post, statuser, variant  # noqa: F401 (a fixture)
from tilbakemelding.models import Tilbakemelding
from tjenester.models import Kommune, LokaltTilbud

pytestmark = pytest.mark.django_db
User = get_user_model()
SKRIVEMATAR = [
    f"{FNR[:6]}-{FNR[6:]}",
    f"{FNR[:2]}.{FNR[2:4]}.{FNR[4:6]} {FNR[6:]}",
    f"{FNR[:6]}\u200b{FNR[6:]}",
]
FEIL = "fødselsnummer"


@pytest.mark.parametrize("fnr", SKRIVEMATAR)
def test_feedback_text_is_refused(client, fnr):
    svar = client.post("/tilbakemelding/", {"tekst": f"Gjeld {fnr}.", "side": "/"})
    assert svar.status_code == 400 and FEIL in svar.content.decode()
    assert not Tilbakemelding.objects.filter(tekst__contains=FNR[6:]).exists()


@pytest.mark.parametrize("felt", ["side", "forlop", "seksjon"])
def test_a_hidden_field_with_a_fodselsnummer_is_dropped_and_the_message_kept(client, felt):
    verdi = {"side": f"/kommune/{FNR}/", "forlop": FNR, "seksjon": f"bup-{FNR[:6]}-{FNR[6:]}"}[felt]
    svar = client.post("/tilbakemelding/", {"tekst": "Telefonnummeret er feil.", "side": "/", felt: verdi})
    assert svar.status_code == 200
    melding = Tilbakemelding.objects.get(tekst="Telefonnummeret er feil.")
    assert FNR[6:] not in f"{melding.side} {melding.seksjon} {melding.forlop_id}"


@pytest.mark.parametrize(
    ("handling", "skjema"),
    [
        ("avvis", {"kommentar": f"Fjern {SKRIVEMATAR[0]}."}),
        ("publiser", {"endringsnotat": f"Retta for {SKRIVEMATAR[1]}."}),
        ("godkjenn", {"endringsnotat": f"Godkjent, {SKRIVEMATAR[2]}."}),
        ("trekk", {"endringsnotat": f"Trekt for {SKRIVEMATAR[0]}."}),
        ("lagre", {"markdown": f"Barnet {SKRIVEMATAR[1]}."}),
    ],
)
def test_the_editors_notes_and_comments_are_refused(client, variant, handling, skjema):  # noqa: F811
    for_ = statuser(variant)
    svar, _ = post(client, "redaktor-fonna", variant, handling, **skjema)
    assert svar.status_code == 400 and FEIL in str(svar.context["form"].errors)
    assert statuser(variant) == for_
    assert not variant.versjoner.filter(kommentar__contains=FNR[6:]).exists()


@pytest.mark.parametrize(("handling", "felt"), [("godkjenn", "endringsnotat"), ("avvis", "kommentar")])
def test_the_approver_sees_the_refusal_and_keeps_what_they_typed(client, variant, handling, felt):  # noqa: F811
    """The approval form is its own form on the page: its refusal is shown there, with the note
    as typed, and the editor below still holds the sent text (not an empty one to save over)."""
    skrive = f"Sjå {SKRIVEMATAR[0]} før du gjer det."
    client.force_login(User.objects.get(username="redaktor-fonna"))
    sendt = variant.siste_versjon()
    svar = client.post(
        reverse("admin:forlop_tekst_change", args=[variant.pk]),
        {
            "handling": handling,
            "versjon": sendt.pk,
            "forrige": sendt.pk,
            "markdown": sendt.markdown,
            felt: skrive,
        },
    )
    assert svar.status_code == 400
    godkjenning = svar.content.decode().split('class="godkjenning"')[1].split("</form>")[0]
    assert FEIL in godkjenning
    assert skrive.replace(SKRIVEMATAR[0], "").split()[0] in godkjenning and FNR[6:] in godkjenning
    assert svar.context["form"]["markdown"].value() == sendt.markdown


def test_a_proposals_reason_is_refused(client, variant):  # noqa: F811
    svar, _ = post(client, "kontakt-haugesund", variant, "foresla", begrunnelse=f"Sjå {SKRIVEMATAR[2]}.")
    assert svar.status_code == 400 and FEIL in svar.content.decode()
    assert not Forslag.objects.exists()


def test_a_reply_to_a_proposal_is_refused(client, variant):  # noqa: F811
    forslag = services.foresla(
        services.felles_tekst(variant), "Betre.", "Klarare.", User.objects.get(username="redaktor-fonna")
    )
    client.force_login(User.objects.get(username="forvalter"))
    svar = client.post(
        reverse("admin:forlop_forslag_change", args=[forslag.pk]),
        {"handling": "avsla", "svar": f"Gjeld {SKRIVEMATAR[0]}."},
    )
    assert FEIL in svar.content.decode()
    forslag.refresh_from_db()
    assert (forslag.status, forslag.svar) == (ForslagStatus.APENT, "")


def test_the_services_refuse_it_without_a_form():
    tekst = slot()
    versjon = services.send_til_godkjenning(
        services.lagre_utkast(tekst, "Start.", None, tekst.siste_versjon())
    )
    with pytest.raises(ValidationError):
        services.avvis(versjon, None, f"Fjern {SKRIVEMATAR[1]}")
    with pytest.raises(ValidationError):
        services.publiser(versjon, None, f"Notat {SKRIVEMATAR[2]}")
    with pytest.raises(ValidationError):
        services.lagre_utkast(tekst, f"Tekst {FNR}", None, tekst.siste_versjon())
    versjon.refresh_from_db()
    assert versjon.status == Status.TIL_GODKJENNING


def _admin_post(client, bruker, obj, **endra):
    """POSTs the admin change form of obj with its own values and `endra`; returns the answer."""
    client.force_login(User.objects.get(username=bruker))
    modell_admin = admin.site._registry[type(obj)]
    request = client.get("/admin/").wsgi_request
    request.user = User.objects.get(username=bruker)
    skjema = modell_admin.get_form(request, obj, change=True)
    data = {k: v for k, v in model_to_dict(obj, fields=list(skjema.base_fields)).items() if v is not None}
    data.update(endra)
    meta = obj._meta
    return client.post(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk]), data)


@pytest.mark.parametrize(
    ("bruker", "hent", "felt"),
    [
        ("kontakt-molde", lambda: Kommune.objects.get(nummer="1506"), "kontakt_rolle"),
        ("kontakt-molde", lambda: LokaltTilbud.objects.filter(kommune__nummer="1506").first(), "tilbyr"),
        ("kontakt-molde", lambda: LokaltTilbud.objects.filter(kommune__nummer="1506").first(), "adresse"),
        ("forvalter", lambda: Synonym.objects.get(ord="ADHD"), "synonymer"),
        (
            "forvalter",
            lambda: Tilbakemelding.objects.create(tekst="Feil nummer.", side="/"),
            "merknad",
        ),
    ],
    ids=["kontaktrolle", "tilbod", "tilbod-adresse", "synonym", "intern-merknad"],
)
def test_admin_fields_refuse_it(client, bruker, hent, felt):
    obj = hent()
    svar = _admin_post(client, bruker, obj, **{felt: f"Koordinator {SKRIVEMATAR[0]}"})
    assert svar.status_code == 200 and FEIL in svar.content.decode()
    obj.refresh_from_db()
    assert FNR[6:] not in getattr(obj, felt)
