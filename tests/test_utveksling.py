"""Export and import of content as a JSON bundle: exact round trips, validation that names the
place of every problem, all-or-nothing import, a helsefellesskap adopting the model."""

import copy
import io
import json
from unittest import mock

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from bupkart.cache import les_versjoner
from bupkart.markdown import render
from forlop.models import (
    Forlop,
    ForlopTjeneste,
    Forslag,
    Revisjon,
    Status,
    Tekst,
    Tekstplass,
    Tekstversjon,
)
from redaksjon import services
from redaksjon.models import Hoyring, Medlemskap
from sok.models import Dokument
from tests.bygg import slot
from tjenester.models import Helsefellesskap, Kommune, LokaltTilbud, Niva, Tjeneste
from utveksling import bundle as utveksling
from utveksling.bundle import Tekstnokkel, UgyldigBundle, eksporter, importer

pytestmark = pytest.mark.django_db
User = get_user_model()


def som_json(data):
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)


def tell():
    return {
        m.__name__: m.objects.count()
        for m in (
            Niva,
            Tjeneste,
            Forlop,
            ForlopTjeneste,
            Helsefellesskap,
            Kommune,
            LokaltTilbud,
            Tekst,
            Tekstversjon,
            Revisjon,
            Forslag,
        )
    }


def tom_innhold():
    """Deletes all content, in an order the PROTECT references allow."""
    if apps.is_installed("tilbakemelding"):
        apps.get_model("tilbakemelding", "Tilbakemelding").objects.all().delete()
    Forslag.objects.all().delete()
    Hoyring.objects.all().delete()  # not content of a bundle; its drafts are
    Tekst.objects.update(publisert=None)
    Tekstversjon.objects.update(forrige=None, felles_grunnlag=None)
    Tekstversjon.objects.all().delete()
    Tekst.objects.all().delete()
    Revisjon.objects.all().delete()
    LokaltTilbud.objects.all().delete()
    Medlemskap.objects.all().delete()
    Kommune.objects.all().delete()
    Helsefellesskap.objects.all().delete()
    ForlopTjeneste.objects.all().delete()
    Forlop.objects.all().delete()
    Tjeneste.objects.all().delete()
    Niva.objects.all().delete()
    assert not any(tell().values())


def versjoner_html():
    """Every version's html, by its place (not its id, which an import changes)."""
    return sorted(
        Tekstversjon.objects.values_list(
            "tekst__forlop__slug",
            "tekst__tjeneste__slug",
            "tekst__tekstdel",
            "tekst__helsefellesskap__slug",
            "tekst__kommune__nummer",
            "tekst__malform",
            "nummer",
            "html",
        ),
        key=lambda rad: tuple("" if v is None else str(v) for v in rad),
    )


@pytest.fixture
def arbeid():
    """Editorial work on top of the demo content, so every status and reference is exported:
    drafts, approval, rejection, a withdrawn variant, a proposal, named authors."""
    forvalter = User.objects.get(username="forvalter")
    redaktor = User.objects.get(username="redaktor-fonna")
    felles = slot()
    utkast = services.lagre_utkast(felles, "Ny **felles** tekst.", forvalter, felles.siste_versjon())
    services.send_til_godkjenning(utkast)
    services.avvis(utkast, forvalter, "Ikkje enno.")
    services.lagre_utkast(felles, "Endå eit utkast.", forvalter, felles.siste_versjon())
    fonna = Helsefellesskap.objects.get(slug="helse-fonna")
    variant = services.lag_variant(felles, redaktor, helsefellesskap=fonna)
    services.publiser(variant.siste_versjon(), redaktor, "Lokal tilpassing.")
    variant.refresh_from_db()
    services.trekk_tilbake(variant, redaktor, "Felles tekst gjeld igjen.")
    kommune = services.lag_variant(felles, redaktor, kommune=Kommune.objects.get(nummer="1106"))
    services.send_til_godkjenning(kommune.siste_versjon())
    services.foresla(felles, "Forslag til ny tekst.", "Betre klarspråk.", redaktor)
    return felles


