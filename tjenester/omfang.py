"""The one scope rule. A row with a scope is felles (neither helsefellesskap nor kommune), one
helsefellesskap's, or one kommune's, never both; a reader in a kommune may get the felles rows,
those of the kommune's helsefellesskap and those of the kommune. Texts, their reviews, reader
feedback and (kommune only) local offers keep the rule here, and so do the search's SQL,
the access rules and the bundle checks: none of them writes it out again."""

from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bupkart.signaler import FELLES, Endring, SporLest


class Omfang(models.TextChoices):
    """Whose row it is: the shared one, a helsefellesskap's variant, or a kommune's."""

    FELLES = "felles", _("Felles tekst")
    HELSEFELLESSKAP = "helsefellesskap", _("Helsefellesskap")
    KOMMUNE = "kommune", _("Kommune")

    @classmethod
    def av_eiere(cls, helsefellesskap=None, kommune=None):
        """The scope of a row that names this helsefellesskap and this kommune (objects, ids, or
        a bundle's slug and kommunenummer; None for none), or None if it names both: a row has
        one scope."""
        if helsefellesskap is None:
            return cls.FELLES if kommune is None else cls.KOMMUNE
        return cls.HELSEFELLESSKAP if kommune is None else None

    @classmethod
    def av(cls, obj):
        """The scope of anything that has kommune_id and helsefellesskap_id (a Tekst, a Kandidat)."""
        return cls.av_eiere(obj.helsefellesskap_id, obj.kommune_id)

    @classmethod
    def navn(cls, kommune=None, helsefellesskap=None):
        """What readers call the scope of a row with this kommune or helsefellesskap (at most one
        is set): «Molde», «Helse Fonna» or «Felles tekst»."""
        eier = kommune or helsefellesskap
        return eier.navn if eier else cls.FELLES.label

    def q(self, prefiks=""):
        """A Q for every row of this scope; `prefiks` reaches the scope through a relation
        («tekst__» from a Tekstversjon)."""
        if self == Omfang.KOMMUNE:
            return Q(**{f"{prefiks}kommune__isnull": False})
        if self == Omfang.HELSEFELLESSKAP:
            return Q(**{f"{prefiks}helsefellesskap__isnull": False})
        return Q(**{f"{prefiks}helsefellesskap__isnull": True, f"{prefiks}kommune__isnull": True})


def _eier(felt, eier):
    # A collection is a set of ids; anything else one object or id.
    if isinstance(eier, set | frozenset | list | tuple):
        return Q(**{f"{felt}__in": eier}) if eier else None
    return None if eier is None else Q(**{felt: eier})


def innenfor(felles=False, helsefellesskap=None, kommune=None, prefiks=""):
    """A Q for the rows of the given scopes: the felles ones (felles=True), a helsefellesskap's,
    a kommune's. Each owner is an object, an id or a collection of ids; no scope at all
    selects nothing."""
    deler = [Omfang.FELLES.q(prefiks)] if felles else []
    deler += [
        q
        for q in (
            _eier(f"{prefiks}helsefellesskap", helsefellesskap),
            _eier(f"{prefiks}kommune", kommune),
        )
        if q is not None
    ]
    return reduce(or_, deler) if deler else Q(pk__in=[])


def gjelder(helsefellesskap=None, kommune=None, prefiks=""):
    """A Q for the rows that may apply to a reader: the felles ones, and those of this
    helsefellesskap and this kommune (objects or ids)."""
    return innenfor(felles=True, helsefellesskap=helsefellesskap, kommune=kommune, prefiks=prefiks)


def under(helsefellesskap, prefiks=""):
    """A Q for the rows a helsefellesskap answers for: its own and its kommunar's."""
    return Q(**{f"{prefiks}helsefellesskap": helsefellesskap}) | Q(
        **{f"{prefiks}kommune__helsefellesskap": helsefellesskap}
    )


class OmfangQuerySet(models.QuerySet):
    def gjelder(self, helsefellesskap=None, kommune=None):
        """The rows that may apply to a reader in this helsefellesskap and kommune."""
        return self.filter(gjelder(helsefellesskap, kommune))

    def av_omfang(self, omfang):
        """The rows of one scope (an Omfang value): every felles row, or every variant of a
        helsefellesskap or of a kommune."""
        return self.filter(Omfang(omfang).q())

    def felles(self):
        return self.av_omfang(Omfang.FELLES)

    def under(self, helsefellesskap):
        """The rows a helsefellesskap answers for: its own and its kommunar's."""
        return self.filter(under(helsefellesskap))


class MedOmfang(SporLest, models.Model):
    """A row with a scope. The foreign keys protect their owner and have no reverse accessor;
    a model whose rows go with their owner overrides them with on_delete=CASCADE. A model whose
    rows readers see lists it before bupkart.signaler.Innhold, so that the signal reads the
    row's scope from endring() here rather than Innhold's «felles»."""

    helsefellesskap = models.ForeignKey(
        "tjenester.Helsefellesskap", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kommune = models.ForeignKey(
        "tjenester.Kommune", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = OmfangQuerySet.as_manager()

    SPOR = ("helsefellesskap_id", "kommune_id")

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(helsefellesskap__isnull=True) | Q(kommune__isnull=True),
                name="%(class)s_ett_omfang",
            )
        ]

    @property
    def omfang(self):
        return Omfang.av(self)

    @property
    def omfang_navn(self):
        return Omfang.navn(self.kommune, self.helsefellesskap)

    def endring(self):
        """Whose readers a change of the row reaches (read by bupkart.signaler for Innhold). A
        row moved to another scope reaches the readers of both: felles covers them."""
        if self.flyttet():
            return FELLES
        return Endring(helsefellesskap_id=self.helsefellesskap_id, kommune_id=self.kommune_id)
