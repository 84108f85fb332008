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

from django.db.models import OuterRef, Subquery

from .models import Omfang, Tekst, Tekstversjon


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


@dataclass(frozen=True)
class Visning:
    """The text chosen for one slot, and why."""

    tekst: Tekst
    versjon: Tekstversjon
    annen_malform: bool
    felles: Tekst | None = None  # the published felles text beside a variant («Sjå felles tekst»)

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


def _rangering(tekst, kontekst):
    if tekst.kommune_id is not None:
        scope = 0 if kontekst.kommune and tekst.kommune_id == kontekst.kommune.pk else None
    elif tekst.helsefellesskap_id is not None:
        hf = kontekst.helsefellesskap
        scope = 1 if hf and tekst.helsefellesskap_id == hf.pk else None
    else:
        scope = 2
    if scope is None:
        return None
    return (scope, 0 if tekst.malform == kontekst.malform else 1)


def _versjon(tekst, kontekst, utkast):
    if kontekst.forhandsvis is not None and tekst.pk in utkast and kontekst.forhandsvis.kan_endre(tekst):
        return utkast[tekst.pk]
    return tekst.publisert


def velg(kandidater, kontekst, utkast=None):
    """Pick the text to show among the texts of one slot; None if none can be shown."""
    utkast = utkast or {}
    rangert = []
    for tekst in kandidater:
        rang = _rangering(tekst, kontekst)
        versjon = _versjon(tekst, kontekst, utkast)
        if rang is not None and versjon is not None:
            rangert.append((rang, tekst, versjon))
    if not rangert:
        return None
    rangert.sort(key=lambda r: r[0])
    _, tekst, versjon = rangert[0]
    felles = None
    if tekst.omfang != Omfang.FELLES:
        felles = next((t for r, t, _v in rangert if r[0] == 2 and t.publisert_id), None)
    return Visning(
        tekst=tekst, versjon=versjon, annen_malform=tekst.malform != kontekst.malform, felles=felles
    )


def tekster_i_kontekst(kontekst, **filter):
    """The texts that may apply in this context, with their live version."""
    tekster = (
        Tekst.objects.filter(**filter)
        .i_omfang(helsefellesskap=kontekst.helsefellesskap, kommune=kontekst.kommune)
        .select_related("publisert", "kommune", "helsefellesskap")
    )
    if kontekst.forhandsvis is None:
        return tekster.filter(publisert__isnull=False)
    siste = Tekstversjon.objects.filter(tekst=OuterRef("pk")).order_by("-nummer").values("pk")[:1]
    return tekster.annotate(siste_versjon_id=Subquery(siste))


def los(kontekst, **filter):
    """Resolve every slot matching the filter: {(forlop_id, tjeneste_id, tekstdel): Visning}.
    One query for the texts (two when an editor previews drafts)."""
    plasser = {}
    tekster = list(tekster_i_kontekst(kontekst, **filter))
    for tekst in tekster:
        plasser.setdefault((tekst.forlop_id, tekst.tjeneste_id, tekst.tekstdel), []).append(tekst)
    utkast = {}
    if kontekst.forhandsvis is not None:
        ids = {
            t.siste_versjon_id: t.pk
            for t in tekster
            if t.siste_versjon_id and t.siste_versjon_id != t.publisert_id
        }
        utkast = {ids[v.pk]: v for v in Tekstversjon.objects.filter(pk__in=ids)}
    valgt = {nokkel: velg(kandidater, kontekst, utkast) for nokkel, kandidater in plasser.items()}
    return {nokkel: visning for nokkel, visning in valgt.items() if visning is not None}
