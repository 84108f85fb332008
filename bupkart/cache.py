"""Caching of public pages that is never stale, and emptied only where content changed.

Every cached page is keyed by the *versions of the scopes it can show*: felles, and for a
reader who has chosen a kommune, that kommune's helsefellesskap and the kommune itself
(`bupkart.signaler.nokler_for`). Each scope's version is a token in the database
(`bupkart.models.Omfangsversjon`) replaced in the same transaction as any change that reaches
it: `innhold_endret` (bupkart.signaler) says how far each change reaches, so a publication in
Helse Fonna moves Helse Fonna's token and leaves every page of Helse Møre og Romsdal's readers
(and of readers with no kommune) where it was. The next request after a commit reads the new
tokens and so never finds the old page, on any app server, whether the cache is local memory
(each server its own) or Redis (`REDIS_URL`, shared). Tokens are random, not counters, so a
rolled-back change can never make two different contents share a key. Reading them is one
query per request (tjenester.middleware reads them with the reader's kommune).

What is cached: the body of a 200 response to an anonymous GET/HEAD without htmx. The key holds
scheme, host, today's date, the path, the query values the pages read (kommune, malform,
rolle, utskrift, tjeneste), the context the middleware resolved from them and from the cookies
(kommune, målform, the reader's role), and the scope versions. Other query parameters are not
part of the key and do not bypass the cache: `?x=1`, `?x=2` … are the same page, served from one entry. Never
cached: logged-in users (so no preview, which is theirs alone), POSTs, and pages that set a
cookie themselves, used a CSRF token or changed the session. Flash messages need no rule: only
admin views add them and only admin pages show them.
Cookies the middleware sets *after* the view (?kommune= is remembered) are still set on a
cached response, since the cache lives inside the view.

CSP: a page's <script nonce> must match its own response header. The body is stored cut
where its nonce stood, and every response served from the cache gets a fresh nonce, both in
the body and (through the CSP middleware) in the header.

Fragments (`fragmenter`): when a page is not in the cache, its heavy parts (each service block
of a forløp page, each part of a family page) are looked up on their own, all in one round trip
(get_many), and only the missing ones are rendered and stored (set_many). A fragment is keyed
by *everything it shows*, which the page passes in: the ids of the text versions shown (a
version's html never changes once saved), the scope names and catalogue values shown, the
målform and the reader context it prints. So a publication moves the key of the blocks that
show the new version and of no other, wherever the page key moved; renaming a service moves
the key of every block that prints the name. Editors (logged in, previewing, seeing editor
tools) never read or write fragments.
"""

import hashlib
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.safestring import mark_safe

from .models import Omfangsversjon
from .signaler import innhold_endret, nokler_for

# What a shared cache in front (a proxy or CDN) may do with an anonymous reader's page: keep it
# a minute, and serve it up to two minutes older while it fetches a fresh one.
OFFENTLEG_MAKS_ALDER = 60
OFFENTLEG_FORELDA = 120

# The query parameters public pages read; every other one is ignored by the key.
LESTE_PARAMETRE = ("kommune", "malform", "rolle", "tjeneste", "utskrift")
HEADER = "X-Bupkart-Cache"


def les_versjoner(nokler):
    """The versions of these scopes, in their order ("0" for a scope never changed): one query,
    in plain SQL since it runs on every cached request."""
    tabell = Omfangsversjon._meta.db_table
    plass = ", ".join(["%s"] * len(nokler))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT nokkel, token FROM {tabell} WHERE nokkel IN ({plass})", list(nokler))
        funnet = dict(cursor.fetchall())
    return tuple(funnet.get(n, "0") for n in nokler)


def versjoner(request):
    """The versions of the scopes this request's pages can show, read once per request (the
    middleware may have read them already, with the reader's kommune)."""
    if not hasattr(request, "_bupkart_versjoner"):
        request._bupkart_versjoner = les_versjoner(nokler_for(getattr(request, "kommune", None)))
    return request._bupkart_versjoner


def ok_versjon(endring):
    """A new version of the scope the change reaches; runs inside the transaction that changes it."""
    Omfangsversjon.objects.update_or_create(
        nokkel=endring.nokkel, defaults={"token": uuid.uuid4().hex, "endret": timezone.now()}
    )


@receiver(innhold_endret, dispatch_uid="bupkart-sidecache")
def _innhold_endret(sender, endring, **kwargs):
    ok_versjon(endring)


@receiver(post_migrate, dispatch_uid="bupkart-buffer-migrert")
def _migrert(sender, app_config, **kwargs):
    """`migrate` (every deploy, and the end of `flush`) empties the cache once: templates may
    have changed, and after a flush the ids of text versions, which key fragments, start again."""
    if app_config.name == "bupkart":
        caches["default"].clear()


