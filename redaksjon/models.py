import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from bupkart.fnr import avvis_fodselsnummer
from tjenester.models import Helsefellesskap, Kommune
from tjenester.omfang import MedOmfang, OmfangQuerySet


class Rolle(models.TextChoices):
    FORVALTER = "forvalter", _("Forvalter (felles tekst)")
    REDAKTOR = "redaktor", _("Redaktør for helsefellesskap")
    KOMMUNEKONTAKT = "kommunekontakt", _("Kommunekontakt")


class Medlemskap(models.Model):
    """What an editor may touch. A forvalter keeps the felles tekst; a redaktør one
    helsefellesskap and its kommuner; a kommunekontakt one kommune (and cannot publish)."""

    bruker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="medlemskap")
    rolle = models.CharField(_("rolle"), max_length=20, choices=Rolle.choices)
    helsefellesskap = models.ForeignKey(
        Helsefellesskap, on_delete=models.CASCADE, null=True, blank=True, related_name="medlemskap"
    )
    kommune = models.ForeignKey(
        Kommune, on_delete=models.CASCADE, null=True, blank=True, related_name="medlemskap"
    )

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        db_table = "forlop_medlemskap"  # moved from forlop with its table
        constraints = [
            models.CheckConstraint(
                name="medlemskap_omfang_passer_rolle",
                condition=(
                    Q(rolle="forvalter", helsefellesskap__isnull=True, kommune__isnull=True)
                    | Q(rolle="redaktor", helsefellesskap__isnull=False, kommune__isnull=True)
                    | Q(rolle="kommunekontakt", helsefellesskap__isnull=True, kommune__isnull=False)
                ),
            ),
            models.UniqueConstraint(
                "bruker",
                "rolle",
                Coalesce("helsefellesskap", Value(0)),
                Coalesce("kommune", Value(0)),
                name="medlemskap_unikt",
            ),
        ]

    def __str__(self):
        return f"{self.bruker} · {self.get_rolle_display()} · {self.helsefellesskap or self.kommune or ''}".rstrip(
            " ·"
        )


def _ny_nokkel():
    return secrets.token_urlsafe(18)


class HoyringQuerySet(OmfangQuerySet):
    def for_publisering(self, tekst):
        """The høyringar a draft of this text is on and whose publication is still to come:
        publishing the text links to them (services.publiser), and its note may cite them."""
        return self.filter(tekster__versjon__tekst=tekst, tekster__publisering__isnull=True).distinct()

    def opne(self, i_dag=None):
        return self.filter(frist__gte=i_dag or timezone.localdate())

    def lukka(self, i_dag=None):
        return self.filter(frist__lt=i_dag or timezone.localdate())


class Hoyring(MedOmfang):
    """A consultation on a set of drafts in one scope: fagfolk with the invitation's link read
    each changed seksjon as a diff against the published text and comment on it; after the
    deadline the comments and the editors' answers are public."""

    tittel = models.CharField(_("tittel"), max_length=160, validators=[avvis_fodselsnummer])
    invitasjon = models.TextField(
        _("invitasjon"),
        help_text=_("Hva høringen gjelder, og hva dere vil ha svar på."),
        validators=[avvis_fodselsnummer],
    )
    inviterte = models.CharField(
        _("inviterte"),
        max_length=300,
        help_text=_("Hvem dere deler lenken med, for eksempel «PPT og BUP i Fonna»."),
        validators=[avvis_fodselsnummer],
    )
    frist = models.DateField(_("frist"), help_text=_("Siste dag for kommentarer."))
    nokkel = models.CharField(max_length=40, unique=True, default=_ny_nokkel, editable=False)
    laget_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    laget = models.DateTimeField(auto_now_add=True)

    objects = HoyringQuerySet.as_manager()

    class Meta(MedOmfang.Meta):
        ordering = ["-frist", "-pk"]
        verbose_name = _("høring")
        verbose_name_plural = _("høringer")

    def __str__(self):
        return self.tittel

    def get_absolute_url(self):
        return reverse("redaksjon:hoyring", args=[self.pk])

    def delingslenke(self):
        """The link the invitation shares: answering needs no account, only this key."""
        return f"{self.get_absolute_url()}?{urlencode({'invitasjon': self.nokkel})}"

    @property
    def er_open(self):
        return self.frist >= timezone.localdate()

    def sitat(self, malform):
        """How an endringsnotat cites this høyring, in the målform of the text it is written
        for (the public summary is linked beside the note, from the publication)."""
        with override(malform):
            return gettext("Etter høring: %(tittel)s, frist %(frist)s") % {
                "tittel": self.tittel,
                "frist": self.frist.strftime("%d.%m.%Y"),
            }


