"""The admin's access rules outside the texts, per role: the catalogue's helsefellesskap,
kommunar and local offers, the structure, proposals, memberships and feedback. Each admin asks
a named predicate of redaksjon.tilgang.Tilgang; these tables are what those predicates answer."""

from datetime import date

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from forlop.models import Forlop, Forslag, Revisjon
from redaksjon.admin.hoyring import HoyringKommentarInline
from redaksjon.models import Hoyring, Medlemskap
from redaksjon.tilgang import Tilgang
from tilbakemelding.models import Tilbakemelding
from tjenester.models import Helsefellesskap, Kommune, Kontaktperson, LokaltTilbud

pytestmark = pytest.mark.django_db
User = get_user_model()
ROLLER = ["admin", "forvalter", "redaktor-fonna", "kontakt-molde", "anonym"]


@pytest.fixture
def spor(rf):
    """ask(rolle, Model, permission, obj-name): the answer of that model's admin."""
    objekter = {
        "fonna": Helsefellesskap.objects.get(slug="helse-fonna"),
        "mr": Helsefellesskap.objects.get(slug="helse-more-og-romsdal"),
        "haugesund": Kommune.objects.get(nummer="1106"),
        "molde": Kommune.objects.get(nummer="1506"),
        "tilbud-haugesund": LokaltTilbud.objects.filter(kommune__nummer="1106").first(),
        "tilbud-molde": LokaltTilbud.objects.filter(kommune__nummer="1506").first(),
        **_kontaktpersonar(),
        None: None,
    }
    assert all(objekter[navn] for navn in ("tilbud-haugesund", "tilbud-molde"))

    def ask(rolle, modell, hva, obj=None):
        request = rf.get("/admin/")
        request.user = AnonymousUser() if rolle == "anonym" else User.objects.get(username=rolle)
        modell_admin = admin.site._registry[modell]
        if hva in ("module", "add"):
            return getattr(modell_admin, f"has_{hva}_permission")(request)
        return getattr(modell_admin, f"has_{hva}_permission")(request, objekter[obj])

    return ask


def _kontaktpersonar():
    fonna, mr = (Helsefellesskap.objects.get(slug=s) for s in ("helse-fonna", "helse-more-og-romsdal"))
    felt = {"rolle": "Helsesykepleier", "arbeidsstad": "Helsestasjonen"}
    return {
        "kp-haugesund": Kontaktperson.objects.create(
            helsefellesskap=fonna, kommune=Kommune.objects.get(nummer="1106"), navn="A", **felt
        ),
        "kp-molde": Kontaktperson.objects.create(
            helsefellesskap=mr, kommune=Kommune.objects.get(nummer="1506"), navn="B", **felt
        ),
        "kp-bup-fonna": Kontaktperson.objects.create(
            helsefellesskap=fonna, eining="BUP Haugesund", navn="C", **felt
        ),
        "kp-bup-mr": Kontaktperson.objects.create(helsefellesskap=mr, eining="BUP Molde", navn="D", **felt),
    }


def _tabell(**rader):
    """{(what, object): {roles that may}} from keyword rows «what__object="role role"»."""
    return {tuple(k.split("__")) if "__" in k else (k, None): set(v.split()) for k, v in rader.items()}


HELSEFELLESSKAP = _tabell(
    module="admin forvalter redaktor-fonna kontakt-molde",
    view="admin forvalter redaktor-fonna kontakt-molde",
    view__fonna="admin forvalter redaktor-fonna",
    view__mr="admin forvalter",
    change="admin",
    change__fonna="admin redaktor-fonna",
    change__mr="admin",
    add="admin",
    delete__fonna="",
)
KOMMUNE = _tabell(
    module="admin forvalter redaktor-fonna kontakt-molde",
    view="admin forvalter redaktor-fonna kontakt-molde",
    view__haugesund="admin forvalter redaktor-fonna",
    view__molde="admin forvalter kontakt-molde",
    change="admin forvalter redaktor-fonna kontakt-molde",
    change__haugesund="admin redaktor-fonna",
    change__molde="admin kontakt-molde",
    add="admin",
    delete__molde="",
)
# A local offer is its kommune's: the forvalter, whose scope is the felles tekst, keeps none.
TILBUD = _tabell(
    module="admin redaktor-fonna kontakt-molde",
    add="admin redaktor-fonna kontakt-molde",
    view="admin redaktor-fonna kontakt-molde",
    **{f"{hva}__tilbud-haugesund": "admin redaktor-fonna" for hva in ("view", "change", "delete")},
    **{f"{hva}__tilbud-molde": "admin kontakt-molde" for hva in ("view", "change", "delete")},
)
STRUKTUR = _tabell(
    module="admin forvalter redaktor-fonna kontakt-molde",
    add="admin forvalter",
    change="admin forvalter",
    delete="admin",
)
FORSLAG = _tabell(module="admin forvalter redaktor-fonna kontakt-molde", change="admin forvalter", add="")
MEDLEMSKAP = _tabell(module="admin", view="admin", add="admin", change="admin", delete="admin")
TILBAKEMELDING = _tabell(module="admin forvalter redaktor-fonna kontakt-molde", delete="admin", add="")

