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
        # A case sent for approval waits on the approver's start page, and the answer on the
        # sender's, like a text's.
        svar.registrer(
            svar.Svarkilde(
                art=arbeidsflyt.SVARART,
                svar=arbeidsflyt.svar_kasus,
                mal="admin/oving/kasus/svar.html",
                venter=arbeidsflyt.venter_kasus,
                venter_mal="admin/oving/kasus/venter.html",
            )
        )
