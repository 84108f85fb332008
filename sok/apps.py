from django.apps import AppConfig


class SokConfig(AppConfig):
    name = "sok"
    verbose_name = "Søk"

    def ready(self):
        from . import signaler  # noqa: F401 - connects the index to content changes
