"""/tal/: referrals, refusals and waiting per kommune and helsefellesskap; the CSV of what each
page shows; «Tal for <kommune>» on the kommune map; and the editors' import page."""

import csv

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from bupkart.fnr import avvis_fodselsnummer
from redaksjon.tilgang import Tilgang
from tjenester.http import LeserRequest
from tjenester.models import Helsefellesskap, Kommune

from . import tekster
from .diagram import Serie, linjediagram, stolpediagram
from .innlesing import Filfeil, celler, last_inn, les, sjekk_kommuner
from .models import Datasett, Kommunetall
from .serier import oversikt
from .skjerming import Skjermet

MAKS_FIL = 5 * 1024 * 1024


def _oversikt_for(hf):
    kommuner = list(hf.kommuner.all())
    return oversikt(kommuner, Kommunetall.objects.for_helsefellesskap(hf))


def _serie(navn, klasse, arene, felt):
    return Serie(navn=navn, klasse=klasse, verdier={ar: getattr(a.vist, felt) for ar, a in arene.items()})


def _stolper(id_, tittel, hva, hf, over, felt):
    ar = over.siste_ar
    verdier = [(k.navn, getattr(arene[ar].vist, felt)) for k, arene in over.kommuner if ar in arene]
    return {
        "diagram": stolpediagram(id_, tittel, verdier),
        "setning": tekster.rangering(hva, ar, hf.navn, verdier),
    }


def _trend(id_, tittel, hva, enhet, hf, over, felt):
    serie = _serie(hf.navn, "hf", over.samlet, felt)
    return {
        "diagram": linjediagram(
            id_,
            tittel,
            enhet,
            [serie],
            hf.tatt_i_bruk,
            _("Modellen tatt i bruk %(dato)s") % {"dato": _dato(hf)},
        ),
        "setning": tekster.trend(hva, hf.navn, serie.verdier, "" if enhet == "%" else enhet),
    }


def _dato(hf):
    return hf.tatt_i_bruk.strftime("%d.%m.%Y") if hf.tatt_i_bruk else ""


def _mangler(over, ar):
    """The kommunar with no figures for the year (the editors' gap list)."""
    return [k for k, arene in over.kommuner if ar not in arene]


@require_GET
def side(request: LeserRequest) -> HttpResponse:
    alle = list(Helsefellesskap.objects.all())
    slug = request.GET.get("helsefellesskap")
    if slug:
        hf = next((h for h in alle if h.slug == slug), None)
        if hf is None:
            raise Http404(_("Fant ikke helsefellesskapet."))
    elif request.kommune is not None:
        hf = next(h for h in alle if h.pk == request.kommune.helsefellesskap_id)
    else:
        hf = alle[0] if alle else None
    kontekst = {"alle": alle, "hf": hf}
    if hf is not None:
        over = _oversikt_for(hf)
        kontekst["over"] = over
        if over.siste_ar:
            kontekst.update(
                avslag=_stolper(
                    "avslag", _("Avslagsprosent per kommune"), _("avslagsprosent"), hf, over, "avslagsprosent"
                ),
                rate=_stolper(
                    "rate",
                    _("Henvisninger per 1 000 barn per kommune"),
                    _("henvisningsrate"),
                    hf,
                    over,
                    "henvisningsrate",
                ),
                trend_avslag=_trend(
                    "trend-avslag",
                    _("Avslagsprosent over tid"),
                    _("Avslagsprosenten"),
                    "%",
                    hf,
                    over,
                    "avslagsprosent",
                ),
                trend_rate=_trend(
                    "trend-rate",
                    _("Henvisninger per 1 000 barn over tid"),
                    _("Henvisningsraten"),
                    "",
                    hf,
                    over,
                    "henvisningsrate",
                ),
                trend_ventetid=_trend(
                    "trend-ventetid",
                    _("Ventetid til første time over tid"),
                    _("Ventetiden"),
                    _("dager"),
                    hf,
                    over,
                    "ventetid",
                ),
            )
        tilgang = Tilgang.for_bruker(request.user)
        if tilgang.kan_laste_inn_tall() and tilgang.tall_kommuner().filter(helsefellesskap=hf).exists():
            kontekst["mangler"] = (
                _mangler(over, over.siste_ar) if over.siste_ar else [k for k, _a in over.kommuner]
            )
            kontekst["kan_laste_inn"] = True
    return render(request, "tal/side.html", kontekst)


