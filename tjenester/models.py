from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bupkart.fnr import avvis_fodselsnummer
from bupkart.malform import IMalform, Malform, ToMalformer
from bupkart.signaler import FELLES, Endring, Innhold, SporLest

from .omfang import innenfor

# The first two digits of a kommunenummer are the fylke; these are the fylke numbers in use
# since 2024. A number outside them is a typo, not a kommune.
FYLKESNUMMER = {"03", "11", "15", "18", "31", "32", "33", "34", "39", "40", "42", "46", "50", "55", "56"}


def valider_kommunenummer(verdi):
    if not (isinstance(verdi, str) and len(verdi) == 4 and verdi.isdigit()):
        raise ValidationError(_("Et kommunenummer har fire sifre, for eksempel 1106."), code="format")
    if verdi[:2] not in FYLKESNUMMER:
        raise ValidationError(
            _("%(nummer)s er ikke et gyldig kommunenummer: de to første sifrene er ikke et fylke."),
            params={"nummer": verdi},
            code="fylke",
        )


class Niva(Innhold, ToMalformer, models.Model):
    """One level of tiltakspyramiden. The levels are data, so a helsefellesskap that counts
    them differently changes rows, not code."""

    slug = models.SlugField(unique=True, validators=[avvis_fodselsnummer])
    rekkefolge = models.PositiveSmallIntegerField(
        _("rekkefølge"), unique=True, help_text=_("1 er toppen av pyramiden: helsefremmende arbeid for alle.")
    )
    navn_nb = models.CharField(_("navn (bokmål)"), max_length=120, validators=[avvis_fodselsnummer])
    navn_nn = models.CharField(_("navn (nynorsk)"), max_length=120, validators=[avvis_fodselsnummer])
    beskrivelse_nb = models.TextField(_("beskrivelse (bokmål)"), validators=[avvis_fodselsnummer])
    beskrivelse_nn = models.TextField(_("beskrivelse (nynorsk)"), validators=[avvis_fodselsnummer])

    class Meta:
        ordering = ["rekkefolge"]
        verbose_name = _("nivå")
        verbose_name_plural = _("nivåer")
        db_table = "forlop_niva"  # moved from forlop with its table

    def __str__(self):
        return f"{self.rekkefolge}. {self.navn_nb}"

    navn = IMalform("navn")
    beskrivelse = IMalform("beskrivelse")


class Helsefellesskap(Innhold, models.Model):
    navn = models.CharField(_("navn"), max_length=120, unique=True, validators=[avvis_fodselsnummer])
    slug = models.SlugField(unique=True, validators=[avvis_fodselsnummer])
    malform = models.CharField(_("målform"), max_length=2, choices=Malform.choices)
    helseforetak = models.CharField(_("helseforetak"), max_length=120, validators=[avvis_fodselsnummer])
    bup_akutt_telefon = models.CharField(
        _("BUP akutt, telefon"),
        max_length=20,
        blank=True,
        help_text=_("Tomt for et helsefellesskap som ennå ikke har tatt modellen i bruk."),
        validators=[avvis_fodselsnummer],
    )
    bup_akutt_merknad = models.CharField(
        _("BUP akutt, merknad"),
        max_length=300,
        blank=True,
        help_text=_("For eksempel hvem som kan ringe, og når."),
        validators=[avvis_fodselsnummer],
    )
    nettside = models.URLField(_("nettside"), blank=True, validators=[avvis_fodselsnummer])
    tatt_i_bruk = models.DateField(
        _("tok modellen i bruk"),
        null=True,
        blank=True,
        help_text=_(
            "Datoen helsefellesskapet tok samhandlingsforløpene i bruk. Tomt: kommunene får en "
            "side med felles tekst, akuttnumre og hvordan de kan be om modellen."
        ),
    )

    class Meta:
        ordering = ["navn"]
        verbose_name = _("helsefellesskap")
        verbose_name_plural = _("helsefellesskap")

    def __str__(self):
        return self.navn

    @property
    def i_bruk(self):
        """Whether its kommunar read the model's local pages: from the day it was taken into use."""
        return self.tatt_i_bruk is not None and self.tatt_i_bruk <= date.today()

    def endring(self):
        # Its name, målform and akutt numbers show on its kommunar's pages only: no page lists
        # every helsefellesskap (the kommune picker searches, and is not cached).
        return Endring(helsefellesskap_id=self.pk)


