"""Every branch of the resolution rule: kommune → helsefellesskap → felles, målform within scope."""

import pytest

from forlop.models import Status, Tekstdel, Tekstversjon
from forlop.resolution import Kontekst, los
from redaksjon.tilgang import Tilgang
from tjenester.omfang import Omfang

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


def kilde(visning):
    """The source of the version shown (pages read only its html)."""
    return Tekstversjon.objects.get(pk=visning.versjon.pk).markdown


def skriv(o, markdown, **kw):
    return bygg.tekst(o["forlop"], o["tjeneste"], DEL, markdown, **kw)


def test_felles_in_readers_malform(oppsett):
    skriv(oppsett, "Felles nb", malform="nb")
    skriv(oppsett, "Felles nn", malform="nn")
    valgt = vis(oppsett, "nn", oppsett["kommune"])
    assert (kilde(valgt), valgt.omfang, valgt.er_lokal, valgt.annen_malform) == (
        "Felles nn",
        Omfang.FELLES,
        False,
        False,
    )


def test_falls_back_to_other_malform_with_note(oppsett):
    skriv(oppsett, "Berre bokmål", malform="nb")
    valgt = vis(oppsett, "nn")
    assert kilde(valgt) == "Berre bokmål"
    assert valgt.annen_malform is True


def test_helsefellesskap_variant_beats_felles(oppsett):
    skriv(oppsett, "Felles", malform="nn")
    skriv(oppsett, "HF", malform="nn", helsefellesskap=oppsett["hf"])
    valgt = vis(oppsett, "nn", oppsett["kommune"])
    assert (kilde(valgt), valgt.omfang, valgt.er_lokal) == ("HF", Omfang.HELSEFELLESSKAP, True)


def test_kommune_variant_beats_helsefellesskap_variant(oppsett):
    skriv(oppsett, "Felles", malform="nn")
    skriv(oppsett, "HF", malform="nn", helsefellesskap=oppsett["hf"])
    skriv(oppsett, "Kommune", malform="nn", kommune=oppsett["kommune"])
    valgt = vis(oppsett, "nn", oppsett["kommune"])
    assert (kilde(valgt), valgt.omfang) == ("Kommune", Omfang.KOMMUNE)
    assert valgt.omfang_navn == oppsett["kommune"].navn


def test_every_scope_is_named_the_same_way_wherever_it_is_shown(oppsett):
    from forlop.models import Revisjon
    from tilbakemelding.models import Tilbakemelding

    kommune, hf = oppsett["kommune"], oppsett["hf"]
    hf_tekst = skriv(oppsett, "HF", malform="nn", helsefellesskap=hf)
    assert vis(oppsett, "nn", kommune).omfang_navn == hf_tekst.omfang_navn == hf.navn
    for omfang, navn in [
        ({"kommune": kommune}, kommune.navn),
        ({"helsefellesskap": hf}, hf.navn),
        ({}, "Felles tekst"),
    ]:
        assert Omfang.navn(**omfang) == navn
        assert Revisjon(forlop=oppsett["forlop"], **omfang).omfang_navn == navn
        assert Tilbakemelding(tekst="x", **omfang).omfang_navn == navn


def test_variants_of_other_scopes_are_ignored(oppsett):
    skriv(oppsett, "Felles", malform="nn")
    skriv(oppsett, "Anna HF", malform="nn", helsefellesskap=oppsett["annet_hf"])
    skriv(oppsett, "Nabokommune", malform="nn", kommune=oppsett["nabo"])
    skriv(oppsett, "Fjern kommune", malform="nn", kommune=oppsett["fjern"])
    assert kilde(vis(oppsett, "nn", oppsett["kommune"])) == "Felles"


def test_without_kommune_only_felles_applies(oppsett):
    skriv(oppsett, "Felles", malform="nb")
    skriv(oppsett, "HF", malform="nb", helsefellesskap=oppsett["hf"])
    skriv(oppsett, "Kommune", malform="nb", kommune=oppsett["kommune"])
    assert kilde(vis(oppsett, "nb")) == "Felles"


def test_scope_comes_before_malform(oppsett):
    # A kommune variant carries local facts; it wins even when only the other målform has it.
    skriv(oppsett, "Felles bokmål", malform="nb")
    skriv(oppsett, "Kommune nynorsk", malform="nn", kommune=oppsett["kommune"])
    valgt = vis(oppsett, "nb", oppsett["kommune"])
    assert (kilde(valgt), valgt.annen_malform, valgt.omfang) == (
        "Kommune nynorsk",
        True,
        Omfang.KOMMUNE,
    )


