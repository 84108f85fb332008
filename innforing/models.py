from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bupkart.fnr import avvis_fodselsnummer
from tjenester.models import Helsefellesskap

from .guide import STEG


class Status(models.TextChoices):
    IKKJE_STARTA = "ikkje-starta", _("Ikke startet")
    I_GANG = "i-gang", _("I gang")
    FERDIG = "ferdig", _("Ferdig")


class Framdrift(models.Model):
    """Where a helsefellesskap stands on one step of the guide (innforing.guide). A step with
    no row has not started."""

    helsefellesskap = models.ForeignKey(Helsefellesskap, on_delete=models.CASCADE, related_name="framdrift")
    steg = models.CharField(_("steg"), max_length=40, choices=[(s, s) for s in STEG])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IKKJE_STARTA)
    dato = models.DateField(_("dato"), null=True, blank=True)
    notat = models.TextField(_("notat"), blank=True, max_length=1000, validators=[avvis_fodselsnummer])
    endret_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    endret = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("framdrift")
        verbose_name_plural = _("framdrift")
        constraints = [models.UniqueConstraint(fields=["helsefellesskap", "steg"], name="framdrift_unik")]

    def __str__(self):
        return f"{self.helsefellesskap} · {self.steg}: {self.get_status_display()}"
