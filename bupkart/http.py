"""What the request brings that the portal must not trust as it is."""

from urllib.parse import urlsplit

from django.http import HttpResponseBadRequest
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

NUL = "\x00"


def har_nul(request):
    """Whether a query or form parameter (name or value) holds a NUL character. No text here
    has one; PostgreSQL refuses it in a query (a 500) and SQLite would store it."""
    return any(
        NUL in navn or any(NUL in verdi for verdi in verdier)
        for parametere in (request.GET, request.POST)
        for navn, verdier in parametere.lists()
    )


class NulMiddleware:
    """Refuses a request whose parameters hold a NUL character, with a 400 that says so, before
    any view, filter or form can pass it to the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if har_nul(request):
            return HttpResponseBadRequest(
                _("Forespørselen inneholder et ugyldig tegn (NUL) og ble ikke behandlet."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def lokal_adresse(verdi, *, med_sporring=False):
    """A page of this site named by the request (a `next`, a form's page field): its path (with
    `med_sporring`, and its query) if the value is a local path that names a page here, else
    None. Anything else — another host, a scheme, `//host`, a backslash, `..` — would make an
    open redirect or a link out of a form field."""
    verdi = (verdi or "").strip()
    if not verdi.startswith("/") or verdi.startswith("//") or "\\" in verdi:
        return None
    deler = urlsplit(verdi)
    if deler.scheme or deler.netloc or ".." in deler.path or "//" in deler.path:
        return None
    try:
        resolve(deler.path)
    except Resolver404:
        return None
    return f"{deler.path}?{deler.query}" if med_sporring and deler.query else deler.path
