from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bupkart.fnr import avvis_fodselsnummer
from bupkart.malform import IMalform, Malform, ToMalformer
from bupkart.markdown import render
from bupkart.signaler import Innhold
from tjenester.models import Helsefellesskap, Kommune, Kontaktperson, Niva, Tjeneste
from tjenester.omfang import MedOmfang, Omfang, OmfangQuerySet, under


class ForlopQuerySet(models.QuerySet):
    def published(self):
        return self.filter(publisert=True)

    def med_rolle(self, rolle):
        """Annotates har_rolle: whether the reader's service (tjenester.roller) has a place in
        each forløp, so a link to it can open at that service. None: no annotation."""
        if rolle is None:
            return self
        plass = ForlopTjeneste.objects.filter(forlop=OuterRef("pk"), tjeneste__slug=rolle.tjeneste)
        return self.annotate(har_rolle=Exists(plass))


class Forlop(Innhold, ToMalformer, models.Model):
    slug = models.SlugField(
        unique=True,
        help_text=_("Del av adressen; endres ikke etter publisering."),
        validators=[avvis_fodselsnummer],
    )
    tittel_nb = models.CharField(_("tittel (bokmål)"), max_length=160, validators=[avvis_fodselsnummer])
    tittel_nn = models.CharField(_("tittel (nynorsk)"), max_length=160, validators=[avvis_fodselsnummer])
    ingress_nb = models.TextField(_("ingress (bokmål)"), validators=[avvis_fodselsnummer])
    ingress_nn = models.TextField(_("ingress (nynorsk)"), validators=[avvis_fodselsnummer])
    rekkefolge = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    publisert = models.BooleanField(_("publisert"), default=True)

    objects = ForlopQuerySet.as_manager()

    class Meta:
        ordering = ["rekkefolge", "tittel_nb"]
        verbose_name = _("forløp")
        verbose_name_plural = _("forløp")

    def __str__(self):
        return self.tittel_nb

    def get_absolute_url(self):
        return reverse("forlop:detalj", args=[self.slug])

    tittel = IMalform("tittel")

    ingress = IMalform("ingress")


class ForlopTjeneste(Innhold, models.Model):
    """A service's place in one forløp: on which nivå it acts, and in which order there."""

    forlop = models.ForeignKey(
        Forlop, on_delete=models.CASCADE, related_name="plasseringer", verbose_name=_("forløp")
    )
    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.PROTECT, related_name="plasseringer")
    niva = models.ForeignKey(
        Niva, on_delete=models.PROTECT, related_name="plasseringer", verbose_name=_("nivå")
    )
    rekkefolge = models.PositiveSmallIntegerField(_("rekkefølge på nivået"), default=0)

    class Meta:
        ordering = ["niva__rekkefolge", "rekkefolge", "tjeneste__navn_nb"]
        verbose_name = _("tjeneste i forløp")
        verbose_name_plural = _("tjenester i forløp")
        constraints = [
            models.UniqueConstraint(fields=["forlop", "tjeneste"], name="tjeneste_en_gang_per_forlop")
        ]

    def __str__(self):
        return f"{self.tjeneste} i {self.forlop}"


class Tekstdel(models.TextChoices):
    """What a text is. The first seven are the seksjonar every service answers, in page order;
    the rest belong to the forløp as a whole."""

    ROLLE = "rolle", _("Rolle og ansvar")
    KARTLEGGING = "kartlegging", _("Kartlegging")
    TILTAK = "tiltak", _("Tiltak")
    EVALUERING = "evaluering", _("Evaluering av tiltak")
    SAMARBEID = "samarbeid", _("Samarbeid")
    HENVISNING = "henvisning", _("Henvisning")
    MEDVIRKNING = "medvirkning", _("Medvirkning og samtykke")
    BAKGRUNN = "bakgrunn", _("Les mer om forløpet")
    SJEKKLISTE = "sjekkliste", _("Sjekkliste for henvisning")
    FAMILIE_OM = "familie-om", _("Hva er dette?")
    FAMILIE_TEGN = "familie-tegn", _("Hva kan vi se etter?")
    FAMILIE_SELV = "familie-selv", _("Hva kan vi gjøre selv?")
    FAMILIE_VIDERE = "familie-videre", _("Hva skjer videre?")


