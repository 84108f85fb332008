"""A case goes through the texts' workflow (issue 14): a draft lives in a working copy while
readers and økter keep the published case; a kommunekontakt sends it, a publisher of the scope
approves (readers see it) or rejects it (the sender's start page and e-mail say so); an old
version comes back as a new draft; every action is checked against the role × scope matrix."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from forlop.models import Status
from oving import bundle, services
from oving.models import Bord, Kasus, KasusStatus, Okt, Steg, Svar
from tests.oppgaver import kjor_oppgaver
from tests.test_redaksjon import ENDRE, PUBLISERE, ROLLER
from tests.test_tilbakemelding import gyldig_fnr
from tjenester.models import Kommune, Tjeneste
from utveksling.bundle import eksporter

pytestmark = pytest.mark.django_db
User = get_user_model()
EMMA = "emma-vil-ikke-pa-skolen"
NY_HENDING = "Helsesykepleieren ringer foreldrene samme dag."


def som(navn):
    klient = Client()
    klient.force_login(User.objects.get(username=navn))
    return klient


def lag_kasus(slug, **omfang):
    """A published copy of the Emma case under another slug and scope."""
    rad = bundle.rad(Kasus.objects.get(slug=EMMA))
    rad.update({"slug": slug, "helsefellesskap": None, "kommune": None, "status": KasusStatus.PUBLISERT})
    rad.update(omfang)
    return bundle.skriv_en(rad)


@pytest.fixture
def molde():
    return lag_kasus("emma-i-molde", kommune="1506")


def side_url(kasus):
    return reverse("admin:oving_kasus_arbeidsflyt", args=[kasus.pk])


def endre_url(kasus):
    return reverse("admin:oving_kasus_change", args=[kasus.pk])


def skjema(kasus, hending=NY_HENDING):
    """The admin form of a working copy as a browser posts it: the case's fields and its steps
    as an inline formset (management form, services as ids, seksjonar as checkboxes), with the
    first step's event changed (in both målformer: Molde reads nynorsk), a service added and a seksjon ticked."""
    steg = list(kasus.steg.prefetch_related("tjenester"))
    data = {
        **{f: getattr(kasus, f) for f in ("tittel_nb", "tittel_nn", "fornavn", "alder")},
        **{f: getattr(kasus, f) for f in ("situasjon_nb", "situasjon_nn")},
        "steg-TOTAL_FORMS": len(steg),
        "steg-INITIAL_FORMS": len(steg),
        "steg-MIN_NUM_FORMS": 0,
        "steg-MAX_NUM_FORMS": 1000,
    }
    for i, s in enumerate(steg):
        data |= {
            f"steg-{i}-id": s.pk,
            f"steg-{i}-kasus": kasus.pk,
            f"steg-{i}-nummer": s.nummer,
            f"steg-{i}-hending_nb": s.hending_nb,
            f"steg-{i}-hending_nn": s.hending_nn,
            f"steg-{i}-tjenester": [t.pk for t in s.tjenester.all()],
            f"steg-{i}-seksjoner": s.seksjoner,
        }
    data["steg-0-hending_nb"] = data["steg-0-hending_nn"] = hending
    data["steg-0-tjenester"] = [*data["steg-0-tjenester"], Tjeneste.objects.get(slug="helsestasjon").pk]
    data["steg-0-seksjoner"] = sorted({*data["steg-0-seksjoner"], "samarbeid"})
    return data


def lagre_utkast(klient, kasus, hending=NY_HENDING):
    """«Endre» on the case's page, then the working copy's form saved."""
    svar = klient.post(side_url(kasus), {"handling": "endre"})
    assert svar.status_code == 302, svar.status_code
    kopi = Kasus.objects.get(utkast_av=kasus)
    assert svar["Location"] == endre_url(kopi)
    assert klient.get(endre_url(kopi)).status_code == 200
    lagret = klient.post(endre_url(kopi), skjema(kopi, hending))
    assert lagret.status_code == 302, lagret.context and lagret.context["errors"]
    assert lagret["Location"] == side_url(kasus)
    return kasus.versjoner.order_by("-nummer").first()


def leser_ser(kasus, kommune=None):
    """What a reader reads at step 1 of the case."""
    svar = Client().get(f"/oving/{kasus.slug}/steg/1/", {"kommune": kommune} if kommune else {})
    assert svar.status_code == 200
    return svar.content.decode()


