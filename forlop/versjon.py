"""«Lenke til denne versjonen»: a permanent page for one published version of one text, so a
fagperson can cite exactly what the forløp said on a given day. Versions are immutable, so the
page keeps showing the same words after later publications, and says so plainly when a newer
version is what readers see now. Drafts (never published) have no such page."""

from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from bupkart.cache import offentlig_side
from tjenester.http import LeserRequest

from .models import Status, Tekstversjon

# A version that readers once saw: published, replaced since, or withdrawn after publication.
VAR_PUBLISERT = Q(
    status__in=[Status.PUBLISERT, Status.ERSTATTET, Status.TRUKKET], publisert_tid__isnull=False
)


@require_GET
@offentlig_side
def versjon(request: LeserRequest, slug: str, pk: int) -> HttpResponse:
    versjon = get_object_or_404(
        Tekstversjon.objects.filter(VAR_PUBLISERT, tekst__forlop__slug=slug, tekst__forlop__publisert=True)
        .select_related("tekst__forlop", "tekst__tjeneste", "tekst__helsefellesskap", "tekst__kommune")
        .defer("markdown"),
        pk=pk,
    )
    tekst = versjon.tekst
    return render(
        request,
        "forlop/versjon.html",
        {
            "versjon": versjon,
            "tekst": tekst,
            "forlop": tekst.forlop,
            "gjeldende": tekst.publisert_id == versjon.pk,
            "nyere": tekst.publisert_id is not None and tekst.publisert_id != versjon.pk,
        },
    )
