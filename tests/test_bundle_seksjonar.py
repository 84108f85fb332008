"""The bundle validator section by section: a small bundle written out by hand, one mistake in
every section, and the exact messages (wording, order, place) and query counts the import has
always given. They hold the validator and the writer to their behaviour whatever their shape."""

import copy
from unittest import mock

import pytest

from bupkart import signaler
from forlop.models import Tekstversjon
from tests.test_utveksling import tom_innhold
from utveksling import bundle as utveksling
from utveksling.bundle import UgyldigBundle, importer

pytestmark = pytest.mark.django_db

FELLES = "angst/fastlege/rolle/felles/nn"
LAGET = "2026-01-05T10:00:00+00:00"


def versjon(nummer, status, **mer):
    return {
        "nummer": nummer,
        "markdown": f"Tekst, versjon {nummer}.",
        "status": status,
        "endringsnotat": "",
        "laget": LAGET,
        "publisert_tid": LAGET if status in ("publisert", "erstattet") else None,
        "kommentar": "",
        "trukket_tid": None,
        "trukket_notat": "",
        "forrige": nummer - 1 or None,
        "felles_grunnlag": None,
        "laget_av": "forvalter",
        "publisert_av": "forvalter" if status in ("publisert", "erstattet") else None,
        "trukket_av": None,
        **mer,
    }


def tekst(tjeneste, omfang, versjoner, publisert, helsefellesskap=None, kommune=None):
    return {
        "nokkel": f"angst/{tjeneste or '-'}/rolle/{omfang}/nn",
        "forlop": "angst",
        "tjeneste": tjeneste,
        "tekstdel": "rolle",
        "helsefellesskap": helsefellesskap,
        "kommune": kommune,
        "malform": "nn",
        "publisert": publisert,
        "versjoner": versjoner,
    }


def navn_i_begge(slug):
    return {"navn_nb": slug.title(), "navn_nn": slug.title(), "beskrivelse_nb": "B.", "beskrivelse_nn": "B."}


def kommune(nummer, navn, tilbud=()):
    return {
        "nummer": nummer,
        "navn": navn,
        "kontakt_rolle": "",
        "kontakt_telefon": "",
        "kontakt_epost": "",
        "legevakt_telefon": "116 117",
        "nettside": "",
        "lokale_tilbud": list(tilbud),
    }


def lokalt_tilbud(navn, tjeneste, niva):
    return {
        "navn": navn,
        "tilbyr": "Samtalar.",
        "telefon": "",
        "epost": "",
        "adresse": "",
        "nettside": "",
        "apningstider": "",
        "forste_kontakt": False,
        "tjeneste": tjeneste,
        "niva": niva,
    }


def revisjon(helsefellesskap=None, kommune=None):
    return {
        "forlop": "angst",
        "helsefellesskap": helsefellesskap,
        "kommune": kommune,
        "sist_revidert": "2026-01-05",
        "neste_revisjon": "2027-01-05",
    }


