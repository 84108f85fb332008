"""What every answer of the read API carries, around ninja's views: the reader's kommune read
from the address only, ETag and Last-Modified from the versions of the scopes the answer can
show (bupkart.cache keeps them) with 304 for a client that has it, Cache-Control for proxies,
CORS for GET, and a rate limit per address."""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from ninja.throttling import AnonRateThrottle

from bupkart.cache import OFFENTLEG_FORELDA, OFFENTLEG_MAKS_ALDER, offentlig_side
from bupkart.klient import klient_ip
from bupkart.models import Omfangsversjon
from bupkart.signaler import nokler_for
from tjenester.models import Kommune, valider_kommunenummer

# Answers that list every kommune or every change: any scope's change moves them.
ALLE_OMFANG = {"kommuner", "endringer"}
# Answers whose address names everything they show (path, ?kommune=, ?malform=): the page cache
# may keep them (its key ignores other parameters, such as /endringer's ?siden=).
I_SIDEBUFFER = {"forlop-liste", "forlop", "tjenester"}
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After",
}


class Grense(AnonRateThrottle):
    """Requests per client address (settings.BUPKART_API_GRENSE, read per request so a test can
    change it); counted in the default cache, shared by the app servers where it is Redis."""

    def __init__(self):
        super().__init__(settings.BUPKART_API_GRENSE)

    scope = "bupkart-api"

    def get_ident(self, request):
        # The address the rest of the site counts by (login lockout, feedback), behind the same
        # trusted proxies, not ninja's own reading of X-Forwarded-For.
        return klient_ip(request)

    def allow_request(self, request):
        self.rate = settings.BUPKART_API_GRENSE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


_grense = Grense()


def _feil(status, tekst):
    return JsonResponse({"detail": tekst}, status=status)


def _kommune(request, nummer):
    """(kommune or None, error response or None)."""
    if nummer is None:
        return None, None
    try:
        valider_kommunenummer(nummer)
    except ValidationError as feil:
        return None, _feil(400, feil.messages[0])
    kommune = Kommune.objects.med_helsefellesskap().filter(nummer=nummer).first()
    return (kommune, None) if kommune else (None, _feil(404, f"Ukjent kommune {nummer}."))


def _nokler(navn, kommune):
    return None if navn in ALLE_OMFANG else nokler_for(kommune)


def merke(request, nokler):
    """(ETag, Last-Modified) of an answer that shows the scopes `nokler` (None: all scopes)."""
    rader = (
        Omfangsversjon.objects.all() if nokler is None else Omfangsversjon.objects.filter(nokkel__in=nokler)
    )
    versjoner = sorted(rader.values_list("nokkel", "token", "endret"))
    deler = [request.get_full_path(), *(f"{n}={t}" for n, t, _e in versjoner)]
    etag = '"' + hashlib.sha256("\x1f".join(deler).encode()).hexdigest()[:32] + '"'
    sist = max((e for _n, _t, e in versjoner), default=None)
    return etag, (int(sist.timestamp()) if sist else None)


def _forhandsfly(request):
    svar = HttpResponse(status=204)
    svar["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    svar["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
    svar["Access-Control-Max-Age"] = "86400"
    return svar


def _hindring(request, kwargs):
    """The answer that stops a request before the view (the rate limit, a bad or unknown
    kommune), or None; the kommune found is put on the request for the view."""
    if not _grense.allow_request(request):
        svar = _feil(429, "For mange forespørsler; prøv igjen om litt.")
        svar["Retry-After"] = str(int(_grense.wait() or 1))
        return svar
    request.api_kommune, feil = _kommune(request, kwargs.get("nummer", request.GET.get("kommune")))
    return feil


def _hoder(svar, etag=None, sist=None):
    for navn, verdi in CORS.items():
        svar[navn] = verdi
    if svar.status_code in (200, 304) and etag:
        svar["ETag"] = etag
        if sist is not None:
            svar["Last-Modified"] = http_date(sist)
        patch_cache_control(
            svar, public=True, max_age=OFFENTLEG_MAKS_ALDER, stale_while_revalidate=OFFENTLEG_FORELDA
        )
    elif not svar.has_header("Cache-Control"):
        patch_cache_control(svar, no_store=True)
    return svar


def _som_get(view, request, *args, **kwargs):
    """HEAD answered as GET, as Django's class-based views do (ninja knows only the GET
    route); the method is HEAD again afterwards, so the server (gunicorn, runserver) and the
    test client send the headers without the body."""
    metode, request.method = request.method, "GET"
    try:
        return view(request, *args, **kwargs)
    finally:
        request.method = metode


def lesbar(view, navn):
    """Wraps one of ninja's views in what every answer of the API carries (the module docstring)."""
    indre = offentlig_side(view) if navn in I_SIDEBUFFER else view

    @wraps(view)
    def innpakket(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return _hoder(_forhandsfly(request))
        if request.method not in ("GET", "HEAD"):
            return _hoder(view(request, *args, **kwargs))  # ninja's 405
        request.husk_valg = False  # tjenester.middleware: the API sets no cookie
        if (hindring := _hindring(request, kwargs)) is not None:
            return _hoder(hindring)
        etag, sist = merke(request, _nokler(navn, request.api_kommune))
        ikke_endret = get_conditional_response(request, etag=etag, last_modified=sist)
        if ikke_endret is not None:
            return _hoder(ikke_endret, etag, sist)
        return _hoder(_som_get(indre, request, *args, **kwargs), etag, sist)

    return innpakket