def _csv_verdi(verdi):
    """A figure for a spreadsheet: the number (decimal comma), or the words a table shows in its
    place — never the small count itself."""
    if verdi.tall is None:
        return verdi.tekst if verdi.skjult else ""
    return str(verdi.tall).replace(".", ",")


def _csv_svar(filnavn, rader):
    svar = HttpResponse(content_type="text/csv; charset=utf-8")
    svar["Content-Disposition"] = f'attachment; filename="{filnavn}"'
    svar.write("\ufeff")  # so a spreadsheet reads it as UTF-8
    skriver = csv.writer(svar, delimiter=";")
    skriver.writerow(
        [_("sted"), _("kommunenummer"), _("år"), *[str(_TITLER[f]) for f in Skjermet.FELT], _("døme-tal")]
    )
    for sted, nummer, ar, arstall in rader:
        vist = arstall.vist
        skriver.writerow(
            [
                sted,
                nummer,
                ar,
                *[_csv_verdi(getattr(vist, f)) for f in Skjermet.FELT],
                _("ja") if arstall.demo else _("nei"),
            ]
        )
    return svar


_TITLER = {
    "henvisninger": gettext_lazy("henvisninger"),
    "avslag": gettext_lazy("avslag"),
    "avslagsprosent": gettext_lazy("avslagsprosent"),
    "henvisningsrate": gettext_lazy("henvisninger per 1 000 barn"),
    "pasienter": gettext_lazy("pasienter"),
    "pasientrate": gettext_lazy("pasienter per 1 000 barn"),
    "ventetid": gettext_lazy("ventetid, median dager"),
    "folketall": gettext_lazy("innbyggere 0–17 år"),
}


@require_GET
def side_csv(request: LeserRequest, slug: str) -> HttpResponse:
    """What /tal/ shows for a helsefellesskap: each kommune's years and the sums, as CSV."""
    hf = get_object_or_404(Helsefellesskap, slug=slug)
    over = _oversikt_for(hf)
    rader = [(k.navn, k.nummer, ar, a) for k, arene in over.kommuner for ar, a in sorted(arene.items())]
    rader += [(hf.navn, "", ar, a) for ar, a in sorted(over.samlet.items())]
    return _csv_svar(f"tal-{hf.slug}.csv", rader)


def _kommune_og_oversikt(nummer):
    kommune = get_object_or_404(Kommune.objects.med_helsefellesskap(), nummer=nummer)
    over = _oversikt_for(kommune.helsefellesskap)
    arene = next((a for k, a in over.kommuner if k.pk == kommune.pk), {})
    return kommune, over, arene


@require_GET
def kommune_csv(request: LeserRequest, nummer: str) -> HttpResponse:
    """What «Tal for <kommune>» shows: its years against its helsefellesskap's."""
    kommune, over, arene = _kommune_og_oversikt(nummer)
    hf = kommune.helsefellesskap
    rader = [(kommune.navn, kommune.nummer, ar, a) for ar, a in sorted(arene.items())]
    rader += [(hf.navn, "", ar, a) for ar, a in sorted(over.samlet.items())]
    return _csv_svar(f"tal-{kommune.nummer}.csv", rader)


