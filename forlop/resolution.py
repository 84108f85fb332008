"""The one place that decides which text a reader sees.

For every slot (a seksjon of a service, or a forløp-level part) the order is: the kommune's
variant, else the helsefellesskap's variant, else the felles tekst. Scope comes before
målform: a local variant carries local facts (a phone number, a different referral route),
so a kommune variant in the other målform beats a felles text in the reader's own. Within a
scope the reader's målform wins; the other målform is shown with a visible note.

An editor previewing (?forhandsvis=1) sees the newest version, draft or not, of every text in
their own scope, and the published text everywhere else.
"""

from dataclasses import dataclass
from typing import NamedTuple

from django.core.cache import cache

from bupkart.cache import les_versjoner
from bupkart.signaler import nokler_for
from tjenester.omfang import Omfang

from .models import Status, Tekst, Tekstplass, Tekstversjon


@dataclass(frozen=True)
class Kontekst:
    """Where and in which målform the reader reads (and, for an editor, whether to preview)."""

    malform: str
    kommune: object = None
    forhandsvis: object = None  # the editor's Tilgang when previewing drafts

    @classmethod
    def fra(cls, request):
        """The context LokalKontekstMiddleware put on the request."""
        return cls(
            malform=request.malform,
            kommune=request.kommune,
            forhandsvis=getattr(request, "forhandsvis", None),
        )

    @property
    def helsefellesskap(self):
        return self.kommune.helsefellesskap if self.kommune else None


@dataclass(frozen=True, slots=True)
class Kandidat:
    """A Tekst as resolution reads it: slot, scope, målform and live version, read as plain
    values because a forløp page weighs two hundred candidates and building model instances
    for them cost more than the rest of the resolution. It answers what Tilgang asks of a text
    (kommune_id, helsefellesskap_id), so the editor tools on a page take it as it is."""

    pk: int
    forlop_id: int
    tjeneste_id: int | None
    tekstdel: str
    helsefellesskap_id: int | None
    kommune_id: int | None
    malform: str
    publisert_id: int | None
    er_eksempel: bool  # demo content with invented local details: shown with «Eksempel»
    siste_versjon_id: int | None = None  # read only when an editor previews drafts

    @property
    def plass(self):
        return Tekstplass.av(self)

    @property
    def omfang(self):
        return Omfang.av(self)


@dataclass(frozen=True, slots=True)
class Versjon:
    """The part of a Tekstversjon a page shows: its html, rendered and sanitised on save."""

    pk: int
    nummer: int
    status: str
    html: str

    @property
    def status_navn(self):
        return Status(self.status).label


_FELT = (
    "pk",
    "forlop_id",
    "tjeneste_id",
    "tekstdel",
    "helsefellesskap_id",
    "kommune_id",
    "malform",
    "publisert_id",
    "er_eksempel",
)
_VERSJON = ("nummer", "status", "html")


@dataclass(frozen=True)
class Visning:
    """The text chosen for one slot, and why."""

    tekst: Kandidat
    versjon: Versjon
    annen_malform: bool
    omfang_navn: str  # «Molde», «Helse Fonna» or «Felles tekst»
    felles: Kandidat | None = None  # the published felles text beside a variant («Sjå felles tekst»)
    felles_versjon: Versjon | None = None

    @property
    def omfang(self):
        return self.tekst.omfang

    @property
    def er_lokal(self):
        return self.omfang != Omfang.FELLES

    @property
    def er_utkast(self):
        return self.versjon.pk != self.tekst.publisert_id

    @property
    def html(self):
        return self.versjon.html


# Scope before målform: the kommune's variant, then the helsefellesskap's, then the felles tekst.
_OMFANG_RANG = {Omfang.KOMMUNE: 0, Omfang.HELSEFELLESSKAP: 1, Omfang.FELLES: 2}


def _rangering(tekst, kontekst):
    return (_OMFANG_RANG[tekst.omfang], 0 if tekst.malform == kontekst.malform else 1)


def _versjon_id(tekst, kontekst):
    forhandsvis = kontekst.forhandsvis
    if forhandsvis is not None and tekst.siste_versjon_id and forhandsvis.kan_endre(tekst):
        return tekst.siste_versjon_id
    return tekst.publisert_id


