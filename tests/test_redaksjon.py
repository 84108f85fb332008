"""Editors at work: the role × scope matrix, the workflow, conflicts, variants, history."""

import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from forlop.models import Forlop, Forslag, ForslagStatus, Status, Tekst, Tekstdel, Tekstversjon
from redaksjon import services
from redaksjon.tilgang import Tilgang
from tests.bygg import slot
from tjenester.models import Helsefellesskap, Kommune, LokaltTilbud, Tjeneste

pytestmark = pytest.mark.django_db
User = get_user_model()
ROLLER = ["forvalter", "redaktor-fonna", "redaktor-mr", "kontakt-molde", "kontakt-haugesund"]


@pytest.fixture
def tekster():
    """One text in each scope the matrix needs, each with a published version."""
    fonna = Helsefellesskap.objects.get(slug="helse-fonna")
    mr = Helsefellesskap.objects.get(slug="helse-more-og-romsdal")
    ut = {
        "felles": slot(),
        "fonna": slot(helsefellesskap=fonna),
        "mr": slot(helsefellesskap=mr),
        "molde": slot(kommune=Kommune.objects.get(nummer="1506")),
        "haugesund": slot(kommune=Kommune.objects.get(nummer="1106")),
    }
    for tekst in ut.values():
        if tekst.publisert is None:
            services.publiser(
                services.lagre_utkast(tekst, "Start.", None, tekst.siste_versjon()), None, "Oppsett."
            )
            tekst.refresh_from_db()
    return ut


# Which texts each role may view/change, and publish.
ENDRE = {
    "forvalter": {"felles"},
    "redaktor-fonna": {"fonna", "haugesund"},
    "redaktor-mr": {"mr", "molde"},
    "kontakt-molde": {"molde"},
    "kontakt-haugesund": {"haugesund"},
}
PUBLISERE = {
    "forvalter": {"felles"},
    "redaktor-fonna": {"fonna", "haugesund"},
    "redaktor-mr": {"mr", "molde"},
    "kontakt-molde": set(),
    "kontakt-haugesund": set(),
}


@pytest.mark.parametrize("rolle", ROLLER)
def test_scope_filters_in_sql_agree_with_the_role_matrix(tekster, rolle):
    tilgang = Tilgang.for_bruker(User.objects.get(username=rolle))
    for publisere, ventet in ((False, ENDRE[rolle]), (True, PUBLISERE[rolle])):
        treff = set(
            Tekst.objects.filter(tilgang.tekst_filter(publisere=publisere)).values_list("pk", flat=True)
        )
        assert {hva for hva, t in tekster.items() if t.pk in treff} == ventet


def test_worklist_shows_what_waits_for_this_users_approval_behind_what_they_may_only_edit(tekster, rf):
    from redaksjon.templatetags.redaksjon import MAKS, redaksjon_oversikt

    bruker = User.objects.get(username="redaktor-fonna")
    bruker.medlemskap.create(rolle="kommunekontakt", kommune=Kommune.objects.get(nummer="1506"))
    molde, fonna = tekster["molde"], tekster["fonna"]
    # Older than the one the user can approve: Molde's proposals, which they edit but do not approve.
    nummer = molde.siste_versjon().nummer
    Tekstversjon.objects.bulk_create(
        Tekstversjon(
            tekst=molde, nummer=nummer + 1 + i, markdown="Forslag.", html="", status=Status.TIL_GODKJENNING
        )
        for i in range(2 * MAKS + 1)
    )
    venter = services.send_til_godkjenning(
        services.lagre_utkast(fonna, "Til godkjenning.", None, fonna.siste_versjon())
    )
    request = rf.get(reverse("admin:index"))
    request.user = bruker
    assert list(redaksjon_oversikt({"request": request})["venter"]) == [venter]


def logg_inn(client, navn):
    client.force_login(User.objects.get(username=navn))
    return client


def endre_url(tekst):
    return reverse("admin:forlop_tekst_change", args=[tekst.pk])


