"""The family page of a forløp: the four family texts in klarspråk, who to contact first in the
reader's kommune, and the akutt numbers. The texts are ordinary Tekst slots resolved by
forlop.resolution.los, so local variants, versions and history work as for every seksjon."""

import re

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from bupkart.cache import fragmenter, offentlig_side
from tjenester.http import LeserRequest

from .models import FAMILIEDELER, Forlop, Revisjon, Tekstplass
from .resolution import Kontekst, los
from .views import visningsnokkel

# Family texts open with their own question as a ### heading (h3: right under a seksjon's h2).
# On the family page they are the page's main sections, so every heading moves up one level.
OVERSKRIFT = re.compile(r"<(/?)h([345])>")


def loft_overskrifter(html):
    return OVERSKRIFT.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) - 1}>", html)


class Familievisning:
    """A Visning as the family page shows it: the same text, headings one level up."""

    def __init__(self, visning):
        self._visning = visning

    def __getattr__(self, navn):
        return getattr(self._visning, navn)

    @property
    def html(self):
        return mark_safe(loft_overskrifter(self._visning.html))  # noqa: S308 - sanitised on save

    @property
    def har_overskrift(self):
        return self._visning.html.lstrip().startswith("<h3>")


DEL = "forlop/familie.html#del"
# What happens if BUP says no, the right to complain, and a word to the young reader: the same
# for every forløp, so kept once per målform as a template rather than as seven copies of a
# text (sjekk_innhold holds it to LIX 40, as the family texts).
ETTER_NEI = "forlop/etter_nei_{malform}.html"


def familiedeler(request, forlop, tekster):
    """The html of the four family parts, in order, kept as fragments (bupkart.cache.fragmenter)."""
    deler = [(d, tekster.get(Tekstplass(forlop.pk, None, d.value))) for d in FAMILIEDELER]

    def lag(i):
        familiedel, visning = deler[i]
        return render_to_string(
            DEL, {"familiedel": familiedel, "visning": Familievisning(visning) if visning else None}, request
        )

    # Everything a part shows: the partial, the målform it is printed in, which part, its text.
    return fragmenter(request, [(DEL, request.malform, d.value, visningsnokkel(v)) for d, v in deler], lag)


@require_GET
@offentlig_side
def familie(request: LeserRequest, slug: str) -> HttpResponse:
    forlop = get_object_or_404(Forlop.objects.published(), slug=slug)
    tekster = los(
        Kontekst.fra(request),
        forlop=forlop,
        tjeneste__isnull=True,
        tekstdel__in=[d.value for d in FAMILIEDELER],
    )
    kommune = request.kommune
    forste_kontakt = (
        list(kommune.tilbud.filter(forste_kontakt=True).select_related("tjeneste", "niva")) if kommune else []
    )
    return render(
        request,
        "forlop/familie.html",
        {
            "forlop": forlop,
            "deler": familiedeler(request, forlop, tekster),
            "forste_kontakt": forste_kontakt,
            "revisjoner": Revisjon.objects.for_kontekst(forlop, kommune),
            "etter_nei": ETTER_NEI.format(malform=request.malform),
        },
    )
