from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TjenesterConfig(AppConfig):
    name = "tjenester"
    verbose_name = _("Tjenester og kommuner")
