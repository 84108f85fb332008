"""The check of the hand-written demo content (manage.py sjekk_innhold): the fixtures pass, and
each kind of mistake in a forløp file is named by its file and place, in a fixed order."""

import copy
import io
import textwrap

import pytest
import yaml
from django.core.management import call_command

from tests.test_tilbakemelding import gyldig_fnr
from utveksling.innhold import katalog, les_yaml, sjekk_alt, sjekk_forlop, sjekk_kasus, sjekk_samhandling

LANG = "Barneverntenesteundersøkingsprosedyrar kommunehelsetenesteorganisering spesialisthelsetenesta. "


@pytest.fixture
def angst():
    return copy.deepcopy(les_yaml("forlop/angst.yaml"))


def feil(data, filnavn="angst.yaml"):
    return sjekk_forlop(data, filnavn, *katalog()).feil


def test_the_demo_content_passes():
    assert sjekk_alt().feil == []
    ut = io.StringIO()
    call_command("sjekk_innhold", stdout=ut, stderr=io.StringIO())
    assert "Innholdet er i orden." in ut.getvalue()


def test_a_file_without_its_parts_is_checked_no_further(angst):
    del angst["sjekkliste"], angst["familie"]
    angst["tittel"] = None
    assert feil(angst) == ["angst.yaml: mangler sjekkliste", "angst.yaml: mangler familie"]


def test_each_mistake_is_named_by_its_place(angst):
    angst["bakgrunn"]["nn"] = angst["bakgrunn"]["nb"]
    angst["ingress"]["nn"] = " "
    del angst["familie"]["videre"]
    angst["familie"]["om"]["nb"] = LANG * 5
    tjenester = angst["tjenester"]  # [0] is legevakt; [1] and [2] barnehage and skole
    tjenester[3]["niva"] = "kjeller"
    tjenester[4]["tjeneste"] = "helsestasjon"
    tjenester[5]["tjeneste"] = "tull"
    del tjenester[6]["seksjonar"]["medvirkning"]
    tjenester[6]["seksjonar"]["rolle"]["nn"] = tjenester[6]["seksjonar"]["rolle"]["nb"]
    assert feil(angst, "forlop/uro.yaml") == [
        "forlop/uro.yaml: slug angst passer ikke med filnavnet",
        "forlop/uro.yaml:ingress.nn: tom tekst",
        "forlop/uro.yaml:bakgrunn: nb og nn er like",
        "forlop/uro.yaml:familie.om.nb: LIX 103.0 er over 40",
        "forlop/uro.yaml:familie.videre: trenger nøyaktig nb og nn",
        "forlop/uro.yaml:tjenester[3]: ukjent nivå 'kjeller'",
        "forlop/uro.yaml:tjenester[4]: helsestasjon står to ganger",
        "forlop/uro.yaml:tjenester[5]: ukjent tjeneste 'tull'",
        "forlop/uro.yaml:tjenester[6] (psykisk-helse-kommune): seksjonene må være nøyaktig "
        "['rolle', 'kartlegging', 'tiltak', 'evaluering', 'samarbeid', 'henvisning', 'medvirkning']",
        "forlop/uro.yaml:tjenester[6] (psykisk-helse-kommune).rolle: nb og nn er like",
        "forlop/uro.yaml: mangler ['fastlege', 'ppt']",
        # the bokmål copied into nynorsk is named word by word as well
        "forlop/uro.yaml:bakgrunn.nn: fra, hjemme, ikke, selv, skolen er ikke nynorsk",
        "forlop/uro.yaml:tjenester[6] (psykisk-helse-kommune).rolle.nn: fra, ikke, tjenesten, utredning er ikke nynorsk",
    ]


def test_a_forlop_needs_enough_services_and_the_core_ones(angst):
    angst["tjenester"] = angst["tjenester"][3:5]  # helsestasjon and fastlege
    assert feil(angst) == [
        "angst.yaml: bare 2 tjenester, trenger minst 8",
        "angst.yaml: mangler ['barnevern', 'bup', 'ppt', 'psykisk-helse-kommune']",
        "angst.yaml: trenger barnehage og/eller skole",
    ]