@pytest.mark.parametrize("rolle", ROLLER)
@pytest.mark.parametrize("hva", ["felles", "fonna", "mr", "molde", "haugesund"])
def test_matrix_view_change_publish_delete(client, tekster, rolle, hva):
    logg_inn(client, rolle)
    tekst = tekster[hva]
    eget = hva in ENDRE[rolle]

    vis = client.get(endre_url(tekst))
    assert (vis.status_code == 200) == eget, vis.status_code
    if not eget:
        assert vis.status_code in (403, 404)

    for_ = tekst.versjoner.count()
    lagre = client.post(
        endre_url(tekst),
        {"markdown": f"Endra av {rolle}.", "forrige": tekst.siste_versjon().pk, "handling": "lagre"},
    )
    assert (lagre.status_code == 302) == eget
    assert tekst.versjoner.count() == for_ + (1 if eget else 0)

    publiser = client.post(
        endre_url(tekst),
        {
            "markdown": f"Publisert av {rolle}.",
            "forrige": tekst.siste_versjon().pk,
            "endringsnotat": "Test.",
            "handling": "publiser",
        },
    )
    tekst.refresh_from_db()
    assert (tekst.publisert.markdown == f"Publisert av {rolle}.") == (hva in PUBLISERE[rolle])
    if hva not in PUBLISERE[rolle]:
        assert publiser.status_code in (403, 404)

    slett = client.post(reverse("admin:forlop_tekst_delete", args=[tekst.pk]), {"post": "yes"})
    assert slett.status_code in (403, 404)
    assert Tekst.objects.filter(pk=tekst.pk).exists()

    historikk = client.get(reverse("admin:forlop_tekst_history", args=[tekst.pk]))
    assert (historikk.status_code == 302) == eget  # to the editor's version history
    if eget:
        assert historikk["Location"] == endre_url(tekst) + "#historikk"
    else:
        assert historikk.status_code in (403, 404)


@pytest.mark.parametrize("rolle", ROLLER)
def test_changelist_shows_only_own_scope(client, tekster, rolle):
    logg_inn(client, rolle)
    felles = tekster["felles"]
    response = client.get(
        reverse("admin:forlop_tekst_changelist"),
        {
            "forlop__id__exact": felles.forlop_id,
            "tjeneste__id__exact": felles.tjeneste_id,
            "tekstdel__exact": felles.tekstdel,
        },
    )
    assert response.status_code == 200
    viste = set(response.context["cl"].result_list)
    synlige = {hva for hva, t in tekster.items() if t in viste}
    assert synlige == ENDRE[rolle]
    tilgang = Tilgang.for_bruker(User.objects.get(username=rolle))
    assert all(tilgang.kan_endre(t) for t in viste)


@pytest.mark.parametrize("rolle", ROLLER)
def test_add_forces_scope(client, tekster, rolle):
    """Adding a slot in somebody else's scope is refused, whatever the POST says."""
    logg_inn(client, rolle)
    fremmed = {
        "forvalter": {"helsefellesskap": Helsefellesskap.objects.get(slug="helse-fonna").pk},
        "redaktor-fonna": {"helsefellesskap": Helsefellesskap.objects.get(slug="helse-more-og-romsdal").pk},
        "redaktor-mr": {"kommune": Kommune.objects.get(nummer="1106").pk},
        "kontakt-molde": {"kommune": Kommune.objects.get(nummer="1106").pk},
        "kontakt-haugesund": {},  # felles
    }[rolle]
    data = {
        "forlop": Forlop.objects.get(slug="autisme").pk,
        "tjeneste": Tjeneste.objects.get(slug="ppt").pk,
        "tekstdel": Tekstdel.TILTAK,
        "malform": "nb",
        **fremmed,
    }
    for_ = Tekst.objects.count()
    response = client.post(reverse("admin:forlop_tekst_add"), data)
    assert response.status_code in (200, 403)  # 200 = the form re-rendered with an error
    assert Tekst.objects.count() == for_


