import html
import re

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.html import strip_tags
from django.views.decorators.http import require_GET

from bupkart.cache import fragmenter, offentlig_side
from tjenester.http import LeserRequest
from tjenester.models import Kontaktperson, LokaltTilbud, Sektor, Tjeneste
from tjenester.roller import ROLLER

from .models import SEKSJONER, Forlop, ForlopTjeneste, Revisjon, Tekstdel, Tekstplass, seksjon_anker
from .resolution import Kontekst, los


@require_GET
@offentlig_side
def start(request: LeserRequest) -> HttpResponse:
    return render(
        request,
        "forlop/start.html",
        {"forlop_liste": Forlop.objects.published().med_rolle(request.rolle), "roller": ROLLER},
    )


@require_GET
@offentlig_side
def liste(request: LeserRequest) -> HttpResponse:
    return render(
        request, "forlop/liste.html", {"forlop_liste": Forlop.objects.published().med_rolle(request.rolle)}
    )


def seksjoner(plass, tekster, navn=None):
    """A service's seven seksjonar in one forløp, in page order, with their anchors and texts.
    `navn`: the seksjonar's names in the page's målform, when a page already has them."""
    return [
        {
            "navn": seksjon_navn,
            "tekstdel": tekstdel,
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


def lokale_navn(forlop, plass, tekster):
    """The scopes whose variants a service's seksjonar show here («Molde», «Helse Fonna»),
    sorted; empty where every seksjon shows the felles tekst."""
    visninger = (tekster.get(Tekstplass(forlop.pk, plass.tjeneste_id, s.value)) for s in SEKSJONER)
    return sorted({v.omfang_navn for v in visninger if v is not None and v.er_lokal})


def tjenesteblokker(request, forlop, plasseringer, tekster):
    """The html of each service's block on the forløp page, in the order of the placements,
    kept as fragments (bupkart.cache.fragmenter). The reader's own service (tjenester.roller)
    opens, marked as theirs."""
    kontekst = {
        "forlop": forlop,
        "utskrift": bool(request.GET.get("utskrift")),
        "kommunenummer": request.kommune.nummer if request.kommune else "",
    }
    min_tjeneste = request.rolle.tjeneste if request.rolle else None
    # Everything a block shows: the partial itself, the målform and context it is printed in,
    # the catalogue's values, whether it is the reader's own, and the text of each seksjon
    # (whose version and scope name: the block's «lokal tilpasning» follows from them).
    side = (BLOKK, request.malform, forlop.slug, kontekst["utskrift"], kontekst["kommunenummer"])
    innhold = [
        (
            *side,
            plass.tjeneste.slug,
            plass.tjeneste.navn,
            plass.tjeneste.slug == min_tjeneste,
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
            {
                **kontekst,
                "tjeneste": plass.tjeneste,
                "seksjoner": seksjoner(plass, tekster, navn),
                "min": plass.tjeneste.slug == min_tjeneste,
                "lokale": lokale_navn(forlop, plass, tekster),
            },
            request,
        )

    return fragmenter(request, innhold, lag)


def pyramide(request, forlop, plasseringer, tekster):
    """The nivå of tiltakspyramiden that have services in this forløp, in order, each with its
    services, the scopes of the local variants each shows, whether it is the reader's own, and
    the html of their blocks."""
    min_tjeneste = request.rolle.tjeneste if request.rolle else None
    nivaer = {}
    for plass, html_ in zip(
        plasseringer, tjenesteblokker(request, forlop, plasseringer, tekster), strict=True
    ):
        niva = nivaer.setdefault(plass.niva_id, {"niva": plass.niva, "tjenester": []})
        niva["tjenester"].append(
            {
                "tjeneste": plass.tjeneste,
                "html": html_,
                "lokale": lokale_navn(forlop, plass, tekster),
                "min": plass.tjeneste.slug == min_tjeneste,
            }
        )
    return list(nivaer.values())


@require_GET
@offentlig_side
def detalj(request: LeserRequest, slug: str) -> HttpResponse:
    forlop = get_object_or_404(Forlop.objects.published(), slug=slug)
    # In pyramid order (ForlopTjeneste.Meta.ordering).
    plasseringer = list(ForlopTjeneste.objects.filter(forlop=forlop).select_related("tjeneste", "niva"))
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
            # The reader's own service in this forløp (tjenester.roller), if it has a place here.
            "min_plass": next(
                (p for p in plasseringer if request.rolle and p.tjeneste.slug == request.rolle.tjeneste), None
            ),
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


# The end of a sentence: a full stop, question or exclamation mark before the next capital.
SETNINGSSLUTT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«])")


def forste_setning(tekst_html):
    """A text's first sentence as plain text: what a service does here, in one sentence."""
    tekst = " ".join(html.unescape(strip_tags(tekst_html)).split())
    return SETNINGSSLUTT.split(tekst, maxsplit=1)[0]


def samarbeidspartnere(forlop, plasseringer, roller, tilbud):
    """The other services of the forløp by nivå: each with its role here in one sentence (from
    its resolved «rolle og ansvar»), whether that text is a local variant, and its local offers
    in the reader's kommune."""
    nivaer = {}
    for plass in plasseringer:
        rolle = roller.get(Tekstplass(forlop.pk, plass.tjeneste_id, Tekstdel.ROLLE.value))
        niva = nivaer.setdefault(plass.niva_id, {"niva": plass.niva, "tjenester": []})
        niva["tjenester"].append(
            {
                "tjeneste": plass.tjeneste,
                "setning": forste_setning(rolle.html) if rolle else "",
                "rolle": rolle,
                "tilbud": tilbud.get(plass.tjeneste_id, []),
            }
        )
    return list(nivaer.values())


# The three questions «Mi rolle» answers, each with the service's own seksjonar that answer it:
# together the seven in their fixed order.
SPORSMAL = (
    ("gjore", (Tekstdel.ROLLE, Tekstdel.KARTLEGGING, Tekstdel.TILTAK, Tekstdel.EVALUERING)),
    ("samarbeid", (Tekstdel.SAMARBEID,)),
    ("neste", (Tekstdel.HENVISNING, Tekstdel.MEDVIRKNING)),
)


@require_GET
@offentlig_side
def tjeneste_i_forlop(request: LeserRequest, slug: str, forlop: str) -> HttpResponse:
    """«Mi rolle»: one service in one forløp, answering the three questions the model was built
    for — what can I do (its first seksjonar), whom do I work with and what can they do (its
    samarbeid, and every other service here with its role in a sentence and its local contact),
    and my next step (its referral and consent seksjonar). A fixed number of queries, however
    many services the forløp has."""
    valgt = get_object_or_404(Forlop.objects.published(), slug=forlop)
    plasseringer = list(ForlopTjeneste.objects.filter(forlop=valgt).select_related("tjeneste", "niva"))
    plass = next((p for p in plasseringer if p.tjeneste.slug == slug), None)
    if plass is None:
        raise Http404
    andre = [p for p in plasseringer if p is not plass]
    kontekst = Kontekst.fra(request)
    egne = seksjoner(plass, los(kontekst, forlop=valgt, tjeneste=plass.tjeneste))
    tilbud = {}
    if request.kommune is not None:
        for t in LokaltTilbud.objects.gjelder(request.kommune).filter(
            tjeneste__in=[p.tjeneste_id for p in andre]
        ):
            tilbud.setdefault(t.tjeneste_id, []).append(t)
    return render(
        request,
        "forlop/tjeneste_i_forlop.html",
        {
            "plass": plass,
            "forlop": valgt,
            "tjeneste": plass.tjeneste,
            "egne": {sporsmal: [s for s in egne if s["tekstdel"] in deler] for sporsmal, deler in SPORSMAL},
            "samarbeid": samarbeidspartnere(
                valgt, andre, los(kontekst, forlop=valgt, tekstdel=Tekstdel.ROLLE), tilbud
            ),
            "revisjoner": Revisjon.objects.for_kontekst(valgt, request.kommune),
            # As on the kommune map: the public entries, and all for an editor of the network.
            "kontaktpersonar": Kontaktperson.objects.synlege(
                request.redaksjon, request.kommune.helsefellesskap
            )
            .for_kommune(request.kommune)
            .for_forlop(valgt)
            .select_related("kommune")
            if request.kommune
            else [],
        },
    )


@require_GET
@offentlig_side
def tjenester(request: LeserRequest) -> HttpResponse:
    """Every service of the national catalogue by sector, each with the forløp it has a place
    in (each a link to its «Mi rolle» there)."""
    i_forlop = Prefetch(
        "plasseringer",
        queryset=ForlopTjeneste.objects.filter(forlop__publisert=True)
        .select_related("forlop")
        .order_by("forlop__rekkefolge", "forlop__tittel_nb"),
        to_attr="i_forlop",
    )
    katalog = sorted(Tjeneste.objects.prefetch_related(i_forlop), key=lambda t: t.navn.casefold())
    sektorer = [
        {"sektor": sektor, "tjenester": [t for t in katalog if t.sektor == sektor.value]} for sektor in Sektor
    ]
    return render(request, "forlop/tjenester.html", {"sektorer": [s for s in sektorer if s["tjenester"]]})
