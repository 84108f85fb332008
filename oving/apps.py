from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OvingConfig(AppConfig):
    name = "oving"
    verbose_name = _("Øvingsverktøy")