def full_bundle():
    """Every section of a full bundle, each with a row or two, valid as it stands."""
    return {
        "format": "bupkart-innhald",
        "skjemaversjon": 2,
        "omfang": {"helsefellesskap": None},
        "malform": None,
        "nivaer": [
            {"slug": "tidleg", "rekkefolge": 1, **navn_i_begge("tidleg")},
            {"slug": "spesialist", "rekkefolge": 2, **navn_i_begge("spesialist")},
        ],
        "tjenester": [
            {"slug": slug, "sektor": sektor, "lovgrunnlag": "", **navn_i_begge(slug)}
            for slug, sektor in (("fastlege", "kommunal-helse"), ("bup", "spesialist"), ("ppt", "oppvekst"))
        ],
        "forlop": [
            {
                "slug": "angst",
                "tittel_nb": "Angst",
                "tittel_nn": "Angst",
                "ingress_nb": "",
                "ingress_nn": "",
                "rekkefolge": 1,
                "publisert": True,
                "plasseringer": [
                    {"tjeneste": "fastlege", "niva": "tidleg", "rekkefolge": 0},
                    {"tjeneste": "bup", "niva": "spesialist", "rekkefolge": 1},
                ],
            }
        ],
        "helsefellesskap": [
            {
                "slug": "helse-fonna",
                "navn": "Helse Fonna",
                "malform": "nn",
                "helseforetak": "Helse Fonna HF",
                "bup_akutt_telefon": "",
                "bup_akutt_merknad": "",
                "nettside": "",
                "kommuner": [
                    kommune(
                        "1106",
                        "Haugesund",
                        [
                            lokalt_tilbud("BUP Haugesund", "bup", "spesialist"),
                            lokalt_tilbud("PPT Haugesund", "ppt", "tidleg"),
                        ],
                    ),
                    kommune("1149", "Karmøy"),
                ],
            }
        ],
        "tekster": [
            tekst("fastlege", "felles", [versjon(1, "erstattet"), versjon(2, "publisert")], 2),
            tekst(
                "fastlege",
                "hf:helse-fonna",
                [versjon(1, "publisert", felles_grunnlag={"tekst": FELLES, "nummer": 2})],
                1,
                helsefellesskap="helse-fonna",
            ),
            tekst("bup", "kommune:1106", [versjon(1, "utkast", laget_av="redaktor")], None, kommune="1106"),
        ],
        "revisjoner": [revisjon(), revisjon(helsefellesskap="helse-fonna")],
        "forslag": [
            {
                "tekst": FELLES,
                "grunnlag": 2,
                "markdown": "Betre.",
                "begrunnelse": "Klarspråk.",
                "laget": LAGET,
                "status": "apent",
                "svar": "",
                "behandlet": None,
                "laget_av": "redaktor",
                "behandlet_av": None,
            }
        ],
    }


def feil(data):
    with pytest.raises(UgyldigBundle) as e:
        utveksling._valider(data)
    return e.value.feil


@pytest.fixture
def tom_db():
    tom_innhold()


def test_the_small_bundle_is_valid_and_imports(tom_db):
    res = importer(full_bundle(), dry_run=True)
    assert (res["helsefellesskap"], res["kommuner"], res["lokale_tilbud"]) == (1, 2, 2)
    assert (res["tekster"], res["versjoner"], res["revisjoner"], res["forslag"]) == (3, 4, 2, 1)


