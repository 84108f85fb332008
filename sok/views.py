from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from bupkart.cache import versjoner
from forlop.resolution import Kontekst
from tjenester.http import LeserRequest

from .motor import sok


@require_GET
@vary_on_headers("HX-Request")  # the results alone for htmx, the whole page for others
def sok_side(request: LeserRequest) -> HttpResponse:
    """/sok/?q= — a full page without JavaScript; with htmx, only the results are swapped."""
    resultat = sok(request.GET.get("q", ""), Kontekst.fra(request), versjoner(request))
    mal = "sok/sok.html#htmx" if request.htmx else "sok/sok.html"
    return render(request, mal, {"resultat": resultat})
