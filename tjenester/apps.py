from django.apps import AppConfig


class TjenesterConfig(AppConfig):
    name = "tjenester"
    verbose_name = "Tjenester og kommuner"