class HoyringTekst(models.Model):
    """One draft in a høyring, with the published version it is read against, and the
    publication that followed the høyring (set by services.publiser)."""

    hoyring = models.ForeignKey(Hoyring, on_delete=models.CASCADE, related_name="tekster")
    versjon = models.ForeignKey(
        "forlop.Tekstversjon", on_delete=models.PROTECT, related_name="hoyringar", verbose_name=_("utkast")
    )
    grunnlag = models.ForeignKey(
        "forlop.Tekstversjon", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    publisering = models.ForeignKey(
        "forlop.Tekstversjon",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hoyring_publisert",
    )

    class Meta:
        verbose_name = _("utkast på høring")
        verbose_name_plural = _("utkast på høring")
        constraints = [models.UniqueConstraint(fields=["hoyring", "versjon"], name="hoyring_versjon_unik")]

    def __str__(self):
        return str(self.versjon.tekst)

    def save(self, *args, **kwargs):
        # The draft is read against what readers saw when it was put on høyring.
        if self._state.adding and self.grunnlag_id is None:
            self.grunnlag_id = self.versjon.tekst.publisert_id
        super().save(*args, **kwargs)


class Svar(models.TextChoices):
    TEKE = "teke", _("Tatt til følge")
    DELVIS = "delvis", _("Delvis tatt til følge")
    IKKJE = "ikkje", _("Ikke tatt til følge")


class HoyringKommentar(models.Model):
    """A comment on one draft of a høyring, or (no draft) on the whole. Name and workplace are
    optional and shown in the public summary only if the commenter allowed it."""

    hoyring = models.ForeignKey(Hoyring, on_delete=models.CASCADE, related_name="kommentarar")
    del_av = models.ForeignKey(
        HoyringTekst, on_delete=models.CASCADE, null=True, blank=True, related_name="kommentarar"
    )
    tekst = models.TextField(_("kommentar"), validators=[avvis_fodselsnummer])
    navn = models.CharField(_("navn"), max_length=120, blank=True, validators=[avvis_fodselsnummer])
    arbeidsstad = models.CharField(
        _("arbeidssted"), max_length=160, blank=True, validators=[avvis_fodselsnummer]
    )
    vis_navn = models.BooleanField(_("navnet kan vises i oppsummeringen"), default=False)
    laget = models.DateTimeField(auto_now_add=True)
    svar = models.CharField(_("svar"), max_length=10, choices=Svar.choices, blank=True)
    begrunnelse = models.TextField(_("begrunnelse"), blank=True, validators=[avvis_fodselsnummer])
    svart_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    svart = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["laget", "pk"]
        verbose_name = _("høringskommentar")
        verbose_name_plural = _("høringskommentarer")

    def __str__(self):
        return Truncator(self.tekst).chars(60)

    def clean(self):
        if self.svar and not self.begrunnelse.strip():
            raise ValidationError({"begrunnelse": _("Skriv en begrunnelse for svaret.")})


class Kvittering(models.Model):
    """The sender has seen an answer (a rejected or approved version, an answered proposal): it
    leaves their start page. The answer itself stays on the version or the proposal. An answer
    from an app above (redaksjon.svar.Svarkilde) is named by its kind and id: redaksjon cannot
    point a foreign key at a model it may not import."""

    bruker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    versjon = models.ForeignKey(
        "forlop.Tekstversjon", on_delete=models.CASCADE, null=True, blank=True, related_name="kvitteringer"
    )
    forslag = models.ForeignKey(
        "forlop.Forslag", on_delete=models.CASCADE, null=True, blank=True, related_name="kvitteringer"
    )
    art = models.CharField(max_length=20, blank=True, default="", editable=False)
    objekt_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    sett = models.DateTimeField(_("sett"), default=timezone.now)

    class Meta:
        verbose_name = _("kvittering")
        verbose_name_plural = _("kvitteringer")
        constraints = [
            models.CheckConstraint(
                name="kvittering_en_ting",
                condition=Q(versjon__isnull=False, forslag__isnull=True, objekt_id__isnull=True)
                | Q(versjon__isnull=True, forslag__isnull=False, objekt_id__isnull=True)
                | Q(versjon__isnull=True, forslag__isnull=True, objekt_id__isnull=False) & ~Q(art=""),
            ),
            models.UniqueConstraint(fields=["bruker", "versjon"], name="kvittering_versjon_unik"),
            models.UniqueConstraint(fields=["bruker", "forslag"], name="kvittering_forslag_unik"),
            models.UniqueConstraint(fields=["bruker", "art", "objekt_id"], name="kvittering_annet_unik"),
        ]

    def __str__(self):
        return f"{self.bruker} · {self.versjon or self.forslag or f'{self.art} {self.objekt_id}'}"
