"""A samhandlingsdag: a facilitator starts an økt from a case for a kommune (no account: the
secret link is the key), tables join on a phone with a short code and a table name and answer
each step, the facilitator's projector screen polls for their choices, and the summary sends a
bottleneck to the owner of the text it concerns as reader feedback."""

import csv
import io

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bupkart.fnr import avvis_fodselsnummer
from bupkart.grense import nokkel, over_grensa, tell
from bupkart.klient import klient_ip
from forlop.models import seksjon_anker
from forlop.resolution import Kontekst
from tilbakemelding.ruting import finn_omfang
from tilbakemelding.varsel import varsle
from tjenester.http import LeserRequest
from tjenester.models import Kommune

from .fasit import fasit, steg_med_tjenester, tjenester_i_forlop
from .models import NOTAT_MAKS, Bord, Kasus, Okt, Svar, ny_kode
from .oppgaver import planlegg_sletting

# The pages of an økt are live (polled) and reached by a secret: no proxy or browser may keep
# them (never_cache on each).


def _okt(hemmelighet: str) -> Okt:
    """The økt a secret link names, unless it is past its time (it is deleted soon after)."""
    return get_object_or_404(
        Okt.objects.exclude(pk__in=Okt.objects.utlopte().values("pk")).select_related(
            "kasus__forlop", "kommune__helsefellesskap"
        ),
        hemmelighet=hemmelighet,
    )


def _i_okta(request: LeserRequest, okt: Okt) -> Kontekst:
    """Every page of an økt speaks its målform and answers from its kommune's forløp."""
    translation.activate(okt.malform)
    request.malform = okt.malform
    return Kontekst(malform=okt.malform, kommune=okt.kommune)


def _med_kode(okt: Okt) -> Okt:
    # Codes are short, so they can collide: try again (a unique index decides).
    for _forsok in range(10):
        okt.kode = ny_kode()
        try:
            with transaction.atomic():
                okt.save()
            return okt
        except IntegrityError:
            continue
    raise RuntimeError("no free join code")


@require_POST
def start(request: LeserRequest, slug: str) -> HttpResponse:
    kommune = Kommune.objects.filter(nummer=request.POST.get("kommune", "")[:4]).first()
    if kommune is None:
        return HttpResponseBadRequest(_("Velg kommunen økten gjelder."))
    kasus = get_object_or_404(Kasus.objects.for_leser(kommune), slug=slug)
    tellere = [(nokkel("oving-start", klient_ip(request) or ""), settings.BUPKART_OVING_START_GRENSE)]
    if over_grensa(tellere):
        return render(request, "oving/sperret.html", status=429)
    tell(tellere, settings.BUPKART_OVING_START_PERIODE)
    with transaction.atomic():
        okt = _med_kode(Okt(kasus=kasus, kommune=kommune, malform=request.malform))
        planlegg_sletting(okt)
    return redirect("oving:okt", okt.hemmelighet)


def _stegene(okt: Okt) -> list:
    return steg_med_tjenester(okt.kasus)


def _dette_steget(okt: Okt, stegene: list):
    return stegene[min(okt.steg_nummer, len(stegene)) - 1]


def _valg(okt: Okt, steg) -> dict:
    """{tjeneste id: how many tables chose it} for one step, in one query."""
    rader = (
        Svar.tjenester.through.objects.filter(svar__bord__okt=okt, svar__steg=steg)
        .values("tjeneste_id")
        .annotate(antall=Count("svar_id"))
    )
    return {r["tjeneste_id"]: r["antall"] for r in rader}


def _stegstatus(okt: Okt, stegsvar, tilbud) -> dict:
    """The tables' choices for a step against the forløp's answer, and their notes."""
    valg = _valg(okt, stegsvar.steg)
    fasit_slugger = stegsvar.slugger
    svar = (
        Svar.objects.filter(bord__okt=okt, steg=stegsvar.steg).select_related("bord").order_by("bord__navn")
    )
    return {
        "stegsvar": stegsvar,
        "rader": [
            {"tjeneste": t, "antall": valg.get(t.pk, 0), "i_forlopet": s in fasit_slugger}
            for s, t in tilbud.items()
        ],
        "svar": [s for s in svar if s.notat],
        "antall_svar": len(svar),
    }


def _skjermen(request: LeserRequest, hemmelighet: str):
    """(the steps, what the facilitator's screen shows of the current step): the whole screen
    and the part it polls read the same."""
    okt = _okt(hemmelighet)
    kontekst = _i_okta(request, okt)
    stegene = _stegene(okt)
    (stegsvar,) = fasit(okt.kasus, [_dette_steget(okt, stegene)], kontekst)
    return stegene, {
        "okt": okt,
        "antall_bord": okt.bord.count(),
        **_stegstatus(okt, stegsvar, tjenester_i_forlop(okt.kasus.forlop)),
    }