def _er_leser(request):
    """An anonymous reader: editors see their tools, previews and drafts, theirs alone."""
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _kan_bufres(request):
    if not getattr(settings, "BUPKART_SIDECACHE", True):
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    if request.headers.get("HX-Request"):
        return False
    return _er_leser(request)


def _hash(prefiks, deler):
    return prefiks + hashlib.sha256("\x1f".join(map(str, deler)).encode()).hexdigest()


def _nokkel(request, versjon):
    kommune = getattr(request, "kommune", None)
    deler = [
        # Pages print their own address and «Skrevet ut <dato>»: host, scheme and day are content.
        request.scheme,
        request.get_host(),
        timezone.localdate().isoformat(),
        request.path,
        getattr(request, "malform", ""),
        str(kommune.pk) if kommune else "-",
        str(getattr(request, "rolle", None) or "-"),  # who the reader is: pages open at their service
        *(f"{p}={request.GET.get(p, '')}" for p in LESTE_PARAMETRE),
        *versjon,
    ]
    # "4": the stored value's shape and key; entries of another shape in a shared Redis are
    # never read.
    return _hash("bupkart:side:4:", deler)


def _kan_lagres(request, response):
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
    deler = body.split(str(nonce).encode("ascii")) if nonce else [body]
    hode = [(k, v) for k, v in response.items() if k.lower() not in ("content-length", HEADER.lower())]
    return {"deler": deler, "hode": hode}


def _pakk_ut(request, lagret):
    deler = lagret["deler"]
    # str() generates the nonce, so the CSP middleware puts the same one in the header.
    body = str(get_nonce(request)).encode("ascii").join(deler) if len(deler) > 1 else deler[0]
    response = HttpResponse(body)
    for k, v in lagret["hode"]:
        response[k] = v
    response[HEADER] = "hit"
    return response


def offentlig_side(view):
    """Cache the rendered page for anonymous readers (see the module docstring)."""

    @wraps(view)
    def innpakket(request, *args, **kwargs):
        if not _kan_bufres(request):
            return view(request, *args, **kwargs)
        nokkel = _nokkel(request, versjoner(request))
        buffer = caches["default"]
        lagret = buffer.get(nokkel)
        if lagret is not None:
            return _pakk_ut(request, lagret)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
        if _kan_lagres(request, response):
            buffer.set(nokkel, _pakk(request, response))  # for the TIMEOUT in CACHES
            response[HEADER] = "miss"
        return response

    return innpakket


def _fragment_tillatt(request):
    if not getattr(settings, "BUPKART_FRAGMENTCACHE", True):
        return False
    return _er_leser(request)


def fragmenter(request, innhold, lag):
    """The html of a page's fragments, in their order.

    `innhold` holds, for each fragment, everything it shows (a tuple of values); `lag(i)`
    renders fragment i. The fragments found come from the cache in one round trip, the others
    are rendered and stored in one. For editors, or with BUPKART_FRAGMENTCACHE off, all are
    rendered and none stored."""
    if not _fragment_tillatt(request):
        return [lag(i) for i in range(len(innhold))]
    # "1": the stored value's shape; see _nokkel.
    nokler = [_hash("bupkart:fragment:1:", deler) for deler in innhold]
    buffer = caches["default"]
    funnet = buffer.get_many(nokler)
    html, nye = [], {}
    for i, nokkel in enumerate(nokler):
        if nokkel in funnet:
            html.append(mark_safe(funnet[nokkel]))  # noqa: S308 - rendered by our own templates
        else:
            html.append(lag(i))
            nye[nokkel] = str(html[i])
    if nye:
        buffer.set_many(nye)  # for the TIMEOUT in CACHES
    return html


def _for_alle(request, response):
    """A response any reader with the same address and cookies may be given: an anonymous
    GET/HEAD answered 200 that set no cookie, holds no CSRF token and did not change the session
    (the rule of _kan_lagres, for a cache outside the app)."""
    return request.method in ("GET", "HEAD") and _er_leser(request) and _kan_lagres(request, response)


class CacheHodeMiddleware:
    """Cache-Control on every response, so a proxy or CDN in front can take load safely.
    Anonymous readers' pages may be kept for OFFENTLEG_MAKS_ALDER seconds (`public`, and `Vary:
    Cookie`: the kommune and målform cookies change a page); everything else — a logged-in
    user's page, a form with its CSRF token, a POST, an error, a redirect — is `private,
    no-store`. A view that sets its own Cache-Control keeps it, unless the user is logged in.
    Sits outside the session, CSRF and context middleware, so it sees the cookies they set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not _er_leser(request):
            add_never_cache_headers(response)
        elif not response.has_header("Cache-Control"):
            if _for_alle(request, response):
                patch_cache_control(
                    response,
                    public=True,
                    max_age=OFFENTLEG_MAKS_ALDER,
                    stale_while_revalidate=OFFENTLEG_FORELDA,
                )
                patch_vary_headers(response, ("Cookie",))
            else:
                add_never_cache_headers(response)
        return response
