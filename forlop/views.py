from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from bupkart.cache import offentleg_side
from tjenester.models import Helsefellesskap, Kommune

from .endringer import endringer_for
from .models import SEKSJONAR, Forlop, ForlopTjeneste, Niva, Revisjon, Tekstdel, seksjon_anker
from .resolution import Kontekst, los


@require_GET
@offentleg_side
def start(request):
    return render(
        request,
        "forlop/start.html",
        {
            "forlop_liste": Forlop.objects.published(),
            "kommuner": Kommune.objects.med_helsefellesskap().order_by("helsefellesskap__navn", "navn"),
        },
    )


@require_GET
@offentleg_side
def liste(request):
    return render(request, "forlop/liste.html", {"forlop_liste": Forlop.objects.published()})


def seksjonar(plass, tekster):
    """A service's seven seksjonar in one forløp, in page order, with their anchors and texts."""
    return [
        {
            "namn": str(s.label),  # translated once here, not at each of its two uses per seksjon
            "anker": seksjon_anker(plass.tjeneste.slug, s.value),
            "visning": tekster.get((plass.forlop_id, plass.tjeneste_id, s.value)),
        }
        for s in SEKSJONAR
    ]


def pyramide(plasseringer, tekster):
    """The nivå of tiltakspyramiden in order, each with its services and their seksjonar."""
    nivaer = {niva.pk: {"niva": niva, "tjenester": []} for niva in Niva.objects.all()}
    for plass in plasseringer:
        nivaer[plass.niva_id]["tjenester"].append(
            {"tjeneste": plass.tjeneste, "seksjonar": seksjonar(plass, tekster)}
        )
    return list(nivaer.values())


@require_GET
@offentleg_side
def detalj(request, slug):
    forlop = get_object_or_404(Forlop.objects.published(), slug=slug)
    plasseringer = ForlopTjeneste.objects.filter(forlop=forlop).select_related("tjeneste")
    # The seksjonar, «les meir», and one family part to know whether the family page has text.
    tekster = los(
        Kontekst.fra(request),
        forlop=forlop,
        tekstdel__in=[*SEKSJONAR, Tekstdel.BAKGRUNN, Tekstdel.FAMILIE_OM],
    )
    return render(
        request,
        "forlop/detalj.html",
        {
            "forlop": forlop,
            "nivaer": pyramide(plasseringer, tekster),
            "bakgrunn": tekster.get((forlop.pk, None, Tekstdel.BAKGRUNN.value)),
            "har_familieside": (forlop.pk, None, Tekstdel.FAMILIE_OM.value) in tekster,
            "revisjoner": Revisjon.objects.for_kontekst(forlop, request.kommune),
        },
    )


@require_GET
def endringer(request):
    hf_slug = request.GET.get("helsefellesskap") or None
    side = Paginator(endringer_for(hf_slug), 50).get_page(request.GET.get("side"))
    return render(
        request,
        "forlop/endringer.html",
        {"side": side, "helsefellesskap_liste": Helsefellesskap.objects.all(), "valgt_hf": hf_slug},
    )
