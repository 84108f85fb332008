from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tjenester.models import Helsefellesskap, Kommune


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


class Kvittering(models.Model):
    """The sender has seen an answer (a rejected or approved version, an answered proposal): it
    leaves their start page. The answer itself stays on the version or the proposal."""

    bruker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    versjon = models.ForeignKey(
        "forlop.Tekstversjon", on_delete=models.CASCADE, null=True, blank=True, related_name="kvitteringer"
    )
    forslag = models.ForeignKey(
        "forlop.Forslag", on_delete=models.CASCADE, null=True, blank=True, related_name="kvitteringer"
    )
    sett = models.DateTimeField(_("sett"), default=timezone.now)

    class Meta:
        verbose_name = _("kvittering")
        verbose_name_plural = _("kvitteringer")
        constraints = [
            models.CheckConstraint(
                name="kvittering_en_ting",
                condition=Q(versjon__isnull=False, forslag__isnull=True)
                | Q(versjon__isnull=True, forslag__isnull=False),
            ),
            models.UniqueConstraint(fields=["bruker", "versjon"], name="kvittering_versjon_unik"),
            models.UniqueConstraint(fields=["bruker", "forslag"], name="kvittering_forslag_unik"),
        ]

    def __str__(self):
        return f"{self.bruker} · {self.versjon or self.forslag}"
