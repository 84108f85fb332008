"""Figures per kommune and period: referrals to BUP, refusals, waiting time, patients and the
kommune's children. Each import is a Datasett; its rows are never changed or deleted, so the
history of every period stays. Loading a period again marks the rows it replaces as no longer
gjeldende (current) in the same transaction."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bupkart.fnr import avvis_fodselsnummer
from tjenester.models import Kommune


class Datasett(models.Model):
    kilde = models.CharField(
        _("kilde"),
        max_length=200,
        help_text=_("For eksempel «NPR, faglig rapport BUP 2025»."),
        validators=[avvis_fodselsnummer],
    )
    filnavn = models.CharField(_("filnavn"), max_length=200, blank=True, validators=[avvis_fodselsnummer])
    lastet_inn = models.DateTimeField(_("lastet inn"), auto_now_add=True)
    lastet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Synthetic figures (load_demo, generate_national): every page that shows them says «Døme-tal».
    demo = models.BooleanField(_("demotall"), default=False)

    class Meta:
        ordering = ["-lastet_inn", "-pk"]
        verbose_name = _("datasett")
        verbose_name_plural = _("datasett")

    def __str__(self):
        return f"{self.kilde} ({self.lastet_inn:%Y-%m-%d})" if self.lastet_inn else self.kilde


class KommunetallQuerySet(models.QuerySet):
    def gjeldende(self):
        return self.filter(gjeldende=True)

    def for_helsefellesskap(self, helsefellesskap):
        """The current figures of every kommune in the helsefellesskap, in one query with the
        kommune and the dataset (whether they are demo figures) beside each row."""
        return (
            self.gjeldende()
            .filter(kommune__helsefellesskap=helsefellesskap)
            .select_related("kommune", "datasett")
            .order_by("kommune__navn", "ar", "tertial")
        )


class Kommunetall(models.Model):
    HELE_AARET = 0

    datasett = models.ForeignKey(Datasett, on_delete=models.PROTECT, related_name="tall")
    # A kommune that is removed from the register takes its figures with it: no page can show
    # them, and keeping them would stop the register (and the bundle tools) removing it.
    kommune = models.ForeignKey(Kommune, on_delete=models.CASCADE, related_name="tall")
    ar = models.PositiveSmallIntegerField(_("år"))
    tertial = models.PositiveSmallIntegerField(
        _("tertial"), default=HELE_AARET, help_text=_("1–3, eller 0 for hele året.")
    )
    henvisninger = models.PositiveIntegerField(_("henvisninger til BUP"))
    avslag = models.PositiveIntegerField(_("avslag"))
    pasienter = models.PositiveIntegerField(_("pasienter"), null=True, blank=True)
    ventetid = models.PositiveIntegerField(_("ventetid til første time, median dager"), null=True, blank=True)
    folketall = models.PositiveIntegerField(_("innbyggere 0–17 år"))
    gjeldende = models.BooleanField(default=True)

    objects = KommunetallQuerySet.as_manager()

    class Meta:
        verbose_name = _("kommunetall")
        verbose_name_plural = _("kommunetall")
        constraints = [
            models.UniqueConstraint(
                fields=["kommune", "ar", "tertial"],
                condition=models.Q(gjeldende=True),
                name="kommunetall_en_gjeldende_per_periode",
            ),
            models.CheckConstraint(
                condition=models.Q(avslag__lte=models.F("henvisninger")), name="kommunetall_avslag_innenfor"
            ),
            models.CheckConstraint(condition=models.Q(tertial__lte=3), name="kommunetall_tertial"),
        ]
        indexes = [models.Index(fields=["kommune", "gjeldende", "ar"])]

    def __str__(self):
        return f"{self.kommune_id} {self.ar}/{self.tertial}"