def velg(kandidater, kontekst):
    """Pick the text to show among the candidates of one slot: (text, version id, published
    felles text beside a variant), or None if none can be shown. The candidates are those
    tekster_i_kontekst gives, so every variant among them is the reader's own kommune's or
    helsefellesskap's."""
    rangert = []
    for tekst in kandidater:
        if (versjon_id := _versjon_id(tekst, kontekst)) is not None:
            rangert.append((_rangering(tekst, kontekst), tekst, versjon_id))
    if not rangert:
        return None
    rangert.sort(key=lambda r: r[0])
    _, tekst, versjon_id = rangert[0]
    felles = None
    if tekst.omfang != Omfang.FELLES:
        felles = next((t for _r, t, _v in rangert if t.omfang == Omfang.FELLES and t.publisert_id), None)
    return tekst, versjon_id, felles


def omfang_navn(tekst, kontekst):
    # Only the reader's own kommune and helsefellesskap have candidates (tekster_i_kontekst), so
    # the names come from the context, not from a query per text.
    return Omfang.navn(
        kontekst.kommune if tekst.kommune_id else None,
        kontekst.helsefellesskap if tekst.helsefellesskap_id else None,
    )


def tekster_i_kontekst(kontekst, **filter):
    """The texts that may apply in this context (a queryset of Tekst)."""
    tekster = Tekst.objects.filter(**filter).gjelder(kontekst.helsefellesskap, kontekst.kommune)
    if kontekst.forhandsvis is None:
        return tekster.filter(publisert__isnull=False)
    return tekster.med_siste_versjon()


def los(kontekst, **filter):
    """Resolve every slot matching the filter: {Tekstplass (by ids): Visning}.
    One query, with the published versions alongside; a second for drafts when previewing."""
    felt = (*_FELT, *(f"publisert__{f}" for f in _VERSJON))
    utkast_felt = ("siste_versjon_id",) if kontekst.forhandsvis is not None else ()
    plasser, versjoner = {}, {}
    for rad in tekster_i_kontekst(kontekst, **filter).values_list(*felt, *utkast_felt):
        tekst = Kandidat(*rad[: len(_FELT)], *rad[len(felt) :])
        if tekst.publisert_id:
            versjoner[tekst.publisert_id] = Versjon(tekst.publisert_id, *rad[len(_FELT) : len(felt)])
        plasser.setdefault(tekst.plass, []).append(tekst)
    valgt = {}
    for plass, kandidater in plasser.items():
        if (val := velg(kandidater, kontekst)) is not None:
            valgt[plass] = val
    if utkast := {v for _t, v, _f in valgt.values()} - versjoner.keys():
        for pk, *resten in Tekstversjon.objects.filter(pk__in=utkast).values_list("pk", *_VERSJON):
            versjoner[pk] = Versjon(pk, *resten)
    return {
        plass: Visning(
            tekst=tekst,
            versjon=versjoner[versjon_id],
            annen_malform=tekst.malform != kontekst.malform,
            omfang_navn=omfang_navn(tekst, kontekst),
            felles=felles,
            felles_versjon=versjoner[felles.publisert_id] if felles else None,
        )
        for plass, (tekst, versjon_id, felles) in valgt.items()
    }


class Vist(NamedTuple):
    """Which text a slot shows a reader, as much as tells its scope (Omfang.av reads it)."""

    pk: int
    helsefellesskap_id: int | None
    kommune_id: int | None

    @property
    def omfang(self):
        return Omfang.av(self)


def viste_tekster(kontekst, versjoner=None):
    """{Tekstplass: Vist}: which published text every slot shows a reader in this context,
    decided as `los` decides, without reading any version. Search holds its hits to it.
    Deciding it costs as much as the rest of a search on national data (some seven hundred
    slots), and it is the same for every query until a publication, so it is kept in the
    cache under the versions of the scopes it reads (bupkart.cache): the first request after
    a change in felles, the reader's helsefellesskap or kommune decides it anew. `versjoner`:
    those versions when the request has read them already (bupkart.cache.versjoner)."""
    kommune = kontekst.kommune
    versjoner = versjoner or les_versjoner(nokler_for(kommune))
    nokkel = ":".join(["viste", kontekst.malform, str(kommune.pk) if kommune else "-", *versjoner])
    lagret = cache.get(nokkel)
    if lagret is None:
        plasser = {}
        for rad in tekster_i_kontekst(kontekst).values_list(*_FELT):
            tekst = Kandidat(*rad)
            plasser.setdefault(tekst.plass, []).append(tekst)
        # Plain tuples: a few hundred dataclasses cost ten times as much to unpickle.
        lagret = {
            tuple(plass): (valg[0].pk, valg[0].helsefellesskap_id, valg[0].kommune_id)
            for plass, kandidater in plasser.items()
            if (valg := velg(kandidater, kontekst)) is not None
        }
        cache.set(nokkel, lagret)
    # Tekstplass is a NamedTuple: a plain tuple key finds it.
    return {plass: Vist(*vist) for plass, vist in lagret.items()}
