"""The reader's local context: which kommune (from ?kommune= or the cookie that remembers it),
which målform the page speaks (an explicit choice, else the kommune's helsefellesskap, else
bokmål), and who the reader is (?rolle=, remembered the same way; tjenester.roller)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from bupkart.cache import les_versjoner
from bupkart.malform import Malform
from bupkart.signaler import nokler_for

from .models import Kommune, valider_kommunenummer
from .roller import finn_rolle


class _Kommuner:
    """The kommunar this process has looked up, each with the versions of its scopes (felles,
    its helsefellesskap, itself; bupkart.cache) when it was read. Every request with a chosen
    kommune needs its kommune and those versions (the page cache's key); reading the versions
    first and the kommune only when they moved makes a cached page cost one query in all, like
    /healthz, with no cache round trip (Redis is a network hop away) for the kommune."""

    def __init__(self):
        self.kjente = {}  # {nummer: (Kommune, versions)}; an entry is replaced whole

    def hent(self, nummer):
        """(kommune, its scope versions), or (None, None) for an unknown number.

        The versions are always read before the kommune that is kept under them, so an edit
        committed in between can only make the kept kommune newer than its versions say (and
        miss next time), never older (and be served stale)."""
        kjent = self.kjente.pop(nummer, None)
        if kjent is not None:
            versjoner = les_versjoner(nokler_for(kjent[0]))
            if versjoner == kjent[1]:
                self.kjente[nummer] = kjent
                return kjent
            nokler = nokler_for(kjent[0])
        else:
            forste = self._les(nummer)  # unknown here: read once to learn its scopes
            if forste is None:
                return None, None
            nokler = nokler_for(forste)
            versjoner = les_versjoner(nokler)
        kommune = self._les(nummer)
        if kommune is None:
            return None, None
        if nokler_for(kommune) != nokler:
            # It moved to another helsefellesskap meanwhile: answer, but keep nothing.
            return kommune, les_versjoner(nokler_for(kommune))
        self.kjente[nummer] = (kommune, versjoner)
        return kommune, versjoner

    @staticmethod
    def _les(nummer):
        return Kommune.objects.med_helsefellesskap().filter(nummer=nummer).first()


_kommuner = _Kommuner()


def _finn_kommune(request, nummer):
    """(kommune, error) for a kommunenummer from the request. The error is a function that
    gives the message: it must be worded in the page's målform, chosen only after this."""
    try:
        valider_kommunenummer(nummer)
    except ValidationError as feil:
        return None, lambda feil=feil: feil.messages[0]
    kommune, versjoner = _kommuner.hent(nummer)
    if kommune is None:
        return None, lambda: _("Vi fant ingen kommune med nummer %(nummer)s.") % {"nummer": nummer}
    request._bupkart_versjoner = versjoner  # the page cache's key (bupkart.cache.versjoner)
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
        if valgt in Malform.values:
            request.malform = valgt
        elif request.kommune:
            request.malform = request.kommune.helsefellesskap.malform
        else:
            request.malform = Malform.BOKMAL
        translation.activate(request.malform)
        request.kommune_feil = feil() if feil else None
        fra_adresse_rolle = request.GET.get("rolle")
        request.rolle = finn_rolle(
            fra_adresse_rolle if fra_adresse_rolle is not None else request.COOKIES.get(settings.ROLLE_COOKIE)
        )
        # An editor's preview is redaksjon's to grant (redaksjon.middleware, after this one).
        request.forhandsvis = None
        request.redaksjon = None
        request.LANGUAGE_CODE = request.malform

        # A view whose answers are the same for everyone (the read API) remembers no choice.
        request.husk_valg = True

        response = self.get_response(request)

        if not request.husk_valg:
            fra_adresse = fra_adresse_rolle = None
        if fra_adresse is not None:
            if request.kommune:
                _husk(response, settings.KOMMUNE_COOKIE, request.kommune.nummer)
            elif not nummer:
                response.delete_cookie(settings.KOMMUNE_COOKIE)
        if fra_adresse_rolle is not None:
            if request.rolle:
                _husk(response, settings.ROLLE_COOKIE, request.rolle.slug)
            else:
                response.delete_cookie(settings.ROLLE_COOKIE)
        if request.husk_valg and request.GET.get("malform") in Malform.values:
            _husk(response, settings.MALFORM_COOKIE, request.malform)
        response.headers.setdefault("Content-Language", str(request.malform))  # wsgiref wants a plain str
        return response


def _husk(response, cookie, verdi):
    """Remember a choice of the reader's for a year."""
    response.set_cookie(cookie, verdi, max_age=settings.KOMMUNE_COOKIE_MAX_AGE, samesite="Lax", httponly=True)