def test_each_section_of_a_full_bundle_names_its_own_errors_in_order(tom_db):
    data = full_bundle()
    data["nivaer"][1]["rekkefolge"] = 1
    data["tjenester"][2]["slug"] = "bup"
    forlop = data["forlop"][0]
    forlop["plasseringer"][0]["niva"] = "kjeller"
    forlop["plasseringer"].append({"tjeneste": "bup", "niva": "tidleg", "rekkefolge": -1})
    data["forlop"].append({**copy.deepcopy(forlop), "slug": "autisme"})
    del data["forlop"][1]["plasseringer"]
    hf = data["helsefellesskap"][0]
    hf["kommuner"][1]["nummer"] = "1106"
    tilbud = hf["kommuner"][0]["lokale_tilbud"]
    tilbud[1].update(navn="BUP Haugesund", tjeneste="tull", niva="kjeller")
    data["helsefellesskap"].append({**copy.deepcopy(hf), "slug": "helse-fonna", "kommuner": []})
    felles, variant, lokal = data["tekster"]
    felles["versjoner"][1].update(forrige=2, laget_av="", felles_grunnlag={"tekst": FELLES, "nummer": 1})
    felles["publisert"] = 1
    variant.update(kommune="1149")
    variant["versjoner"][0]["felles_grunnlag"]["nummer"] = 7
    lokal.update(forlop="autisme", nokkel="feil")
    lokal["versjoner"][0]["nummer"] = 3
    data["tekster"].append(copy.deepcopy(felles))
    data["revisjoner"].append(revisjon(kommune="4699"))
    data["revisjoner"].append(revisjon())
    data["forslag"][0].update(grunnlag=9, laget_av=None)
    data["forslag"].append({**data["forslag"][0], "tekst": "angst/-/bakgrunn/felles/nb"})
    assert feil(data) == [
        'tjenester[2].slug: "bup" finnes to ganger',
        "nivaer[1].rekkefolge: 1 finnes to ganger",
        'forlop[0].plasseringer[0].niva: ukjent nivå "kjeller"',
        'forlop[0].plasseringer[2].tjeneste: tjenesten "bup" er plassert to ganger',
        "forlop[0].plasseringer[2].rekkefolge: skal være et heltall ≥ 0",
        'forlop[1]: mangler "plasseringer"',
        'helsefellesskap[0].kommuner[0].lokale_tilbud[1].tjeneste: ukjent tjeneste "tull"',
        'helsefellesskap[0].kommuner[0].lokale_tilbud[1].niva: ukjent nivå "kjeller"',
        'helsefellesskap[0].kommuner[0].lokale_tilbud[1].navn: tilbudet "BUP Haugesund" finnes to ganger i kommunen',
        "helsefellesskap[0].kommuner[1].nummer: kommunenummer 1106 finnes to ganger",
        'helsefellesskap[1].slug: helsefellesskapet "helse-fonna" finnes to ganger',
        "tekster[0].versjoner[1].forrige: forrige versjon 2 finnes ikke før versjon 2",
        "tekster[0].versjoner[1].felles_grunnlag: felles tekst bygger ikke på en annen felles tekst",
        "tekster[0].versjoner[1].laget_av: skal være et brukernavn eller null",
        'tekster[0].publisert: versjon 1 er publisert, men har status "erstattet"',
        'tekster[0].versjoner[1].status: status "publisert", men teksten peker på versjon 1',
        "tekster[1]: en tekst har enten helsefellesskap eller kommune, ikke begge",
        'tekster[1].kommune: ukjent kommunenummer "1149"',
        'tekster[1].nokkel: "angst/fastlege/rolle/hf:helse-fonna/nn" passer ikke til feltene (ventet "angst/fastlege/rolle/kommune:1149/nn")',
        'tekster[2].forlop: ukjent forløp "autisme"',
        'tekster[2].nokkel: "feil" passer ikke til feltene (ventet "autisme/bup/rolle/kommune:1106/nn")',
        "tekster[2].versjoner[0].nummer: versjonsnumrene skal gå 1, 2, 3 … uten hull: ventet 1, fant 3",
        'tekster[3].nokkel: teksten "angst/fastlege/rolle/felles/nn" finnes allerede som tekster[0]',
        "tekster[3].versjoner[1].forrige: forrige versjon 2 finnes ikke før versjon 2",
        "tekster[3].versjoner[1].felles_grunnlag: felles tekst bygger ikke på en annen felles tekst",
        "tekster[3].versjoner[1].laget_av: skal være et brukernavn eller null",
        'tekster[3].publisert: versjon 1 er publisert, men har status "erstattet"',
        'tekster[3].versjoner[1].status: status "publisert", men teksten peker på versjon 1',
        "tekster[1].versjoner[0].felles_grunnlag: angst/fastlege/rolle/felles/nn v7 finnes ikke i bundlen",
        'revisjoner[2].kommune: ukjent kommunenummer "4699"',
        "revisjoner[3]: revisjonen finnes to ganger",
        "forslag[0].grunnlag: versjon 9 finnes ikke",
        "forslag[0].laget_av: skal være et brukernavn",
        'forslag[1].tekst: ukjent tekst "angst/-/bakgrunn/felles/nb"',
        "forslag[1].laget_av: skal være et brukernavn",
    ]


