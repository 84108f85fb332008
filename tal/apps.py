from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalConfig(AppConfig):
    name = "tal"
    verbose_name = _("Tal")

    def ready(self):
        from tjenester import kart
        from utveksling import tillegg

        from . import demo, views

        # The kommune map shows «Tal for <kommune>», and the demo and the national dataset get
        # synthetic figures: the apps below cannot import tal, so tal plugs in.
        kart.registrer(kart.Kartdel("tal/kart.html", views.tal_pa_kartet, rekkefolge=50))
        tillegg.ved_demo(demo.ved_demo)
        tillegg.ved_nasjonalt(demo.ved_nasjonalt)
