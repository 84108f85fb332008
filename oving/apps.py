from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OvingConfig(AppConfig):
    name = "oving"
    verbose_name = _("Øvingsverktøy")

    def ready(self):
        # The cases travel with the bundles and the demo content; utveksling is below and
        # cannot import them, so they plug in here.
        from redaksjon import svar
        from utveksling import tillegg

        from . import arbeidsflyt, bundle, demo

        tillegg.registrer(
            tillegg.Bundledel(
                nokkel="kasus",
                eksporter=bundle.eksporter,
                valider=bundle.valider,
                skriv=bundle.skriv,
            )
        )
        tillegg.ved_demo(demo.last)
        # An answer to a case sent for approval waits on the sender's start page like a text's.
        svar.registrer(
            svar.Svarkilde(
                art=arbeidsflyt.SVARART, svar=arbeidsflyt.svar_kasus, mal="admin/oving/kasus/svar.html"
            )
        )