@pytest.mark.parametrize(
    ("rolle", "kommune", "ventet"),
    [
        ("kontakt-molde", "1506", True),
        ("kontakt-molde", "1106", False),
        ("redaktor-fonna", "1106", True),
        ("redaktor-fonna", "1506", False),
        ("forvalter", "1506", False),
    ],
)
def test_local_offers_are_scoped(client, rolle, kommune, ventet):
    logg_inn(client, rolle)
    tilbud = LokaltTilbud.objects.filter(kommune__nummer=kommune).first()
    assert tilbud is not None
    response = client.get(reverse("admin:tjenester_lokalttilbud_change", args=[tilbud.pk]))
    assert (response.status_code == 200) == ventet


def test_only_superusers_manage_memberships(client):
    logg_inn(client, "redaktor-fonna")
    assert client.get(reverse("admin:redaksjon_medlemskap_changelist")).status_code == 403
    client.force_login(User.objects.get(username="admin"))
    assert client.get(reverse("admin:redaksjon_medlemskap_changelist")).status_code == 200


# --- workflow -----------------------------------------------------------------------------


def test_legal_transitions(tekster):
    tekst = tekster["fonna"]
    redaktor = User.objects.get(username="redaktor-fonna")
    v = services.lagre_utkast(tekst, "Ny tekst.", redaktor, tekst.siste_versjon())
    assert v.status == Status.UTKAST
    services.send_til_godkjenning(v)
    services.avvis(v, redaktor, "For vag.")
    assert (v.status, v.kommentar) == (Status.AVVIST, "For vag.")
    v2 = services.lagre_utkast(tekst, "Betre tekst.", redaktor, v)
    services.send_til_godkjenning(v2)
    gammel = tekst.publisert
    services.publiser(v2, redaktor, "Tydelegare.")
    tekst.refresh_from_db()
    gammel.refresh_from_db()
    assert tekst.publisert == v2 and gammel.status == Status.ERSTATTET
    assert (v2.publisert_av, v2.endringsnotat) == (redaktor, "Tydelegare.")


@pytest.mark.parametrize(
    ("handling", "status", "feilkode"),
    [
        ("publiser", Status.ERSTATTET, "overgang"),
        ("publiser", Status.AVVIST, "overgang"),
        ("publiser", Status.PUBLISERT, "overgang"),
        ("avvis", Status.UTKAST, "overgang"),
        ("send", Status.TIL_GODKJENNING, "overgang"),
        ("send", Status.PUBLISERT, "overgang"),
    ],
)
def test_illegal_transitions(tekster, handling, status, feilkode):
    tekst = tekster["fonna"]
    v = services.lagre_utkast(tekst, "Tekst.", None, tekst.siste_versjon())
    Tekstversjon.objects.filter(pk=v.pk).update(status=status)
    v.refresh_from_db()
    with pytest.raises(ValidationError) as feil:
        {
            "publiser": lambda: services.publiser(v, None, "Notat."),
            "avvis": lambda: services.avvis(v, None, "Nei."),
            "send": lambda: services.send_til_godkjenning(v),
        }[handling]()
    assert feil.value.code == feilkode


@pytest.mark.parametrize(
    ("markdown", "notat", "melding"),
    [("", "Notat.", "tom tekst"), ("Tekst.", "", "endringsnotat"), ("x" * 20_001, "Notat.", "for lang")],
)
def test_bad_input_gets_a_clear_message_and_keeps_the_text(client, tekster, markdown, notat, melding):
    logg_inn(client, "redaktor-fonna")
    tekst = tekster["fonna"]
    response = client.post(
        endre_url(tekst),
        {
            "markdown": markdown,
            "forrige": tekst.siste_versjon().pk,
            "endringsnotat": notat,
            "handling": "publiser",
        },
    )
    assert response.status_code == 400
    html = response.content.decode().lower()
    assert melding in html
    if markdown:
        assert markdown[:50] in response.content.decode()


