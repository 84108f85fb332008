from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UtvekslingConfig(AppConfig):
    name = "utveksling"
    verbose_name = _("Utveksling av innhold")
