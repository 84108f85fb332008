"""Every action of the text editor's form (lagre, send, publiser, godkjenn, avvis, gjenopprett,
trekk, rebaser, foresla) through the edit view: what it does, what it answers, and that only an
editor who may publish can publish, approve, reject, withdraw or rebase."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse

from forlop.models import Forslag
from redaksjon import services
from tests.bygg import slot
from tjenester.models import Kommune

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def variant():
    """Haugesund's variant of a felles text: published v1, a draft v2 waiting for approval."""
    tekst = slot(kommune=Kommune.objects.get(nummer="1106"))
    services.publiser(services.lagre_utkast(tekst, "Start.", None, tekst.siste_versjon()), None, "Oppsett.")
    services.send_til_godkjenning(services.lagre_utkast(tekst, "Ventar.", None, tekst.siste_versjon()))
    tekst.refresh_from_db()
    return tekst


def post(client, bruker, tekst, handling, **skjema):
    client.force_login(User.objects.get(username=bruker))
    siste = tekst.siste_versjon()
    data = {"markdown": "Ny tekst.", "forrige": siste.pk, "handling": handling, "versjon": siste.pk, **skjema}
    svar = client.post(reverse("admin:forlop_tekst_change", args=[tekst.pk]), data)
    return svar, [str(m) for m in get_messages(svar.wsgi_request)]


def statuser(tekst):
    return list(tekst.versjoner.order_by("nummer").values_list("status", flat=True))


@pytest.mark.parametrize(
    ("handling", "skjema", "melding", "etter"),
    [
        ("lagre", {}, "Utkastet er lagra som versjon 3.", ["publisert", "til-godkjenning", "utkast"]),
        (
            "send",
            {},
            "Versjon 3 er sendt til godkjenning.",
            ["publisert", "til-godkjenning", "til-godkjenning"],
        ),
        (
            "publiser",
            {"endringsnotat": "Ny rutine."},
            "Versjon 3 er publisert.",
            ["erstattet", "til-godkjenning", "publisert"],
        ),
        ("godkjenn", {"endringsnotat": "Godkjent."}, "Versjon 2 er publisert.", ["erstattet", "publisert"]),
        (
            "avvis",
            {"kommentar": "Ikkje enno."},
            "Versjon 2 er avvist og sendt tilbake.",
            ["publisert", "avvist"],
        ),
        (
            "trekk",
            {"endringsnotat": "Felles gjeld."},
            "Tilpassinga er trekt tilbake. Lesarane ser felles tekst igjen.",
            ["trukket", "til-godkjenning"],
        ),
        (
            "rebaser",
            {},
            "Tilpassinga er merkt som gjennomgått mot den nye felles teksten.",
            ["erstattet", "til-godkjenning", "publisert"],
        ),
    ],
)
def test_each_action_does_its_work_and_says_so(client, variant, handling, skjema, melding, etter):
    svar, meldinger = post(client, "redaktor-fonna", variant, handling, **skjema)
    assert svar.status_code == 302
    assert meldinger == [melding]
    assert statuser(variant) == etter


def test_saving_the_unchanged_draft_again_keeps_one_draft(client, variant):
    post(client, "redaktor-fonna", variant, "lagre", markdown="Utkast.")
    svar, meldinger = post(client, "redaktor-fonna", variant, "lagre", markdown="Utkast.")
    # Both answers (the first one is still queued) name the same draft.
    assert svar.status_code == 302 and meldinger == ["Utkastet er lagra som versjon 3."] * 2
    assert statuser(variant) == ["publisert", "til-godkjenning", "utkast"]


def test_restore_makes_the_old_text_a_new_draft(client, variant):
    forste = variant.versjoner.get(nummer=1)
    svar, meldinger = post(client, "kontakt-haugesund", variant, "gjenopprett", versjon=forste.pk)
    assert svar.status_code == 302
    assert meldinger == ["Teksten frå den gamle versjonen er lagd inn som nytt utkast (versjon 3)."]
    assert variant.siste_versjon().markdown == forste.markdown


def test_a_proposal_goes_to_the_felles_text(client, variant):
    svar, meldinger = post(client, "kontakt-haugesund", variant, "foresla", begrunnelse="Klarare.")
    assert svar.status_code == 302 and meldinger == ["Forslaget er sendt til forvaltaren av felles tekst."]
    forslag = Forslag.objects.get()
    assert (forslag.tekst, forslag.markdown, forslag.begrunnelse) == (
        services.felles_tekst(variant),
        "Ny tekst.",
        "Klarare.",
    )


@pytest.mark.parametrize(
    ("bruker", "handling", "feil"),
    [
        ("forvalter", "foresla", "Det finnes ingen felles tekst å foreslå endringer i."),
        ("redaktor-fonna", "noko-anna", "Ukjend handling."),
    ],
)
def test_an_action_that_cannot_be_done_is_answered_on_the_form(client, variant, bruker, handling, feil):
    tekst = services.felles_tekst(variant) if bruker == "forvalter" else variant
    for_ = statuser(tekst)
    svar, _ = post(client, bruker, tekst, handling)
    assert svar.status_code == 400
    assert feil in svar.content.decode()
    assert statuser(tekst) == for_ and not Forslag.objects.exists()


@pytest.mark.parametrize("handling", ["publiser", "godkjenn", "avvis", "trekk", "rebaser"])
def test_only_an_editor_who_may_publish_publishes_approves_rejects_withdraws_or_rebases(
    client, variant, handling
):
    for_ = statuser(variant)
    svar, _ = post(client, "kontakt-haugesund", variant, handling, endringsnotat="Notat.")
    assert svar.status_code == 403
    assert statuser(variant) == for_
