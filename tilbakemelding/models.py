from django.db import models
from django.utils.translation import gettext_lazy as _

from bupkart.fnr import avvis_fodselsnummer
from tjenester.omfang import MedOmfang


class Behandling(models.TextChoices):
    NY = "ny", _("Ny")
    UNDER_ARBEID = "under-arbeid", _("Under arbeid")
    LOST = "lost", _("Løst")


class Tilbakemelding(MedOmfang):
    """A reader's message about a page. It belongs to the scope that owns what the page
    showed: felles (helsefellesskap and kommune empty) → the forvalter; a helsefellesskap →
    its redaktører; a kommune → that kommune's editors. The scope is decided on the server
    (tilbakemelding.ruting), never taken from the form."""

    tekst = models.TextField(_("tilbakemelding"), validators=[avvis_fodselsnummer])
    epost = models.EmailField(_("e-post for svar"), blank=True, validators=[avvis_fodselsnummer])
    haster = models.BooleanField(_("haster"), default=False)
    side = models.CharField(_("side"), max_length=300, blank=True, validators=[avvis_fodselsnummer])
    forlop = models.ForeignKey(
        "forlop.Forlop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forløp"),
    )
    seksjon = models.CharField(_("seksjon"), max_length=140, blank=True, validators=[avvis_fodselsnummer])
    gjelder_tekst = models.ForeignKey(
        "forlop.Tekst",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tekst siden viste"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Behandling.choices, default=Behandling.NY)
    merknad = models.TextField(_("intern merknad"), blank=True, validators=[avvis_fodselsnummer])
    mottatt = models.DateTimeField(_("mottatt"), auto_now_add=True)

    class Meta(MedOmfang.Meta):  # its constraint: tilbakemelding_ett_omfang
        ordering = ["-mottatt"]
        verbose_name = _("tilbakemelding")
        verbose_name_plural = _("tilbakemeldinger")
        indexes = [models.Index(fields=["status", "-mottatt"], name="tilbakemelding_status_idx")]

    def __str__(self):
        return f"{self.mottatt:%d.%m.%Y %H:%M} · {self.side or '–'}"