def test_a_title_may_be_the_same_word_in_both(angst):
    angst["tittel"] = {"nb": "Angst og bekymring", "nn": "Angst og bekymring"}
    assert feil(angst) == []


# Sentences as the content said them before issue 13, each a mistake a reader would act on.
GAMMELT = yaml.safe_load(
    textwrap.dedent("""
    familie:
      selv:
        nb: |
          Ta kontakt med en gang hvis du er redd for at noen kan skade barnet. Ring 113 om det haster.
        nn: |
          Ta kontakt med ein gong om du er redd for at nokon kan skade barnet. Ring 113 om det hastar.
      videre:
        nb: |
          Er barnet i fare nå, ring politiet på 112. Trenger barnet lege med en gang, ring 113.

          Du kan også ringe barnevernet i kommunen direkte.
        nn: |
          Er barnet i fare no, ring politiet på 112. Treng barnet lege med ein gong, ring 113.
    medvirkning:
      nb: |
          Barnet skal høres fra 7 år, og fra 12 år skal meningen veie tungt (barneloven § 31).

          - KATES Barn som intervju fra 7 år.
      nn: |
          Frå sju år skal meininga bli høyrd og frå tolv år vege tungt (barnelova § 31).
    """)
)


def _med(angst, slug, familie=None, medvirkning=None):
    angst["slug"] = slug
    if familie:
        angst["familie"].update(familie)
    if medvirkning:
        angst["tjenester"][3]["seksjonar"]["medvirkning"] = medvirkning  # helsestasjon
    return feil(angst, f"{slug}.yaml")


def test_113_for_danger_from_a_person_is_named(angst):
    assert _med(angst, "angst", familie={"selv": GAMMELT["familie"]["selv"]}) == [
        "angst.yaml:familie.selv.nb: 113 ved fare fra en person; det er politiet på 112",
        "angst.yaml:familie.selv.nn: 113 ved fare fra en person; det er politiet på 112",
    ]


def test_113_beside_112_for_a_medical_need_passes(angst):
    assert _med(angst, "angst", familie={"videre": GAMMELT["familie"]["videre"]}) == []


def test_heard_from_7_without_the_younger_children_is_named(angst):
    assert _med(angst, "angst", medvirkning=GAMMELT["medvirkning"]) == [
        "angst.yaml:tjenester[3] (helsestasjon).medvirkning.nb: «Barnet skal høres fra 7 år, og fra 12 år "
        "skal meningen veie tungt (barneloven § 31)» uten de yngre barna som kan si sin mening",
        "angst.yaml:tjenester[3] (helsestasjon).medvirkning.nn: «Frå sju år skal meininga bli høyrd og frå "
        "tolv år vege tungt (barnelova § 31)» uten de yngre barna som kan si sin mening",
    ]


def test_heard_from_7_with_the_younger_children_passes(angst):
    medvirkning = {
        "nb": "Yngre barn som kan danne seg egne meninger, skal også høres. Fra 7 år skal barnet alltid høres.",
        "nn": "Yngre barn som kan danne seg eigne meiningar, skal òg høyrast. Frå 7 år skal barnet alltid høyrast.",
    }
    assert _med(angst, "angst", medvirkning=medvirkning) == []


def test_the_vald_family_page_needs_116_111_and_112(angst):
    vald = copy.deepcopy(les_yaml("forlop/vold-overgrep-omsorgssvikt.yaml"))
    assert feil(vald, "vold-overgrep-omsorgssvikt.yaml") == []
    vald["familie"]["videre"] = GAMMELT["familie"]["videre"]
    for kort in ("om", "tegn", "selv"):
        for mf in ("nb", "nn"):
            vald["familie"][kort][mf] = vald["familie"][kort][mf].replace("116 111", "").replace("112", "")
    assert feil(vald, "vold-overgrep-omsorgssvikt.yaml") == [
        "vold-overgrep-omsorgssvikt.yaml:familie.nb: mangler 116 111 på familiesiden",
        "vold-overgrep-omsorgssvikt.yaml:familie.nn: mangler 116 111 på familiesiden",
    ]
    assert _med(angst, "vold-overgrep-omsorgssvikt") == [
        f"vold-overgrep-omsorgssvikt.yaml:familie.{mf}: mangler {nummer} på familiesiden"
        for nummer in ("112", "116 111")
        for mf in ("nb", "nn")
    ]