# --- 1. a draft never touches what readers see ---------------------------------------------------
def test_a_kommunekontakts_draft_leaves_the_published_case_as_readers_see_it(molde):
    for_ = bundle.rad(molde)
    utkast = lagre_utkast(som("kontakt-molde"), molde)
    molde.refresh_from_db()
    assert molde.status == KasusStatus.PUBLISERT and bundle.rad(molde) == for_
    assert NY_HENDING not in leser_ser(molde, "1506")
    # The draft is a version of the original, as the copy says, under the original's slug.
    assert utkast.status == Status.UTKAST and utkast.laget_av.username == "kontakt-molde"
    assert utkast.innhold["slug"] == molde.slug and utkast.innhold["steg"][0]["hending_nb"] == NY_HENDING
    assert "helsestasjon" in utkast.innhold["steg"][0]["tjenester"]
    assert "samarbeid" in utkast.innhold["steg"][0]["seksjoner"]
    kopi = Kasus.objects.get(utkast_av=molde)
    assert {**bundle.rad(kopi), "slug": molde.slug, "status": KasusStatus.UTKAST} == utkast.innhold


def test_a_publishers_save_is_a_draft_too_until_published(client):
    kasus = Kasus.objects.get(slug=EMMA)
    forvalter = som("forvalter")
    utkast = lagre_utkast(forvalter, kasus)
    assert NY_HENDING not in leser_ser(kasus)
    svar = forvalter.post(
        side_url(kasus), {"handling": "publiser", "versjon": utkast.pk, "endringsnotat": "Raskere kontakt."}
    )
    assert svar.status_code == 302
    assert NY_HENDING in leser_ser(kasus)
    utkast.refresh_from_db()
    assert utkast.status == Status.PUBLISERT and utkast.publisert_av.username == "forvalter"
    assert not Kasus.objects.filter(utkast_av=kasus).exists()


def test_working_copies_stay_out_of_the_reader_list_the_bundle_and_the_admin_list(molde):
    lagre_utkast(som("kontakt-molde"), molde)
    assert Kasus.objects.filter(utkast_av=molde).exists()
    slugger = [r["slug"] for r in eksporter()["kasus"]]
    assert len(slugger) == len(set(slugger)) == Kasus.objects.originaler().count() and None not in slugger
    assert [k.pk for k in Kasus.objects.for_leser(Kommune.objects.get(nummer="1506"))].count(molde.pk) == 1
    liste = som("kontakt-molde").get(reverse("admin:oving_kasus_changelist"))
    assert [k.pk for k in liste.context["cl"].result_list] == [molde.pk]


def test_an_okt_running_on_the_case_keeps_its_answers_through_a_publication(molde):
    okt = Okt.objects.create(kasus=molde, kommune=Kommune.objects.get(nummer="1506"), kode="ABCDEF")
    steg = list(molde.steg.values_list("pk", flat=True))
    svar = Svar.objects.create(bord=Bord.objects.create(okt=okt, navn="Bord 4"), steg_id=steg[0], notat="Kø.")
    utkast = lagre_utkast(som("kontakt-molde"), molde)
    services.publiser(utkast, User.objects.get(username="redaktor-mr"), "Endra.")
    assert list(molde.steg.values_list("pk", flat=True)) == steg
    assert Svar.objects.filter(pk=svar.pk).exists()
    assert Steg.objects.get(pk=steg[0]).hending_nb == NY_HENDING


