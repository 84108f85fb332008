"""The akutt pages: what to do when it is urgent, for professionals (/akutt/) and for families
(/akutt/familie/), with the numbers of the reader's kommune and helsefellesskap.

The prose is kept once per målform as a template (tjenester/akutt/<side>_<målform>.html), not as
versioned texts: a Tekst fills a slot of one forløp, and these pages belong to none. The numbers
they print come from the rows editors keep (Helsefellesskap.bup_akutt_telefon and
bup_akutt_merknad, Kommune.legevakt_telefon), so a helsefellesskap changes its own numbers in
the admin and the page follows."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from bupkart.cache import offentlig_side

from .http import LeserRequest

# One template per page and målform. The family page is read by parents and young people:
# sjekk_innhold holds its text to LIX 40 (utveksling.innhold).
MAL = "tjenester/akutt/{side}_{malform}.html"
# The kommune's own offers that answer when it is urgent: its legevakt, and the barnevern that
# says how its barnevernsvakt is reached outside office hours; in this order on the page.
AKUTTE_TJENESTER = ("legevakt", "barnevern", "krisesenter")


def lokale_akuttilbud(kommune):
    if kommune is None:
        return []
    tilbud = kommune.tilbud.filter(tjeneste__slug__in=AKUTTE_TJENESTER).select_related("tjeneste")
    return sorted(tilbud, key=lambda t: AKUTTE_TJENESTER.index(t.tjeneste.slug))


def _side(request: LeserRequest, side: str) -> HttpResponse:
    kommune = request.kommune
    return render(
        request,
        MAL.format(side=side, malform=request.malform),
        {"kommune": kommune, "akuttilbud": lokale_akuttilbud(kommune)},
    )


@require_GET
@offentlig_side
def fagfolk(request: LeserRequest) -> HttpResponse:
    return _side(request, "fagfolk")


@require_GET
@offentlig_side
def familie(request: LeserRequest) -> HttpResponse:
    return _side(request, "familie")