def test_variants_are_checked_for_the_same_facts(monkeypatch):
    variant = [{"markdown": GAMMELT["familie"]["selv"]["nn"]}]
    monkeypatch.setattr(
        "utveksling.innhold.les_yaml", lambda navn: variant if navn == "varianter.yaml" else les_yaml(navn)
    )
    assert sjekk_alt().feil[:1] == ["varianter.yaml[0]: 113 ved fare fra en person; det er politiet på 112"]


def test_the_samhandling_demo_is_checked_for_invented_people_and_known_forlop():
    data = copy.deepcopy(les_yaml("samhandling.yaml"))
    forlop = {"angst", "uro-og-merksemd", "spisevansker", "tristhet-og-depresjon"}
    assert sjekk_samhandling(data, forlop).feil == []
    person = data["kontaktpersonar"][0]
    person |= {"telefon": "71 00 00 00", "epost": "a@molde.kommune.no", "forlop": ["finst-ikkje"]}
    data["hoyringar"][0]["kommentarar"][0]["tekst"] = f"Sjå {gyldig_fnr()}"
    assert sjekk_samhandling(data, forlop).feil == [
        "samhandling.yaml: hoyringar[0].kommentarar[0].tekst: inneholder et fødselsnummer",
        "samhandling.yaml: kontaktpersonar[0].telefon: et oppdiktet nummer begynner med 00",
        "samhandling.yaml: kontaktpersonar[0].epost: en oppdiktet adresse slutter på .example",
        "samhandling.yaml: kontaktpersonar[0].forlop: ukjent forløp finst-ikkje",
    ]


def test_a_word_of_the_other_malform_is_named_by_its_place(angst):
    skole = angst["tjenester"][2]["seksjonar"]
    skole["rolle"]["nb"] += "\n\nSkolen kan ikkje gjøre alt alene."
    skole["tiltak"]["nn"] += "\n\nHelsesjukepleiaren hjelper eleven hjemme og på skulen."
    assert feil(angst) == [
        "angst.yaml:tjenester[2] (skole).rolle.nb: ikkje er ikke bokmål",
        "angst.yaml:tjenester[2] (skole).tiltak.nn: hjemme er ikke nynorsk",
    ]


def test_names_and_italic_titles_keep_their_own_spelling(angst):
    angst["bakgrunn"]["nn"] += "\n\nSkulen brukar Jeg vet og *Nasjonal faglig retningslinje for utredning*."
    assert feil(angst) == []


def test_the_cases_are_checked_for_malform_facts_and_fodselsnummer():
    data = copy.deepcopy(les_yaml("oving/kasus.yaml"))
    assert sjekk_kasus(data).feil == []
    data[0]["steg"][1]["hending_nn"] = "Emma vil ikke gå på skulen."
    data[1]["tittel_nb"] = "Noah leikar helst åleine"
    data[2]["situasjon_nb"] += f" Fødselsnummeret er {gyldig_fnr()}."
    data[6]["steg"][0]["hending_nb"] = "Noen slår Mia. Ring 113."
    assert sjekk_kasus(data).feil == [
        "oving/kasus.yaml: [0].steg[1].hending_nn: ikke er ikke nynorsk",
        "oving/kasus.yaml: [1].tittel_nb: åleine er ikke bokmål",
        "oving/kasus.yaml: [2].situasjon_nb: inneholder et fødselsnummer",
        "oving/kasus.yaml: [6].steg[0].hending_nb: 113 ved fare fra en person; det er politiet på 112",
    ]
