"""Who may read, change and publish what. Every admin entry point and editor view asks one of
the named predicates here rather than combining roles itself, so the access rules are enforced
on the server in one place; the scope of a row is read with the one rule (tjenester.omfang)."""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q

from tjenester.models import Helsefellesskap, Kommune
from tjenester.omfang import Omfang, innenfor

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

    # --- rows with a scope: texts, reviews, feedback -----------------------------------------
    # Changing and publishing differ only in the kommunar: a kommunekontakt changes its kommune's
    # variants but only proposes them, so publishing there is for the helsefellesskap's redaktør.
    def _kommuner(self, publisere):
        return self.kommuner_under_hf if publisere else self.kommuner_under_hf | self.kommunekontakt_for

    def tekst_filter(self, prefiks="", publisere=False):
        """A Q selecting the rows with a scope (with `prefiks`, rows reaching one: «tekst__») this
        user may edit, or with publisere=True, publish."""
        if self.superbruker:
            return Q()
        return innenfor(
            felles=self.forvalter,
            helsefellesskap=self.redaktor_for,
            kommune=self._kommuner(publisere),
            prefiks=prefiks,
        )

    def _i_omfang(self, obj, publisere):
        if self.superbruker:
            return True
        match Omfang.av(obj):
            case Omfang.KOMMUNE:
                return obj.kommune_id in self._kommuner(publisere)
            case Omfang.HELSEFELLESSKAP:
                return obj.helsefellesskap_id in self.redaktor_for
            case Omfang.FELLES:
                return self.forvalter
        return False  # two scopes: no such row can be saved

    def kan_endre(self, obj=None):
        """obj has helsefellesskap_id and kommune_id (a Tekst, a Revisjon, a Tilbakemelding …);
        without one: whether the user edits such rows at all."""
        return self.er_redaksjon if obj is None else self._i_omfang(obj, publisere=False)

    def kan_publisere(self, obj):
        return self._i_omfang(obj, publisere=True)

    def kan_endre_revisjon(self, revisjon=None):
        """Review dates («neste revisjon») are public promises made when publishing: only the
        publishers of the scope add or change them; a kommunekontakt reads its kommune's."""
        return self.er_publiserer if revisjon is None else self.kan_publisere(revisjon)

    # --- the felles tekst, the structure and the register ---------------------------------------
    def kan_endre_felles(self):
        """The felles tekst and what is national like it: forløp, the catalogue, nivå, synonyms."""
        return self.superbruker or self.forvalter

    def kan_behandle_forslag(self):
        """Accept or decline proposals to the felles tekst, and read everyone's."""
        return self.kan_endre_felles()

    def kan_slette_struktur(self):
        """A forløp, service or nivå has texts and offers hanging on it: only a superuser deletes."""
        return self.superbruker

    def kan_endre_register(self):
        """Which helsefellesskap and kommunar exist and what they are called and numbered."""
        return self.superbruker

    def kan_administrere_medlemskap(self):
        """Who has which role where."""
        return self.superbruker

    def kan_slette_tilbakemelding(self):
        """Feedback is a record of what readers said: only a superuser deletes (a message that
        should never have been sent)."""
        return self.superbruker

    # --- helsefellesskap, kommunar and their local offers -----------------------------------------
    def kan_se_helsefellesskap(self, helsefellesskap=None):
        """The forvalter reads every helsefellesskap, a redaktør their own."""
        if helsefellesskap is None:
            return self.er_redaksjon
        return self.superbruker or self.forvalter or helsefellesskap.pk in self.redaktor_for

    def kan_endre_helsefellesskap(self, helsefellesskap=None):
        """A helsefellesskap's own data (akutt numbers, web site): its redaktører."""
        return self.superbruker or (helsefellesskap is not None and helsefellesskap.pk in self.redaktor_for)

    def helsefellesskap_filter(self):
        """A Q for the helsefellesskap this user may read."""
        return Q() if self.superbruker or self.forvalter else Q(pk__in=self.redaktor_for)

    def _endrer_kommune(self, kommune_id):
        return self.superbruker or kommune_id in self._kommuner(publisere=False)

    def kan_se_kommune(self, kommune=None):
        if kommune is None:
            return self.er_redaksjon
        return self.superbruker or self.forvalter or self._endrer_kommune(kommune.pk)

    def kan_endre_kommune(self, kommune=None):
        """A kommune's own data (its contacts) and its variants: its kommunekontakter and its
        helsefellesskap's redaktører."""
        return self.er_redaksjon if kommune is None else self._endrer_kommune(kommune.pk)

    def kommune_filter(self):
        """A Q for the kommunar this user may read."""
        if self.superbruker or self.forvalter:
            return Q()
        return Q(pk__in=self.kommuner_under_hf | self.kommunekontakt_for)

    def kan_endre_tilbud(self, tilbud=None):
        """A local offer is its kommune's: kept by those who edit the kommune (not the forvalter,
        whose scope is the felles tekst)."""
        if tilbud is None:
            return self.superbruker or bool(self.redaktor_for or self.kommunekontakt_for)
        return self._endrer_kommune(tilbud.kommune_id)

    def tilbud_filter(self):
        """A Q for the local offers this user may read and change."""
        return Q() if self.superbruker else innenfor(kommune=self._kommuner(publisere=False))

    # --- figures per kommune (tal) ---------------------------------------------------------------
    def kan_laste_inn_tall(self):
        """Load referral figures: the forvalter for every kommune, a redaktør for the kommunar of
        their helsefellesskap (a kommunekontakt does not: the figures come from the BUP side)."""
        return self.superbruker or self.forvalter or bool(self.redaktor_for)

    def tall_kommuner(self):
        """The kommunar whose figures this user may load and see the gaps of."""
        if self.superbruker or self.forvalter:
            return Kommune.objects.all()
        return Kommune.objects.filter(pk__in=self.kommuner_under_hf)

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
        return Kommune.objects.filter(pk__in=self._kommuner(publisere=False))

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
