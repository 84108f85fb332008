from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bupkart.klient import over_grensa
from forlop.resolution import Kontekst
from tjenester.http import LeserRequest

from .forms import TilbakemeldingForm
from .ruting import finn_omfang, gyldig_side
from .varsel import varsle


def _over_grensa(request: LeserRequest) -> bool:
    """Counts this POST for the address; True when the address has sent too many lately."""
    return over_grensa(
        request, "tilbakemelding", settings.BUPKART_TILBAKEMELDING_GRENSE, settings.BUPKART_TILBAKEMELDING_PERIODE
    )


def _svar(request: LeserRequest, context: dict, status: int = 200) -> HttpResponse:
    mal = "tilbakemelding/side.html#skjema" if request.htmx else "tilbakemelding/side.html"
    # htmx swaps only 2xx answers; without JavaScript the status code tells the truth.
    return render(request, mal, context, status=200 if request.htmx else status)


@require_http_methods(["GET", "POST"])
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

    if _over_grensa(request):
        return _svar(
            request,
            {
                "skjema": None,
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
    return _svar(request, {"takk": True, "tilbake": melding.side})
