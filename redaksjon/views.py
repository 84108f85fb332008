from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tjenester.http import LeserRequest
from tjenester.models import Helsefellesskap

from .endringer import endringer_for, opne_hoyringar


@require_GET
def endringer(request: LeserRequest) -> HttpResponse:
    hf_slug = request.GET.get("helsefellesskap") or None
    side = Paginator(endringer_for(hf_slug), 50).get_page(request.GET.get("side"))
    return render(
        request,
        "redaksjon/endringer.html",
        {
            "side": side,
            "helsefellesskap_liste": Helsefellesskap.objects.all(),
            "valgt_hf": hf_slug,
            "hoyringar": opne_hoyringar(hf_slug),
        },
    )
