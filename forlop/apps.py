from django.apps import AppConfig


class ForlopConfig(AppConfig):
    name = "forlop"
    verbose_name = "Forløp"