SEKSJONER = (
    Tekstdel.ROLLE,
    Tekstdel.KARTLEGGING,
    Tekstdel.TILTAK,
    Tekstdel.EVALUERING,
    Tekstdel.SAMARBEID,
    Tekstdel.HENVISNING,
    Tekstdel.MEDVIRKNING,
)
FAMILIEDELER = (Tekstdel.FAMILIE_OM, Tekstdel.FAMILIE_TEGN, Tekstdel.FAMILIE_SELV, Tekstdel.FAMILIE_VIDERE)


class Tekstplass(NamedTuple):
    """The slot a text fills: one tekstdel of a service in a forløp, or a part of the forløp as
    a whole (tjeneste None). By ids where the database is read — resolution answers per slot —
    and by slugs in a bundle. A Tekst is one slot in one scope and one målform."""

    forlop: int | str
    tjeneste: int | str | None
    tekstdel: str

    @classmethod
    def av(cls, tekst):
        """The slot of a Tekst, or of any row that carries its ids (a resolution candidate, a
        search document)."""
        return cls(tekst.forlop_id, tekst.tjeneste_id, tekst.tekstdel)

    def felt(self):
        """The slot as a Tekst's fields, by ids."""
        return {"forlop_id": self.forlop, "tjeneste_id": self.tjeneste, "tekstdel": self.tekstdel}


def seksjon_anker(tjeneste_slug, tekstdel):
    """The id a text has on the forløp page. The feed, search and a service's own page link to
    it, so every link and the page build it here."""
    return f"{tjeneste_slug}-{tekstdel}" if tjeneste_slug else str(tekstdel)


