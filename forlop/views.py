from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from bupkart.cache import fragmenter, offentlig_side
from tjenester.http import LeserRequest
from tjenester.models import Tjeneste

from .models import SEKSJONER, Forlop, ForlopTjeneste, Revisjon, Tekstdel, Tekstplass, seksjon_anker
from .resolution import Kontekst, los


@require_GET
@offentlig_side
def start(request: LeserRequest) -> HttpResponse:
    return render(
        request,
        "forlop/start.html",
        {
            "forlop_liste": Forlop.objects.published(),
        },
    )


@require_GET
@offentlig_side
def liste(request: LeserRequest) -> HttpResponse:
    return render(request, "forlop/liste.html", {"forlop_liste": Forlop.objects.published()})


def seksjoner(plass, tekster, navn=None):
    """A service's seven seksjonar in one forløp, in page order, with their anchors and texts.
    `navn`: the seksjonar's names in the page's målform, when a page already has them."""
    return [
        {
            "navn": seksjon_navn,
            "anker": seksjon_anker(plass.tjeneste.slug, tekstdel),
            "visning": tekster.get(Tekstplass(plass.forlop_id, plass.tjeneste_id, tekstdel)),
        }
        for tekstdel, seksjon_navn in navn or seksjonsnavn()
    ]


def seksjonsnavn():
    """(tekstdel, name) of the seven seksjonar, the names translated once for the page."""
    return [(s.value, str(s.label)) for s in SEKSJONER]


BLOKK = "forlop/detalj.html#tjeneste"


def visningsnokkel(visning):
    """What a seksjon shows of its text: the version, whose it is, the felles version beside it,
    and whether it carries the «Eksempel» mark."""
    if visning is None:
        return "-"
    felles = visning.felles_versjon.pk if visning.felles_versjon else ""
    return f"{visning.versjon.pk}:{visning.omfang_navn}:{felles}:{visning.tekst.er_eksempel:d}"


def tjenesteblokker(request, forlop, plasseringer, tekster):
    """The html of each service's block on the forløp page, in the order of the placements,
    kept as fragments (bupkart.cache.fragmenter)."""
    kontekst = {
        "forlop": forlop,
        "utskrift": bool(request.GET.get("utskrift")),
        "kommunenummer": request.kommune.nummer if request.kommune else "",
    }
    # Everything a block shows: the partial itself, the målform and context it is printed in,
    # the catalogue's values, and the text of each seksjon.
    side = (BLOKK, request.malform, forlop.slug, kontekst["utskrift"], kontekst["kommunenummer"])
    innhold = [
        (
            *side,
            plass.tjeneste.slug,
            plass.tjeneste.navn,
            *(
                visningsnokkel(tekster.get(Tekstplass(forlop.pk, plass.tjeneste_id, s.value)))
                for s in SEKSJONER
            ),
        )
        for plass in plasseringer
    ]
    navn = None  # the seksjonar's names, translated once the first block is rendered

    def lag(i):
        nonlocal navn
        navn = navn or seksjonsnavn()
        plass = plasseringer[i]
        return render_to_string(
            BLOKK,
            {**kontekst, "tjeneste": plass.tjeneste, "seksjoner": seksjoner(plass, tekster, navn)},
            request,
        )

    return fragmenter(request, innhold, lag)


def pyramide(request, forlop, plasseringer, tekster):
    """The nivå of tiltakspyramiden that have services in this forløp, in order, each with its
    services and the html of their blocks."""
    plasseringer = list(plasseringer)  # in pyramid order (ForlopTjeneste.Meta.ordering)
    nivaer = {}
    for plass, html in zip(
        plasseringer, tjenesteblokker(request, forlop, plasseringer, tekster), strict=True
    ):
        niva = nivaer.setdefault(plass.niva_id, {"niva": plass.niva, "tjenester": []})
        niva["tjenester"].append({"tjeneste": plass.tjeneste, "html": html})
    return list(nivaer.values())


@require_GET
@offentlig_side
def detalj(request: LeserRequest, slug: str) -> HttpResponse:
    forlop = get_object_or_404(Forlop.objects.published(), slug=slug)
    plasseringer = ForlopTjeneste.objects.filter(forlop=forlop).select_related("tjeneste", "niva")
    # The seksjonar, «les meir», and one family part to know whether the family page has text.
    tekster = los(
        Kontekst.fra(request),
        forlop=forlop,
        tekstdel__in=[*SEKSJONER, Tekstdel.BAKGRUNN, Tekstdel.FAMILIE_OM],
    )
    return render(
        request,
        "forlop/detalj.html",
        {
            "forlop": forlop,
            "nivaer": pyramide(request, forlop, plasseringer, tekster),
            "bakgrunn": tekster.get(Tekstplass(forlop.pk, None, Tekstdel.BAKGRUNN.value)),
            "har_familieside": Tekstplass(forlop.pk, None, Tekstdel.FAMILIE_OM.value) in tekster,
            "revisjoner": Revisjon.objects.for_kontekst(forlop, request.kommune),
        },
    )


@require_GET
@offentlig_side
def tjeneste(request: LeserRequest, slug: str) -> HttpResponse:
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
            "seksjoner": [
                {"navn": s.label, "anker": seksjon_anker(tjeneste.slug, s.value)} for s in SEKSJONER
            ],
            "plasseringer": [
                {"plass": p, "rolle": tekster.get(Tekstplass(p.forlop_id, tjeneste.pk, Tekstdel.ROLLE.value))}
                for p in plasseringer
            ],
        },
    )


@require_GET
@offentlig_side
def tjeneste_i_forlop(request: LeserRequest, slug: str, forlop: str) -> HttpResponse:
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
            "seksjoner": seksjoner(plass, tekster),
            "revisjoner": Revisjon.objects.for_kontekst(plass.forlop, request.kommune),
        },
    )
