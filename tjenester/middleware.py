"""The reader's local context: which kommune (from ?kommune= or the cookie that remembers it)
and which målform the page speaks (an explicit choice, else the kommune's helsefellesskap,
else bokmål)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from bupkart.cache import innhaldsversjon
from bupkart.malform import Malform
from forlop.tilgang import Tilgang

from .models import Kommune, valider_kommunenummer

ADMIN_PREFIKS = "/admin/"


class _Kommunar:
    """The kommunar this process has looked up under the current content version. Every request
    with a chosen kommune needs its kommune; the content version (read once per request, and
    replaced by any save of a Kommune or Helsefellesskap) keeps this correct across app servers,
    and a cached page then costs one query in all, the version read, like /healthz, with no
    cache round trip (Redis is a network hop away) for the kommune."""

    def __init__(self):
        self.tilstand = (None, {})  # (content version, {nummer: Kommune}), replaced whole

    def hent(self, versjon, nummer):
        # The dict is taken before the query: a request that read an older version can never
        # put what it found into the dict of a newer one (threaded servers).
        tilstand = self.tilstand
        if tilstand[0] != versjon:
            tilstand = self.tilstand = (versjon, {})
        kjende = tilstand[1]
        kommune = kjende.get(nummer)
        if kommune is None:
            kommune = Kommune.objects.med_helsefellesskap().filter(nummer=nummer).first()
            if kommune is not None:  # at most one entry per kommune: unknown numbers are not kept
                kjende[nummer] = kommune
        return kommune


_kommunar = _Kommunar()


def _finn_kommune(request, nummer):
    """(kommune, error) for a kommunenummer from the request. The error is a function that
    gives the message: it must be worded in the page's målform, chosen only after this."""
    try:
        valider_kommunenummer(nummer)
    except ValidationError as feil:
        return None, lambda feil=feil: feil.messages[0]
    kommune = _kommunar.hent(innhaldsversjon(request), nummer)
    if kommune is None:
        return None, lambda: _("Vi fant ingen kommune med nummer %(nummer)s.") % {"nummer": nummer}
    return kommune, None


class LokalKontekstMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        fra_adresse = request.GET.get("kommune")
        nummer = fra_adresse if fra_adresse is not None else request.COOKIES.get(settings.KOMMUNE_COOKIE, "")
        nummer = nummer.strip()
        request.kommune, feil = _finn_kommune(request, nummer) if nummer else (None, None)
        if fra_adresse is None:
            # A stale cookie (a kommune merged away) is not the reader's mistake: forget it quietly.
            feil = None

        valgt = request.GET.get("malform") or request.COOKIES.get(settings.MALFORM_COOKIE)
        if request.path.startswith(ADMIN_PREFIKS) and request.user.is_authenticated:
            # Editors work in the målform of their own scope.
            request.malform = Tilgang.for_bruker(request.user).malform() or Malform.BOKMAL
        elif valgt in Malform.values:
            request.malform = valgt
        elif request.kommune:
            request.malform = request.kommune.helsefellesskap.malform
        else:
            request.malform = Malform.BOKMAL
        translation.activate(request.malform)
        request.kommune_feil = feil() if feil else None
        request.forhandsvis = None
        if request.GET.get("forhandsvis") == "1" and request.user.is_authenticated:
            tilgang = Tilgang.for_bruker(request.user)
            request.forhandsvis = tilgang if tilgang.er_redaksjon else None
        request.LANGUAGE_CODE = request.malform

        response = self.get_response(request)

        if fra_adresse is not None:
            if request.kommune:
                response.set_cookie(
                    settings.KOMMUNE_COOKIE,
                    request.kommune.nummer,
                    max_age=settings.KOMMUNE_COOKIE_MAX_AGE,
                    samesite="Lax",
                    httponly=True,
                )
            elif not nummer:
                response.delete_cookie(settings.KOMMUNE_COOKIE)
        if request.GET.get("malform") in Malform.values:
            response.set_cookie(
                settings.MALFORM_COOKIE,
                request.malform,
                max_age=settings.KOMMUNE_COOKIE_MAX_AGE,
                samesite="Lax",
                httponly=True,
            )
        response.headers.setdefault("Content-Language", str(request.malform))  # wsgiref wants a plain str
        return response
