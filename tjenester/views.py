from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from forlop.models import SEKSJONAR, ForlopTjeneste, Tekstdel
from forlop.resolution import Kontekst, los

from .models import Tjeneste


@require_GET
def tjeneste(request, slug):
    """One service's role in every forløp: the answer to «what is my role here?»."""
    tjeneste = get_object_or_404(Tjeneste, slug=slug)
    plasseringer = (
        ForlopTjeneste.objects.filter(tjeneste=tjeneste, forlop__publisert=True)
        .select_related("forlop", "niva")
        .order_by("forlop__rekkefolge", "forlop__tittel_nb")
    )
    tekster = los(Kontekst.fra(request), tjeneste=tjeneste, tekstdel=Tekstdel.ROLLE)
    return render(
        request,
        "tjenester/tjeneste.html",
        {
            "tjeneste": tjeneste,
            "seksjonar": SEKSJONAR,
            "plasseringer": [
                {"plass": p, "rolle": tekster.get((p.forlop_id, tjeneste.pk, Tekstdel.ROLLE.value))}
                for p in plasseringer
            ],
        },
    )