class TekstQuerySet(OmfangQuerySet):
    @staticmethod
    def _fra_siste_versjon(felt):
        # Tekst.siste_versjon() as a subquery: one field of each text's newest version.
        siste = Tekstversjon.objects.filter(tekst=OuterRef("pk")).nyeste_forst().values(felt)[:1]
        return Subquery(siste)

    def med_siste_versjon(self):
        """Annotates siste_versjon_id: each text's newest version, draft or not."""
        return self.annotate(siste_versjon_id=self._fra_siste_versjon("pk"))

    def med_status(self):
        """Annotates siste_status: the status of each text's newest version."""
        return self.annotate(siste_status=self._fra_siste_versjon("status"))

    def med_flagg(self):
        """Annotates flagget: a published variant whose felles tekst was published anew since."""
        felles = (
            Tekst.objects.felles()
            .filter(forlop=OuterRef("forlop"), tekstdel=OuterRef("tekstdel"), malform=OuterRef("malform"))
            .annotate(tj=Coalesce("tjeneste", Value(0)))
            .filter(tj=Coalesce(OuterRef("tjeneste"), Value(0)))
            .values("publisert")[:1]
        )
        variant = Q(publisert__isnull=False) & (Omfang.HELSEFELLESSKAP.q() | Omfang.KOMMUNE.q())
        endret = Q(publisert__felles_grunnlag__isnull=True) | ~Q(
            publisert__felles_grunnlag=F("felles_publisert")
        )
        return self.annotate(felles_publisert=Subquery(felles)).annotate(
            flagget=Case(
                When(variant & Q(felles_publisert__isnull=False) & endret, then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )


class Tekst(MedOmfang, Innhold):
    """One text slot: a seksjon of a service in a forløp (or a forløp-level part), in one scope
    and one målform. Its content lives in immutable Tekstversjon rows; `publisert` points at
    the one readers see."""

    forlop = models.ForeignKey(
        Forlop, on_delete=models.CASCADE, related_name="tekster", verbose_name=_("forløp")
    )
    tjeneste = models.ForeignKey(
        Tjeneste, on_delete=models.PROTECT, null=True, blank=True, related_name="tekster"
    )
    tekstdel = models.CharField(_("del"), max_length=20, choices=Tekstdel.choices)
    malform = models.CharField(_("målform"), max_length=2, choices=Malform.choices)
    publisert = models.OneToOneField(
        "Tekstversjon", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    er_eksempel = models.BooleanField(
        _("eksempel"),
        default=False,
        help_text=_("Demoinnhold: teksten har oppdiktede lokale detaljer og vises med merket «Eksempel»."),
    )

    objects = TekstQuerySet.as_manager()

    class Meta(MedOmfang.Meta):
        verbose_name = _("tekst")
        verbose_name_plural = _("tekster")
        constraints = [
            *MedOmfang.Meta.constraints,  # tekst_ett_omfang
            # One slot per (what, scope, målform). Coalesce because a felles text has no
            # helsefellesskap or kommune, and NULLs never collide in a plain unique index.
            models.UniqueConstraint(
                "forlop",
                Coalesce("tjeneste", Value(0)),
                "tekstdel",
                Coalesce("helsefellesskap", Value(0)),
                Coalesce("kommune", Value(0)),
                "malform",
                name="tekst_en_per_del_omfang_malform",
            ),
        ]
        indexes = [
            models.Index(fields=["forlop", "tjeneste", "tekstdel"], name="tekst_plass_idx"),
            # forlop.resolution: one index branch per scope of the OR (felles / kommune, and
            # helsefellesskap), for a forløp page and for a service's page (checked with EXPLAIN).
            models.Index(fields=["forlop", "kommune", "helsefellesskap"], name="tekst_forlop_omfang_idx"),
            models.Index(fields=["forlop", "helsefellesskap"], name="tekst_forlop_hf_idx"),
            models.Index(
                fields=["tjeneste", "tekstdel", "kommune", "helsefellesskap"],
                name="tekst_tjeneste_omfang_idx",
            ),
            models.Index(fields=["tjeneste", "tekstdel", "helsefellesskap"], name="tekst_tjeneste_hf_idx"),
        ]

    def __str__(self):
        """Named for people, in the reader's målform: «Angst · BUP · Tilvising · felles tekst ·
        nynorsk» (a bundle names a text by its Tekstnokkel instead)."""
        eier = self.kommune or self.helsefellesskap
        deler = [
            self.forlop.tittel,
            self.tjeneste.navn if self.tjeneste_id else None,
            self.get_tekstdel_display(),
            eier.navn if eier else _("felles tekst"),
            self.get_malform_display(),
        ]
        return " · ".join(str(d) for d in deler if d)

    @property
    def plass(self):
        return Tekstplass.av(self)

    @property
    def anker(self):
        return seksjon_anker(self.tjeneste.slug if self.tjeneste_id else None, self.tekstdel)

    def lenke(self):
        """The public page that shows this text, as a reader in its scope reads it: a family
        part on the family page, the checklist on its own page, everything else on the forløp
        page at its anchor; a kommune's variant with ?kommune= (a helsefellesskap's variant has
        no one kommune to name, so it links to the page as its own readers open it)."""
        slug = self.forlop.slug
        if self.tekstdel in FAMILIEDELER:
            side, anker = reverse("forlop:familie", args=[slug]), self.tekstdel
        elif self.tekstdel == Tekstdel.SJEKKLISTE:
            side, anker = reverse("forlop:henvisning", args=[slug]), ""
        else:
            side, anker = self.forlop.get_absolute_url(), self.anker
        if self.kommune_id:
            side = f"{side}?kommune={self.kommune.nummer}"
        return f"{side}#{anker}" if anker else side

    def siste_versjon(self):
        """The newest version, draft or not (None before the first): what a new version must
        build on, or it is a conflict."""
        return self.versjoner.nyeste_forst().first()


class Status(models.TextChoices):
    UTKAST = "utkast", _("Utkast")
    TIL_GODKJENNING = "til-godkjenning", _("Til godkjenning")
    PUBLISERT = "publisert", _("Publisert")
    AVVIST = "avvist", _("Avvist")
    ERSTATTET = "erstattet", _("Erstattet av nyere publisering")
    TRUKKET = "trukket", _("Trukket tilbake")


class EndringQuerySet(models.QuerySet):
    def nyeste_forst(self):
        """The versions newest first: the one order «siste versjon» is read in."""
        return self.order_by("-nummer")

    def for_helsefellesskap(self, helsefellesskap):
        """With a helsefellesskap: its own and its kommunar's versions, and the felles ones."""
        if helsefellesskap is None:
            return self
        return self.filter(under(helsefellesskap, "tekst__") | Omfang.FELLES.q("tekst__"))

    def publiserte(self, helsefellesskap=None):
        """Publications, newest first. A withdrawn version was published too; withdrawals from
        before trukket_tid was recorded wrote their note over the publication's, so those stay
        out rather than show the withdrawal's note as the publication's."""
        publisert = Q(status__in=[Status.PUBLISERT, Status.ERSTATTET]) | Q(
            status=Status.TRUKKET, trukket_tid__isnull=False
        )
        return (
            self.filter(publisert, publisert_tid__isnull=False)
            .exclude(endringsnotat="")
            .for_helsefellesskap(helsefellesskap)
            .order_by("-publisert_tid", "-pk")
        )

    def trukne(self, helsefellesskap=None):
        """Withdrawn variants («Gå tilbake til felles tekst»), newest first."""
        return (
            self.filter(trukket_tid__isnull=False)
            .for_helsefellesskap(helsefellesskap)
            .order_by("-trukket_tid", "-pk")
        )


class Tekstversjon(models.Model):
    """An immutable version of a text. The markdown is rendered and sanitised once, on
    creation, so reading a page never runs the markdown parser."""

    tekst = models.ForeignKey(Tekst, on_delete=models.CASCADE, related_name="versjoner")
    nummer = models.PositiveIntegerField(_("versjon"))
    markdown = models.TextField(_("tekst (markdown)"), validators=[avvis_fodselsnummer])
    html = models.TextField(editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UTKAST)
    forrige = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Versjonen redaktøren tok utgangspunkt i."),
    )
    felles_grunnlag = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For en lokal tilpasning: den publiserte felles teksten den bygger på."),
    )
    laget_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A default rather than auto_now_add: an imported version keeps its own creation time.
    laget = models.DateTimeField(default=timezone.now, editable=False)
    endringsnotat = models.TextField(_("endringsnotat"), blank=True, validators=[avvis_fodselsnummer])
    publisert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    publisert_tid = models.DateTimeField(_("publisert"), null=True, blank=True)
    kommentar = models.TextField(_("kommentar fra godkjenner"), blank=True, validators=[avvis_fodselsnummer])
    # A withdrawal is recorded beside the publication it ends, never over it: both stay in the
    # history and in /endringer/. A version is withdrawn at most once (it cannot be republished).
    trukket_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    trukket_tid = models.DateTimeField(null=True, blank=True)
    trukket_notat = models.TextField(blank=True, validators=[avvis_fodselsnummer])

    objects = EndringQuerySet.as_manager()

    class Meta:
        ordering = ["tekst", "-nummer"]
        verbose_name = _("tekstversjon")
        verbose_name_plural = _("tekstversjoner")
        constraints = [models.UniqueConstraint(fields=["tekst", "nummer"], name="tekstversjon_nummer_unikt")]

    def __str__(self):
        return f"{self.tekst} v{self.nummer}"

    def save(self, *args, **kwargs):
        # Later saves only move the workflow (status, publication); the text never changes.
        if self._state.adding:
            self.html = render(self.markdown)
        super().save(*args, **kwargs)


class ForslagStatus(models.TextChoices):
    APENT = "apent", _("Åpent")
    GODTATT = "godtatt", _("Godtatt")
    AVSLATT = "avslatt", _("Avslått")


class Forslag(models.Model):
    """A redaktør's proposal to change the felles tekst; the forvalter accepts (as a draft of
    the felles tekst) or declines with a reason the proposer sees."""

    tekst = models.ForeignKey(Tekst, on_delete=models.CASCADE, related_name="forslag")
    grunnlag = models.ForeignKey(
        Tekstversjon, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    markdown = models.TextField(_("foreslått tekst"), validators=[avvis_fodselsnummer])
    begrunnelse = models.TextField(_("begrunnelse"), validators=[avvis_fodselsnummer])
    laget_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # A default rather than auto_now_add: an imported version keeps its own creation time.
    laget = models.DateTimeField(default=timezone.now, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ForslagStatus.choices, default=ForslagStatus.APENT
    )
    svar = models.TextField(_("svar fra forvalter"), blank=True, validators=[avvis_fodselsnummer])
    behandlet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    behandlet = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-laget"]
        verbose_name = _("forslag til felles tekst")
        verbose_name_plural = _("forslag til felles tekst")

    def __str__(self):
        return f"Forslag til {self.tekst}"


class RevisjonQuerySet(OmfangQuerySet):
    def for_kontekst(self, forlop, kommune=None):
        """The review dates that apply to a reader: felles, and the kommune's and its helsefellesskap's."""
        hf = kommune.helsefellesskap_id if kommune is not None else None
        return self.gjelder(hf, kommune).filter(forlop=forlop).select_related("helsefellesskap", "kommune")


class Revisjon(MedOmfang, Innhold):
    """When a forløp was last reviewed in one scope, and when it is due again."""

    forlop = models.ForeignKey(
        Forlop, on_delete=models.CASCADE, related_name="revisjoner", verbose_name=_("forløp")
    )
    # A review date has no meaning without its scope: it goes with it.
    helsefellesskap = models.ForeignKey(
        Helsefellesskap, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kommune = models.ForeignKey(Kommune, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    sist_revidert = models.DateField(_("sist revidert"))
    neste_revisjon = models.DateField(_("neste revisjon"))

    objects = RevisjonQuerySet.as_manager()

    class Meta(MedOmfang.Meta):
        verbose_name = _("revisjon")
        verbose_name_plural = _("revisjoner")
        constraints = [
            *MedOmfang.Meta.constraints,  # revisjon_ett_omfang
            models.UniqueConstraint(
                "forlop",
                Coalesce("helsefellesskap", Value(0)),
                Coalesce("kommune", Value(0)),
                name="revisjon_en_per_forlop_omfang",
            ),
        ]

    def __str__(self):
        return f"{self.forlop} · {self.omfang_navn}"


class KontaktpersonForlop(Innhold, models.Model):
    """A forløp a contact person is contact for, when not for all (tjenester.Kontaktperson
    cannot name a forløp: forløp sit above it)."""

    kontaktperson = models.ForeignKey(
        Kontaktperson, on_delete=models.CASCADE, related_name="forlop_koplingar"
    )
    forlop = models.ForeignKey(
        Forlop, on_delete=models.CASCADE, related_name="kontaktpersonar", verbose_name=_("forløp")
    )

    class Meta:
        verbose_name = _("forløp for kontaktperson")
        verbose_name_plural = _("forløp for kontaktperson")
        constraints = [
            models.UniqueConstraint(fields=["kontaktperson", "forlop"], name="kontaktperson_forlop_unik")
        ]

    def __str__(self):
        return str(self.forlop)

    def endring(self):
        return self.kontaktperson.endring()
