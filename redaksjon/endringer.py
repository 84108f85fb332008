"""What's new: publications and withdrawals of texts, for the /endringer/ page and its Atom feed."""

from dataclasses import dataclass

from django.db.models import F, Value
from django.shortcuts import get_object_or_404

from forlop.models import Status, Tekstversjon
from tjenester.models import Helsefellesskap

ENDRINGER_I_FEED = 50


@dataclass(frozen=True)
class Endring:
    """One entry: a version's publication, or the withdrawal of that publication. A withdrawn
    version gives two entries, each with its own time, note and author."""

    versjon: Tekstversjon
    trukket: bool

    @property
    def tekst(self):
        return self.versjon.tekst

    @property
    def tid(self):
        return self.versjon.trukket_tid if self.trukket else self.versjon.publisert_tid

    @property
    def notat(self):
        return self.versjon.trukket_notat if self.trukket else self.versjon.endringsnotat

    @property
    def hendelse(self):
        """What happened, for a reader: empty for an ordinary publication."""
        return Status.TRUKKET.label if self.trukket else ""

    @property
    def guid(self):
        # A publication keeps the id it had before withdrawals were entries of their own, so
        # feed readers do not see it again as new.
        return f"bupkart:tekstversjon:{self.versjon.pk}" + (":trukket" if self.trukket else "")


def _hendelser(qs, tid, trukket):
    return qs.order_by().annotate(tid=F(tid), trukket=Value(trukket)).values_list("id", "tid", "trukket")


class Endringer:
    """Publications and withdrawals merged by time in the database, so a page of fifty holds
    fifty entries of either kind; only the entries of the page are then read, in one query.
    Sliceable and countable, as Paginator and the feed take it."""

    def __init__(self, helsefellesskap=None):
        versjoner = Tekstversjon.objects
        self._hendelser = (
            _hendelser(versjoner.publiserte(helsefellesskap), "publisert_tid", False)
            .union(_hendelser(versjoner.trukne(helsefellesskap), "trukket_tid", True), all=True)
            .order_by("-tid", "-id")
        )

    def count(self):
        return self._hendelser.count()

    def __getitem__(self, utvalg):
        if not isinstance(utvalg, slice):
            return self[utvalg : utvalg + 1][0]
        rader = list(self._hendelser[utvalg])
        versjoner = Tekstversjon.objects.select_related(
            "tekst__forlop", "tekst__tjeneste", "tekst__helsefellesskap", "tekst__kommune"
        ).in_bulk([pk for pk, _tid, _trukket in rader])
        return [Endring(versjoner[pk], bool(trukket)) for pk, _tid, trukket in rader]


def endringer_for(hf_slug=None):
    hf = get_object_or_404(Helsefellesskap, slug=hf_slug) if hf_slug else None
    return Endringer(hf)


def beskriv(endring):
    tekst = endring.tekst
    deler = [
        endring.hendelse,
        tekst.forlop.tittel,
        tekst.tjeneste.navn if tekst.tjeneste_id else None,
        tekst.get_tekstdel_display(),
        tekst.omfang_navn,
    ]
    return " – ".join(str(d) for d in deler if d)
