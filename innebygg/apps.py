from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnebyggConfig(AppConfig):
    name = "innebygg"
    verbose_name = _("Innebygging")