class KommuneQuerySet(models.QuerySet):
    def med_helsefellesskap(self):
        return self.select_related("helsefellesskap")


class Kommune(Innhold, models.Model):
    nummer = models.CharField(
        _("kommunenummer"),
        max_length=4,
        unique=True,
        validators=[valider_kommunenummer, avvis_fodselsnummer],
    )
    navn = models.CharField(_("navn"), max_length=80, validators=[avvis_fodselsnummer])
    offisielt_navn = models.CharField(
        _("offisielt navn"),
        max_length=120,
        blank=True,
        help_text=_(
            "Hele det offisielle navnet når det også har samisk eller kvensk form, som «Guovdageaidnu - Kautokeino»."
        ),
        validators=[avvis_fodselsnummer],
    )
    helsefellesskap = models.ForeignKey(Helsefellesskap, on_delete=models.PROTECT, related_name="kommuner")
    kontakt_rolle = models.CharField(
        _("kontakt for Barn og unges helsetjeneste"),
        max_length=120,
        blank=True,
        help_text=_("En funksjon, ikke en person: for eksempel «Koordinator for barn og unge»."),
        validators=[avvis_fodselsnummer],
    )
    kontakt_telefon = models.CharField(
        _("kontakt, telefon"), max_length=20, blank=True, validators=[avvis_fodselsnummer]
    )
    kontakt_epost = models.EmailField(_("kontakt, e-post"), blank=True, validators=[avvis_fodselsnummer])
    kontakt_er_eksempel = models.BooleanField(
        _("kontakten er et eksempel"),
        default=False,
        help_text=_("Demoinnhold: kontakten er oppdiktet og vises med merket «Eksempel»."),
    )
    legevakt_telefon = models.CharField(
        _("legevakt"), max_length=20, default="116 117", validators=[avvis_fodselsnummer]
    )
    nettside = models.URLField(_("nettside"), blank=True, validators=[avvis_fodselsnummer])
    oppdatert = models.DateTimeField(_("sist oppdatert"), auto_now=True)

    objects = KommuneQuerySet.as_manager()

    class Meta:
        ordering = ["navn"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self):
        return f"{self.navn} ({self.nummer})"

    def endring(self):
        # Its name and contacts show on its own readers' pages only (see Helsefellesskap).
        return Endring(kommune_id=self.pk)


class Sektor(models.TextChoices):
    OPPVEKST = "oppvekst", _("Oppvekst")
    KOMMUNAL_HELSE = "kommunal-helse", _("Kommunal helse")
    # Den offentlige tannhelsetjenesten belongs to the fylkeskommune (tannhelsetjenesteloven § 1-1).
    FYLKESKOMMUNAL = "fylkeskommunal", _("Fylkeskommunal")
    BARNEVERN = "barnevern", _("Barnevern")
    SPESIALIST = "spesialist", _("Spesialisthelsetjeneste")
    ANNA = "anna", _("Annet")


