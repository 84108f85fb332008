from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from bupkart.grense import nokkel, over_grensa, tell
from bupkart.klient import klient_ip
from forlop.resolution import Kontekst
from tjenester.http import LeserRequest

from .forms import TilbakemeldingForm
from .ruting import finn_omfang, gyldig_side
from .varsel import varsle


def _tellere(request: LeserRequest) -> list[tuple[str, int]]:
    """The counters a message counts on, each with its limit: this address on this page (a
    reader's few messages about what they read), this address on every page (readers behind
    one kommune's NAT share it, so it is higher) and the site as a whole (a flood from many
    addresses). Keys are hashes: no address is kept, and the counters expire."""
    adresse = klient_ip(request) or ""
    side = gyldig_side(request.POST.get("side", ""))
    return [
        (nokkel("tilbakemelding", adresse, side), settings.BUPKART_TILBAKEMELDING_GRENSE),
        (nokkel("tilbakemelding", adresse), settings.BUPKART_TILBAKEMELDING_GRENSE_ADRESSE),
        (nokkel("tilbakemelding"), settings.BUPKART_TILBAKEMELDING_GRENSE_ALLE),
    ]


def _svar(request: LeserRequest, context: dict, status: int = 200) -> HttpResponse:
    mal = "tilbakemelding/side.html#skjema" if request.htmx else "tilbakemelding/side.html"
    # htmx swaps only 2xx answers; without JavaScript the status code tells the truth.
    return render(request, mal, context, status=200 if request.htmx else status)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")  # the form alone for htmx, the whole page for others
def tilbakemelding(request: LeserRequest) -> HttpResponse:
    """/tilbakemelding/ — the full page (works without JavaScript); the form at the foot of
    every page posts here too. Nothing is stored unless the message is accepted."""
    if request.method == "GET":
        start = {
            "side": gyldig_side(request.GET.get("side", "")),
            "forlop": request.GET.get("forlop", "")[:50],
            "seksjon": request.GET.get("seksjon", "")[:140],
        }
        return _svar(request, {"skjema": TilbakemeldingForm(initial=start)})

    tellere = _tellere(request)
    if over_grensa(tellere):
        return _svar(
            request,
            {
                "skjema": TilbakemeldingForm(initial=request.POST.dict()),
                "sperret": _(
                    "Vi har fått mange meldinger fra deg på kort tid. Vent litt, og prøv igjen senere."
                ),
            },
            status=429,
        )
    skjema = TilbakemeldingForm(request.POST)
    if skjema.er_robot():
        return _svar(request, {"takk": True})  # looks like success; nothing is kept
    if not skjema.is_valid():
        return _svar(request, {"skjema": skjema}, status=400)
    data = skjema.cleaned_data
    melding = finn_omfang(data["side"], data["forlop"], data["seksjon"], Kontekst.fra(request))
    melding.tekst, melding.epost, melding.haster = data["tekst"], data["epost"], data["haster"]
    with transaction.atomic():  # the message and its notification are kept together
        melding.save()
        varsle(request, melding)
    tell(
        tellere, settings.BUPKART_TILBAKEMELDING_PERIODE
    )  # only a message kept counts: a refused one costs the reader nothing
    return _svar(request, {"takk": True, "tilbake": melding.side})
