"""The check of the hand-written demo content (manage.py sjekk_innhold): the fixtures pass, and
each kind of mistake in a forløp file is named by its file and place, in a fixed order."""

import copy
import io

import pytest
from django.core.management import call_command

from utveksling.innhold import katalog, les_yaml, sjekk_alt, sjekk_forlop

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
    angst["tittel"]["nn"] = angst["tittel"]["nb"]
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
        "forlop/uro.yaml:tittel: nb og nn er like",
        "forlop/uro.yaml:ingress.nn: tom tekst",
        "forlop/uro.yaml:familie.om.nb: LIX 103.0 er over 40",
        "forlop/uro.yaml:familie.videre: trenger nøyaktig nb og nn",
        "forlop/uro.yaml:tjenester[3]: ukjent nivå 'kjeller'",
        "forlop/uro.yaml:tjenester[4]: helsestasjon står to ganger",
        "forlop/uro.yaml:tjenester[5]: ukjent tjeneste 'tull'",
        "forlop/uro.yaml:tjenester[6] (psykisk-helse-kommune): seksjonene må være nøyaktig "
        "['rolle', 'kartlegging', 'tiltak', 'evaluering', 'samarbeid', 'henvisning', 'medvirkning']",
        "forlop/uro.yaml:tjenester[6] (psykisk-helse-kommune).rolle: nb og nn er like",
        "forlop/uro.yaml: mangler ['fastlege', 'ppt']",
    ]


def test_a_forlop_needs_enough_services_and_the_core_ones(angst):
    angst["tjenester"] = angst["tjenester"][3:5]  # helsestasjon and fastlege
    assert feil(angst) == [
        "angst.yaml: bare 2 tjenester, trenger minst 8",
        "angst.yaml: mangler ['barnevern', 'bup', 'ppt', 'psykisk-helse-kommune']",
        "angst.yaml: trenger barnehage og/eller skole",
    ]
