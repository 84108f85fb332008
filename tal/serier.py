"""A year's figures from the rows of a kommune, and the helsefellesskap's sum of its kommunar:
the shapes the pages, charts and CSV read, each shown only through `skjerming.skjerm`."""

from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby

from .models import Kommunetall
from .skjerming import RATER_AV, er_lite, skjerm


@dataclass
class Arstall:
    ar: int
    henvisninger: int
    avslag: int
    pasienter: int | None
    ventetid: float | None
    folketall: int
    demo: bool = False
    kommuner: int = 1
    tertialer: list = field(default_factory=list)
    skjult: set = field(default_factory=set)  # counts withheld by sekundaer()

    @cached_property
    def vist(self):
        return skjerm(
            self.henvisninger,
            self.avslag,
            self.pasienter,
            self.ventetid,
            self.folketall,
            frozenset(self.skjult),
        )

    def er_skjult(self, felt):
        return er_lite(getattr(self, felt)) or felt in self.skjult


def sekundaer(sum_, deler):
    """Where a sum is shown beside its parts (a helsefellesskap beside its kommunar, a year
    beside its tertials), one withheld figure alone among them is given back by the others:
    a part by the sum minus the parts shown, a withheld sum by adding the parts. So one more
    part is withheld, the smallest count shown (the least lost), and a kommune's year withheld
    so takes one of its tertials along for the same reason."""
    for felt in RATER_AV:
        if getattr(sum_, felt) is None:
            continue
        if sum_.er_skjult(felt) + sum(d.er_skjult(felt) for d in deler) != 1:
            continue
        synlege = [d for d in deler if not d.er_skjult(felt) and getattr(d, felt)]
        if synlege:
            valt = min(synlege, key=lambda d: getattr(d, felt))
            valt.skjult.add(felt)
            if valt.tertialer:
                sekundaer(valt, valt.tertialer)


def _sum(verdier):
    verdier = [v for v in verdier if v is not None]
    return sum(verdier) if verdier else None


def _vektet_ventetid(deler):
    """A mean of the medians weighted by the patients (else referrals) they are taken over: the
    best a sum of kommunar or tertials can say, since medians do not add."""
    vekter = [(d.ventetid, d.pasienter if d.pasienter is not None else d.henvisninger) for d in deler]
    vekter = [(v, n) for v, n in vekter if v is not None and n]
    total = sum(n for _, n in vekter)
    return round(sum(v * n for v, n in vekter) / total, 1) if total else None


def summer(ar, deler, kommuner=1):
    return Arstall(
        ar=ar,
        henvisninger=sum(d.henvisninger for d in deler),
        avslag=sum(d.avslag for d in deler),
        pasienter=_sum(d.pasienter for d in deler),
        ventetid=_vektet_ventetid(deler),
        folketall=max(d.folketall for d in deler) if kommuner == 1 else sum(d.folketall for d in deler),
        demo=any(d.demo for d in deler),
        kommuner=kommuner,
    )


def _fra_rad(rad: Kommunetall):
    return Arstall(
        ar=rad.ar,
        henvisninger=rad.henvisninger,
        avslag=rad.avslag,
        pasienter=rad.pasienter,
        ventetid=rad.ventetid,
        folketall=rad.folketall,
        demo=rad.datasett.demo,
    )


def per_ar(rader):
    """{year: Arstall} of one kommune's current rows: the whole-year row where there is one,
    else the sum of the year's tertials (kept beside it for the table)."""
    resultat = {}
    for ar, gruppe in groupby(sorted(rader, key=lambda r: (r.ar, r.tertial)), key=lambda r: r.ar):
        gruppe = list(gruppe)
        tertialer = [_fra_rad(r) for r in gruppe if r.tertial != Kommunetall.HELE_AARET]
        hele = [r for r in gruppe if r.tertial == Kommunetall.HELE_AARET]
        arstall = _fra_rad(hele[0]) if hele else summer(ar, tertialer)
        arstall.tertialer = tertialer
        sekundaer(arstall, tertialer)
        resultat[ar] = arstall
    return resultat


@dataclass
class Oversikt:
    """Every kommune of one helsefellesskap with its years, and the helsefellesskap's sums."""

    kommuner: list  # [(Kommune, {year: Arstall})], by name
    samlet: dict  # {year: Arstall}

    @property
    def ar(self):
        return sorted(self.samlet)

    @property
    def siste_ar(self):
        return max(self.samlet) if self.samlet else None

    @property
    def demo(self):
        return any(a.demo for a in self.samlet.values())


def oversikt(kommuner, rader):
    """kommuner: the helsefellesskap's kommunar; rader: their current Kommunetall rows."""
    etter_kommune = {}
    for rad in rader:
        etter_kommune.setdefault(rad.kommune_id, []).append(rad)
    per_kommune = [(k, per_ar(etter_kommune.get(k.pk, []))) for k in kommuner]
    alle_ar = sorted({ar for _, arene in per_kommune for ar in arene})
    samlet = {}
    for ar in alle_ar:
        deler = [arene[ar] for _, arene in per_kommune if ar in arene]
        samlet[ar] = summer(ar, deler, kommuner=len(deler))
        sekundaer(samlet[ar], deler)
    return Oversikt(kommuner=per_kommune, samlet=samlet)
