from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RedaksjonConfig(AppConfig):
    name = "redaksjon"
    verbose_name = _("Redaksjon")
