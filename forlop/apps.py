from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForlopConfig(AppConfig):
    name = "forlop"
    verbose_name = _("Forløp")
