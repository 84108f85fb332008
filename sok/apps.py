from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SokConfig(AppConfig):
    name = "sok"
    verbose_name = _("Søk")

    def ready(self):
        from . import signaler  # noqa: F401 - connects the index to content changes
