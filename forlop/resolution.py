"""The one place that decides which text a reader sees.

For every slot (a seksjon of a service, or a forløp-level part) the order is: the kommune's
variant, else the helsefellesskap's variant, else the felles tekst. Scope comes before
målform: a local variant carries local facts (a phone number, a different referral route),
so a kommune variant in the other målform beats a felles text in the reader's own. Within a
scope the reader's målform wins; the other målform is shown with a visible note.
"""

from dataclasses import dataclass

from .models import Omfang, Tekst, Tekstversjon


@dataclass(frozen=True)
class Kontekst:
    """Where and in which målform the reader reads."""

    malform: str
    kommune: object = None

    @classmethod
    def fra(cls, request):
        """The context LokalKontekstMiddleware put on the request."""
        return cls(malform=request.malform, kommune=request.kommune)

    @property
    def helsefellesskap(self):
        return self.kommune.helsefellesskap if self.kommune else None


@dataclass(frozen=True)
class Visning:
    """The text chosen for one slot, and why."""

    tekst: Tekst
    versjon: Tekstversjon
    annen_malform: bool

    @property
    def omfang(self):
        return self.tekst.omfang

    @property
    def er_lokal(self):
        return self.omfang != Omfang.FELLES

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


def velg(kandidater, kontekst):
    """Pick the text to show among the published texts of one slot; None if there is none."""
    rangert = [(r, t) for t in kandidater if t.publisert_id and (r := _rangering(t, kontekst)) is not None]
    if not rangert:
        return None
    _, tekst = min(rangert, key=lambda pair: pair[0])
    return Visning(tekst=tekst, versjon=tekst.publisert, annen_malform=tekst.malform != kontekst.malform)


def publiserte_tekster(kontekst, **filter):
    """The published texts that may apply in this context, with their live version."""
    return (
        Tekst.objects.filter(publisert__isnull=False, **filter)
        .i_omfang(helsefellesskap=kontekst.helsefellesskap, kommune=kontekst.kommune)
        .select_related("publisert", "kommune", "helsefellesskap")
    )


def los(kontekst, **filter):
    """Resolve every slot matching the filter in one query: {(forlop_id, tjeneste_id, tekstdel): Visning}."""
    plasser = {}
    for tekst in publiserte_tekster(kontekst, **filter):
        plasser.setdefault((tekst.forlop_id, tekst.tjeneste_id, tekst.tekstdel), []).append(tekst)
    valgt = {nokkel: velg(tekster, kontekst) for nokkel, tekster in plasser.items()}
    return {nokkel: visning for nokkel, visning in valgt.items() if visning is not None}
