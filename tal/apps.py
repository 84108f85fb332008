from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalConfig(AppConfig):
    name = "tal"
    verbose_name = _("Tal")