# --- 2. approval ----------------------------------------------------------------------------------
def test_send_reject_then_approve_reaches_the_sender_and_then_the_readers(molde):
    for navn in ("kontakt-molde", "redaktor-mr"):
        User.objects.filter(username=navn).update(email=f"{navn}@example.no")
    kontakt, redaktor = som("kontakt-molde"), som("redaktor-mr")
    utkast = lagre_utkast(kontakt, molde)
    sendt = kontakt.post(
        side_url(molde), {"handling": "send", "versjon": utkast.pk, "endringsnotat": "Se steg 1."}
    )
    assert sendt.status_code == 302
    utkast.refresh_from_db()
    assert utkast.status == Status.TIL_GODKJENNING and utkast.endringsnotat == "Se steg 1."
    # The kommunekontakt only proposes.
    assert (
        kontakt.post(
            side_url(molde), {"handling": "publiser", "versjon": utkast.pk, "endringsnotat": "x"}
        ).status_code
        == 403
    )

    side = redaktor.get(side_url(molde)).content.decode()
    assert 'value="avvis"' in side and 'value="publiser"' in side
    assert "Helsesykepleieren ringer foreldrene" in side and "<ins>" in side and "<del>" in side
    assert "Helsestasjon og skulehelseteneste" in side  # services by name, in the editor's målform

    avvist = redaktor.post(
        side_url(molde), {"handling": "avvis", "versjon": utkast.pk, "kommentar": "Hvem ringer?"}
    )
    assert avvist.status_code == 302
    assert NY_HENDING not in leser_ser(molde, "1506")
    start = kontakt.get(reverse("admin:index")).content.decode()
    assert "Hvem ringer?" in start and molde.tittel_nb in start
    assert kjor_oppgaver() == 1
    (epost,) = mail.outbox
    assert epost.to == ["kontakt-molde@example.no"] and "Hvem ringer?" in epost.body

    # Seen: it leaves the start page.
    kontakt.post(reverse("admin:forlop_tekst_svar_sett"), {"art": "kasus", "objekt": utkast.pk})
    assert "Hvem ringer?" not in kontakt.get(reverse("admin:index")).content.decode()

    nytt = lagre_utkast(kontakt, molde, hending=NY_HENDING + " Og skolen.")
    kontakt.post(side_url(molde), {"handling": "send", "versjon": nytt.pk, "endringsnotat": "Retta."})
    godkjent = redaktor.post(
        side_url(molde), {"handling": "publiser", "versjon": nytt.pk, "endringsnotat": "Klarere ansvar."}
    )
    assert godkjent.status_code == 302
    assert NY_HENDING + " Og skolen." in leser_ser(molde, "1506")
    start = kontakt.get(reverse("admin:index")).content.decode()
    assert "Godkjend og publisert av redaktor-mr" in start  # nynorsk: Møre og Romsdal
    assert kjor_oppgaver() == 1 and "Klarere ansvar." in mail.outbox[1].body


@pytest.mark.parametrize("felt", ["endringsnotat", "kommentar"])
def test_notes_with_a_fodselsnummer_or_missing_are_refused_with_400(molde, felt):
    kontakt, redaktor = som("kontakt-molde"), som("redaktor-mr")
    utkast = lagre_utkast(kontakt, molde)
    services.send_til_godkjenning(utkast)
    handling = "publiser" if felt == "endringsnotat" else "avvis"
    for verdi in (f"Ring {gyldig_fnr()}.", " "):
        svar = redaktor.post(side_url(molde), {"handling": handling, "versjon": utkast.pk, felt: verdi})
        assert svar.status_code == 400
        if verdi.strip():  # the reason is on the page, and what the approver typed is kept
            assert "fødselsnummer" in svar.content.decode() and verdi in svar.content.decode()
        utkast.refresh_from_db()
        assert utkast.status == Status.TIL_GODKJENNING and gyldig_fnr() not in utkast.endringsnotat
    assert NY_HENDING not in leser_ser(molde, "1506")


def test_a_stale_version_is_not_approved(molde):
    kontakt = som("kontakt-molde")
    gammel = lagre_utkast(kontakt, molde)
    services.send_til_godkjenning(gammel)
    lagre_utkast(kontakt, molde, hending="Enda nyere.")
    svar = som("redaktor-mr").post(
        side_url(molde), {"handling": "publiser", "versjon": gammel.pk, "endringsnotat": "Ok."}
    )
    assert svar.status_code == 400
    assert NY_HENDING not in leser_ser(molde, "1506")


