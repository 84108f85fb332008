"""/hoyring/: the public pages of høyringar. Each changed seksjon shows as a diff against the
published text; whoever has the invitation's link comments without an account, per seksjon or
on the whole (fødselsnummer guard, length limit, rate limit); after the deadline the page is
a summary of the comments and the editors' answers."""

from django import forms
from django.db.models import Count, Prefetch
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from bupkart.fnr import avvis_fodselsnummer
from bupkart.grense import nokkel, over_grensa, tell
from bupkart.klient import klient_ip
from tjenester.http import LeserRequest

from .diff import side_om_side
from .models import Hoyring, HoyringKommentar, HoyringTekst

MAKS_LENGD = 4000
# Per address on one høyring, per address on all, and for the whole site, in PERIODE seconds.
GRENSER = (10, 30, 300)
PERIODE = 10 * 60


class KommentarForm(forms.Form):
    tekst = forms.CharField(
        label=gettext_lazy("Kommentar"),
        max_length=MAKS_LENGD,
        widget=forms.Textarea(attrs={"rows": 4, "class": "ds-input"}),
        validators=[avvis_fodselsnummer],
    )
    navn = forms.CharField(
        label=gettext_lazy("Navn (valgfritt)"),
        max_length=120,
        required=False,
        validators=[avvis_fodselsnummer],
    )
    arbeidsstad = forms.CharField(
        label=gettext_lazy("Arbeidssted (valgfritt)"),
        max_length=160,
        required=False,
        validators=[avvis_fodselsnummer],
    )
    vis_navn = forms.BooleanField(
        label=gettext_lazy("Navnet mitt kan vises i oppsummeringen"), required=False
    )
    del_av = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_tekst(self):
        tekst = self.cleaned_data["tekst"].replace("\r", "").strip()
        if not tekst:
            raise forms.ValidationError(_("Skriv en kommentar."), code="tom")
        return tekst


def _invitert(request, hoyring):
    nokkel_ = request.POST.get("invitasjon") or request.GET.get("invitasjon") or ""
    return constant_time_compare(nokkel_, hoyring.nokkel)


def _tekster(hoyring):
    kommentarar = HoyringKommentar.objects.select_related("svart_av")
    return hoyring.tekster.select_related(
        "versjon__tekst__forlop",
        "versjon__tekst__tjeneste",
        "versjon__tekst__helsefellesskap",
        "versjon__tekst__kommune",
        "grunnlag",
        "publisering",
    ).prefetch_related(Prefetch("kommentarar", queryset=kommentarar))


@require_GET
def oversikt(request: LeserRequest) -> HttpResponse:
    alle = Hoyring.objects.select_related("helsefellesskap", "kommune").annotate(antall=Count("kommentarar"))
    return render(request, "redaksjon/hoyringar.html", {"opne": alle.opne(), "lukka": alle.lukka()})


def _side(request, hoyring, skjema=None, status=200, **ekstra):
    tekster = list(_tekster(hoyring))
    deler = [
        {
            "del": t,
            "diff": side_om_side(
                t.grunnlag.markdown if t.grunnlag else "",
                t.versjon.markdown,
                _("Publisert tekst"),
                _("Forslag på høring"),
            ),
        }
        for t in tekster
    ]
    kontekst = {
        "hoyring": hoyring,
        "deler": deler,
        "invitert": hoyring.er_open and _invitert(request, hoyring),
        "skjema": skjema,
        "heile": hoyring.kommentarar.filter(del_av__isnull=True) if not hoyring.er_open else [],
        "maks": MAKS_LENGD,
        **ekstra,
    }
    return render(request, "redaksjon/hoyring.html", kontekst, status=status)


@require_GET
def hoyring(request: LeserRequest, pk: int) -> HttpResponse:
    h = get_object_or_404(Hoyring.objects.select_related("helsefellesskap", "kommune"), pk=pk)
    return _side(request, h, takk=request.GET.get("takk") == "1")


def _tellere(request, hoyring):
    adresse = klient_ip(request) or ""
    per_hoyring, per_adresse, alle = GRENSER
    return [
        (nokkel("hoyring", adresse, str(hoyring.pk)), per_hoyring),
        (nokkel("hoyring", adresse), per_adresse),
        (nokkel("hoyring"), alle),
    ]


@require_http_methods(["POST"])
def kommenter(request: LeserRequest, pk: int) -> HttpResponse:
    h = get_object_or_404(Hoyring, pk=pk)
    if not h.er_open:
        return _side(request, h, status=410, feil=_("Fristen for høringen er ute."))
    if not _invitert(request, h):
        return _side(
            request, h, status=403, feil=_("Bare de som har fått lenken i invitasjonen, kan kommentere.")
        )
    tellere = _tellere(request, h)
    if over_grensa(tellere):
        return _side(
            request,
            h,
            status=429,
            feil=_("Vi har fått mange kommentarer fra deg på kort tid. Prøv igjen senere."),
        )
    skjema = KommentarForm(request.POST)
    if not skjema.is_valid():
        return _side(request, h, skjema=skjema, status=400, feil=_("Kommentaren ble ikke sendt."))
    data = skjema.cleaned_data
    del_av = None
    if data["del_av"] is not None:
        del_av = HoyringTekst.objects.filter(hoyring=h, pk=data["del_av"]).first()
        if del_av is None:
            return _side(request, h, status=400, feil=_("Seksjonen finnes ikke i denne høringen."))
    HoyringKommentar.objects.create(
        hoyring=h,
        del_av=del_av,
        tekst=data["tekst"],
        navn=data["navn"].strip(),
        arbeidsstad=data["arbeidsstad"].strip(),
        vis_navn=data["vis_navn"],
    )
    tell(tellere, PERIODE)
    anker = f"#del-{del_av.pk}" if del_av else "#heile"
    return HttpResponseRedirect(f"{h.delingslenke()}&takk=1{anker}")
