from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnforingConfig(AppConfig):
    name = "innforing"
    verbose_name = _("Ta i bruk")

    def ready(self):
        # The demo content's progress through the guide; utveksling is below and cannot import
        # this app, so it plugs in here.
        from utveksling import tillegg

        from . import demo

        tillegg.ved_demo(demo.last)