# A kommune's contact persons are kept like its offers; a BUP unit's by the helsefellesskap's
# redaktører (a kommunekontakt keeps none there).
KONTAKTPERSON = _tabell(
    module="admin redaktor-fonna kontakt-molde",
    add="admin redaktor-fonna kontakt-molde",
    view="admin redaktor-fonna kontakt-molde",
    **{f"{hva}__kp-haugesund": "admin redaktor-fonna" for hva in ("view", "change", "delete")},
    **{f"{hva}__kp-molde": "admin kontakt-molde" for hva in ("view", "change", "delete")},
    **{f"{hva}__kp-bup-fonna": "admin redaktor-fonna" for hva in ("view", "change", "delete")},
    **{f"{hva}__kp-bup-mr": "admin" for hva in ("view", "change", "delete")},
)


@pytest.mark.parametrize(
    ("modell", "tabell"),
    [
        (Helsefellesskap, HELSEFELLESSKAP),
        (Kommune, KOMMUNE),
        (LokaltTilbud, TILBUD),
        (Forlop, STRUKTUR),
        (Forslag, FORSLAG),
        (Medlemskap, MEDLEMSKAP),
        (Tilbakemelding, TILBAKEMELDING),
        (Kontaktperson, KONTAKTPERSON),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_each_role_may_what_the_table_says(spor, modell, tabell):
    feil = [
        (rolle, hva, obj)
        for (hva, obj), kan in tabell.items()
        for rolle in ROLLER
        if spor(rolle, modell, hva, obj) != (rolle in kan)
    ]
    assert feil == []


def _liste(rf, rolle, modell):
    request = rf.get("/admin/")
    request.user = User.objects.get(username=rolle)
    return admin.site._registry[modell].get_queryset(request)


@pytest.mark.parametrize("rolle", ["admin", "forvalter", "redaktor-fonna", "kontakt-molde"])
def test_catalogue_lists_hold_what_the_role_may_read(rf, rolle):
    fonna = Helsefellesskap.objects.get(slug="helse-fonna")
    alle_hf, alle_k = set(Helsefellesskap.objects.all()), set(Kommune.objects.all())
    ventet = {
        "admin": (alle_hf, alle_k, set(LokaltTilbud.objects.all())),
        "forvalter": (alle_hf, alle_k, set()),
        "redaktor-fonna": (
            {fonna},
            set(fonna.kommuner.all()),
            set(LokaltTilbud.objects.filter(kommune__helsefellesskap=fonna)),
        ),
        "kontakt-molde": (
            set(),
            {Kommune.objects.get(nummer="1506")},
            set(LokaltTilbud.objects.filter(kommune__nummer="1506")),
        ),
    }[rolle]
    fatt = tuple(set(_liste(rf, rolle, m)) for m in (Helsefellesskap, Kommune, LokaltTilbud))
    assert fatt == ventet


# Review dates are public promises made when publishing: a kommunekontakt reads its kommune's
# but only the publishers of the scope add or change them (issue 11, point 8).
REVISJON = _tabell(
    module="admin forvalter redaktor-fonna kontakt-molde",
    add="admin forvalter redaktor-fonna",
    view__molde="admin kontakt-molde",
    change__molde="admin",
    view__haugesund="admin redaktor-fonna",
    change__haugesund="admin redaktor-fonna",
    view__felles="admin forvalter",
    change__felles="admin forvalter",
)


@pytest.fixture
def revisjoner():
    forlop = Forlop.objects.get(slug="angst")
    datoer = {"sist_revidert": date(2026, 1, 5), "neste_revisjon": date(2027, 1, 5)}
    return {
        navn: Revisjon.objects.get_or_create(forlop=forlop, **eier, defaults=datoer)[0]
        for navn, eier in {
            "molde": {"kommune": Kommune.objects.get(nummer="1506"), "helsefellesskap": None},
            "haugesund": {"kommune": Kommune.objects.get(nummer="1106"), "helsefellesskap": None},
            "felles": {"kommune": None, "helsefellesskap": None},
        }.items()
    }


def test_only_publishers_of_the_scope_may_set_review_dates(rf, revisjoner):
    feil = []
    for (hva, obj), kan in REVISJON.items():
        for rolle in ROLLER:
            request = rf.get("/admin/")
            request.user = AnonymousUser() if rolle == "anonym" else User.objects.get(username=rolle)
            modell_admin = admin.site._registry[Revisjon]
            svar = (
                getattr(modell_admin, f"has_{hva}_permission")(request)
                if obj is None
                else getattr(modell_admin, f"has_{hva}_permission")(request, revisjoner[obj])
            )
            if svar != (rolle in kan):
                feil.append((rolle, hva, obj))
    assert feil == []


def test_a_kommunekontakt_cannot_post_review_dates(client, revisjoner):
    molde = revisjoner["molde"]
    for_ = molde.neste_revisjon
    client.force_login(User.objects.get(username="kontakt-molde"))
    endre = client.post(
        reverse("admin:forlop_revisjon_change", args=[molde.pk]),
        {
            "forlop": molde.forlop_id,
            "kommune": molde.kommune_id,
            "sist_revidert": "2031-12-31",
            "neste_revisjon": "2031-12-31",
        },
    )
    ny = client.post(
        reverse("admin:forlop_revisjon_add"),
        {
            "forlop": Forlop.objects.get(slug="autisme").pk,
            "kommune": molde.kommune_id,
            "sist_revidert": "2031-12-31",
            "neste_revisjon": "2031-12-31",
        },
    )
    assert (endre.status_code, ny.status_code) == (403, 403)
    molde.refresh_from_db()
    assert molde.neste_revisjon == for_
    assert not Revisjon.objects.filter(neste_revisjon=date(2031, 12, 31)).exists()


# --- samhandling: høyring and its answers, the guide's progress, the network (issue 16) ---------
# A høyring has a scope like a text: those who may edit in the scope read it and its comments,
# its publishers answer them; a helsefellesskap's progress is its redaktørar's to keep and the
# forvalter's to read beside all others; a network's entries for editors are for its editors.
HOYRING = _tabell(
    add="admin forvalter redaktor-fonna",
    view__h_fonna="admin redaktor-fonna",
    view__h_mr="admin",
    view__h_molde="admin kontakt-molde",
    view__h_felles="admin forvalter",
    change__h_fonna="admin redaktor-fonna",
    change__h_mr="admin",
    change__h_molde="admin",
    change__h_felles="admin forvalter",
    delete__h_fonna="",
    delete__h_felles="",
)
# The comments are answered in the høyring's page (an inline): read by whoever reads the høyring,
# answered by whoever may publish in its scope; nobody adds one there, nor deletes one (the
# inline offers no deletion: can_delete, tested below).
SVAR = _tabell(
    view__h_fonna="admin redaktor-fonna",
    view__h_molde="admin kontakt-molde",
    change__h_fonna="admin redaktor-fonna",
    change__h_molde="admin",
    change__h_felles="admin forvalter",
    add__h_fonna="",
)
# Predicates asked by views outside the admin (innforing.views, the network and the map).
PREDIKAT = _tabell(
    kan_endre_framdrift__fonna="admin redaktor-fonna",
    kan_endre_framdrift__mr="admin",
    kan_se_all_framdrift="admin forvalter",
    kan_se_nettverk__fonna="admin forvalter redaktor-fonna",
    kan_se_nettverk__mr="admin forvalter kontakt-molde",
)


@pytest.fixture
def hoyringar():
    fonna, mr = (Helsefellesskap.objects.get(slug=s) for s in ("helse-fonna", "helse-more-og-romsdal"))
    felt = {"invitasjon": "Kva meiner de?", "inviterte": "Fagfolk", "frist": date(2099, 1, 1)}
    felt["laget_av"] = User.objects.get(username="admin")
    return {
        "h_fonna": Hoyring.objects.create(tittel="Fonna", helsefellesskap=fonna, **felt),
        "h_mr": Hoyring.objects.create(tittel="MR", helsefellesskap=mr, **felt),
        "h_molde": Hoyring.objects.create(tittel="Molde", kommune=Kommune.objects.get(nummer="1506"), **felt),
        "h_felles": Hoyring.objects.create(tittel="Felles", **felt),
        "fonna": fonna,
        "mr": mr,
    }


def _brukar_request(rf, rolle):
    request = rf.get("/admin/")
    request.user = AnonymousUser() if rolle == "anonym" else User.objects.get(username=rolle)
    return request


@pytest.mark.parametrize(
    ("kven", "tabell"),
    [
        (lambda: admin.site._registry[Hoyring], HOYRING),
        (lambda: HoyringKommentarInline(Hoyring, admin.site), SVAR),
    ],
    ids=["hoyring", "kommentar-svar"],
)
def test_each_role_may_what_the_hoyring_tables_say(rf, hoyringar, kven, tabell):
    modell_admin = kven()
    feil = []
    for (hva, obj), kan in tabell.items():
        for rolle in ROLLER:
            request = _brukar_request(rf, rolle)
            sporsmal = getattr(modell_admin, f"has_{hva}_permission")
            svar = sporsmal(request) if obj is None and hva == "add" else sporsmal(request, hoyringar[obj])
            if svar != (rolle in kan):
                feil.append((rolle, hva, obj))
    assert feil == []


def test_no_comment_is_deleted_from_the_hoyring_page():
    assert HoyringKommentarInline.can_delete is False


def test_each_role_may_what_the_predicate_table_says(rf, hoyringar):
    feil = []
    for (hva, obj), kan in PREDIKAT.items():
        for rolle in ROLLER:
            tilgang = Tilgang.for_bruker(_brukar_request(rf, rolle).user)
            svar = getattr(tilgang, hva)(*([hoyringar[obj]] if obj else []))
            if svar != (rolle in kan):
                feil.append((rolle, hva, obj))
    assert feil == []
