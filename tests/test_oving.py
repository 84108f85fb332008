"""Øvingsverktøyet: the demo cases, the self-study walk (answers read from the forløp's
resolved texts, so a publication shows at once), an økt from start to summary, its limits
(join codes, the fødselsnummer guard, rate limit, deletion) and the cases in the bundles."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from bupkart.malform import MALFORMER
from forlop.models import Forlop, ForlopTjeneste, Tekstdel
from oving import bundle as kasusbundle
from oving.models import Bord, Kasus, KasusStatus, Okt, Svar
from tests import bygg
from tests.test_tilbakemelding import gyldig_fnr
from tilbakemelding.models import Tilbakemelding
from tjenester.models import Helsefellesskap, Kommune
from utveksling.bundle import UgyldigBundle, eksporter, importer

pytestmark = pytest.mark.django_db
User = get_user_model()
EMMA = "emma-vil-ikke-pa-skolen"


@pytest.fixture(autouse=True)
def tom_cache():
    cache.clear()  # the rate limit counts in the cache
    yield
    cache.clear()


# --- the demo cases -------------------------------------------------------------------------------
def test_seven_demo_cases_one_per_forlop_four_to_eight_steps_in_both_malformer():
    kasus = list(Kasus.objects.publiserte().select_related("forlop").prefetch_related("steg__tjenester"))
    assert sorted(k.forlop.slug for k in kasus) == sorted(
        Forlop.objects.published().values_list("slug", flat=True)
    )
    for k in kasus:
        plass = set(ForlopTjeneste.objects.filter(forlop=k.forlop).values_list("tjeneste__slug", flat=True))
        assert 4 <= k.steg.count() <= 8, k
        assert "oppdikt" in k.situasjon_nb and "oppdikta" in k.situasjon_nn  # clearly fictive
        for mf in MALFORMER:
            assert getattr(k, f"tittel_{mf}") and getattr(k, f"situasjon_{mf}")
        for s in k.steg.all():
            assert s.hending_nb and s.hending_nn and s.seksjoner
            assert s.tjenester.exists()
            assert {t.slug for t in s.tjenester.all()} <= plass, (k, s.nummer)


def test_load_demo_again_changes_no_case():
    for_ = dict(Kasus.objects.values_list("slug", "versjon"))
    call_command("load_demo", stdout=io.StringIO())
    assert dict(Kasus.objects.values_list("slug", "versjon")) == for_


# --- self-study -------------------------------------------------------------------------------------
def test_list_and_case_page(client):
    svar = client.get("/oving/")
    assert svar.status_code == 200
    for k in Kasus.objects.publiserte():
        assert k.get_absolute_url() in svar.content.decode()
    side = client.get(f"/oving/{EMMA}/").content.decode()
    assert "Emma, 13 år" in side and f"/oving/{EMMA}/steg/1/" in side


def test_step_shows_the_choice_first_then_the_answer_beside_it(client):
    uten = client.get(f"/oving/{EMMA}/steg/1/").content.decode()
    assert 'name="tjeneste"' in uten and "Hva forløpet sier" not in uten
    med = client.get(f"/oving/{EMMA}/steg/1/", {"tjeneste": ["skole", "bup"], "vis": "1"}).content.decode()
    assert "Skole: valgt, og forløpet er enig" in med
    assert "Barne- og ungdomspsykiatrisk poliklinikk (BUP): valgt, men forløpet peker ikke hit nå" in med
    assert 'href="/forlop/angst/#skole-rolle"' in med  # a link into the forløp at that seksjon
    assert "Skolen skal gi alle elever" in med  # the forløp's own words


def test_step_with_htmx_swaps_only_the_answer(client):
    svar = client.get(
        f"/oving/{EMMA}/steg/2/", {"tjeneste": "helsestasjon", "vis": "1"}, HTTP_HX_REQUEST="true"
    )
    html = svar.content.decode()
    assert html.lstrip().startswith('<div id="svar"') and "<html" not in html


@pytest.mark.parametrize("nummer", [0, 6, 99])
def test_a_step_outside_the_case_is_404(client, nummer):
    assert client.get(f"/oving/{EMMA}/steg/{nummer}/").status_code == 404


def test_a_published_change_to_a_seksjon_shows_in_the_answer_at_once(client):
    forlop = Forlop.objects.get(slug="angst")
    skole = ForlopTjeneste.objects.get(forlop=forlop, tjeneste__slug="skole").tjeneste
    bygg.tekst(forlop, skole, Tekstdel.ROLLE, "Skolen har en helt ny rolle i dette forløpet.", malform="nb")
    side = client.get(f"/oving/{EMMA}/steg/1/", {"vis": "1"}).content.decode()
    assert "Skolen har en helt ny rolle i dette forløpet." in side


def test_the_answer_is_the_kommunes_variant_in_that_kommune(client):
    forlop = Forlop.objects.get(slug="angst")
    haugesund = Kommune.objects.get(nummer="1106")
    skole = ForlopTjeneste.objects.get(forlop=forlop, tjeneste__slug="skole").tjeneste
    # Haugesund reads nynorsk (Helse Fonna's målform).
    bygg.tekst(
        forlop, skole, Tekstdel.ROLLE, "I Haugesund ringer skolen rådgiveren først.", "nn", kommune=haugesund
    )
    lokal = client.get(f"/oving/{EMMA}/steg/1/", {"vis": "1", "kommune": "1106"}).content.decode()
    assert "I Haugesund ringer skolen rådgiveren først." in lokal
    assert 'href="/forlop/angst/?kommune=1106#skole-rolle"' in lokal
    felles = Client().get(f"/oving/{EMMA}/steg/1/", {"vis": "1"}).content.decode()
    assert "I Haugesund ringer" not in felles


def test_print_page_reads_a_fixed_number_of_queries_however_many_steps(client, django_assert_num_queries):
    korte, lange = "emma-vil-ikke-pa-skolen", "mia-har-blamerker"  # five and six steps
    client.get(f"/oving/{korte}/med-svar/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as kort:
        assert client.get(f"/oving/{korte}/med-svar/").status_code == 200
    with django_assert_num_queries(len(kort.captured_queries)):
        side = client.get(f"/oving/{lange}/med-svar/")
    assert side.content.decode().count('class="oving-utskrift__steg"') == 6


def test_unpublished_and_other_scopes_cases_are_not_shown(client):
    kasus = Kasus.objects.get(slug=EMMA)
    kasusbundle.ny_versjon(kasus, None, KasusStatus.UTKAST)
    assert client.get(f"/oving/{EMMA}/").status_code == 404
    assert f"/oving/{EMMA}/" not in client.get("/oving/").content.decode()
    kasus = kasusbundle.ny_versjon(kasus, None, KasusStatus.PUBLISERT)
    Kasus.objects.filter(pk=kasus.pk).update(kommune=Kommune.objects.get(nummer="1106"))
    assert client.get(f"/oving/{EMMA}/").status_code == 404
    assert client.get(f"/oving/{EMMA}/", {"kommune": "1106"}).status_code == 200


# --- an økt -----------------------------------------------------------------------------------------
def start_okt(client, kommune="1506", slug=EMMA):
    svar = client.post(f"/oving/{slug}/start/", {"kommune": kommune})
    assert svar.status_code == 302, svar.content
    return Okt.objects.get(hemmelighet=svar["Location"].rstrip("/").rsplit("/", 1)[1])


def bli_med(kode, navn):
    bord = Client()
    svar = bord.post("/oving/bli-med/", {"kode": kode, "navn": navn})
    return bord, svar


def test_an_okt_from_start_to_summary():
    tilrettelegger = Client()
    okt = start_okt(tilrettelegger)
    fasit = f"/oving/okt/{okt.hemmelighet}/"
    skjerm = tilrettelegger.get(fasit).content.decode()
    assert okt.kode in skjerm and f"{fasit}qr.svg" in skjerm and 'hx-trigger="every 2s"' in skjerm
    qr = tilrettelegger.get(f"{fasit}qr.svg")
    assert qr["Content-Type"] == "image/svg+xml" and qr.content.startswith(b"<svg")

    bordene = []
    for i, valg in enumerate([["skole"], ["skole", "bup"], []], start=1):
        bord, svar = bli_med(okt.kode.lower(), f"Bord {i}")
        assert svar.status_code == 302
        adresse = svar["Location"]
        notat = "Ingen vet hvem som ringer foreldrene." if i == 2 else ""
        assert bord.post(adresse, {"steg": "1", "tjeneste": valg, "notat": notat}).status_code == 200
        bordene.append((bord, adresse))
    status = tilrettelegger.get(f"{fasit}status/").content.decode()
    assert "3 av 3 bord har svart." in status
    assert '<tr class="projektor__fasit"><th scope="row">Skole</th><td>2</td>' in status
    assert "Ingen vet hvem som ringer foreldrene." in status

    # The tables' phones notice the next step and reload.
    bord, adresse = bordene[0]
    assert bord.get(adresse, {"venter": "1"}, HTTP_HX_REQUEST="true").status_code == 204
    tilrettelegger.post(f"{fasit}steg/", {"retning": "neste"})
    assert bord.get(adresse, {"venter": "1"}, HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"
    assert "Steg 2 av 5" in bord.get(adresse).content.decode()
    svar = bord.post(adresse, {"steg": "1", "tjeneste": ["skole"]})  # an answer to the old step
    assert svar.status_code == 400 and "Steget er bytt" in svar.content.decode()

    oppsummering = tilrettelegger.get(f"{fasit}oppsummering/").content.decode()
    assert "Ingen vet hvem som ringer foreldrene." in oppsummering
    rader = list(csv.reader(io.StringIO(tilrettelegger.get(f"{fasit}oppsummering.csv").content.decode())))
    assert ["1", "Skole", "ja", "2", "", ""] in rader
    assert ["1", "", "", "", "Bord 2", "Ingen vet hvem som ringer foreldrene."] in rader


def test_a_bottleneck_goes_to_the_owner_of_the_text_as_feedback():
    haugesund = Kommune.objects.get(nummer="1106")
    forlop = Forlop.objects.get(slug="angst")
    skole = ForlopTjeneste.objects.get(forlop=forlop, tjeneste__slug="skole").tjeneste
    variant = bygg.tekst(forlop, skole, Tekstdel.ROLLE, "Lokal rolle.", malform="nn", kommune=haugesund)
    okt = start_okt(Client(), kommune="1106")
    bord, svar = bli_med(okt.kode, "Bord 1")
    bord.post(
        svar["Location"], {"steg": "1", "tjeneste": ["skole"], "notat": "Rådgiveren er aldri på skolen."}
    )
    notat = Svar.objects.get(bord__okt=okt)
    fasit = f"/oving/okt/{okt.hemmelighet}/"
    assert Client().post(f"{fasit}send/{notat.pk}/", {"tekst": "bup:rolle"}).status_code == 400
    assert Client().post(f"{fasit}send/{notat.pk}/", {"tekst": "skole:rolle"}).status_code == 302
    melding = Tilbakemelding.objects.latest("mottatt")
    assert "Rådgiveren er aldri på skolen." in melding.tekst
    assert melding.kommune == haugesund and melding.gjelder_tekst_id == variant.pk
    notat.refresh_from_db()
    assert notat.sendt


def test_a_secret_link_of_no_okt_and_an_answer_from_another_okt_are_404():
    okt = start_okt(Client())
    annen = start_okt(Client(), slug="ali-far-ikke-ro")
    bord, svar = bli_med(annen.kode, "Bord 1")
    bord.post(svar["Location"], {"steg": "1", "tjeneste": ["skole"], "notat": "Et notat."})
    fremmed = Svar.objects.get(bord__okt=annen)
    assert Client().get("/oving/okt/finnes-ikke/").status_code == 404
    assert (
        Client()
        .post(f"/oving/okt/{okt.hemmelighet}/send/{fremmed.pk}/", {"tekst": "skole:rolle"})
        .status_code
        == 404
    )


def test_joining_refuses_unknown_or_expired_codes_taken_names_and_a_fodselsnummer():
    okt = start_okt(Client())
    assert bli_med("ZZZZZZ", "Bord 1")[1].status_code == 400
    assert bli_med(okt.kode, "   ")[1].status_code == 400
    assert bli_med(okt.kode, f"Bord {gyldig_fnr()}")[1].status_code == 400
    assert bli_med(okt.kode, "Bord 1")[1].status_code == 302
    svar = bli_med(okt.kode, "Bord  1")[1]
    assert svar.status_code == 400 and "alt med" in svar.content.decode()
    Okt.objects.filter(pk=okt.pk).update(kode_gyldig_til=timezone.now() - timedelta(seconds=1))
    assert bli_med(okt.kode, "Bord 2")[1].status_code == 400
    assert Bord.objects.filter(okt=okt).count() == 1


def test_a_note_with_a_fodselsnummer_or_too_long_is_refused_and_not_stored():
    okt = start_okt(Client())
    bord, svar = bli_med(okt.kode, "Bord 1")
    fnr = bord.post(
        svar["Location"], {"steg": "1", "tjeneste": ["skole"], "notat": f"Gjelder {gyldig_fnr()}"}
    )
    assert fnr.status_code == 400 and "fødselsnummer" in fnr.content.decode()
    lang = bord.post(svar["Location"], {"steg": "1", "notat": "x" * 281})
    assert lang.status_code == 400
    assert not Svar.objects.filter(bord__okt=okt).exists()


def test_starting_okter_is_rate_limited_and_needs_a_kommune(settings):
    settings.BUPKART_OVING_START_GRENSE = 2
    klient = Client()
    assert klient.post(f"/oving/{EMMA}/start/", {"kommune": "9999"}).status_code == 400
    assert klient.get(f"/oving/{EMMA}/start/").status_code == 405
    start_okt(klient)
    start_okt(klient)
    assert klient.post(f"/oving/{EMMA}/start/", {"kommune": "1506"}).status_code == 429
    assert Okt.objects.count() == 2


def test_old_okter_are_deleted_with_their_answers_and_gone_at_once(settings):
    okt = start_okt(Client())
    bord, svar = bli_med(okt.kode, "Bord 1")
    bord.post(svar["Location"], {"steg": "1", "tjeneste": ["skole"]})
    ny = start_okt(Client(), slug="ali-far-ikke-ro")
    Okt.objects.filter(pk=okt.pk).update(opprettet=timezone.now() - timedelta(days=31))
    assert Client().get(f"/oving/okt/{okt.hemmelighet}/").status_code == 404
    assert bord.get(svar["Location"]).status_code == 404
    call_command("slett_gamle_okter", stdout=io.StringIO())
    assert list(Okt.objects.all()) == [ny]
    assert not Svar.objects.exists() and not Bord.objects.exists()
    settings.BUPKART_OVING_OKT_DAGAR = 0
    call_command("slett_gamle_okter", stdout=io.StringIO())
    assert not Okt.objects.exists()


def test_starting_an_okt_queues_its_deletion():
    from django_tasks_db.models import DBTaskResult

    okt = start_okt(Client())
    oppgave = DBTaskResult.objects.get(task_path="oving.oppgaver.slett_gamle_okter")
    assert oppgave.run_after > okt.opprettet + timedelta(days=30)


# --- versions, admin and bundles ------------------------------------------------------------------
def test_every_save_is_a_version_with_a_snapshot():
    kasus = Kasus.objects.get(slug=EMMA)
    for_ = kasus.versjon
    kasusbundle.ny_versjon(kasus, None, KasusStatus.UTKAST)
    kasus.refresh_from_db()
    siste = kasus.versjoner.first()
    assert kasus.versjon == siste.nummer == for_ + 1
    assert siste.status == KasusStatus.UTKAST and siste.innhold["steg"][0]["tjenester"] == ["skole"]


def test_admin_lists_cases_in_the_editors_scope_only():
    forvalter, redaktor = Client(), Client()
    forvalter.force_login(User.objects.get(username="forvalter"))
    redaktor.force_login(User.objects.get(username="redaktor-fonna"))
    assert "Emma vil ikke" in forvalter.get("/admin/oving/kasus/").content.decode()
    assert "Emma vil ikke" not in redaktor.get("/admin/oving/kasus/").content.decode()
    pk = Kasus.objects.get(slug=EMMA).pk
    assert redaktor.get(f"/admin/oving/kasus/{pk}/change/").status_code in (302, 403)


def test_the_bundle_carries_the_cases_and_a_written_row_comes_back_the_same():
    data = eksporter()
    assert len(data["kasus"]) == 7
    rad = next(r for r in data["kasus"] if r["slug"] == EMMA)
    Kasus.objects.filter(slug=EMMA).delete()
    kasus = kasusbundle.skriv_en(rad)
    assert kasusbundle.rad(kasus) == rad
    fonna = Helsefellesskap.objects.get(slug="helse-fonna")
    Kasus.objects.filter(slug=EMMA).update(helsefellesskap=fonna)
    assert [r["slug"] for r in eksporter(fonna)["kasus"]] == [EMMA]


def test_an_import_names_every_problem_of_a_case():
    data = eksporter()
    rad = data["kasus"][0]
    rad["steg"][0]["tjenester"] = ["finnes-ikke"]
    rad["steg"][0]["seksjoner"] = ["tull"]
    rad["steg"][1]["nummer"] = 9
    with pytest.raises(UgyldigBundle) as feil:
        importer(data, dry_run=True)
    tekst = "\n".join(feil.value.feil)
    assert 'kasus[0].steg[0].tjenester: ukjent tjeneste "finnes-ikke"' in tekst
    assert 'kasus[0].steg[0].seksjoner: ukjent seksjon "tull"' in tekst
    assert "kasus[0].steg: stegene skal være nummerert" in tekst
    assert f'kasus[0].slug: kasuset "{rad["slug"]}" finnes allerede' in tekst


def test_the_forvalter_withdraws_and_publishes_a_felles_case_in_the_admin():
    forvalter = Client()
    forvalter.force_login(User.objects.get(username="forvalter"))
    kasus = Kasus.objects.get(slug=EMMA)
    assert forvalter.get(f"/admin/oving/kasus/{kasus.pk}/change/").status_code == 200
    assert forvalter.get("/admin/oving/kasus/add/").status_code == 200
    svar = forvalter.post("/admin/oving/kasus/", {"action": "trekk_tilbake", "_selected_action": [kasus.pk]})
    assert svar.status_code == 302
    kasus.refresh_from_db()
    siste = kasus.versjoner.first()
    assert kasus.status == KasusStatus.UTKAST and siste.laget_av.username == "forvalter"
    # Publishing again goes through the case's page, with a note.
    svar = forvalter.post(
        f"/admin/oving/kasus/{kasus.pk}/arbeidsflyt/",
        {"handling": "publiser", "versjon": siste.pk, "endringsnotat": "Tilbake."},
    )
    assert svar.status_code == 302
    kasus.refresh_from_db()
    assert (
        kasus.status == KasusStatus.PUBLISERT and kasus.versjoner.first().publisert_av.username == "forvalter"
    )


def test_a_kommunekontakt_cannot_publish_a_felles_case():
    kontakt = Client()
    kontakt.force_login(User.objects.get(username="kontakt-molde"))
    kasus = Kasus.objects.get(slug=EMMA)
    kontakt.post("/admin/oving/kasus/", {"action": "trekk_tilbake", "_selected_action": [kasus.pk]})
    kasus.refresh_from_db()
    assert kasus.status == KasusStatus.PUBLISERT and kasus.versjon == 1
