"""The request as the public views see it, once the middleware has set the reader's context
(tjenester.middleware, then redaksjon.middleware for an editor's preview) — typed, as in
django-htmx's example, so a view says what it reads."""

from typing import Protocol

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from .models import Kommune
from .roller import Rolle


class Forhandsvisning(Protocol):
    """What a preview asks of the editor's access (redaksjon's Tilgang): may they change it?"""

    def kan_endre(self, obj) -> bool: ...


class Redaksjon(Protocol):
    """What a public page asks of a logged-in editor's access (redaksjon's Tilgang): may they
    see a helsefellesskap's whole network of contact persons, the entries for editors too?"""

    def kan_se_nettverk(self, helsefellesskap) -> bool: ...


class LeserRequest(HttpRequest):
    htmx: HtmxDetails
    kommune: Kommune | None  # the reader's chosen kommune (?kommune= or its cookie)
    kommune_feil: str | None  # why a ?kommune= was not understood, in the page's målform
    malform: str  # "nb" or "nn": the målform the page speaks
    rolle: Rolle | None  # who the reader says they are (?rolle= or its cookie)
    forhandsvis: Forhandsvisning | None  # an editor previewing drafts (?forhandsvis=1)
    redaksjon: Redaksjon | None  # a logged-in editor on a public page (never cached)