# --- 3. history and restore ----------------------------------------------------------------------
def test_restore_makes_a_draft_equal_to_the_old_version_never_a_publication(molde):
    redaktor = som("redaktor-mr")
    forste = molde.versjoner.get()
    utkast = lagre_utkast(redaktor, molde)
    services.publiser(utkast, User.objects.get(username="redaktor-mr"), "Endra.")
    side = redaktor.get(side_url(molde)).content.decode()
    assert reverse("admin:oving_kasus_versjon", args=[molde.pk, forste.nummer]) in side
    vis = redaktor.get(reverse("admin:oving_kasus_versjon", args=[molde.pk, forste.nummer]))
    assert vis.status_code == 200 and "<del>" in vis.content.decode()  # the published step 1 is not in v1

    svar = redaktor.post(side_url(molde), {"handling": "gjenopprett", "versjon": forste.pk})
    assert svar.status_code == 302
    ny = molde.versjoner.order_by("-nummer").first()
    assert ny.status == Status.UTKAST and ny.nummer == utkast.nummer + 1
    uten_status = lambda r: {k: v for k, v in r.items() if k != "status"}  # noqa: E731
    assert uten_status(ny.innhold) == uten_status(forste.innhold)
    kopi = Kasus.objects.get(utkast_av=molde)
    assert uten_status({**bundle.rad(kopi), "slug": molde.slug}) == uten_status(forste.innhold)
    assert NY_HENDING in leser_ser(molde, "1506")  # still the publication


def test_a_never_published_case_is_its_own_draft(molde):
    Kasus.objects.filter(pk=molde.pk).update(status=KasusStatus.UTKAST)
    kontakt = som("kontakt-molde")
    side = kontakt.get(endre_url(molde))
    assert side.status_code == 200 and side_url(molde) in side.content.decode()
    svar = kontakt.post(
        endre_url(molde),
        {**skjema(molde), "slug": molde.slug, "forlop": molde.forlop_id, "kommune": molde.kommune_id},
    )
    assert svar.status_code == 302, svar.context and svar.context["errors"]
    assert not Kasus.objects.filter(utkast_av=molde).exists()
    utkast = molde.versjoner.order_by("-nummer").first()
    assert utkast.status == Status.UTKAST and utkast.innhold["steg"][0]["hending_nb"] == NY_HENDING
    services.send_til_godkjenning(utkast)
    som("redaktor-mr").post(
        side_url(molde), {"handling": "publiser", "versjon": utkast.pk, "endringsnotat": "Første."}
    )
    molde.refresh_from_db()
    assert molde.status == KasusStatus.PUBLISERT and NY_HENDING in leser_ser(molde, "1506")


# --- 4. scope and access ----------------------------------------------------------------------
@pytest.fixture
def alle_kasus():
    return {
        "felles": Kasus.objects.get(slug=EMMA),
        "fonna": lag_kasus("emma-fonna", helsefellesskap="helse-fonna"),
        "mr": lag_kasus("emma-mr", helsefellesskap="helse-more-og-romsdal"),
        "molde": lag_kasus("emma-molde", kommune="1506"),
        "haugesund": lag_kasus("emma-haugesund", kommune="1106"),
    }


@pytest.mark.parametrize("rolle", ROLLER)
@pytest.mark.parametrize("hva", ["felles", "fonna", "mr", "molde", "haugesund"])
def test_matrix_case_page_draft_send_approve_reject_restore(alle_kasus, rolle, hva):
    kasus = alle_kasus[hva]
    klient = som(rolle)
    eget, publisere = hva in ENDRE[rolle], hva in PUBLISERE[rolle]
    forste = kasus.versjoner.get()

    vis = klient.get(side_url(kasus))
    assert (vis.status_code == 200) == eget and (eget or vis.status_code in (302, 403, 404))
    assert klient.get(endre_url(kasus)).status_code in ((200,) if eget else (302, 403, 404))

    endre = klient.post(side_url(kasus), {"handling": "endre"})
    assert Kasus.objects.filter(utkast_av=kasus).exists() == eget, endre.status_code
    # Someone of the scope drafts and sends, so every role can be asked to approve or reject.
    utkast = services.lagre_utkast(services.arbeidskopi(kasus), None)
    send = klient.post(side_url(kasus), {"handling": "send", "versjon": utkast.pk})
    utkast.refresh_from_db()
    assert (utkast.status == Status.TIL_GODKJENNING) == eget, send.status_code

    services.send_til_godkjenning(utkast) if not eget else None
    avvis = klient.post(side_url(kasus), {"handling": "avvis", "versjon": utkast.pk, "kommentar": "Nei."})
    utkast.refresh_from_db()
    assert (utkast.status == Status.AVVIST) == publisere, avvis.status_code

    nytt = services.lagre_utkast(services.arbeidskopi(kasus), None)
    klient.post(side_url(kasus), {"handling": "publiser", "versjon": nytt.pk, "endringsnotat": "Ja."})
    nytt.refresh_from_db()
    assert (nytt.status == Status.PUBLISERT) == publisere

    for_ = kasus.versjoner.count()
    klient.post(side_url(kasus), {"handling": "gjenopprett", "versjon": forste.pk})
    assert kasus.versjoner.count() == for_ + (1 if eget else 0)
    kasus.refresh_from_db()
    assert kasus.status == KasusStatus.PUBLISERT  # no action unpublished the case


