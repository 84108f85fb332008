from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from bupkart.fnr import avvis_fodselsnummer
from tjenester.models import Kommune

# Plain http only where nothing travels over a network: a kommune's own machine while testing.
LOKALE_VERTER = {"localhost", "127.0.0.1"}


def opphav(adresse):
    """A web address as the origin a browser compares with frame-ancestors (scheme://host[:port]),
    or a ValidationError saying what is wrong with it."""
    deler = urlsplit((adresse or "").strip())
    if deler.scheme not in ("https", "http") or not deler.hostname:
        raise ValidationError(_("Skriv hele adressen, for eksempel https://www.kommune.no."), code="format")
    if deler.scheme == "http" and deler.hostname not in LOKALE_VERTER:
        raise ValidationError(_("Adressen må begynne med https://."), code="https")
    if deler.username or deler.password or deler.query or deler.fragment or deler.path not in ("", "/"):
        raise ValidationError(
            _(
                "Bare nettstedets adresse, uten sti: for eksempel https://www.kommune.no, ikke en enkelt side."
            ),
            code="sti",
        )
    try:
        port = deler.port
    except ValueError as feil:
        raise ValidationError(_("Portnummeret er ikke gyldig."), code="port") from feil
    return f"{deler.scheme}://{deler.hostname}" + (f":{port}" if port else "")


def valider_opphav(adresse):
    opphav(adresse)


class Nettsted(models.Model):
    """A web site of a kommune's own that may show the portal's embeds (innebygg/) in a frame.
    Every other site is refused: the embeds' frame-ancestors name these and no other."""

    kommune = models.ForeignKey(Kommune, on_delete=models.CASCADE, related_name="nettsteder")
    adresse = models.URLField(
        _("adresse"),
        validators=[valider_opphav, avvis_fodselsnummer],
        help_text=_("Nettstedet som skal vise sidene, for eksempel https://www.kommune.no."),
    )

    class Meta:
        ordering = ["kommune", "adresse"]
        verbose_name = _("nettsted som kan vise innebygde sider")
        verbose_name_plural = _("nettsteder som kan vise innebygde sider")
        constraints = [models.UniqueConstraint(fields=["kommune", "adresse"], name="nettsted_en_gang")]

    def __str__(self):
        return f"{self.adresse} ({self.kommune.navn})"

    def save(self, *args, **kwargs):
        # Stored as the origin the browser compares with, whatever was typed around it.
        self.adresse = opphav(self.adresse)
        super().save(*args, **kwargs)

    def clean(self):
        # The origin, so the uniqueness check compares what is stored (a bad address has been
        # reported by its validator already).
        try:
            self.adresse = opphav(self.adresse)
        except ValidationError:
            pass
