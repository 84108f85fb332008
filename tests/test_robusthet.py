"""Every public page answers odd or hostile query strings calmly: never a server error, never a
redirect off the site. The editor's forms and the admin answer bad input with a 400 or a
message too (issue 11, point 5). Run on SQLite and PostgreSQL (scripts/test.sh)."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from forlop.models import Forslag, Tekst, Tekstversjon
from redaksjon import services
from tests.bygg import slot
from tjenester.models import Kommune

pytestmark = pytest.mark.django_db
User = get_user_model()
NUL = "\x00"
SIDER = [
    "/",
    "/forlop/",
    "/forlop/angst/",
    "/forlop/angst/henvisning/",
    "/familie/angst/",
    "/tjenester/bup/",
    "/tjenester/bup/forlop/angst/",
    "/kommune/1506/",
    "/kommune/sok/",
    "/sok/",
    "/endringer/",
    "/endringer/feed/",
    "/tilbakemelding/",
    "/tilgjengelighet/",
]
PARAMETERE = [
    {"kommune": "x"},
    {"kommune": "9999"},
    {"malform": "de"},
    {"utskrift": "<b>"},
    {"side": "-1"},
    {"helsefellesskap": "finst-ikkje"},
    {"q": "' OR 1=1 --"},
    {"p": ["zz", "../"]},
    {"tjeneste": "<script>"},
    {"forhandsvis": "1"},
    {"vis": "1", "p": "x"},
    {"neste": "https://evil.example/"},
    {"kommune": "1506", "malform": "nn", "utskrift": "1"},
    {"helsefellesskap": NUL},
    {"helsefellesskap": f"helse-fonna{NUL}"},
    {"q": f"angst{NUL}"},
    {f"kommune{NUL}": "1506"},
]


@pytest.mark.parametrize("side", SIDER)
def test_odd_parameters_never_break_a_page(client, side):
    for parametere in PARAMETERE:
        svar = client.get(side, parametere)
        assert svar.status_code < 500, (side, parametere)
        assert urlsplit(svar.get("Location", "")).netloc in ("", "testserver"), (side, parametere)


@pytest.mark.parametrize("side", ["/endringer/", "/endringer/feed/", "/sok/", "/forlop/angst/"])
def test_a_nul_in_the_query_is_a_clear_400(client, side):
    svar = client.get(side, {"helsefellesskap": NUL, "q": NUL})
    assert svar.status_code == 400
    assert "NUL" in svar.content.decode()


@pytest.mark.parametrize(
    "sti",
    [
        "admin:forlop_tekst_changelist",
        "admin:forlop_forslag_changelist",
        "admin:sok_synonym_changelist",
        "admin:tilbakemelding_tilbakemelding_changelist",
        "admin:forlop_revisjon_changelist",
        "admin:tjenester_lokalttilbud_changelist",
    ],
)
@pytest.mark.parametrize("parameter", ["q", "forlop__id__exact", "helsefellesskap__id__exact", "status"])
def test_admin_lists_refuse_a_nul_in_a_filter(client, sti, parameter):
    client.force_login(User.objects.get(username="admin"))
    assert client.get(reverse(sti), {parameter: f"1{NUL}"}).status_code == 400


@pytest.fixture
def variant():
    """Haugesund's published variant, with a draft waiting for approval."""
    tekst = slot(kommune=Kommune.objects.get(nummer="1106"))
    services.publiser(services.lagre_utkast(tekst, "Start.", None, tekst.siste_versjon()), None, "Oppsett.")
    services.send_til_godkjenning(services.lagre_utkast(tekst, "Ventar.", None, tekst.siste_versjon()))
    tekst.refresh_from_db()
    return tekst


def _post(client, bruker, tekst, **skjema):
    client.force_login(User.objects.get(username=bruker))
    siste = tekst.siste_versjon()
    data = {"markdown": "Ny tekst.", "forrige": siste.pk, "versjon": siste.pk, **skjema}
    return client.post(reverse("admin:forlop_tekst_change", args=[tekst.pk]), data)


@pytest.mark.parametrize(
    ("bruker", "skjema"),
    [
        ("redaktor-fonna", {"handling": "avvis", "kommentar": f"Ikkje{NUL} enno."}),
        ("redaktor-fonna", {"handling": "publiser", "endringsnotat": f"Ny{NUL}."}),
        ("kontakt-haugesund", {"handling": "foresla", "begrunnelse": f"Klarare{NUL}."}),
        ("kontakt-haugesund", {"handling": "lagre", "markdown": f"Tekst{NUL}."}),
    ],
    ids=["avvis", "publiser", "foresla", "lagre"],
)
def test_a_nul_in_the_editors_forms_is_refused_and_nothing_stored(client, variant, bruker, skjema):
    for_ = Tekstversjon.objects.count(), Forslag.objects.count()
    svar = _post(client, bruker, variant, **skjema)
    assert svar.status_code == 400
    assert (Tekstversjon.objects.count(), Forslag.objects.count()) == for_
    assert not any(NUL in k for k in Tekstversjon.objects.values_list("kommentar", flat=True))


def test_a_nul_in_a_reply_to_a_proposal_is_refused(client, variant):
    forslag = services.foresla(
        services.felles_tekst(variant), "Betre.", "Klarare.", User.objects.get(username="redaktor-fonna")
    )
    client.force_login(User.objects.get(username="forvalter"))
    svar = client.post(
        reverse("admin:forlop_forslag_change", args=[forslag.pk]), {"handling": "avsla", "svar": f"Nei{NUL}."}
    )
    assert svar.status_code == 400
    forslag.refresh_from_db()
    assert forslag.svar == ""


@pytest.mark.parametrize("slik", ["upublisert", "trukket"])
def test_keeping_a_variant_that_is_not_published_is_a_message(client, slik):
    tekst = slot(kommune=Kommune.objects.get(nummer="1106"))
    services.lagre_utkast(tekst, "Utkast.", None, tekst.siste_versjon())
    if slik == "trukket":
        services.publiser(tekst.siste_versjon(), None, "Oppsett.")
        tekst.refresh_from_db()
        services.trekk_tilbake(tekst, None, "Felles gjeld.")  # the «Behald» page is now stale
    for_ = list(tekst.versjoner.values_list("pk", "status"))
    svar = _post(client, "redaktor-fonna", tekst, handling="rebaser")
    assert svar.status_code == 400
    assert "ikkje publisert" in svar.content.decode() or "ikke publisert" in svar.content.decode()
    assert list(tekst.versjoner.values_list("pk", "status")) == for_


@pytest.mark.parametrize(
    "skjema",
    [{"helsefellesskap": "abc"}, {"kommune": "abc"}, {"kommune": "²"}, {}, {"helsefellesskap": "1.5"}],
)
def test_starting_a_variant_for_no_real_scope_is_a_clear_400(client, skjema):
    felles = slot()
    for_ = Tekst.objects.count()
    client.force_login(User.objects.get(username="redaktor-fonna"))
    svar = client.post(reverse("admin:forlop_tekst_tilpass", args=[felles.pk]), skjema)
    assert svar.status_code == 400
    assert Tekst.objects.count() == for_