@never_cache
@require_GET
def tilrettelegger(request: LeserRequest, hemmelighet: str) -> HttpResponse:
    """The facilitator's screen, for a projector."""
    stegene, innhald = _skjermen(request, hemmelighet)
    return render(
        request,
        "oving/tilrettelegger.html",
        {
            **innhald,
            "antall_steg": len(stegene),
            "bli_med": request.build_absolute_uri(reverse("oving:bli-med")),
        },
    )


@never_cache
@require_GET
def status(request: LeserRequest, hemmelighet: str) -> HttpResponse:
    """What the facilitator's screen polls every two seconds: the live choices of the step."""
    _stegene, innhald = _skjermen(request, hemmelighet)
    return render(request, "oving/tilrettelegger.html#status", innhald)


@require_POST
def bytt_steg(request: LeserRequest, hemmelighet: str) -> HttpResponse:
    okt = _okt(hemmelighet)
    antall = okt.kasus.steg.count()
    nytt = okt.steg_nummer + (1 if request.POST.get("retning") == "neste" else -1)
    if 1 <= nytt <= antall:
        Okt.objects.filter(pk=okt.pk).update(steg_nummer=nytt)
    return redirect("oving:okt", okt.hemmelighet)


@never_cache
@require_GET
def qr(request: LeserRequest, hemmelighet: str) -> HttpResponse:
    """The join page with the code filled in, as a QR code (SVG, made here: no outside service)."""
    okt = _okt(hemmelighet)
    adresse = request.build_absolute_uri(reverse("oving:bli-med")) + f"?kode={okt.kode}"
    ut = io.BytesIO()
    segno.make(adresse, error="m").save(ut, kind="svg", scale=10, border=2, xmldecl=False)
    return HttpResponse(ut.getvalue(), content_type="image/svg+xml")


def _bordnavn(navn: str) -> str:
    navn = " ".join(navn.split())
    if not navn:
        raise ValidationError(_("Skriv et navn på bordet, for eksempel «Bord 4»."))
    if len(navn) > Bord._meta.get_field("navn").max_length:
        raise ValidationError(_("Bordnavnet er for langt."))
    avvis_fodselsnummer(navn)
    return navn


@require_http_methods(["GET", "POST"])
def bli_med(request: LeserRequest) -> HttpResponse:
    """A table joins with the code and a name. No login and no personal data."""
    if request.method == "GET":
        return render(request, "oving/bli_med.html", {"kode": request.GET.get("kode", "")[:12]})
    kode, navn = request.POST.get("kode", "")[:12], request.POST.get("navn", "")[:200]
    okt = Okt.objects.med_gyldig_kode(kode).first()
    try:
        if okt is None:
            raise ValidationError(_("Koden er ukjent eller utløpt. Spør den som leder økten."))
        with transaction.atomic():
            bord = Bord.objects.create(okt=okt, navn=_bordnavn(navn))
    except ValidationError as feil:
        return render(
            request, "oving/bli_med.html", {"kode": kode, "navn": navn, "feil": feil.messages}, status=400
        )
    except IntegrityError:
        feil = [_("Et bord med det navnet er alt med. Velg et annet navn.")]
        return render(request, "oving/bli_med.html", {"kode": kode, "navn": navn, "feil": feil}, status=400)
    return redirect("oving:bord", bord.nokkel)


def _lagre_svar(request: LeserRequest, bord: Bord, steg, tilbud: dict) -> list:
    """Saves the table's answer to the step; returns the problems (none: saved)."""
    notat = request.POST.get("notat", "").strip()
    if len(notat) > NOTAT_MAKS:
        return [_("Notatet er for langt: høyst %(maks)s tegn.") % {"maks": NOTAT_MAKS}]
    try:
        avvis_fodselsnummer(notat)
    except ValidationError as feil:
        return feil.messages
    valgte = [tilbud[s].pk for s in request.POST.getlist("tjeneste") if s in tilbud]
    with transaction.atomic():
        svar, _ny = Svar.objects.update_or_create(bord=bord, steg=steg, defaults={"notat": notat})
        svar.tjenester.set(valgte)
    return []