def test_round_trip_reproduces_all_content_exactly(arbeid):
    forst = eksporter()
    assert forst["skjemaversjon"] == utveksling.SKJEMAVERSJON
    statuser = {v["status"] for t in forst["tekster"] for v in t["versjoner"]}
    assert statuser >= {
        Status.PUBLISERT,
        Status.UTKAST,
        Status.AVVIST,
        Status.TRUKKET,
        Status.TIL_GODKJENNING,
    }
    assert any(v["felles_grunnlag"] for t in forst["tekster"] for v in t["versjoner"])
    trukne = [v for t in forst["tekster"] for v in t["versjoner"] if v["trukket_tid"]]
    assert [(v["trukket_av"], v["trukket_notat"]) for v in trukne] == [
        ("redaktor-fonna", "Felles tekst gjeld igjen.")
    ]
    assert forst["forslag"] and forst["revisjoner"]
    assert any(k["lokale_tilbud"] for h in forst["helsefellesskap"] for k in h["kommuner"])
    for_tall = tell()
    html_for = versjoner_html()

    dokument_for = sorted(Dokument.objects.values_list("slag", "tittel", "url", "anker", "malform"))

    tom_innhold()
    versjon = les_versjoner(["felles"])
    res = importer(json.loads(som_json(forst)))
    # Bulk writes send no model signals: the import itself moves the felles version and indexes.
    assert les_versjoner(["felles"]) != versjon
    assert sorted(Dokument.objects.values_list("slag", "tittel", "url", "anker", "malform")) == dokument_for
    assert res["tekster"] == for_tall["Tekst"]
    assert tell() == for_tall
    assert som_json(eksporter()) == som_json(forst)
    # Derived HTML is rendered again on import: every version's, the same as before.
    assert versjoner_html() == html_for
    for markdown, html in Tekstversjon.objects.values_list("markdown", "html"):
        assert html == render(markdown)


def test_round_trip_keeps_publication_and_history_pointers(arbeid):
    forst = eksporter()
    tom_innhold()
    importer(forst)
    felles = slot()
    versjoner = list(felles.versjoner.order_by("nummer"))
    assert felles.publisert.status == Status.PUBLISERT
    assert [v.forrige.nummer if v.forrige else None for v in versjoner] == [None] + [
        v.nummer for v in versjoner[:-1]
    ]
    assert versjoner[-1].laget_av.username == "forvalter"
    variant = slot(helsefellesskap=Helsefellesskap.objects.get(slug="helse-fonna"))
    assert variant.publisert is None
    assert variant.versjoner.get(nummer=1).felles_grunnlag == felles.publisert
    # The public page reads the imported content.
    assert Client_get("/forlop/angst/?kommune=1506").status_code == 200


def test_a_version_1_bundle_from_before_withdrawals_were_recorded_still_imports(arbeid):
    data = eksporter()
    data["skjemaversjon"] = 1
    for t in data["tekster"]:
        for v in t["versjoner"]:
            for felt in ("trukket_av", "trukket_tid", "trukket_notat"):
                del v[felt]
    tom_innhold()
    importer(data)
    variant = slot(helsefellesskap=Helsefellesskap.objects.get(slug="helse-fonna"))
    trukket = variant.versjoner.get(status=Status.TRUKKET)
    assert (trukket.trukket_tid, trukket.trukket_notat, trukket.trukket_av) == (None, "", None)


def Client_get(url):
    from django.test import Client

    return Client().get(url, follow=True)


def test_authors_by_username_only(arbeid):
    data = som_json(eksporter())
    assert '"laget_av": "redaktor-fonna"' in data
    assert "pbkdf2" not in data and "md5$" not in data and "password" not in data
    User.objects.filter(username="redaktor-fonna").update(email="redaktor@fonna.example")
    assert "redaktor@fonna.example" not in som_json(eksporter())


def test_unknown_authors_become_inactive_accounts_without_password(arbeid):
    data = eksporter()
    tom_innhold()
    Medlemskap.objects.all().delete()
    User.objects.filter(username="redaktor-fonna").delete()
    res = importer(data)
    assert "redaktor-fonna" in res["nye_brukere"]
    u = User.objects.get(username="redaktor-fonna")
    assert not u.is_active and not u.has_usable_password()


def test_full_bundle_needs_an_empty_database():
    with pytest.raises(UgyldigBundle, match="databasen har allerede innhold"):
        importer(eksporter())


# --- validation -------------------------------------------------------------------------------
def feil_ved(data):
    with pytest.raises(UgyldigBundle) as e:
        importer(data)
    return str(e.value)


def bundle_i_tom_db():
    data = eksporter()
    tom_innhold()
    return data


def test_bad_status_is_named_by_its_place():
    data = bundle_i_tom_db()
    data["tekster"][12]["versjoner"][0]["status"] = "x"
    assert 'tekster[12].versjoner[0].status: ukjent status "x"' in feil_ved(data)


