from django.apps import AppConfig


class BupkartConfig(AppConfig):
    name = "bupkart"
    verbose_name = "bupkart"

    def ready(self):
        from . import cache, signaler  # noqa: F401 - cache listens to innhold_endret

        signaler.koble()
