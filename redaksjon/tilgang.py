"""Who may read, change and publish which texts. Every admin entry point asks here, so the
scope rule is enforced on the server in one place."""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q

from tjenester.models import Helsefellesskap, Kommune

from .models import Medlemskap, Rolle


@dataclass
class Tilgang:
    superbruker: bool = False
    forvalter: bool = False
    redaktor_for: set = field(default_factory=set)  # helsefellesskap ids
    kommunekontakt_for: set = field(default_factory=set)  # kommune ids
    kommuner_under_hf: set = field(default_factory=set)  # kommune ids in the redaktør's helsefellesskap

    @classmethod
    def for_bruker(cls, bruker):
        if not (bruker and bruker.is_authenticated and bruker.is_active):
            return cls()
        cached = getattr(bruker, "_bupkart_tilgang", None)
        if cached is not None:
            return cached
        tilgang = cls(superbruker=bruker.is_superuser)
        for m in Medlemskap.objects.filter(bruker=bruker):
            if m.rolle == Rolle.FORVALTER:
                tilgang.forvalter = True
            elif m.rolle == Rolle.REDAKTOR:
                tilgang.redaktor_for.add(m.helsefellesskap_id)
            elif m.rolle == Rolle.KOMMUNEKONTAKT:
                tilgang.kommunekontakt_for.add(m.kommune_id)
        if tilgang.redaktor_for:
            tilgang.kommuner_under_hf = set(
                Kommune.objects.filter(helsefellesskap__in=tilgang.redaktor_for).values_list("pk", flat=True)
            )
        bruker._bupkart_tilgang = tilgang
        return tilgang

    @property
    def er_publiserer(self):
        """Superusers, forvaltere and redaktører publish; a kommunekontakt only proposes."""
        return self.superbruker or self.forvalter or bool(self.redaktor_for)

    @property
    def er_redaksjon(self):
        return self.superbruker or self.forvalter or bool(self.redaktor_for or self.kommunekontakt_for)

    # --- texts -----------------------------------------------------------------------------
    # Changing and publishing differ only in the kommunar: a kommunekontakt changes its kommune's
    # variants but only proposes them, so publishing there is for the helsefellesskap's redaktør.
    def _kommuner(self, publisere):
        return self.kommuner_under_hf if publisere else self.kommuner_under_hf | self.kommunekontakt_for

    def tekst_filter(self, prefiks="", publisere=False):
        """A Q selecting the texts (or rows with a text's scope fields) this user may edit, or with
        publisere=True, publish."""
        if self.superbruker:
            return Q()
        hf, kommune = f"{prefiks}helsefellesskap", f"{prefiks}kommune"
        q = Q(pk__in=[])
        if self.forvalter:
            q |= Q(**{f"{hf}__isnull": True, f"{kommune}__isnull": True})
        if self.redaktor_for:
            q |= Q(**{f"{hf}__in": self.redaktor_for})
        if kommuner := self._kommuner(publisere):
            q |= Q(**{f"{kommune}__in": kommuner})
        return q

    def _i_omfang(self, obj, publisere):
        if self.superbruker:
            return True
        if obj.kommune_id:
            return obj.kommune_id in self._kommuner(publisere)
        if obj.helsefellesskap_id:
            return obj.helsefellesskap_id in self.redaktor_for
        return self.forvalter

    def kan_endre(self, obj):
        """obj has helsefellesskap_id and kommune_id (a Tekst, a Revisjon …)."""
        return self._i_omfang(obj, publisere=False)

    def kan_endre_kommune(self, kommune_id):
        """A kommune's own data (local offers, contacts) and its variants."""
        return self.superbruker or kommune_id in self._kommuner(publisere=False)

    def kan_publisere(self, obj):
        return self._i_omfang(obj, publisere=True)

    # --- scopes for choices -----------------------------------------------------------------
    @cached_property
    def mine_helsefellesskap(self):
        """The helsefellesskap this user edits, read once (a page asks for every seksjon)."""
        return list(self.helsefellesskap())

    def helsefellesskap(self):
        if self.superbruker:
            return Helsefellesskap.objects.all()
        return Helsefellesskap.objects.filter(pk__in=self.redaktor_for)

    def kommuner(self):
        if self.superbruker:
            return Kommune.objects.all()
        return Kommune.objects.filter(pk__in=self.kommuner_under_hf | self.kommunekontakt_for)

    def kan_endre_felles(self):
        return self.superbruker or self.forvalter

    def malform(self):
        """The målform the admin speaks to this user: that of their own scope."""
        if self.redaktor_for:
            hf = Helsefellesskap.objects.filter(pk__in=self.redaktor_for).first()
            return hf.malform if hf else None
        if self.kommunekontakt_for:
            k = (
                Kommune.objects.select_related("helsefellesskap")
                .filter(pk__in=self.kommunekontakt_for)
                .first()
            )
            return k.helsefellesskap.malform if k else None
        return None
