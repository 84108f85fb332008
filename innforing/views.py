from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from redaksjon.tilgang import Tilgang
from tjenester.http import LeserRequest
from tjenester.models import Helsefellesskap

from .guide import FASAR, STEG
from .models import Framdrift


class FramdriftForm(forms.ModelForm):
    class Meta:
        model = Framdrift
        fields = ["status", "dato", "notat"]
        widgets = {
            "status": forms.Select(attrs={"class": "ds-input"}),
            "dato": forms.DateInput(attrs={"type": "date", "class": "ds-input"}),
            "notat": forms.Textarea(attrs={"rows": 2, "class": "ds-input"}),
        }


def _framdrift(hf):
    return {f.steg: f for f in Framdrift.objects.filter(helsefellesskap=hf)} if hf else {}


@require_GET
def ta_i_bruk(request: LeserRequest) -> HttpResponse:
    """The guide: four phases and their steps, each linking to the part of the portal that does
    it; with ?helsefellesskap=<slug>, that helsefellesskap's progress on each step."""
    slug = request.GET.get("helsefellesskap") or ""
    hf = get_object_or_404(Helsefellesskap, slug=slug) if slug else None
    framdrift = _framdrift(hf)
    tilgang = Tilgang.for_bruker(request.user)
    fasar = [
        {
            "fase": fase,
            "steg": [
                {"steg": s, "framdrift": framdrift.get(s.slug), "lenke": s.adresse(slug)} for s in fase.steg
            ],
        }
        for fase in FASAR
    ]
    return render(
        request,
        "innforing/ta_i_bruk.html",
        {
            "fasar": fasar,
            "hf": hf,
            "helsefellesskap_liste": Helsefellesskap.objects.all(),
            "kan_endre": hf is not None and tilgang.kan_endre_framdrift(hf),
            "kan_se_alle": tilgang.kan_se_all_framdrift(),
        },
    )


@require_http_methods(["GET", "POST"])
def rediger(request: LeserRequest, slug: str) -> HttpResponse:
    """A helsefellesskap's redaktører set each step's status, date and note."""
    hf = get_object_or_404(Helsefellesskap, slug=slug)
    if not Tilgang.for_bruker(request.user).kan_endre_framdrift(hf):
        raise PermissionDenied
    framdrift = _framdrift(hf)
    data = request.POST if request.method == "POST" else None
    skjema = {
        s: FramdriftForm(data, prefix=s, instance=framdrift.get(s) or Framdrift(helsefellesskap=hf, steg=s))
        for s in STEG
    }
    if data is not None and all(f.is_valid() for f in skjema.values()):
        with transaction.atomic():
            for f in skjema.values():
                if f.has_changed():
                    f.instance.endret_av = request.user
                    f.save()
        return HttpResponseRedirect(f"{reverse('innforing:ta-i-bruk')}?helsefellesskap={hf.slug}")
    fasar = [
        {"fase": fase, "steg": [{"steg": s, "skjema": skjema[s.slug]} for s in fase.steg]} for fase in FASAR
    ]
    return render(
        request, "innforing/rediger.html", {"hf": hf, "fasar": fasar}, status=400 if data is not None else 200
    )


@require_GET
def oversikt(request: LeserRequest) -> HttpResponse:
    """Every helsefellesskap's progress side by side, for the forvalter."""
    if not Tilgang.for_bruker(request.user).kan_se_all_framdrift():
        raise PermissionDenied
    alle = list(Helsefellesskap.objects.all())
    framdrift = {(f.helsefellesskap_id, f.steg): f for f in Framdrift.objects.all()}
    rader = [
        {"steg": s, "fase": fase, "celler": [framdrift.get((hf.pk, s.slug)) for hf in alle]}
        for fase in FASAR
        for s in fase.steg
    ]
    return render(request, "innforing/oversikt.html", {"helsefellesskap_liste": alle, "rader": rader})
