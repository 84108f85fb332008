"""The forløp's answer to a step, read from its resolved texts for the reader's kommune and
målform (forlop.resolution): a case names services and seksjonar, never their words."""

from dataclasses import dataclass, field

from forlop.models import ForlopTjeneste, Tekstdel, Tekstplass, seksjon_anker
from forlop.resolution import Visning, los

from .models import Steg


@dataclass
class Seksjonssvar:
    tekstdel: str
    visning: Visning | None
    lenke: str

    @property
    def navn(self):
        return Tekstdel(self.tekstdel).label


@dataclass
class Tjenestesvar:
    tjeneste: object
    lenke: str  # the service's block on the forløp page, in the reader's kommune
    seksjoner: list = field(default_factory=list)


@dataclass
class Stegsvar:
    steg: Steg
    tjenester: list  # Tjenestesvar, in the forløp's pyramid order

    @property
    def slugger(self):
        return {t.tjeneste.slug for t in self.tjenester}


def steg_med_tjenester(kasus):
    """The case's steps with their services, in two queries."""
    return list(kasus.steg.prefetch_related("tjenester"))


def _lenke(forlop, kontekst, anker):
    kommune = f"?kommune={kontekst.kommune.nummer}" if kontekst.kommune else ""
    return f"{forlop.get_absolute_url()}{kommune}#{anker}"


def fasit(kasus, steg, kontekst):
    """[Stegsvar] for the given steps of the case: one resolution for them all, whatever
    their number. Services outside the forløp are left out (the case's check names them)."""
    forlop = kasus.forlop
    rekkefolge = {t.pk: i for i, t in enumerate(tjenester_i_forlop(forlop).values())}
    deler = {d for s in steg for d in s.seksjoner}
    tjenester = {t.pk for s in steg for t in s.tjenester.all()}
    tekster = los(kontekst, forlop=forlop, tjeneste__in=tjenester, tekstdel__in=deler)
    svar = []
    for s in steg:
        valgte = sorted((t for t in s.tjenester.all() if t.pk in rekkefolge), key=lambda t: rekkefolge[t.pk])
        svar.append(
            Stegsvar(
                steg=s,
                tjenester=[
                    Tjenestesvar(
                        tjeneste=t,
                        lenke=_lenke(forlop, kontekst, t.slug),
                        seksjoner=[
                            Seksjonssvar(
                                tekstdel=d,
                                visning=tekster.get(Tekstplass(forlop.pk, t.pk, d)),
                                lenke=_lenke(forlop, kontekst, seksjon_anker(t.slug, d)),
                            )
                            for d in s.seksjoner
                        ],
                    )
                    for t in valgte
                ],
            )
        )
    return svar


@dataclass
class Sammenligning:
    """A reader's or a table's choice beside the answer."""

    riktige: list
    mangler: list
    ekstra: list

    @property
    def alle_riktige(self):
        return not self.mangler and not self.ekstra


def sammenlign(valgte, stegsvar, tjenester_i_forlop):
    """valgte: the chosen services' slugs; tjenester_i_forlop: {slug: Tjeneste}."""
    fasit_slugger = stegsvar.slugger
    return Sammenligning(
        riktige=[t for s, t in tjenester_i_forlop.items() if s in valgte and s in fasit_slugger],
        mangler=[t for s, t in tjenester_i_forlop.items() if s not in valgte and s in fasit_slugger],
        ekstra=[t for s, t in tjenester_i_forlop.items() if s in valgte and s not in fasit_slugger],
    )


def tjenester_i_forlop(forlop):
    """{slug: Tjeneste} of the forløp's services in pyramid order: the choices a reader has."""
    return {
        p.tjeneste.slug: p.tjeneste
        for p in ForlopTjeneste.objects.filter(forlop=forlop).select_related("tjeneste")
    }
