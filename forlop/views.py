from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from bupkart.cache import offentleg_side
from tjenester.models import Kommune, Niva, Tjeneste

from .models import SEKSJONAR, Forlop, ForlopTjeneste, Revisjon, Tekstdel, seksjon_anker
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
@offentleg_side
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
        "forlop/tjeneste.html",
        {
            "tjeneste": tjeneste,
            "seksjonar": [
                {"namn": s.label, "anker": seksjon_anker(tjeneste.slug, s.value)} for s in SEKSJONAR
            ],
            "plasseringer": [
                {"plass": p, "rolle": tekster.get((p.forlop_id, tjeneste.pk, Tekstdel.ROLLE.value))}
                for p in plasseringer
            ],
        },
    )


@require_GET
@offentleg_side
def tjeneste_i_forlop(request, slug, forlop):
    """One service in one forløp: its seven seksjonar on one page (and one sheet of paper)."""
    plass = get_object_or_404(
        ForlopTjeneste.objects.select_related("forlop", "tjeneste", "niva"),
        tjeneste__slug=slug,
        forlop__slug=forlop,
        forlop__publisert=True,
    )
    tekster = los(Kontekst.fra(request), forlop=plass.forlop, tjeneste=plass.tjeneste)
    return render(
        request,
        "forlop/tjeneste_i_forlop.html",
        {
            "plass": plass,
            "forlop": plass.forlop,
            "tjeneste": plass.tjeneste,
            "seksjonar": seksjonar(plass, tekster),
            "revisjoner": Revisjon.objects.for_kontekst(plass.forlop, request.kommune),
        },
    )
