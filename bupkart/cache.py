"""Caching of public pages that is never stale.

Every cached page is keyed by the *content version*: a token in the database
(`bupkart.models.Innhaldsversjon`) that changes in the same transaction as any change to what
readers see — a publication or withdrawal (a save of `Tekst`, which is how
forlop.services.publiser / trekk_tilbake move the published pointer) and any save or delete of
Forlop, ForlopTjeneste, Tjeneste, Niva, Revisjon, Helsefellesskap, Kommune and LokaltTilbud.
The next request after a commit reads the new token and so never finds the old page, on any
app server, whether the cache is local memory (each server its own) or Redis (`REDIS_URL`,
shared). The token is random, not a counter, so a rolled-back change can never make two
different contents share a key. Reading it is one primary-key lookup per request.

What is cached: the body of a 200 response to an anonymous GET/HEAD without htmx, whose
querystring holds only kommune/malform/utskrift. The key holds scheme, host, today's date, the
path, those query values, the context the middleware resolved from them and from the cookies
(kommune, målform), and the content version. Never cached: logged-in users (so no preview,
which is theirs alone; ?forhandsvis=1 is not an allowed parameter either), POSTs, and pages
that set a cookie themselves, used a CSRF token or changed the session. Flash messages need no
rule: only admin views add them and only admin pages show them.
Cookies the middleware sets *after* the view (?kommune= is remembered) are still set on a
cached response, since the cache lives inside the view.

CSP: a page's <script nonce> must match its own response header. The body is stored cut
where its nonce stood, and every response served from the cache gets a fresh nonce, both in
the body and (through the CSP middleware) in the header.

Bulk writes (QuerySet.update, bulk_create) send no signals: call `auk_versjon()` after them.
"""

import hashlib
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.utils import timezone

TILLATNE_PARAMETRAR = {"kommune", "malform", "utskrift"}
HEADER = "X-Bupkart-Cache"
SIGNALMODELLAR = (
    "forlop.Tekst",
    "forlop.Forlop",
    "forlop.ForlopTjeneste",
    "forlop.Niva",
    "forlop.Revisjon",
    "tjenester.Tjeneste",
    "tjenester.Helsefellesskap",
    "tjenester.Kommune",
    "tjenester.LokaltTilbud",
)


def _modell():
    from .models import Innhaldsversjon

    return Innhaldsversjon


def innhaldsversjon(request=None):
    """The current content version: one primary-key read, in plain SQL since it runs on every
    cached request; read once per request when the request is given."""
    if request is not None and hasattr(request, "_bupkart_innhaldsversjon"):
        return request._bupkart_innhaldsversjon
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {_modell()._meta.db_table} WHERE id = 1")
        rad = cursor.fetchone()
    versjon = rad[0] if rad else "0"
    if request is not None:
        request._bupkart_innhaldsversjon = versjon
    return versjon


def auk_versjon(**_):
    """A new content version; call inside the transaction that changes content."""
    modell = _modell()
    token = uuid.uuid4().hex
    if not modell.objects.filter(pk=1).update(token=token):
        # `manage.py flush` empties the row migration 0002 made, and no migration runs again.
        modell.objects.create(pk=1, token=token)
    return token


def kople_signal():
    for modell in SIGNALMODELLAR:
        post_save.connect(auk_versjon, sender=modell, dispatch_uid=f"bupkart-cache-save-{modell}")
        post_delete.connect(auk_versjon, sender=modell, dispatch_uid=f"bupkart-cache-delete-{modell}")


def _kan_bufrast(request):
    if not getattr(settings, "BUPKART_SIDECACHE", True):
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    if request.headers.get("HX-Request"):
        return False
    if set(request.GET) - TILLATNE_PARAMETRAR:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _nokkel(request, versjon):
    kommune = getattr(request, "kommune", None)
    delar = [
        # Pages print their own address and «Skrevet ut <dato>»: host, scheme and day are content.
        request.scheme,
        request.get_host(),
        timezone.localdate().isoformat(),
        request.path,
        getattr(request, "malform", ""),
        str(kommune.pk) if kommune else "-",
        *(f"{p}={request.GET.get(p, '')}" for p in sorted(TILLATNE_PARAMETRAR)),
        versjon,
    ]
    # "2": the stored value's shape; entries of another shape in a shared Redis are never read.
    return "bupkart:side:2:" + hashlib.sha256("\x1f".join(delar).encode()).hexdigest()


def _kan_lagrast(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a CSRF token: it belongs to this reader only
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    return "private" not in response.get("Cache-Control", "")


def _pakk(request, response):
    body = response.content
    nonce = get_nonce(request)
    # Stored cut at the nonce (a LazyNonce is truthy only once a template used it), so a hit
    # joins the parts around its own nonce in one pass over the body.
    delar = body.split(str(nonce).encode("ascii")) if nonce else [body]
    hovud = [(k, v) for k, v in response.items() if k.lower() not in ("content-length", HEADER.lower())]
    return {"delar": delar, "hovud": hovud}


def _pakk_ut(request, lagra):
    delar = lagra["delar"]
    # str() generates the nonce, so the CSP middleware puts the same one in the header.
    body = str(get_nonce(request)).encode("ascii").join(delar) if len(delar) > 1 else delar[0]
    response = HttpResponse(body)
    for k, v in lagra["hovud"]:
        response[k] = v
    response[HEADER] = "hit"
    return response


def offentleg_side(view):
    """Cache the rendered page for anonymous readers (see the module docstring)."""

    @wraps(view)
    def innpakka(request, *args, **kwargs):
        if not _kan_bufrast(request):
            return view(request, *args, **kwargs)
        nokkel = _nokkel(request, innhaldsversjon(request))
        buffer = caches["default"]
        lagra = buffer.get(nokkel)
        if lagra is not None:
            return _pakk_ut(request, lagra)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
        if _kan_lagrast(request, response):
            buffer.set(nokkel, _pakk(request, response))  # for the TIMEOUT in CACHES
            response[HEADER] = "miss"
        return response

    return innpakka
