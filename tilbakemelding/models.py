from django.db import models
from django.utils.translation import gettext_lazy as _

from forlop.models import Omfang


class Behandling(models.TextChoices):
    NY = "ny", _("Ny")
    UNDER_ARBEID = "under-arbeid", _("Under arbeid")
    LOYST = "loyst", _("Løst")


class Tilbakemelding(models.Model):
    """A reader's message about a page. It belongs to the scope that owns what the page
    showed: felles (helsefellesskap and kommune empty) → the forvalter; a helsefellesskap →
    its redaktører; a kommune → that kommune's editors. The scope is decided on the server
    (tilbakemelding.ruting), never taken from the form."""

    tekst = models.TextField(_("tilbakemelding"))
    epost = models.EmailField(_("e-post for svar"), blank=True)
    hastar = models.BooleanField(_("haster"), default=False)
    side = models.CharField(_("side"), max_length=300, blank=True)
    forlop = models.ForeignKey(
        "forlop.Forlop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forløp"),
    )
    seksjon = models.CharField(_("seksjon"), max_length=140, blank=True)
    gjelder_tekst = models.ForeignKey(
        "forlop.Tekst",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tekst siden viste"),
    )
    helsefellesskap = models.ForeignKey(
        "tjenester.Helsefellesskap", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kommune = models.ForeignKey(
        "tjenester.Kommune", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Behandling.choices, default=Behandling.NY)
    merknad = models.TextField(_("intern merknad"), blank=True)
    mottatt = models.DateTimeField(_("mottatt"), auto_now_add=True)

    class Meta:
        ordering = ["-mottatt"]
        verbose_name = _("tilbakemelding")
        verbose_name_plural = _("tilbakemeldinger")
        indexes = [models.Index(fields=["status", "-mottatt"], name="tilbakemelding_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(helsefellesskap__isnull=True) | models.Q(kommune__isnull=True),
                name="tilbakemelding_ett_omfang",
            )
        ]

    def __str__(self):
        return f"{self.mottatt:%d.%m.%Y %H:%M} · {self.side or '–'}"

    @property
    def omfang_navn(self):
        return Omfang.navn(self.kommune, self.helsefellesskap)