class Tjeneste(Innhold, ToMalformer, models.Model):
    """A service type from the national catalogue (fastlege, PPT, BUP …), not a local office."""

    slug = models.SlugField(unique=True, validators=[avvis_fodselsnummer])
    navn_nb = models.CharField(_("navn (bokmål)"), max_length=120, validators=[avvis_fodselsnummer])
    navn_nn = models.CharField(_("navn (nynorsk)"), max_length=120, validators=[avvis_fodselsnummer])
    sektor = models.CharField(_("sektor"), max_length=20, choices=Sektor.choices)
    lovgrunnlag = models.CharField(_("lovgrunnlag"), max_length=300, validators=[avvis_fodselsnummer])
    beskrivelse_nb = models.TextField(_("kort beskrivelse (bokmål)"), validators=[avvis_fodselsnummer])
    beskrivelse_nn = models.TextField(_("kort beskrivelse (nynorsk)"), validators=[avvis_fodselsnummer])

    class Meta:
        ordering = ["navn_nb"]
        verbose_name = _("tjeneste")
        verbose_name_plural = _("tjenester")

    def __str__(self):
        return self.navn_nb

    navn = IMalform("navn")

    beskrivelse = IMalform("beskrivelse")


class LokaltTilbudQuerySet(models.QuerySet):
    def gjelder(self, kommune=None):
        """The offers that may apply to a reader: the scope rule with the kommune as the only
        scope an offer has. A reader who has chosen no kommune gets none: every kommune's
        offers at once answer no «who do I call here?»."""
        return self.filter(innenfor(kommune=kommune))


class LokaltTilbud(SporLest, Innhold, models.Model):
    """A concrete offer in one kommune, written in that kommune's målform."""

    kommune = models.ForeignKey(Kommune, on_delete=models.CASCADE, related_name="tilbud")
    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.PROTECT, related_name="lokale_tilbud")
    niva = models.ForeignKey(
        Niva, on_delete=models.PROTECT, related_name="lokale_tilbud", verbose_name=_("nivå")
    )
    navn = models.CharField(_("navn"), max_length=160, validators=[avvis_fodselsnummer])
    tilbyr = models.TextField(_("hva tilbudet gir"), validators=[avvis_fodselsnummer])
    telefon = models.CharField(_("telefon"), max_length=20, blank=True, validators=[avvis_fodselsnummer])
    epost = models.EmailField(_("e-post"), blank=True, validators=[avvis_fodselsnummer])
    adresse = models.CharField(_("adresse"), max_length=200, blank=True, validators=[avvis_fodselsnummer])
    nettside = models.URLField(_("nettside"), blank=True, validators=[avvis_fodselsnummer])
    apningstider = models.CharField(
        _("åpningstider"), max_length=200, blank=True, validators=[avvis_fodselsnummer]
    )
    forste_kontakt = models.BooleanField(
        _("første kontakt for familier"),
        default=False,
        help_text=_("Vises på familiesidene som stedet å ta kontakt først."),
    )
    er_eksempel = models.BooleanField(
        _("eksempel"),
        default=False,
        help_text=_("Demoinnhold: tilbudet er oppdiktet og vises med merket «Eksempel»."),
    )
    oppdatert = models.DateTimeField(_("sist oppdatert"), auto_now=True)

    objects = LokaltTilbudQuerySet.as_manager()

    class Meta:
        ordering = ["niva__rekkefolge", "navn"]
        verbose_name = _("lokalt tilbud")
        verbose_name_plural = _("lokale tilbud")
        constraints = [models.UniqueConstraint(fields=["kommune", "navn"], name="lokalt_tilbud_unikt_navn")]

    def __str__(self):
        return f"{self.navn} ({self.kommune.navn})"

    SPOR = ("kommune_id",)

    def endring(self):
        # Moved to another kommune: the kommune it left shows it too, until told.
        return FELLES if self.flyttet() else Endring(kommune_id=self.kommune_id)


