from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OvingConfig(AppConfig):
    name = "oving"
    verbose_name = _("Øvingsverktøy")

    def ready(self):
        # The cases travel with the bundles and the demo content; utveksling is below and
        # cannot import them, so they plug in here.
        from utveksling import tillegg

        from . import bundle, demo

        tillegg.registrer(
            tillegg.Bundledel(
                nokkel="kasus",
                eksporter=bundle.eksporter,
                valider=bundle.valider,
                skriv=bundle.skriv,
            )
        )
        tillegg.ved_demo(demo.last)
