"""Pages made for a kommune's own web site to show in an iframe (/innebygg/<kommunenummer>/…):
the akutt box and first contacts, one forløp's services in the kommune, a family page. Light
(no site chrome), adapting to the frame's width, each with a link back to the full page.

Framing is forbidden everywhere else (frame-ancestors 'none' in SECURE_CSP, X-Frame-Options);
these pages allow exactly the kommune's own sites (Nettsted, kept in the admin) and none if it
has listed none. The headers are set outside the page cache, so a site added or removed counts
from the next request."""

from functools import wraps

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.csp import CSP
from django.views.decorators.http import require_GET

from bupkart.cache import offentlig_side
from bupkart.malform import Malform
from forlop.familie import familiedeler
from forlop.models import FAMILIEDELER, Forlop, ForlopTjeneste
from forlop.resolution import Kontekst, los
from tjenester.models import Kommune

from .models import Nettsted


def rammer(kommune):
    """The CSP of an embed of this kommune: the site's own, with frame-ancestors its sites."""
    nettsteder = list(Nettsted.objects.filter(kommune=kommune).values_list("adresse", flat=True))
    return {**settings.SECURE_CSP, "frame-ancestors": nettsteder or [CSP.NONE]}


def innebygd(view):
    """An embed of the kommune in the address: read in its context and målform (never the
    reader's cookies, which a framed page may not even get), cached as public pages are, and
    framable by the kommune's own sites only."""
    bufret = offentlig_side(view)

    @wraps(view)
    def innpakket(request, nummer, *args, **kwargs):
        kommune = Kommune.objects.med_helsefellesskap().filter(nummer=nummer).first()
        if kommune is None:
            raise Http404
        request.kommune, request.husk_valg, request.forhandsvis = kommune, False, None
        valgt = request.GET.get("malform")
        request.malform = valgt if valgt in Malform.values else kommune.helsefellesskap.malform
        request.__dict__.pop("_bupkart_versjoner", None)  # the page cache's key: this kommune's scopes
        with translation.override(request.malform):
            response = bufret(request, kommune, *args, **kwargs)
        response._csp_config = rammer(kommune)
        response.xframe_options_exempt = True  # X-Frame-Options cannot name a site; the CSP does
        return response

    return innpakket


def _forste_kontakt(kommune):
    return list(kommune.tilbud.filter(forste_kontakt=True).select_related("tjeneste", "niva"))


@require_GET
@innebygd
def akutt(request, kommune) -> HttpResponse:
    return render(
        request, "innebygg/akutt.html", {"kommune": kommune, "forste_kontakt": _forste_kontakt(kommune)}
    )


@require_GET
@innebygd
def forlop(request, kommune, slug) -> HttpResponse:
    """The services of one forløp by nivå, each with the kommune's own offers of that service."""
    valgt = get_object_or_404(Forlop.objects.published(), slug=slug)
    tilbud = {}
    for t in kommune.tilbud.all():
        tilbud.setdefault(t.tjeneste_id, []).append(t)
    nivaer = {}
    for plass in ForlopTjeneste.objects.filter(forlop=valgt).select_related("tjeneste", "niva"):
        niva = nivaer.setdefault(plass.niva_id, {"niva": plass.niva, "tjenester": []})
        niva["tjenester"].append({"tjeneste": plass.tjeneste, "tilbud": tilbud.get(plass.tjeneste_id, [])})
    return render(
        request,
        "innebygg/forlop.html",
        {"kommune": kommune, "forlop": valgt, "nivaer": list(nivaer.values())},
    )


@require_GET
@innebygd
def familie(request, kommune, slug) -> HttpResponse:
    valgt = get_object_or_404(Forlop.objects.published(), slug=slug)
    tekster = los(
        Kontekst(malform=request.malform, kommune=kommune),
        forlop=valgt,
        tjeneste__isnull=True,
        tekstdel__in=[d.value for d in FAMILIEDELER],
    )
    return render(
        request,
        "innebygg/familie.html",
        {
            "kommune": kommune,
            "forlop": valgt,
            "deler": familiedeler(request, valgt, tekster),
            "forste_kontakt": _forste_kontakt(kommune),
        },
    )