def test_fodselsnummer_is_refused_in_texts(client, tekster):
    logg_inn(client, "redaktor-fonna")
    tekst = tekster["fonna"]
    for_ = tekst.versjoner.count()
    response = client.post(
        endre_url(tekst),
        {
            "markdown": "Gjeld barnet 15076500565.",
            "forrige": tekst.siste_versjon().pk,
            "handling": "lagre",
        },
    )
    assert response.status_code == 400
    assert "fødselsnummer" in response.content.decode()
    assert tekst.versjoner.count() == for_


def test_two_editors_on_the_same_text_get_a_conflict(client, django_user_model, tekster):
    from django.test import Client

    tekst = tekster["fonna"]
    a, b = logg_inn(client, "redaktor-fonna"), Client()
    b.force_login(django_user_model.objects.create_user("redaktor-fonna-2", is_staff=True))
    from redaksjon.models import Medlemskap, Rolle

    Medlemskap.objects.create(
        bruker=b.session and django_user_model.objects.get(username="redaktor-fonna-2"),
        rolle=Rolle.REDAKTOR,
        helsefellesskap=tekst.helsefellesskap,
    )
    utgangspunkt = tekst.siste_versjon().pk
    assert a.get(endre_url(tekst)).status_code == 200 and b.get(endre_url(tekst)).status_code == 200
    forste = a.post(
        endre_url(tekst), {"markdown": "Tekst frå A.", "forrige": utgangspunkt, "handling": "lagre"}
    )
    assert forste.status_code == 302
    andre = b.post(
        endre_url(tekst), {"markdown": "Tekst frå B.", "forrige": utgangspunkt, "handling": "lagre"}
    )
    assert andre.status_code == 409
    html = andre.content.decode()
    # The diff marks the word that differs; B's typed text is kept in the form.
    assert "</span>A</del>" in html and "</span>B</ins>" in html and ">Tekst frå B.</textarea>" in html
    assert list(tekst.versjoner.values_list("markdown", flat=True)[:1]) == ["Tekst frå A."]
    # B resolves the conflict: their text is saved on top of A's, nothing is lost.
    siste = tekst.siste_versjon()
    assert (
        b.post(
            endre_url(tekst), {"markdown": "Tekst frå B.", "forrige": siste.pk, "handling": "lagre"}
        ).status_code
        == 302
    )
    assert set(tekst.versjoner.values_list("markdown", flat=True)) >= {"Tekst frå A.", "Tekst frå B."}


def flagget(tekst):
    return Tekst.objects.med_flagg().get(pk=tekst.pk).flagget


def test_variant_is_flagged_when_felles_changes_and_rebase_clears_it(tekster):
    felles, variant = tekster["felles"], tekster["fonna"]
    assert not flagget(variant)
    services.publiser(services.lagre_utkast(felles, "Ny felles.", None, felles.siste_versjon()), None, "Ny.")
    assert flagget(variant)
    services.rebaser(variant, None)
    variant.refresh_from_db()
    assert not flagget(variant)
    assert variant.publisert.felles_grunnlag.markdown == "Ny felles."


def test_flagged_filter_and_dashboard(client, tekster):
    felles = tekster["felles"]
    services.publiser(services.lagre_utkast(felles, "Endra.", None, felles.siste_versjon()), None, "Endra.")
    logg_inn(client, "redaktor-fonna")
    response = client.get(reverse("admin:forlop_tekst_changelist") + "?flagget=ja")
    assert tekster["fonna"] in response.context["cl"].result_list
    assert str(tekster["fonna"]) in client.get(reverse("admin:index")).content.decode()


@pytest.mark.parametrize(
    "publisert, neste",
    [
        (date(2028, 1, 31), date(2029, 1, 31)),
        (date(2028, 2, 29), date(2029, 2, 28)),
        (date(2026, 5, 31), date(2027, 5, 31)),
        (date(2026, 12, 15), date(2027, 12, 15)),
    ],
)
def test_next_review_is_the_same_day_twelve_months_later_or_that_months_last(publisert, neste):
    assert services.neste_revisjon(publisert) == neste