def tal_pa_kartet(request, kommune):
    """«Tal for <kommune>» on the kommune map (tjenester.kart): its refusal rate against its
    helsefellesskap's over the years."""
    hf = kommune.helsefellesskap
    over = _oversikt_for(hf)
    arene = next((a for k, a in over.kommuner if k.pk == kommune.pk), {})
    if not arene:
        return {"tal": None}
    serier = [
        _serie(kommune.navn, "kommune", arene, "avslagsprosent"),
        _serie(hf.navn, "hf", over.samlet, "avslagsprosent"),
    ]
    diagram = linjediagram(
        "kart-avslag",
        _("Avslagsprosent i %(kommune)s og %(hf)s") % {"kommune": kommune.navn, "hf": hf.navn},
        "%",
        serier,
        hf.tatt_i_bruk,
        _("Modellen tatt i bruk %(dato)s") % {"dato": _dato(hf)},
    )
    setninger = (
        tekster.trend(_("Avslagsprosenten"), kommune.navn, serier[0].verdier),
        tekster.trend(_("Avslagsprosenten"), hf.navn, serier[1].verdier),
    )
    return {
        "tal": {
            "diagram": diagram,
            "setning": " ".join(setninger),
            "demo": over.demo,
            "hf": hf,
        }
    }


# --- the editors' import ---------------------------------------------------------------------


class Opplastingsskjema(forms.Form):
    kilde = forms.CharField(
        label=gettext_lazy("Kilde"),
        max_length=200,
        validators=[avvis_fodselsnummer],
        help_text=gettext_lazy("Hvor tallene kommer fra, for eksempel «NPR, faglig rapport BUP 2025»."),
    )
    fil = forms.FileField(label=gettext_lazy("Fil (CSV eller XLSX)"))

    def clean_fil(self):
        fil = self.cleaned_data["fil"]
        if fil.size > MAKS_FIL:
            raise forms.ValidationError(_("Filen er for stor (høyst 5 MB)."))
        return fil


def _tilgang_til_import(request):
    if not request.user.is_authenticated:
        return None
    tilgang = Tilgang.for_bruker(request.user)
    if not tilgang.kan_laste_inn_tall():
        raise PermissionDenied
    return tilgang


def _les_fil(skjema, kommuner):
    """(rows, errors) of the uploaded file, every error naming its row and column."""
    fil = skjema.cleaned_data["fil"]
    try:
        rader, feil = les(celler(fil.name, fil.read()))
    except Filfeil as grunn:
        return [], [str(grunn)]
    feil += sjekk_kommuner(rader, kommuner)
    return rader, sorted(feil, key=lambda f: (f.rad, f.kolonne))


def _manglende(kommuner):
    """The kommunar in scope with no figures for the newest year any of them has."""
    ar_per_kommune = set(
        Kommunetall.objects.gjeldende()
        .filter(kommune__in=kommuner)
        .values_list("kommune_id", "ar")
        .distinct()
    )
    siste = max((ar for _k, ar in ar_per_kommune), default=None)
    if siste is None:
        return None, list(kommuner)
    return siste, [k for k in kommuner if (k.pk, siste) not in ar_per_kommune]


@require_http_methods(["GET", "POST"])
def last_inn_side(request) -> HttpResponse:
    tilgang = _tilgang_til_import(request)
    if tilgang is None:
        return redirect_to_login(request.get_full_path())
    kommuner = list(tilgang.tall_kommuner().select_related("helsefellesskap").order_by("navn"))
    skjema = Opplastingsskjema(request.POST or None, request.FILES or None)
    feil, status = [], 200
    if request.method == "POST":
        if skjema.is_valid():
            rader, feil = _les_fil(skjema, {k.nummer: k for k in kommuner})
            if not feil:
                last_inn(
                    rader,
                    {k.nummer: k for k in kommuner},
                    kilde=skjema.cleaned_data["kilde"],
                    filnavn=skjema.cleaned_data["fil"].name[:200],
                    bruker=request.user,
                )
                messages.success(request, _("%(n)s rader er lastet inn.") % {"n": len(rader)})
                return redirect("tal:last-inn")
        status = 400
    siste, mangler = _manglende(kommuner)
    datasett = (
        Datasett.objects.filter(tall__kommune__in=kommuner)
        .annotate(
            rader=Count("tall", distinct=True),
            gjeldende=Count("tall", filter=Q(tall__gjeldende=True), distinct=True),
        )
        .select_related("lastet_av")
        .distinct()[:50]
    )
    return render(
        request,
        "tal/last_inn.html",
        {"skjema": skjema, "feil": feil, "siste_ar": siste, "mangler": mangler, "datasett": datasett},
        status=status,
    )