def test_readers_malform_wins_within_a_scope(oppsett):
    skriv(oppsett, "HF bokmål", malform="nb", helsefellesskap=oppsett["hf"])
    skriv(oppsett, "HF nynorsk", malform="nn", helsefellesskap=oppsett["hf"])
    assert kilde(vis(oppsett, "nb", oppsett["kommune"])) == "HF bokmål"
    assert kilde(vis(oppsett, "nn", oppsett["kommune"])) == "HF nynorsk"


def test_drafts_are_never_shown(oppsett):
    skriv(oppsett, "Felles", malform="nn")
    skriv(oppsett, "Utkast for kommunen", malform="nn", kommune=oppsett["kommune"], publisert=False)
    assert kilde(vis(oppsett, "nn", oppsett["kommune"])) == "Felles"


def test_nothing_published_resolves_to_nothing(oppsett):
    skriv(oppsett, "Bare utkast", malform="nb", publisert=False)
    assert vis(oppsett, "nb", oppsett["kommune"]) is None


def test_newest_publication_is_shown(oppsett):
    skriv(oppsett, "Gammel", malform="nb")
    skriv(oppsett, "Ny", malform="nb")
    assert kilde(vis(oppsett, "nb")) == "Ny"


def test_a_page_resolves_in_one_query(oppsett, django_assert_num_queries):
    # The candidates carry their published html: a forløp page's resolution is one round trip.
    skriv(oppsett, "Felles", malform="nn")
    skriv(oppsett, "HF", malform="nn", helsefellesskap=oppsett["hf"])
    with django_assert_num_queries(1):
        valgt = vis(oppsett, "nn", oppsett["kommune"])
    assert (valgt.html, valgt.felles_versjon.html) == ("<p>HF</p>", "<p>Felles</p>")


def test_preview_shows_drafts_only_in_the_editors_own_scope(oppsett, django_assert_num_queries):
    skriv(oppsett, "Felles publisert", malform="nn")
    skriv(oppsett, "Felles utkast", malform="nn", publisert=False)  # the forvaltar's newer draft
    bygg.tekst(
        oppsett["forlop"],
        oppsett["tjeneste"],
        DEL,
        "HF utkast",
        malform="nn",
        publisert=False,
        helsefellesskap=oppsett["hf"],
    )
    redaktor = Tilgang(redaktor_for={oppsett["hf"].pk})
    kontekst = Kontekst(malform="nn", kommune=oppsett["kommune"], forhandsvis=redaktor)
    with django_assert_num_queries(2):  # the candidates, then the drafts they point at
        valgt = los(kontekst, forlop=oppsett["forlop"])[
            (oppsett["forlop"].pk, oppsett["tjeneste"].pk, DEL.value)
        ]
    assert (kilde(valgt), valgt.er_utkast, valgt.versjon.status_navn) == ("HF utkast", True, "Utkast")
    assert valgt.felles_versjon.html == "<p>Felles publisert</p>"  # not the forvaltar's draft


def test_a_draft_of_another_scope_stays_hidden_in_preview(oppsett):
    skriv(oppsett, "Felles publisert", malform="nn")
    bygg.tekst(oppsett["forlop"], oppsett["tjeneste"], DEL, "Felles utkast", malform="nn", publisert=False)
    kontekst = Kontekst(
        malform="nn", kommune=oppsett["kommune"], forhandsvis=Tilgang(redaktor_for={oppsett["hf"].pk})
    )
    valgt = los(kontekst, forlop=oppsett["forlop"])[(oppsett["forlop"].pk, oppsett["tjeneste"].pk, DEL.value)]
    assert (kilde(valgt), valgt.er_utkast) == ("Felles publisert", False)


def test_the_newest_version_is_the_highest_number_however_the_rows_were_written(oppsett):
    """Tekst.siste_versjon and the annotations the admin and preview read agree, by number."""
    tekst = bygg.slot(forlop=oppsett["forlop"].slug, tjeneste=oppsett["tjeneste"].slug, tekstdel=DEL)
    # Written out of order (as a bundle import may): the pk order says nothing.
    nyeste = Tekstversjon.objects.create(tekst=tekst, nummer=2, markdown="To.", status=Status.TIL_GODKJENNING)
    Tekstversjon.objects.create(tekst=tekst, nummer=1, markdown="Ein.", status=Status.PUBLISERT)
    assert tekst.siste_versjon() == nyeste
    annotert = type(tekst).objects.med_siste_versjon().med_status().get(pk=tekst.pk)
    assert (annotert.siste_versjon_id, annotert.siste_status) == (nyeste.pk, Status.TIL_GODKJENNING)