@pytest.mark.parametrize(
    "endre,ventet",
    [
        (lambda d: d.pop("tekster"), 'bundle: mangler "tekster"'),
        (lambda d: d.update(skjemaversjon=99), "skjemaversjon 99 støttes ikke"),
        (lambda d: d.update(format="noko anna"), 'format: ukjent format "noko anna"'),
        (
            lambda d: d["tekster"][3].update(forlop="finst-ikkje"),
            'tekster[3].forlop: ukjent forløp "finst-ikkje"',
        ),
        (lambda d: d["tekster"][3].update(tjeneste="tull"), 'tekster[3].tjeneste: ukjent tjeneste "tull"'),
        (lambda d: d["tekster"][3].update(malform="en"), 'tekster[3].malform: ukjent malform "en"'),
        (
            lambda d: d["tekster"][3]["versjoner"][0].update(nummer="1"),
            "tekster[3].versjoner[0].nummer: skal være int, er str",
        ),
        (
            lambda d: d["tekster"][3]["versjoner"][0].update(nummer=2),
            "tekster[3].versjoner[0].nummer: versjonsnumrene skal gå 1, 2, 3",
        ),
        (
            lambda d: d["tekster"][3]["versjoner"][0].pop("markdown"),
            'tekster[3].versjoner[0]: mangler "markdown"',
        ),
        (lambda d: d["tekster"][3]["versjoner"][0].update(laget="i går"), "tekster[3].versjoner[0].laget:"),
        (
            lambda d: d["tekster"][3].update(publisert=77),
            "tekster[3].publisert: publisert versjon 77 finnes ikke",
        ),
        (
            lambda d: d["forlop"][0]["plasseringer"][0].update(niva="kjeller"),
            'forlop[0].plasseringer[0].niva: ukjent nivå "kjeller"',
        ),
        (
            lambda d: d["helsefellesskap"][0]["kommuner"][0].update(nummer="9999"),
            "helsefellesskap[0].kommuner[0].nummer: 9999 er ik",
        ),
        (
            lambda d: d["helsefellesskap"][0]["kommuner"][0]["lokale_tilbud"].append({}),
            "helsefellesskap[0].kommuner[0].lokale_tilbud[",
        ),
        (
            lambda d: d["revisjoner"][0].update(kommune="4699"),
            'revisjoner[0].kommune: ukjent kommunenummer "4699"',
        ),
        # One scope per row: a review (which the database would refuse only when written) and a text.
        (
            lambda d: d["revisjoner"][0].update(
                helsefellesskap=d["helsefellesskap"][0]["slug"],
                kommune=d["helsefellesskap"][0]["kommuner"][0]["nummer"],
            ),
            "revisjoner[0]: en revisjon har enten helsefellesskap eller kommune, ikke begge",
        ),
        (
            lambda d: d["tekster"][3].update(
                helsefellesskap=d["helsefellesskap"][0]["slug"],
                kommune=d["helsefellesskap"][0]["kommuner"][0]["nummer"],
            ),
            "tekster[3]: en tekst har enten helsefellesskap eller kommune, ikke begge",
        ),
        (lambda d: d["tekster"].append(copy.deepcopy(d["tekster"][0])), "finnes allerede som tekster[0]"),
        (
            lambda d: d["tjenester"][0].update(sektor="militær"),
            'tjenester[0].sektor: ukjent sektor "militær"',
        ),
    ],
)
def test_bad_bundles_are_refused_with_the_place(endre, ventet):
    data = bundle_i_tom_db()
    endre(data)
    assert ventet in feil_ved(data)
    assert not any(tell().values())


def test_unresolvable_felles_grunnlag_is_refused():
    data = bundle_i_tom_db()
    i, j = next(
        (i, j)
        for i, t in enumerate(data["tekster"])
        for j, v in enumerate(t["versjoner"])
        if v["felles_grunnlag"]
    )
    data["tekster"][i]["versjoner"][j]["felles_grunnlag"]["nummer"] = 999
    assert f"tekster[{i}].versjoner[{j}].felles_grunnlag: " in feil_ved(data)


def test_an_error_late_in_the_file_leaves_the_database_unchanged():
    data = bundle_i_tom_db()
    data["forslag"].append(
        {
            "tekst": "angst/-/bakgrunn/felles/nb",
            "grunnlag": None,
            "markdown": "x",
            "begrunnelse": "y",
            "laget": "2026-01-01T00:00:00+00:00",
            "status": "apent",
            "svar": "",
            "behandlet": None,
            "laget_av": "forvalter",
            "behandlet_av": 42,
        }
    )
    data["revisjoner"][-1]["neste_revisjon"] = "2026-13-45"
    melding = feil_ved(data)
    assert f"revisjoner[{len(data['revisjoner']) - 1}].neste_revisjon" in melding
    assert not any(tell().values())