@never_cache
@require_http_methods(["GET", "POST"])
def bord(request: LeserRequest, nokkel: str) -> HttpResponse:
    """A table's phone: the step the facilitator shows, the services to choose and a note.
    While waiting it asks every few seconds whether the step has changed (htmx); without
    JavaScript the table reloads the page."""
    valgt = get_object_or_404(Bord.objects.select_related("okt__kasus__forlop"), nokkel=nokkel)
    okt = valgt.okt
    if okt in Okt.objects.utlopte():
        raise Http404
    _i_okta(request, okt)
    if request.htmx and "venter" in request.GET:
        byttet = request.GET["venter"] != str(okt.steg_nummer)
        return (
            HttpResponse(status=200, headers={"HX-Refresh": "true"}) if byttet else HttpResponse(status=204)
        )
    stegene = _stegene(okt)
    steg = _dette_steget(okt, stegene)
    tilbud = tjenester_i_forlop(okt.kasus.forlop)
    feil, lagret = [], False
    if request.method == "POST":
        if request.POST.get("steg") != str(steg.nummer):
            feil = [_("Steget er byttet. Her er det nye steget.")]
        else:
            feil = _lagre_svar(request, valgt, steg, tilbud)
            lagret = not feil
    svar = Svar.objects.filter(bord=valgt, steg=steg).prefetch_related("tjenester").first()
    return render(
        request,
        "oving/bord.html",
        {
            "bord": valgt,
            "okt": okt,
            "steg": steg,
            "antall_steg": len(stegene),
            "tilbud": tilbud.values(),
            "valgte": {t.slug for t in svar.tjenester.all()}
            if svar
            else set(request.POST.getlist("tjeneste")),
            "notat": request.POST.get("notat", "") if feil else (svar.notat if svar else ""),
            "notat_maks": NOTAT_MAKS,
            "feil": feil,
            "lagret": lagret,
        },
        status=400 if feil and request.method == "POST" else 200,
    )


def _oppsummering(okt: Okt, kontekst: Kontekst) -> list:
    tilbud = tjenester_i_forlop(okt.kasus.forlop)
    return [_stegstatus(okt, s, tilbud) for s in fasit(okt.kasus, _stegene(okt), kontekst)]


@never_cache
@require_GET
def oppsummering(request: LeserRequest, hemmelighet: str) -> HttpResponse:
    okt = _okt(hemmelighet)
    kontekst = _i_okta(request, okt)
    return render(
        request,
        "oving/oppsummering.html",
        {"okt": okt, "stegene": _oppsummering(okt, kontekst), "antall_bord": okt.bord.count()},
    )


@never_cache
@require_GET
def oppsummering_csv(request: LeserRequest, hemmelighet: str) -> HttpResponse:
    okt = _okt(hemmelighet)
    kontekst = _i_okta(request, okt)
    ut = io.StringIO()
    skriver = csv.writer(ut)
    skriver.writerow(
        [_("steg"), _("tjeneste"), _("i forløpet"), _("antall bord"), _("bord"), _("flaskehals")]
    )
    for s in _oppsummering(okt, kontekst):
        nummer = s["stegsvar"].steg.nummer
        for rad in s["rader"]:
            ja = _("ja") if rad["i_forlopet"] else _("nei")
            skriver.writerow([nummer, rad["tjeneste"].navn, ja, rad["antall"], "", ""])
        for svar in s["svar"]:
            skriver.writerow([nummer, "", "", "", svar.bord.navn, svar.notat])
    svar = HttpResponse(ut.getvalue(), content_type="text/csv; charset=utf-8")
    svar["Content-Disposition"] = f'attachment; filename="okt-{okt.kasus.slug}.csv"'
    return svar


@require_POST
def send_notat(request: LeserRequest, hemmelighet: str, svar: int) -> HttpResponse:
    """Sends one table's bottleneck to the owner of the text it concerns (the chosen service's
    seksjon in the økt's kommune, routed as any reader feedback on that seksjon)."""
    okt = _okt(hemmelighet)
    kontekst = _i_okta(request, okt)
    notat = get_object_or_404(Svar.objects.select_related("steg", "bord"), pk=svar, bord__okt=okt)
    slug, _kolon, tekstdel = request.POST.get("tekst", "")[:100].partition(":")
    tjeneste = notat.steg.tjenester.filter(slug=slug).first()
    if tjeneste is None or tekstdel not in notat.steg.seksjoner:
        return HttpResponseBadRequest(_("Velg hvilken tekst flaskehalsen gjelder."))
    forlop = okt.kasus.forlop
    melding = finn_omfang(
        forlop.get_absolute_url(), forlop.slug, seksjon_anker(tjeneste.slug, tekstdel), kontekst
    )
    melding.tekst = _(
        "Flaskehals fra en samhandlingsdag i %(kommune)s (kasus «%(kasus)s», steg %(steg)s, %(bord)s): %(notat)s"
    ) % {
        "kommune": okt.kommune.navn,
        "kasus": okt.kasus.tittel,
        "steg": notat.steg.nummer,
        "bord": notat.bord.navn,
        "notat": notat.notat,
    }
    with transaction.atomic():
        melding.save()
        Svar.objects.filter(pk=notat.pk).update(sendt=True)
        varsle(request, melding)
    return redirect(reverse("oving:okt-oppsummering", args=[okt.hemmelighet]) + f"#steg-{notat.steg.nummer}")
