from django.apps import AppConfig


class TilbakemeldingConfig(AppConfig):
    name = "tilbakemelding"
    verbose_name = "Tilbakemeldinger"
