"""Small builders for tests that need data of their own beside the demo content. Slugs are
prefixed so they never collide with the demo rows."""

import itertools

from forlop.models import Forlop, ForlopTjeneste, Tekst, Tekstdel
from redaksjon.services import lagre_utkast, publiser
from tjenester.models import Helsefellesskap, Kommune, Niva, Sektor, Tjeneste

_teller = itertools.count(1)
# The seven forløp of the demo content, in their order.
DEMO_FORLOP = [
    "angst",
    "autisme",
    "bekymring-0-3-ar",
    "uro-og-merksemd",
    "spisevansker",
    "tristhet-og-depresjon",
    "vold-overgrep-omsorgssvikt",
]


def helsefellesskap(malform="nn", **felt):
    n = next(_teller)
    return Helsefellesskap.objects.create(
        navn=f"Test-HF {n}",
        slug=f"test-hf-{n}",
        malform=malform,
        helseforetak=f"Test HF {n}",
        bup_akutt_telefon="00 00 00 00",
        **felt,
    )


def kommune(hf, nummer, navn=None):
    return Kommune.objects.create(nummer=nummer, navn=navn or f"Testkommune {nummer}", helsefellesskap=hf)


def tjeneste(**felt):
    n = next(_teller)
    return Tjeneste.objects.create(
        slug=f"test-tjeneste-{n}",
        navn_nb=f"Testtjeneste {n}",
        navn_nn=f"Testteneste {n}",
        sektor=Sektor.KOMMUNAL_HELSE,
        lovgrunnlag="Testlova",
        beskrivelse_nb="Test.",
        beskrivelse_nn="Test.",
        **felt,
    )


def forlop(**felt):
    n = next(_teller)
    return Forlop.objects.create(
        slug=f"test-forlop-{n}",
        tittel_nb=f"Testforløp {n}",
        tittel_nn=f"Testforløp {n}",
        ingress_nb="Ingress.",
        ingress_nn="Ingress.",
        rekkefolge=100 + n,
        **felt,
    )


def plasser(forlop, tjeneste, niva_slug="tidlig-innsats", rekkefolge=0):
    return ForlopTjeneste.objects.create(
        forlop=forlop, tjeneste=tjeneste, niva=Niva.objects.get(slug=niva_slug), rekkefolge=rekkefolge
    )


def tekst(forlop, tjeneste, tekstdel, markdown, malform="nb", publisert=True, **omfang):
    omfang = {"helsefellesskap": None, "kommune": None, **omfang}
    slot = Tekst.objects.get_or_create(
        forlop=forlop, tjeneste=tjeneste, tekstdel=tekstdel, malform=malform, **omfang
    )[0]
    versjon = lagre_utkast(slot, markdown, av=None, forrige=slot.siste_versjon())
    if publisert:
        publiser(versjon, av=None, endringsnotat="Test.")
    slot.refresh_from_db()
    return slot


def slot(forlop="angst", tjeneste="bup", tekstdel=Tekstdel.HENVISNING, malform="nn", **omfang):
    """The text slot of demo forløp and service (by slug), created if missing; felles unless
    helsefellesskap= or kommune= is given."""
    omfang = {"helsefellesskap": None, "kommune": None, **omfang}
    return Tekst.objects.get_or_create(
        forlop=Forlop.objects.get(slug=forlop),
        tjeneste=Tjeneste.objects.get(slug=tjeneste) if tjeneste else None,
        tekstdel=tekstdel,
        malform=malform,
        **omfang,
    )[0]
