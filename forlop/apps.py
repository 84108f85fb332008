from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _forlop_pa_kartet(request, kommune):
    from .models import Forlop

    # Each forløp opens at the reader's own service, as from the start page (tjenester.roller).
    return {"forlop_liste": Forlop.objects.published().med_rolle(request.rolle)}


class ForlopConfig(AppConfig):
    name = "forlop"
    verbose_name = _("Forløp")

    def ready(self):
        from tjenester import kart

        # The kommune map lists every forløp in the kommune's context (tjenester cannot ask).
        kart.registrer(kart.Kartdel("forlop/kart/forlop.html", _forlop_pa_kartet, rekkefolge=10))