def test_a_failure_while_writing_rolls_everything_back():
    data = bundle_i_tom_db()
    with mock.patch("sok.indeks.bygg", side_effect=RuntimeError("disk full")):
        with pytest.raises(RuntimeError):
            importer(data)
    assert not any(tell().values())
    assert not User.objects.filter(is_active=False).exists()


def test_dry_run_writes_nothing():
    data = bundle_i_tom_db()
    res = importer(data, dry_run=True)
    assert res["provekjoring"] and res["tekster"] > 0
    assert not any(tell().values())


# --- one helsefellesskap ----------------------------------------------------------------------
def slett_helsefellesskap(slug):
    hf = Helsefellesskap.objects.get(slug=slug)
    if apps.is_installed("tilbakemelding"):
        apps.get_model("tilbakemelding", "Tilbakemelding").objects.filter(helsefellesskap=hf).delete()
        apps.get_model("tilbakemelding", "Tilbakemelding").objects.filter(
            kommune__helsefellesskap=hf
        ).delete()
    tekster = Tekst.objects.filter(helsefellesskap=hf) | Tekst.objects.filter(kommune__helsefellesskap=hf)
    tekster.update(publisert=None)
    Tekstversjon.objects.filter(tekst__in=tekster).update(forrige=None)
    Tekstversjon.objects.filter(tekst__in=tekster).delete()
    tekster.delete()
    Revisjon.objects.filter(helsefellesskap=hf).delete()
    Revisjon.objects.filter(kommune__helsefellesskap=hf).delete()
    Medlemskap.objects.filter(helsefellesskap=hf).delete()
    Medlemskap.objects.filter(kommune__helsefellesskap=hf).delete()
    LokaltTilbud.objects.filter(kommune__helsefellesskap=hf).delete()
    Kommune.objects.filter(helsefellesskap=hf).delete()
    hf.delete()


def test_helsefellesskap_bundle_adopts_the_felles_tekst(arbeid):
    data = eksporter("helse-fonna")
    assert data["omfang"] == {"helsefellesskap": "helse-fonna"}
    assert data["malform"] == "nn"
    assert "forlop" not in data and "nivaer" not in data
    assert {
        t["helsefellesskap"] or Kommune.objects.get(nummer=t["kommune"]).helsefellesskap.slug
        for t in data["tekster"]
    } == {"helse-fonna"}
    assert data["felles_grunnlag"], "the felles versions the variants build on"
    felles_for = Tekstversjon.objects.filter(
        tekst__helsefellesskap__isnull=True, tekst__kommune__isnull=True
    ).count()

    slett_helsefellesskap("helse-fonna")
    importer(data)
    assert som_json(eksporter("helse-fonna")) == som_json(data)
    # The felles tekst is untouched; the variants point at its versions.
    assert (
        Tekstversjon.objects.filter(tekst__helsefellesskap__isnull=True, tekst__kommune__isnull=True).count()
        == felles_for
    )
    variant = Tekst.objects.filter(helsefellesskap__slug="helse-fonna", publisert__isnull=False).first()
    assert variant.publisert.felles_grunnlag.tekst.helsefellesskap_id is None
    assert Client_get("/kommune/1106/").status_code == 200


def test_helsefellesskap_bundle_needs_the_same_felles_tekst(arbeid):
    data = eksporter("helse-fonna")
    slett_helsefellesskap("helse-fonna")
    data["felles_grunnlag"][0]["sha256"] = "0" * 64
    melding = feil_ved(data)
    assert "felles_grunnlag[0]: felles tekst" in melding and "har annet innhold" in melding
    data["felles_grunnlag"][0]["nummer"] = 500
    assert "finnes ikke i denne installasjonen" in feil_ved(data)
    assert not Helsefellesskap.objects.filter(slug="helse-fonna").exists()


def test_helsefellesskap_bundle_is_checked_against_the_database_in_a_few_queries(
    arbeid, django_assert_max_num_queries
):
    data = eksporter("helse-fonna")
    assert len(data["felles_grunnlag"]) >= 1 and len(data["helsefellesskap"][0]["kommuner"]) > 10
    # As many grunnlag entries as kommunar: neither may cost a query each.
    data["felles_grunnlag"] *= 10
    slett_helsefellesskap("helse-fonna")
    with django_assert_max_num_queries(8):
        utveksling._valider(data)