def test_a_helsefellesskap_bundle_names_its_own_errors_in_order(tom_db, django_assert_num_queries):
    importer(full_bundle())
    felles_md = Tekstversjon.objects.get(tekst__kommune=None, tekst__helsefellesskap=None, nummer=2).markdown
    data = {
        "format": "bupkart-innhald",
        "skjemaversjon": 2,
        "omfang": {"helsefellesskap": "helse-stavanger"},
        "malform": "nb",
        "helsefellesskap": [
            {
                **full_bundle()["helsefellesskap"][0],
                "slug": "helse-stavanger",
                "kommuner": [kommune("1103", "Stavanger"), kommune("1106", "Haugesund")],
            },
            {**full_bundle()["helsefellesskap"][0], "slug": "helse-bergen", "kommuner": []},
        ],
        "felles_grunnlag": [
            {"tekst": FELLES, "nummer": 2, "sha256": utveksling._hash(felles_md)},
            {"tekst": FELLES, "nummer": 1, "sha256": "0" * 64},
            {"tekst": FELLES, "nummer": 5, "sha256": ""},
        ],
        "tekster": [
            tekst(
                "fastlege",
                "hf:helse-stavanger",
                [
                    versjon(1, "erstattet", felles_grunnlag={"tekst": FELLES, "nummer": 2}),
                    versjon(2, "publisert", felles_grunnlag={"tekst": FELLES, "nummer": 1}),
                ],
                2,
                helsefellesskap="helse-stavanger",
            ),
            tekst("bup", "felles", [versjon(1, "publisert")], 1),
        ],
        "revisjoner": [revisjon(helsefellesskap="helse-stavanger"), revisjon()],
    }
    # The model, the helsefellesskap and kommunar here, and the felles versions named: 7 reads.
    with django_assert_num_queries(7):
        melding = feil(data)
    assert melding == [
        "helsefellesskap[0].kommuner[1].nummer: kommune 1106 finnes allerede i denne installasjonen",
        'helsefellesskap[1].slug: "helse-bergen" er ikke helsefellesskapet bundlen gjelder ("helse-stavanger")',
        "felles_grunnlag[1]: felles tekst angst/fastlege/rolle/felles/nn v1 har annet innhold i denne installasjonen",
        "felles_grunnlag[2]: felles tekst angst/fastlege/rolle/felles/nn v5 finnes ikke i denne installasjonen",
        "tekster[0].versjoner[1].felles_grunnlag: angst/fastlege/rolle/felles/nn v1 står ikke i felles_grunnlag",
        "tekster[1]: en helsefellesskap-bundle kan ikke inneholde felles tekst",
        "revisjoner[1]: en helsefellesskap-bundle kan ikke inneholde revisjon av felles tekst",
    ]


@pytest.mark.parametrize(
    "endre,ventet",
    [
        (
            lambda d: d.update(format="x", skjemaversjon=4),
            [
                'format: ukjent format "x", ventet "bupkart-innhald"',
                "skjemaversjon: skjemaversjon 4 støttes ikke (denne versjonen leser 3)",
            ],
        ),
        (
            lambda d: d.update(omfang={"helsefellesskap": 5}),
            [
                'omfang: skal være {"helsefellesskap": slug eller null}',
            ],
        ),
        (
            lambda d: d.pop("forslag"),
            [
                'bundle: mangler "forslag" (en full bundle har hele modellen)',
            ],
        ),
        (
            lambda d: d.update(tekster={}, revisjoner=None, forslag="x"),
            [
                "tekster: skal være en liste, er dict",
                "revisjoner: skal være en liste, er NoneType",
                "forslag: skal være en liste, er str",
            ],
        ),
    ],
)
def test_a_malformed_envelope_or_section_list_is_named(tom_db, endre, ventet):
    data = full_bundle()
    endre(data)
    assert feil(data) == ventet


def test_a_full_bundle_is_checked_and_written_in_a_fixed_number_of_queries(tom_db, django_assert_num_queries):
    data = full_bundle()
    with django_assert_num_queries(6):
        plan = utveksling._valider(data)
    # The search index and page cache hear of the import through the signal, whose cost is theirs.
    with mock.patch.object(signaler, "send_bulk"), django_assert_num_queries(18):
        utveksling._skriv(plan)
