from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TilbakemeldingConfig(AppConfig):
    name = "tilbakemelding"
    verbose_name = _("Tilbakemeldinger")