def test_helsefellesskap_bundle_names_a_malformed_felles_reference():
    data = eksporter("helse-fonna")
    slett_helsefellesskap("helse-fonna")
    data["felles_grunnlag"] += [
        {"tekst": 5, "nummer": 1, "sha256": ""},
        {"tekst": "angst", "nummer": 1, "sha256": ""},
    ]
    n = len(data["felles_grunnlag"])
    versjon = next(v for t in data["tekster"] for v in t["versjoner"] if v["felles_grunnlag"])
    versjon["felles_grunnlag"]["tekst"] = 5
    melding = feil_ved(data)
    assert f"felles_grunnlag[{n - 2}]: felles tekst 5 v1 finnes ikke" in melding
    assert f"felles_grunnlag[{n - 1}]: felles tekst angst v1 finnes ikke" in melding
    assert '"5" er ikke en felles tekst' in melding
    # A reference that is no plain value is named before anything looks it up.
    data["felles_grunnlag"][-1]["nummer"] = [1]
    assert f"felles_grunnlag[{n - 1}].nummer: skal være tekst, et heltall eller null, er list" in feil_ved(
        data
    )


def test_a_slot_key_reads_back_into_its_parts(arbeid):
    tekster = eksporter()["tekster"]
    assert {t["kommune"] is not None for t in tekster} == {True, False}
    for t in tekster:
        nokkel = Tekstnokkel.les(t["nokkel"])
        assert nokkel == (
            Tekstplass(t["forlop"], t["tjeneste"], t["tekstdel"]),
            t["helsefellesskap"],
            t["kommune"],
            t["malform"],
        )
        assert str(nokkel) == t["nokkel"]
    for ikke in (None, 5, "angst/bup/rolle/felles", "angst/bup/rolle/hf:/nn", "angst/bup/rolle/fylke:46/nn"):
        assert Tekstnokkel.les(ikke) is None


def test_helsefellesskap_bundle_is_refused_when_it_exists():
    data = eksporter("helse-fonna")
    melding = feil_ved(data)
    assert 'omfang.helsefellesskap: helsefellesskapet "helse-fonna" finnes allerede' in melding
    assert "kommune 1106 finnes allerede" in melding


def test_helsefellesskap_bundle_cannot_carry_felles_tekst():
    data = eksporter("helse-fonna")
    slett_helsefellesskap("helse-fonna")
    felles = next(t for t in eksporter()["tekster"] if t["helsefellesskap"] is None and t["kommune"] is None)
    data["tekster"].append(felles)
    assert "en helsefellesskap-bundle kan ikke inneholde felles tekst" in feil_ved(data)


# --- the commands -----------------------------------------------------------------------------
def test_commands_round_trip(tmp_path, arbeid):
    fil = tmp_path / "innhald.json"
    call_command("export_innhold", "-o", str(fil), stderr=io.StringIO())
    forst = fil.read_text(encoding="utf-8")
    assert json.loads(forst)["format"] == "bupkart-innhald"
    ut = io.StringIO()
    call_command("export_innhold", "--helsefellesskap", "helse-fonna", stdout=ut)
    assert json.loads(ut.getvalue())["omfang"]["helsefellesskap"] == "helse-fonna"

    tom_innhold()
    ut = io.StringIO()
    call_command("import_innhold", str(fil), "--dry-run", stdout=ut)
    assert "Prøvekjøring" in ut.getvalue()
    assert not any(tell().values())
    call_command("import_innhold", str(fil), stdout=io.StringIO())
    andre = tmp_path / "igjen.json"
    call_command("export_innhold", "-o", str(andre), stderr=io.StringIO())
    assert andre.read_text(encoding="utf-8") == forst


def test_import_command_reports_a_bad_bundle(tmp_path):
    fil = tmp_path / "feil.json"
    data = bundle_i_tom_db()
    data["tekster"][12]["versjoner"][0]["status"] = "x"
    fil.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError, match=r'tekster\[12\]\.versjoner\[0\]\.status: ukjent status "x"'):
        call_command("import_innhold", str(fil))
    fil.write_text("{ikkje json", encoding="utf-8")
    with pytest.raises(CommandError, match="ikke gyldig JSON: linje 1"):
        call_command("import_innhold", str(fil))
    with pytest.raises(CommandError, match="Ukjent helsefellesskap"):
        call_command("export_innhold", "--helsefellesskap", "finst-ikkje")