class KontaktpersonQuerySet(models.QuerySet):
    def offentlege(self):
        return self.filter(offentleg=True)

    def synlege(self, redaksjon, helsefellesskap):
        """The entries a page of this helsefellesskap shows: the public ones, and for a
        logged-in editor who sees its whole network (request.redaksjon) those for editors too."""
        if redaksjon is not None and redaksjon.kan_se_nettverk(helsefellesskap):
            return self
        return self.offentlege()

    def for_forlop(self, forlop):
        """Those who are contact for this forløp: for every forløp, or for it by name."""
        return self.filter(models.Q(alle_forlop=True) | models.Q(forlop_koplingar__forlop=forlop)).distinct()

    def for_kommune(self, kommune):
        """The contact persons a reader in this kommune may call: the kommune's own, and those
        of its helsefellesskap's BUP units (every kommune of it is served by them)."""
        return self.filter(
            models.Q(kommune=kommune)
            | models.Q(kommune__isnull=True, helsefellesskap_id=kommune.helsefellesskap_id)
        )

    def til_stadfesting(self, i_dag=None):
        """Entries nobody has confirmed for twelve months: the editor's start page flags them."""
        i_dag = i_dag or timezone.localdate()
        return self.filter(sist_stadfesta__lte=i_dag - timedelta(days=365))


class Kontaktperson(SporLest, Innhold, models.Model):
    """A named person whom colleagues call about the model: in a kommune, or in one of the
    helsefellesskap's BUP units. Only work contact details are kept; removing a person deletes
    the row (no history of personal details)."""

    helsefellesskap = models.ForeignKey(
        Helsefellesskap,
        on_delete=models.CASCADE,
        related_name="kontaktpersonar",
        verbose_name=_("helsefellesskap"),
    )
    kommune = models.ForeignKey(
        Kommune,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="kontaktpersonar",
        verbose_name=_("kommune"),
        help_text=_("Tom for en kontaktperson i en BUP-enhet."),
    )
    eining = models.CharField(
        _("BUP-enhet"),
        max_length=120,
        blank=True,
        help_text=_("For eksempel «BUP Haugesund». Bare uten kommune."),
        validators=[avvis_fodselsnummer],
    )
    navn = models.CharField(_("navn"), max_length=120, validators=[avvis_fodselsnummer])
    rolle = models.CharField(
        _("rolle"),
        max_length=120,
        help_text=_("For eksempel «Helsesykepleier»."),
        validators=[avvis_fodselsnummer],
    )
    arbeidsstad = models.CharField(_("arbeidssted"), max_length=160, validators=[avvis_fodselsnummer])
    telefon = models.CharField(
        _("telefon på jobb"), max_length=20, blank=True, validators=[avvis_fodselsnummer]
    )
    epost = models.EmailField(_("e-post på jobb"), blank=True, validators=[avvis_fodselsnummer])
    alle_forlop = models.BooleanField(
        _("kontakt for alle forløp"), default=True, help_text=_("Ellers bare for forløpene valgt nedenfor.")
    )
    offentleg = models.BooleanField(
        _("vises offentlig"),
        default=False,
        help_text=_("Ellers ser bare innloggede redaktører personen."),
    )
    sist_stadfesta = models.DateField(
        _("sist bekreftet"),
        default=timezone.localdate,
        help_text=_("Bekreft opplysningene minst en gang i året."),
    )

    objects = KontaktpersonQuerySet.as_manager()

    class Meta:
        ordering = ["kommune__navn", "eining", "navn"]
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kommune__isnull=False) | ~models.Q(eining=""),
                name="kontaktperson_kommune_eller_eining",
            )
        ]

    def __str__(self):
        # The admin's log keeps this: the name and where, never the contact details.
        return f"{self.navn} ({self.stad})"

    @property
    def stad(self):
        return self.kommune.navn if self.kommune_id else self.eining

    SPOR = ("helsefellesskap_id", "kommune_id")

    def clean(self):
        if self.kommune_id and self.kommune.helsefellesskap_id != self.helsefellesskap_id:
            raise ValidationError({"kommune": _("Kommunen hører ikke til dette helsefellesskapet.")})
        if not self.kommune_id and not self.eining.strip():
            raise ValidationError({"eining": _("Oppgi BUP-enheten når personen ikke hører til en kommune.")})
        if self.kommune_id:
            self.eining = ""

    def endring(self):
        if self.flyttet():
            return FELLES
        if self.kommune_id:
            return Endring(kommune_id=self.kommune_id)
        return Endring(helsefellesskap_id=self.helsefellesskap_id)