@pytest.mark.parametrize(
    "manader, neste", [(1, date(2026, 6, 30)), (9, date(2027, 2, 28)), (21, date(2028, 2, 29))]
)
def test_next_review_after_other_periods_keeps_the_day_where_the_month_has_it(manader, neste):
    assert services.neste_revisjon(date(2026, 5, 31), manader) == neste


def test_publishing_records_the_review_of_the_forlop_in_that_scope(tekster):
    from forlop.models import Revisjon

    tekst = tekster["molde"]
    versjon = services.publiser(
        services.lagre_utkast(tekst, "Revidert.", None, tekst.siste_versjon()), None, "Revidert."
    )
    revisjon = Revisjon.objects.get(forlop=tekst.forlop, kommune=tekst.kommune, helsefellesskap=None)
    dato = timezone.localdate(versjon.publisert_tid)
    assert (revisjon.sist_revidert, revisjon.neste_revisjon) == (dato, services.neste_revisjon(dato))


def test_restore_makes_a_new_draft_and_keeps_history(tekster):
    tekst = tekster["molde"]
    forste = tekst.siste_versjon()
    v2 = services.lagre_utkast(tekst, "Andre.", None, forste)
    ny = services.gjenopprett(forste, None)
    assert (ny.nummer, ny.markdown, ny.status) == (v2.nummer + 1, forste.markdown, Status.UTKAST)
    assert tekst.versjoner.count() == 3


def test_withdraw_variant_falls_back_to_felles_and_keeps_it(client, tekster):
    variant = tekster["mr"]
    logg_inn(client, "redaktor-mr")
    response = client.post(
        endre_url(variant), {"markdown": "", "endringsnotat": "Felles held.", "handling": "trekk"}
    )
    assert response.status_code == 302
    variant.refresh_from_db()
    assert variant.publisert is None
    assert variant.versjoner.filter(status=Status.TRUKKET).exists()


def test_markdown_is_rendered_once_when_the_version_is_created(tekster, monkeypatch):
    from forlop import models

    kall = []
    monkeypatch.setattr(models, "render", lambda md: kall.append(md) or f"<p>{md}</p>")
    tekst = tekster["fonna"]
    versjon = services.lagre_utkast(tekst, "Ny tekst.", None, tekst.siste_versjon())
    services.send_til_godkjenning(versjon)
    services.publiser(versjon, None, "Notat.")
    assert kall == ["Ny tekst."]
    versjon.refresh_from_db()
    assert versjon.html == "<p>Ny tekst.</p>"


def test_withdrawal_keeps_the_publication_and_is_recorded_beside_it(tekster):
    variant = tekster["fonna"]
    redaktor = User.objects.get(username="redaktor-fonna")
    forvalter = User.objects.get(username="forvalter")
    versjon = services.publiser(
        services.lagre_utkast(variant, "Lokal rutine.", None, variant.siste_versjon()),
        forvalter,
        "Lokal rutine for Fonna.",
    )
    publisert_tid = versjon.publisert_tid
    services.trekk_tilbake(variant, redaktor, "  Felles tekst gjeld igjen i Fonna.  ")
    versjon.refresh_from_db()
    assert (versjon.status, versjon.endringsnotat, versjon.publisert_av, versjon.publisert_tid) == (
        Status.TRUKKET,
        "Lokal rutine for Fonna.",
        forvalter,
        publisert_tid,
    )
    assert (versjon.trukket_av, versjon.trukket_notat) == (redaktor, "Felles tekst gjeld igjen i Fonna.")
    assert versjon.trukket_tid >= publisert_tid