def test_a_reader_reaches_no_case_page(molde):
    leser = User.objects.create_user("leser", password="x")
    for klient in (Client(), som("leser")):
        for url in (side_url(molde), reverse("admin:oving_kasus_versjon", args=[molde.pk, 1])):
            assert klient.get(url).status_code in (302, 403, 404)
        klient.post(side_url(molde), {"handling": "endre"})
    assert not Kasus.objects.filter(utkast_av=molde).exists() and leser.pk


def test_the_publishers_queue_is_the_list_filtered_on_til_godkjenning(molde):
    utkast = lagre_utkast(som("kontakt-molde"), molde)
    liste = reverse("admin:oving_kasus_changelist")
    redaktor = som("redaktor-mr")
    assert list(redaktor.get(liste, {"status": Status.TIL_GODKJENNING}).context["cl"].result_list) == []
    services.send_til_godkjenning(utkast)
    assert list(redaktor.get(liste, {"status": Status.TIL_GODKJENNING}).context["cl"].result_list) == [molde]


# --- 6. the editor's målform ----------------------------------------------------------------------
def test_the_case_admin_speaks_nynorsk_to_a_nynorsk_editor(molde):
    redaktor = som("redaktor-mr")  # Helse Møre og Romsdal writes nynorsk
    redaktor.post(side_url(molde), {"handling": "endre"})
    skjema_side = redaktor.get(endre_url(Kasus.objects.get(utkast_av=molde))).content.decode()
    for ord_ in ("Førenamn (oppdikta)", "Kva skjer (bokmål)", "Seksjonar som gjeld", "Du endrar eit utkast"):
        assert ord_ in skjema_side, ord_
    side = redaktor.get(side_url(molde)).content.decode()
    assert "Hald fram med utkastet" in side and "Sjå kasuset slik lesarar ser det" in side


def test_the_case_page_and_the_answers_cost_the_same_queries_however_many_versions(molde):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    kontakt, redaktor = som("kontakt-molde"), som("redaktor-mr")
    tall = []
    for n in range(3):
        utkast = services.lagre_utkast(
            services.arbeidskopi(molde), User.objects.get(username="kontakt-molde")
        )
        services.send_til_godkjenning(utkast)
        services.avvis(utkast, f"Nei {n}.")
        services.publiser(
            services.lagre_utkast(services.arbeidskopi(molde), User.objects.get(username="kontakt-molde")),
            User.objects.get(username="redaktor-mr"),
            f"Ja {n}.",
        )
        with CaptureQueriesContext(connection) as side:
            assert f"Ja {n}." in redaktor.get(side_url(molde)).content.decode()
        with CaptureQueriesContext(connection) as start:
            html = kontakt.get(reverse("admin:index")).content.decode()
        # Each approval waits on the sender's start page; each rejection was followed by a draft.
        assert html.count("Godkjend og publisert av redaktor-mr") == n + 1 and "Nei " not in html
        tall.append((len(side), len(start)))
    assert tall == [tall[0]] * 3, tall


def test_a_case_sent_for_approval_waits_on_the_approvers_start_page_only(molde):
    utkast = lagre_utkast(som("kontakt-molde"), molde)
    lenke = f'href="{side_url(molde)}"'
    redaktor_mr, redaktor_fonna, kontakt = som("redaktor-mr"), som("redaktor-fonna"), som("kontakt-molde")
    assert lenke not in redaktor_mr.get(reverse("admin:index")).content.decode()
    services.send_til_godkjenning(utkast)
    assert lenke in redaktor_mr.get(reverse("admin:index")).content.decode()
    for annen in (redaktor_fonna, kontakt):  # another scope; one who only proposes
        assert lenke not in annen.get(reverse("admin:index")).content.decode()
