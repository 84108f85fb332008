"""Self-study: the list of cases, a case step by step (each step a page; htmx swaps only the
answer), and the whole case with its answers for print."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from forlop.resolution import Kontekst
from tjenester.http import LeserRequest

from .fasit import fasit, sammenlign, steg_med_tjenester, tjenester_i_forlop
from .models import Kasus


def _kasus(request: LeserRequest, slug: str) -> Kasus:
    return get_object_or_404(Kasus.objects.for_leser(request.kommune), slug=slug)


@require_GET
def liste(request: LeserRequest) -> HttpResponse:
    return render(request, "oving/liste.html", {"kasus_liste": Kasus.objects.for_leser(request.kommune)})


@require_GET
def kasus(request: LeserRequest, slug: str) -> HttpResponse:
    valgt = _kasus(request, slug)
    return render(
        request,
        "oving/kasus.html",
        {"kasus": valgt, "antall_steg": valgt.steg.count(), "kan_starte_okt": request.kommune is not None},
    )


@require_GET
@vary_on_headers("HX-Request")  # the answer alone for htmx, the whole page for others
def steg(request: LeserRequest, slug: str, nummer: int) -> HttpResponse:
    """One step: the reader ticks the services that should act now (a GET form, so it works
    without JavaScript and the address can be shared), then sees the forløp's answer beside
    their choice. With htmx only the answer is swapped in."""
    valgt = _kasus(request, slug)
    alle = steg_med_tjenester(valgt)
    if not 1 <= nummer <= len(alle):
        raise Http404
    dette = alle[nummer - 1]
    tilbud = tjenester_i_forlop(valgt.forlop)
    valgte = [s for s in request.GET.getlist("tjeneste") if s in tilbud]
    vis = "vis" in request.GET
    kontekst = {
        "kasus": valgt,
        "steg": dette,
        "antall_steg": len(alle),
        "tilbud": tilbud.values(),
        "valgte": valgte,
        "vis": vis,
        "forrige": nummer - 1 if nummer > 1 else None,
        "neste": nummer + 1 if nummer < len(alle) else None,
    }
    if vis:
        (stegsvar,) = fasit(valgt, [dette], Kontekst.fra(request))
        kontekst["svar"] = stegsvar
        kontekst["sammenligning"] = sammenlign(set(valgte), stegsvar, tilbud)
    mal = "oving/steg.html#svar" if request.htmx and vis else "oving/steg.html"
    return render(request, mal, kontekst)


@require_GET
def utskrift(request: LeserRequest, slug: str) -> HttpResponse:
    """The whole case with every answer, for a handout."""
    valgt = _kasus(request, slug)
    return render(
        request,
        "oving/utskrift.html",
        {"kasus": valgt, "svar": fasit(valgt, steg_med_tjenester(valgt), Kontekst.fra(request))},
    )
