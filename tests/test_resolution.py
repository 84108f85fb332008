"""Every branch of the resolution rule: kommune → helsefellesskap → felles, målform within scope."""

import pytest

from forlop.models import Omfang, Tekstdel
from forlop.resolution import Kontekst, los

from . import bygg

pytestmark = pytest.mark.django_db
DEL = Tekstdel.HENVISNING


@pytest.fixture
def oppsett():
    hf = bygg.helsefellesskap(malform="nn")
    annet_hf = bygg.helsefellesskap(malform="nb")
    return {
        "hf": hf,
        "annet_hf": annet_hf,
        "kommune": bygg.kommune(hf, "4699"),
        "nabo": bygg.kommune(hf, "4698"),
        "fjern": bygg.kommune(annet_hf, "1199"),
        "forlop": bygg.forlop(),
        "tjeneste": bygg.tjeneste(),
    }


def vis(o, malform="nb", kommune=None):
    return los(Kontekst(malform=malform, kommune=kommune), forlop=o["forlop"]).get(
        (o["forlop"].pk, o["tjeneste"].pk, DEL.value)
    )


def skriv(o, markdown, **kw):
    return bygg.tekst(o["forlop"], o["tjeneste"], DEL, markdown, **kw)


def test_felles_in_readers_malform(oppsett):
    skriv(oppsett, "Felles nb", malform="nb")
    skriv(oppsett, "Felles nn", malform="nn")
    valgt = vis(oppsett, "nn", oppsett["kommune"])
    assert (valgt.versjon.markdown, valgt.omfang, valgt.er_lokal, valgt.annen_malform) == (
        "Felles nn",
        Omfang.FELLES,
        False,
        False,
    )


def test_falls_back_to_other_malform_with_note(oppsett):
    skriv(oppsett, "Berre bokmål", malform="nb")
    valgt = vis(oppsett, "nn")
    assert valgt.versjon.markdown == "Berre bokmål"
    assert valgt.annen_malform is True


def test_helsefellesskap_variant_beats_felles(oppsett):
    skriv(oppsett, "Felles", malform="nn")
    skriv(oppsett, "HF", malform="nn", helsefellesskap=oppsett["hf"])
    valgt = vis(oppsett, "nn", oppsett["kommune"])
    assert (valgt.versjon.markdown, valgt.omfang, valgt.er_lokal) == ("HF", Omfang.HELSEFELLESSKAP, True)


def test_kommune_variant_beats_helsefellesskap_variant(oppsett):
    skriv(oppsett, "Felles", malform="nn")
    skriv(oppsett, "HF", malform="nn", helsefellesskap=oppsett["hf"])
    skriv(oppsett, "Kommune", malform="nn", kommune=oppsett["kommune"])
    valgt = vis(oppsett, "nn", oppsett["kommune"])
    assert (valgt.versjon.markdown, valgt.omfang) == ("Kommune", Omfang.KOMMUNE)
    assert valgt.tekst.omfang_navn == oppsett["kommune"].navn


def test_variants_of_other_scopes_are_ignored(oppsett):
    skriv(oppsett, "Felles", malform="nn")
    skriv(oppsett, "Anna HF", malform="nn", helsefellesskap=oppsett["annet_hf"])
    skriv(oppsett, "Nabokommune", malform="nn", kommune=oppsett["nabo"])
    skriv(oppsett, "Fjern kommune", malform="nn", kommune=oppsett["fjern"])
    assert vis(oppsett, "nn", oppsett["kommune"]).versjon.markdown == "Felles"


def test_without_kommune_only_felles_applies(oppsett):
    skriv(oppsett, "Felles", malform="nb")
    skriv(oppsett, "HF", malform="nb", helsefellesskap=oppsett["hf"])
    skriv(oppsett, "Kommune", malform="nb", kommune=oppsett["kommune"])
    assert vis(oppsett, "nb").versjon.markdown == "Felles"


def test_scope_comes_before_malform(oppsett):
    # A kommune variant carries local facts; it wins even when only the other målform has it.
    skriv(oppsett, "Felles bokmål", malform="nb")
    skriv(oppsett, "Kommune nynorsk", malform="nn", kommune=oppsett["kommune"])
    valgt = vis(oppsett, "nb", oppsett["kommune"])
    assert (valgt.versjon.markdown, valgt.annen_malform, valgt.omfang) == (
        "Kommune nynorsk",
        True,
        Omfang.KOMMUNE,
    )


def test_readers_malform_wins_within_a_scope(oppsett):
    skriv(oppsett, "HF bokmål", malform="nb", helsefellesskap=oppsett["hf"])
    skriv(oppsett, "HF nynorsk", malform="nn", helsefellesskap=oppsett["hf"])
    assert vis(oppsett, "nb", oppsett["kommune"]).versjon.markdown == "HF bokmål"
    assert vis(oppsett, "nn", oppsett["kommune"]).versjon.markdown == "HF nynorsk"


def test_drafts_are_never_shown(oppsett):
    skriv(oppsett, "Felles", malform="nn")
    skriv(oppsett, "Utkast for kommunen", malform="nn", kommune=oppsett["kommune"], publisert=False)
    assert vis(oppsett, "nn", oppsett["kommune"]).versjon.markdown == "Felles"


def test_nothing_published_resolves_to_nothing(oppsett):
    skriv(oppsett, "Bare utkast", malform="nb", publisert=False)
    assert vis(oppsett, "nb", oppsett["kommune"]) is None


def test_newest_publication_is_shown(oppsett):
    skriv(oppsett, "Gammel", malform="nb")
    skriv(oppsett, "Ny", malform="nb")
    assert vis(oppsett, "nb").versjon.markdown == "Ny"
