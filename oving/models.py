"""Cases to practise a forløp on, and the økter a samhandlingsdag runs them in.

A Kasus is content like a text: it has a scope (felles, a helsefellesskap's, a kommune's),
a publish status and a history of versions (Kasusversjon, a snapshot per save). Its steps
name the services that act and which of their seksjonar apply, never the words of a seksjon:
the answer is read from the forløp's resolved texts (forlop.resolution) when it is shown,
so a case follows every publication of the texts it points at.

An Okt and everything its tables answered is temporary: deleted after
BUPKART_OVING_OKT_DAGAR days (manage.py slett_gamle_okter)."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bupkart.fnr import avvis_fodselsnummer
from bupkart.malform import IMalform, Malform, ToMalformer
from bupkart.signaler import Innhold
from forlop.models import SEKSJONER, Forlop, Status
from tjenester.models import Kommune, Tjeneste
from tjenester.omfang import MedOmfang, OmfangQuerySet


class KasusStatus(models.TextChoices):
    UTKAST = "utkast", _("Utkast")
    PUBLISERT = "publisert", _("Publisert")


class KasusQuerySet(OmfangQuerySet):
    def originaler(self):
        """The cases themselves, without the working copies their drafts are edited in."""
        return self.filter(utkast_av__isnull=True)

    def publiserte(self):
        """The cases readers see: published, in a published forløp."""
        return self.originaler().filter(status=KasusStatus.PUBLISERT, forlop__publisert=True)

    def for_leser(self, kommune):
        """The published cases a reader in this kommune (or none) may walk."""
        hf = kommune.helsefellesskap_id if kommune is not None else None
        return self.publiserte().gjelder(hf, kommune).select_related("forlop")


class Kasus(MedOmfang, Innhold, ToMalformer):
    """A fictive child or young person and what happens to them, step by step, in one forløp."""

    forlop = models.ForeignKey(
        Forlop, on_delete=models.CASCADE, related_name="kasus", verbose_name=_("forløp")
    )
    # A working copy has no slug of its own: readers never reach it, and it takes its
    # original's slug when a publication writes it back. NULL, not "": the slug is unique, and
    # many copies may be open at once.
    slug = models.SlugField(unique=True, null=True, validators=[avvis_fodselsnummer])  # noqa: DJ001
    tittel_nb = models.CharField(_("tittel (bokmål)"), max_length=160, validators=[avvis_fodselsnummer])
    tittel_nn = models.CharField(_("tittel (nynorsk)"), max_length=160, validators=[avvis_fodselsnummer])
    fornavn = models.CharField(_("fornavn (oppdiktet)"), max_length=40, validators=[avvis_fodselsnummer])
    alder = models.PositiveSmallIntegerField(_("alder"))
    situasjon_nb = models.TextField(_("situasjon (bokmål)"), validators=[avvis_fodselsnummer])
    situasjon_nn = models.TextField(_("situasjon (nynorsk)"), validators=[avvis_fodselsnummer])
    status = models.CharField(
        _("status"), max_length=12, choices=KasusStatus.choices, default=KasusStatus.UTKAST, editable=False
    )
    versjon = models.PositiveIntegerField(_("versjon"), default=0, editable=False)
    # Set on the working copy of a published case: the draft editors change while readers and
    # økter keep the published case (oving.services).
    utkast_av = models.OneToOneField(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="arbeidskopi",
        verbose_name=_("utkast av"),
    )

    objects = KasusQuerySet.as_manager()

    class Meta(MedOmfang.Meta):  # kasus_ett_omfang
        ordering = ["forlop__rekkefolge", "tittel_nb"]
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")

    def __str__(self):
        return self.tittel_nb

    def get_absolute_url(self):
        return reverse("oving:kasus", args=[self.utkast_av.slug if self.utkast_av_id else self.slug])

    @property
    def original(self):
        """The case readers see: itself, or for a working copy the case it is a draft of."""
        return self.utkast_av if self.utkast_av_id else self

    tittel = IMalform("tittel")
    situasjon = IMalform("situasjon")


def gyldig_seksjon(verdi):
    return verdi in {s.value for s in SEKSJONER}


class Steg(ToMalformer, models.Model):
    """What happens next in a case, and the forløp's answer: the services that act now and
    which of their seksjonar apply (tekstdel values of forlop.models.SEKSJONER)."""

    kasus = models.ForeignKey(Kasus, on_delete=models.CASCADE, related_name="steg")
    nummer = models.PositiveSmallIntegerField(_("nummer"))
    hending_nb = models.TextField(_("hva skjer (bokmål)"), validators=[avvis_fodselsnummer])
    hending_nn = models.TextField(_("hva skjer (nynorsk)"), validators=[avvis_fodselsnummer])
    tjenester = models.ManyToManyField(Tjeneste, related_name="+", verbose_name=_("tjenester som handler nå"))
    seksjoner = models.JSONField(_("seksjoner som gjelder"), default=list)

    class Meta:
        ordering = ["kasus", "nummer"]
        verbose_name = _("steg")
        verbose_name_plural = _("steg")
        constraints = [models.UniqueConstraint(fields=["kasus", "nummer"], name="steg_nummer_unikt")]

    def __str__(self):
        return f"{self.kasus} · {self.nummer}"

    hending = IMalform("hending")


class Kasusversjon(models.Model):
    """A snapshot of a case as it was saved or published (its bundle row). Its content never
    changes; its status moves through the texts' workflow (forlop.models.Status): utkast →
    til godkjenning → publisert or avvist, and a publication is erstattet by the next one."""

    kasus = models.ForeignKey(Kasus, on_delete=models.CASCADE, related_name="versjoner")
    nummer = models.PositiveIntegerField(_("versjon"))
    innhold = models.JSONField()
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    laget_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("laget av"),
    )
    laget = models.DateTimeField(_("laget"), default=timezone.now)
    endringsnotat = models.TextField(_("endringsnotat"), blank=True, validators=[avvis_fodselsnummer])
    kommentar = models.TextField(_("kommentar ved avvisning"), blank=True, validators=[avvis_fodselsnummer])
    publisert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    publisert_tid = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kasus", "-nummer"]
        verbose_name = _("kasusversjon")
        verbose_name_plural = _("kasusversjoner")
        constraints = [models.UniqueConstraint(fields=["kasus", "nummer"], name="kasusversjon_nummer_unikt")]

    def __str__(self):
        return f"{self.kasus} v{self.nummer}"


# Join codes leave out letters and digits that are easy to mix up on a projector (0/O, 1/I/L).
KODETEGN = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
KODELENGDE = 6


def ny_kode():
    return "".join(secrets.choice(KODETEGN) for _ in range(KODELENGDE))


def ny_hemmelighet():
    return secrets.token_urlsafe(24)


def _kode_gyldig_til():
    return timezone.now() + timedelta(hours=settings.BUPKART_OVING_KODE_TIMAR)


class OktQuerySet(models.QuerySet):
    def utlopte(self):
        """The økter older than BUPKART_OVING_OKT_DAGAR: deleted with their answers."""
        return self.filter(opprettet__lt=timezone.now() - timedelta(days=settings.BUPKART_OVING_OKT_DAGAR))

    def med_gyldig_kode(self, kode):
        return self.filter(kode=kode.strip().upper(), kode_gyldig_til__gt=timezone.now())


class Okt(models.Model):
    """One run of a case on a samhandlingsdag, in one kommune. No account: whoever holds the
    secret facilitator link runs it; tables join with the short code while it is valid."""

    kasus = models.ForeignKey(Kasus, on_delete=models.CASCADE, related_name="okter")
    kommune = models.ForeignKey(Kommune, on_delete=models.CASCADE, related_name="+")
    malform = models.CharField(max_length=2, choices=Malform.choices, default=Malform.BOKMAL)
    hemmelighet = models.CharField(max_length=40, unique=True, default=ny_hemmelighet, editable=False)
    kode = models.CharField(max_length=KODELENGDE, unique=True, editable=False)
    kode_gyldig_til = models.DateTimeField(default=_kode_gyldig_til)
    steg_nummer = models.PositiveSmallIntegerField(default=1)
    opprettet = models.DateTimeField(default=timezone.now, db_index=True)

    objects = OktQuerySet.as_manager()

    class Meta:
        verbose_name = _("økt")
        verbose_name_plural = _("økter")

    def __str__(self):
        return f"{self.kasus} · {self.kommune} · {self.kode}"


class Bord(models.Model):
    """A table in an økt: a name («Bord 4») and the key its phone holds. No personal data."""

    okt = models.ForeignKey(Okt, on_delete=models.CASCADE, related_name="bord")
    navn = models.CharField(_("bordnavn"), max_length=40, validators=[avvis_fodselsnummer])
    nokkel = models.CharField(max_length=40, unique=True, default=ny_hemmelighet, editable=False)

    class Meta:
        ordering = ["navn"]
        constraints = [models.UniqueConstraint(fields=["okt", "navn"], name="bord_navn_unikt_i_okt")]

    def __str__(self):
        return self.navn


NOTAT_MAKS = 280


class Svar(models.Model):
    """A table's answer to one step: the services it says should act, and a bottleneck it saw."""

    bord = models.ForeignKey(Bord, on_delete=models.CASCADE, related_name="svar")
    steg = models.ForeignKey(Steg, on_delete=models.CASCADE, related_name="+")
    tjenester = models.ManyToManyField(Tjeneste, related_name="+")
    notat = models.CharField(
        _("flaskehals"), max_length=NOTAT_MAKS, blank=True, validators=[avvis_fodselsnummer]
    )
    sendt = models.BooleanField(default=False)  # the note went to the text's owner as feedback
    endret = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["bord", "steg"], name="svar_ett_per_bord_og_steg")]

    def __str__(self):
        return f"{self.bord} · {self.steg_id}"
