from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnforingConfig(AppConfig):
    name = "innforing"
    verbose_name = _("Ta i bruk")
