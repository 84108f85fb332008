from django.apps import AppConfig


class BupkartConfig(AppConfig):
    name = "bupkart"
    verbose_name = "bupkart"

    def ready(self):
        from . import cache

        cache.kople_signal()