def test_withdrawal_is_its_own_entry_in_endringer_and_feed(client, tekster):
    import xml.etree.ElementTree as ET

    variant = tekster["fonna"]
    versjon = services.publiser(
        services.lagre_utkast(variant, "Lokal rutine.", None, variant.siste_versjon()),
        None,
        "Lokal rutine for Fonna.",
    )
    services.trekk_tilbake(variant, None, "Felles tekst gjeld igjen i Fonna.")
    html = client.get("/endringer/?helsefellesskap=helse-fonna").content.decode()
    rader = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    trukket = next(i for i, r in enumerate(rader) if "Felles tekst gjeld igjen i Fonna." in r)
    publisert = next(i for i, r in enumerate(rader) if "Lokal rutine for Fonna." in r)
    assert trukket < publisert  # newest first: the withdrawal came after the publication
    assert "Trukket tilbake" in rader[trukket] and "Trukket tilbake" not in rader[publisert]

    rot = ET.fromstring(client.get("/endringer/feed/?helsefellesskap=helse-fonna").content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    oppforinger = {
        e.findtext("a:summary", namespaces=ns): e.findtext("a:id", namespaces=ns)
        for e in rot.findall("a:entry", ns)
    }
    assert oppforinger["Lokal rutine for Fonna."] == f"bupkart:tekstversjon:{versjon.pk}"
    assert oppforinger["Felles tekst gjeld igjen i Fonna."] == f"bupkart:tekstversjon:{versjon.pk}:trukket"


def test_drafts_are_invisible_to_readers_and_previewable_by_editors(client, tekster):
    variant = tekster["molde"]
    services.lagre_utkast(variant, "Hemmeleg utkast for Molde.", None, variant.siste_versjon())
    assert "Hemmeleg utkast" not in client.get("/forlop/angst/?kommune=1506").content.decode()
    anonym = client.get("/forlop/angst/?kommune=1506&forhandsvis=1").content.decode()
    assert "Hemmeleg utkast" not in anonym and "forhandsvisning-banner" not in anonym
    logg_inn(client, "kontakt-molde")
    html = client.get("/forlop/angst/?kommune=1506&forhandsvis=1").content.decode()
    assert "Hemmeleg utkast" in html and 'id="forhandsvisning-banner"' in html


def test_proposal_accept_and_decline(client, tekster):
    redaktor = User.objects.get(username="redaktor-fonna")
    felles = tekster["felles"]
    forslag = services.foresla(felles, "Betre felles tekst.", "Klarare.", redaktor)
    utkast = services.behandle_forslag(forslag, User.objects.get(username="forvalter"), godta=True)
    assert (
        utkast.tekst == felles and utkast.markdown == "Betre felles tekst." and utkast.status == Status.UTKAST
    )
    nei = services.foresla(felles, "Anna.", "Fordi.", redaktor)
    with pytest.raises(ValidationError):
        services.behandle_forslag(nei, None, godta=False, svar="")
    services.behandle_forslag(nei, None, godta=False, svar="Dekt av nasjonal rettleiar.")
    logg_inn(client, "redaktor-fonna")
    response = client.get(reverse("admin:forlop_forslag_change", args=[nei.pk]))
    assert "Dekt av nasjonal rettleiar." in response.content.decode()
    assert Forslag.objects.get(pk=nei.pk).status == ForslagStatus.AVSLATT


def test_start_variant_from_public_page(client):
    logg_inn(client, "redaktor-fonna")
    html = client.get("/forlop/angst/?kommune=1106").content.decode()
    assert "Tilpass for Helse Fonna" in html
    felles = slot(tjeneste="ppt", tekstdel=Tekstdel.TILTAK)
    response = client.post(
        reverse("admin:forlop_tekst_tilpass", args=[felles.pk]),
        {"helsefellesskap": Helsefellesskap.objects.get(slug="helse-fonna").pk},
    )
    variant = Tekst.objects.get(
        forlop=felles.forlop,
        tjeneste=felles.tjeneste,
        tekstdel=Tekstdel.TILTAK,
        malform="nn",
        helsefellesskap__slug="helse-fonna",
    )
    assert response.status_code == 302
    assert variant.siste_versjon().markdown == felles.publisert.markdown
    # …but not for somebody else's helsefellesskap.
    mr = Helsefellesskap.objects.get(slug="helse-more-og-romsdal")
    assert (
        client.post(
            reverse("admin:forlop_tekst_tilpass", args=[felles.pk]), {"helsefellesskap": mr.pk}
        ).status_code
        == 404
    )


def test_publication_shows_in_endringer_and_feed(client, tekster):
    tekst = tekster["fonna"]
    services.publiser(
        services.lagre_utkast(tekst, "Nytt.", None, tekst.siste_versjon()),
        None,
        "Ny rutine for tilvising i Fonna.",
    )
    assert (
        "Ny rutine for tilvising i Fonna."
        in client.get("/endringer/?helsefellesskap=helse-fonna").content.decode()
    )
    assert (
        "Ny rutine for tilvising i Fonna."
        not in client.get("/endringer/?helsefellesskap=helse-stavanger").content.decode()
    )
    feed = client.get("/endringer/feed/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    import xml.etree.ElementTree as ET

    rot = ET.fromstring(feed.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert rot.tag == "{http://www.w3.org/2005/Atom}feed"
    assert rot.find("a:updated", ns) is not None and rot.find("a:id", ns) is not None
    sammendrag = [e.findtext("a:summary", namespaces=ns) for e in rot.findall("a:entry", ns)]
    assert "Ny rutine for tilvising i Fonna." in sammendrag


def test_review_dates_shown_on_public_page(client, tekster):
    html = client.get("/forlop/angst/?kommune=1106").content.decode()
    assert "Sist revidert" in html or "Sist revidert".lower() in html.lower()


def test_live_preview_renders_sanitised_markdown_and_lix(client):
    logg_inn(client, "redaktor-fonna")
    response = client.post(
        reverse("admin:forlop_tekst_forhandsvis"),
        {"markdown": "**Hei** <script>alert(1)</script>\n\nDu kan ringe oss.", "lix": "1"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Hei</strong>" in html and "<script>" not in html
    assert "LIX" in html and "<html" not in html


def test_preview_endpoint_needs_an_editor(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("leser", is_staff=False))
    response = client.post(reverse("admin:forlop_tekst_forhandsvis"), {"markdown": "x"})
    assert response.status_code == 302  # to the admin login


def test_admin_speaks_the_malform_of_the_users_scope(client):
    logg_inn(client, "redaktor-fonna")
    assert '<html lang="nn"' in client.get(reverse("admin:index")).content.decode()
    logg_inn(client, "forvalter")
    assert '<html lang="nb"' in client.get(reverse("admin:index")).content.decode()


def test_adding_a_variant_in_the_admin_starts_from_the_felles_text(client):
    logg_inn(client, "redaktor-fonna")
    felles = slot(tjeneste="skole", tekstdel=Tekstdel.TILTAK)
    response = client.post(
        reverse("admin:forlop_tekst_add"),
        {
            "forlop": felles.forlop_id,
            "tjeneste": felles.tjeneste_id,
            "tekstdel": felles.tekstdel,
            "malform": felles.malform,
            "helsefellesskap": Helsefellesskap.objects.get(slug="helse-fonna").pk,
        },
    )
    variant = Tekst.objects.get(
        forlop=felles.forlop,
        tjeneste=felles.tjeneste,
        tekstdel=Tekstdel.TILTAK,
        malform=felles.malform,
        helsefellesskap__slug="helse-fonna",
    )
    assert response.status_code == 302 and response["Location"] == endre_url(variant)
    utkast = variant.siste_versjon()
    assert (utkast.markdown, utkast.status, utkast.felles_grunnlag) == (
        felles.publisert.markdown,
        Status.UTKAST,
        felles.publisert,
    )


def test_fonna_editor_journey_from_adapting_to_the_feed(client):
    """Issue 3, «done when»: adapt BUP's henvisning for Fonna, send for approval, publish with a
    note, see it on the public page and in the feed; Møre og Romsdal's texts stay closed."""
    logg_inn(client, "redaktor-fonna")
    fonna = Helsefellesskap.objects.get(slug="helse-fonna")
    felles = slot()
    Tekst.objects.filter(
        forlop=felles.forlop, tjeneste=felles.tjeneste, tekstdel=felles.tekstdel, helsefellesskap=fonna
    ).delete()
    start = client.post(
        reverse("admin:forlop_tekst_tilpass", args=[felles.pk]), {"helsefellesskap": fonna.pk}
    )
    variant = Tekst.objects.get(
        forlop=felles.forlop,
        tjeneste=felles.tjeneste,
        tekstdel=felles.tekstdel,
        malform="nn",
        helsefellesskap=fonna,
    )
    assert start["Location"] == endre_url(variant)
    redigert = "I Helse Fonna sender fastlegen tilvisinga elektronisk til BUP Haugesund."
    send = client.post(
        endre_url(variant),
        {"markdown": redigert, "forrige": variant.siste_versjon().pk, "handling": "send"},
    )
    assert send.status_code == 302
    v = variant.siste_versjon()
    assert v.status == Status.TIL_GODKJENNING
    assert redigert not in client.get("/forlop/angst/?kommune=1106").content.decode()  # not yet approved
    godkjenn = client.post(
        endre_url(variant),
        {
            "versjon": v.pk,
            "markdown": "",
            "handling": "godkjenn",
            "endringsnotat": "Lokal rutine for tilvising i Fonna.",
        },
    )
    assert godkjenn.status_code == 302
    client.logout()
    side = client.get("/forlop/angst/?kommune=1106").content.decode()
    assert redigert in side and "Lokal tilpassing for Helse Fonna" in side
    assert "Lokal rutine for tilvising i Fonna." in client.get("/endringer/feed/").content.decode()
    logg_inn(client, "redaktor-fonna")
    mr = Tekst.objects.filter(helsefellesskap__slug="helse-more-og-romsdal").first()
    assert client.get(endre_url(mr)).status_code in (403, 404)


def test_editor_tools_on_the_public_page_do_not_query_per_seksjon(client, django_assert_max_num_queries):
    logg_inn(client, "redaktor-fonna")
    client.get("/forlop/angst/?kommune=1106")
    with django_assert_max_num_queries(15):
        html = client.get("/forlop/angst/?kommune=1106").content.decode()
    assert html.count("Tilpass for Helse Fonna") > 50


@pytest.mark.parametrize(
    "url",
    [
        "admin:forlop_revisjon_changelist",
        "admin:redaksjon_medlemskap_changelist",
        "admin:forlop_tekst_changelist",
    ],
)
def test_admin_lists_do_not_query_per_row(client, django_assert_max_num_queries, url):
    client.force_login(User.objects.get(username="admin"))
    client.get(reverse(url))
    with django_assert_max_num_queries(12):
        assert client.get(reverse(url)).status_code == 200


@pytest.mark.parametrize("rolle", ["admin", *ROLLER])
def test_every_admin_page_answers_every_role_without_error(client, rolle):
    """Each registered model's list, add and change page: never a server error, for any role."""
    from django.contrib import admin as django_admin

    logg_inn(client, rolle)
    assert client.get(reverse("admin:index")).status_code == 200
    for modell in django_admin.site._registry:
        info = (modell._meta.app_label, modell._meta.model_name)
        for side in ("changelist", "add"):
            svar = client.get(reverse(f"admin:{info[0]}_{info[1]}_{side}"))
            assert svar.status_code in (200, 302, 403), (rolle, info, side, svar.status_code)
        # A change page of an object in the user's own list (or any, for those who see none).
        liste = client.get(reverse(f"admin:{info[0]}_{info[1]}_changelist"))
        synlige = liste.context["cl"].result_list if liste.status_code == 200 else modell.objects.all()
        if obj := next(iter(synlige), None):
            svar = client.get(reverse(f"admin:{info[0]}_{info[1]}_change", args=[obj.pk]))
            assert svar.status_code in (200, 302, 403, 404), (rolle, info, "change", svar.status_code)
