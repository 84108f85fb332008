"""What's new: publications and withdrawals of texts, for the /endringer/ page and its Atom feed."""

from dataclasses import dataclass

from django.db.models import F, Value
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from bupkart.malform import aktiv_malform
from forlop.models import Status, Tekstversjon
from tjenester.models import Helsefellesskap
from tjenester.omfang import Omfang, under

from .models import Hoyring

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
    def hoyringar(self):
        """The høyringar this publication followed (services.publiser links them); a
        withdrawal followed none."""
        return [] if self.trukket else [h.hoyring for h in self.versjon.hoyring_publisert.all()]

    @property
    def hendelse(self):
        """What happened, for a reader: empty for an ordinary publication."""
        return Status.TRUKKET.label if self.trukket else ""

    @property
    def malform(self):
        return self.tekst.malform

    @property
    def lenke(self):
        return self.tekst.lenke()

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
        versjoner = (
            Tekstversjon.objects.select_related(
                "tekst__forlop", "tekst__tjeneste", "tekst__helsefellesskap", "tekst__kommune"
            )
            .prefetch_related("hoyring_publisert__hoyring")
            .in_bulk([pk for pk, _tid, _trukket in rader])
        )
        return [Endring(versjoner[pk], bool(trukket)) for pk, _tid, trukket in rader]


def opne_hoyringar(hf_slug=None):
    """The open høyringar a reader of /endringer/ (and its feed) may answer or follow: all, or
    those of one helsefellesskap (its own and its kommunar's) and the felles ones."""
    hoyringar = (
        Hoyring.objects.opne()
        .select_related("helsefellesskap", "kommune__helsefellesskap")
        .order_by("frist", "pk")
    )
    if hf_slug:
        hf = get_object_or_404(Helsefellesskap, slug=hf_slug)
        hoyringar = hoyringar.filter(under(hf) | Omfang.FELLES.q())
    return hoyringar


def endringer_for(hf_slug=None):
    hf = get_object_or_404(Helsefellesskap, slug=hf_slug) if hf_slug else None
    return Endringer(hf)


@dataclass(frozen=True)
class HoyringOppforing:
    """An open høyring as an entry of the feed, beside the publications."""

    hoyring: Hoyring

    @property
    def malform(self):
        hf = self.hoyring.helsefellesskap or (self.hoyring.kommune and self.hoyring.kommune.helsefellesskap)
        return hf.malform if hf else aktiv_malform()

    @property
    def notat(self):
        return self.hoyring.invitasjon

    @property
    def hoyringar(self):
        return []

    @property
    def lenke(self):
        return self.hoyring.get_absolute_url()

    @property
    def guid(self):
        return f"bupkart:hoyring:{self.hoyring.pk}"

    @property
    def tid(self):
        return self.hoyring.laget


def beskriv(endring):
    if isinstance(endring, HoyringOppforing):
        h = endring.hoyring
        return _("Høring: %(tittel)s – %(omfang)s, frist %(frist)s") % {
            "tittel": h.tittel,
            "omfang": h.omfang_navn,
            "frist": h.frist.strftime("%d.%m.%Y"),
        }
    tekst = endring.tekst
    deler = [
        endring.hendelse,
        tekst.forlop.tittel,
        tekst.tjeneste.navn if tekst.tjeneste_id else None,
        tekst.get_tekstdel_display(),
        tekst.omfang_navn,
    ]
    return " – ".join(str(d) for d in deler if d)
