"""The text editor inside the admin: write, preview, send, approve, publish, compare, restore.
Every POST re-checks scope on the server; every error keeps what the editor typed."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bupkart.fnr import avvis_fodselsnummer
from bupkart.lix import lix
from bupkart.markdown import render
from forlop.models import FAMILIEDELER, ForslagStatus, Status, Tekstversjon

from . import services, svar
from .diff import er_lik, side_om_side
from .models import Hoyring
from .tilgang import Tilgang


class TekstForm(forms.Form):
    markdown = forms.CharField(
        label=gettext_lazy("Tekst (markdown)"),
        widget=forms.Textarea(attrs={"rows": 18, "class": "vLargeTextField markdown-felt"}),
        required=False,
        validators=[avvis_fodselsnummer],
        strip=False,
    )
    forrige = forms.IntegerField(widget=forms.HiddenInput, required=False)
    endringsnotat = forms.CharField(
        label=gettext_lazy("Endringsnotat (hva og hvorfor)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        validators=[avvis_fodselsnummer],
    )


def _url(tekst):
    return reverse("admin:forlop_tekst_change", args=[tekst.pk])


def _versjon(tekst, pk):
    try:
        return tekst.versjoner.get(pk=int(pk))
    except (TypeError, ValueError, Tekstversjon.DoesNotExist) as feil:
        raise Http404(_("Fant ikke versjonen.")) from feil


def _versjoner(tekst):
    return list(tekst.versjoner.select_related("laget_av", "publisert_av", "trukket_av").nyeste_forst())


def _med_sitat(notat, hoyringar, malform):
    """The note, with a citation of each høyring the text is on that it does not cite yet: the
    publisher finds it written and may change it."""
    notat = (notat or "").strip()
    mangler = [s for s in (h.sitat(malform) for h in hoyringar) if s not in notat]
    return "\n".join([notat, *mangler]).strip()


def _kontekst(admin, request, tekst, form, versjoner=None, hoyringar=None, **ekstra):
    """`tekst` comes from TekstAdmin.get_queryset(), which annotates `flagget`."""
    tilgang = Tilgang.for_bruker(request.user)
    if versjoner is None:
        versjoner = _versjoner(tekst)
    if hoyringar is None:
        hoyringar = list(Hoyring.objects.for_publisering(tekst))
    felles = None if tekst.omfang == "felles" else services.felles_tekst(tekst)
    felles_pub = felles.publisert if felles else None
    felles_endring = None
    if tekst.flagget and felles_pub:
        # Only a published variant is flagged; what its felles tekst said then is read only here.
        publisert = next(v for v in versjoner if v.pk == tekst.publisert_id)
        if grunnlag := publisert.felles_grunnlag:
            felles_endring = side_om_side(
                grunnlag.markdown,
                felles_pub.markdown,
                _("Felles tekst da tilpasningen ble laget"),
                _("Felles tekst nå"),
            )
    typed = form["markdown"].value() or ""
    til_godkjenning = [v for v in versjoner if v.status == Status.TIL_GODKJENNING]
    kan_publisere = tilgang.kan_publisere(tekst)
    return {
        **admin.admin_site.each_context(request),
        "opts": admin.model._meta,
        "title": str(tekst),
        "tekst": tekst,
        "form": form,
        "siste": versjoner[0] if versjoner else None,
        "versjoner": versjoner,
        "til_godkjenning": til_godkjenning,
        "godkjenning": _godkjenning(tekst, versjoner, til_godkjenning, hoyringar) if kan_publisere else None,
        "hoyringar": hoyringar,
        "kan_publisere": kan_publisere,
        "er_variant": tekst.omfang != "felles",
        "felles": felles,
        "felles_diff": side_om_side(felles_pub.markdown, typed, _("Felles tekst"), _("Denne tilpasningen"))
        if felles_pub
        else None,
        "flagget": tekst.flagget,
        "felles_endring": felles_endring,
        "forslag": tekst.forslag.filter(status=ForslagStatus.APENT).select_related("laget_av")
        if tekst.omfang == "felles"
        else [],
        "vis_lix": tekst.tekstdel in FAMILIEDELER,
        "lix": lix(typed),
        "forhandsvisning": render(typed),
        **ekstra,
    }


def _startpunkt(request, tekst, versjoner):
    """The version the editor opens with: the published text, unless asked for another
    (`?fra=`) or the newest draft is the editor's own. Another editor's newer draft is never
    built on silently: it is returned as the second value, for the page to offer."""
    siste = versjoner[0] if versjoner else None
    if "fra" in request.GET:
        return _versjon(tekst, request.GET["fra"]), None
    publisert = next((v for v in versjoner if v.pk == tekst.publisert_id), None)
    if siste is None or siste == publisert or siste.laget_av_id == request.user.pk:
        return siste, None
    return publisert or siste, siste


def _godkjenning(tekst, versjoner, til_godkjenning, hoyringar):
    """What the approver decides on: the version sent for approval, if it is the newest, its
    diff against the published text and its note (citing the høyringar the text is on). A draft
    saved on top of it replaces it as what the publisher works on (the sent one stays in the
    history)."""
    if not til_godkjenning or til_godkjenning[0] != versjoner[0]:
        return None
    versjon = til_godkjenning[0]
    publisert = next((v for v in versjoner if v.pk == tekst.publisert_id), None)
    return {
        "versjon": versjon,
        "publisert": publisert,
        "notat": _med_sitat(versjon.endringsnotat, hoyringar, tekst.malform),
        "diff": side_om_side(
            publisert.markdown if publisert else "",
            versjon.markdown,
            _("Publisert (v%s)") % publisert.nummer if publisert else _("Ikke publisert"),
            _("Sendt til godkjenning (v%s)") % versjon.nummer,
        ),
    }


def rediger(admin, request, tekst):
    tilgang = Tilgang.for_bruker(request.user)
    if not tilgang.kan_endre(tekst):
        raise PermissionDenied
    if request.method != "POST":
        versjoner = _versjoner(tekst)
        start, annet_utkast = _startpunkt(request, tekst, versjoner)
        # «forrige» is still the newest version: a save then builds on what the editor saw,
        # and anything saved since is a conflict.
        hoyringar = list(Hoyring.objects.for_publisering(tekst))
        form = TekstForm(
            initial={
                "markdown": start.markdown if start else "",
                "forrige": versjoner[0].pk if versjoner else None,
                "endringsnotat": _med_sitat("", hoyringar, tekst.malform),
            }
        )
        ekstra = {"start": start, "annet_utkast": annet_utkast, "hoyringar": hoyringar}
        if "a" in request.GET and "b" in request.GET:
            a, b = _versjon(tekst, request.GET["a"]), _versjon(tekst, request.GET["b"])
            ekstra["diff"] = side_om_side(a.markdown, b.markdown, f"v{a.nummer}", f"v{b.nummer}")
        return TemplateResponse(
            request,
            "admin/forlop/tekst/rediger.html",
            _kontekst(admin, request, tekst, form, versjoner=versjoner, **ekstra),
        )

    form = TekstForm(request.POST)
    handling = request.POST.get("handling", "lagre")
    try:
        if not form.is_valid():
            raise ValidationError(_("Rett feilene nedenfor."))
        melding = _utfor(request, tilgang, tekst, form, handling)
    except services.Konflikt as konflikt:
        return TemplateResponse(
            request,
            "admin/forlop/tekst/konflikt.html",
            _kontekst(
                admin,
                request,
                tekst,
                TekstForm(initial={**form.cleaned_data, "forrige": konflikt.siste.pk}),
                konflikt=konflikt.siste,
                konflikt_diff=side_om_side(
                    konflikt.siste.markdown,
                    form.cleaned_data["markdown"],
                    _("Lagret av en annen (v%s)") % konflikt.siste.nummer,
                    _("Din tekst"),
                ),
            ),
            status=409,
        )
    except ValidationError as feil:
        for m in feil.messages:
            form.add_error(None, m)
        return TemplateResponse(
            request, "admin/forlop/tekst/rediger.html", _kontekst(admin, request, tekst, form), status=400
        )
    messages.success(request, melding)
    return HttpResponseRedirect(_url(tekst))


def _utfor(request, tilgang, tekst, form, handling):
    """Does what the form's button asks; returns the message that says what was done."""
    data = form.cleaned_data
    bruker = request.user
    notat = data.get("endringsnotat", "")

    if handling in ("lagre", "send", "publiser"):
        return _lagre_versjon(tilgang, tekst, data, bruker, handling)

    if handling in ("godkjenn", "avvis"):
        return _behandle_innsendt(request, tilgang, tekst, bruker, notat, handling)

    if handling == "gjenopprett":
        versjon = services.gjenopprett(_versjon(tekst, request.POST.get("versjon")), bruker)
        return _("Teksten fra den gamle versjonen er lagt inn som nytt utkast (versjon %s).") % versjon.nummer

    if handling == "trekk":
        _krev_publisering(tilgang, tekst)
        services.trekk_tilbake(tekst, bruker, notat)
        return _("Tilpasningen er trukket tilbake. Lesere ser felles tekst igjen.")

    if handling == "rebaser":
        _krev_publisering(tilgang, tekst)
        services.rebaser(tekst, bruker)
        return _("Tilpasningen er merket som gjennomgått mot den nye felles teksten.")

    if handling == "foresla":
        felles = services.felles_tekst(tekst)
        if felles is None or tekst.omfang == "felles":
            raise ValidationError(_("Det finnes ingen felles tekst å foreslå endringer i."))
        services.foresla(felles, data["markdown"], request.POST.get("begrunnelse", ""), bruker)
        return _("Forslaget er sendt til forvalteren av felles tekst.")

    raise ValidationError(_("Ukjent handling."))


def _krev_publisering(tilgang, tekst):
    if not tilgang.kan_publisere(tekst):
        raise PermissionDenied


def _lagre_versjon(tilgang, tekst, data, bruker, handling):
    """The typed text as a draft (the newest draft again if it is unchanged), sent for approval
    or published if the button says so."""
    markdown = data["markdown"]
    notat = data.get("endringsnotat", "")
    if handling == "publiser":
        _krev_publisering(tilgang, tekst)
    # One transaction: a refused send or publish leaves no draft behind, so the form's
    # «forrige» still names the newest version and a corrected retry is no conflict.
    with transaction.atomic():
        siste = tekst.siste_versjon()
        forrige = tekst.versjoner.filter(pk=data.get("forrige")).first() if data.get("forrige") else None
        if siste and siste.status == Status.UTKAST and er_lik(siste.markdown, markdown) and forrige == siste:
            versjon = siste
        else:
            versjon = services.lagre_utkast(tekst, markdown, av=bruker, forrige=forrige, endringsnotat=notat)
        if handling == "send":
            services.send_til_godkjenning(versjon, notat)
            return _("Versjon %s er sendt til godkjenning.") % versjon.nummer
        if handling == "publiser":
            services.publiser(versjon, bruker, notat)
            return _("Versjon %s er publisert.") % versjon.nummer
    return _("Utkastet er lagret som versjon %s.") % versjon.nummer


def _behandle_innsendt(request, tilgang, tekst, bruker, notat, handling):
    """Approves (publishes) or rejects the version the form names."""
    _krev_publisering(tilgang, tekst)
    versjon = _versjon(tekst, request.POST.get("versjon"))
    if handling == "godkjenn":
        services.publiser(versjon, bruker, notat)
        melding = _("Versjon %s er publisert.") % versjon.nummer
    else:
        services.avvis(versjon, bruker, request.POST.get("kommentar", ""))
        melding = _("Versjon %s er avvist og sendt tilbake.") % versjon.nummer
    svar.varsle_versjon(request, versjon)
    return melding


def tilpass(admin, request, felles_id):
    """Start a local variant of a felles text for one of the user's scopes (POST only: its URL
    in TekstAdmin.get_urls answers anything else with 405)."""
    tilgang = Tilgang.for_bruker(request.user)
    felles = get_object_or_404(admin.model, pk=felles_id, helsefellesskap__isnull=True, kommune__isnull=True)
    hf = kommune = None
    kommune_id, hf_id = request.POST.get("kommune", ""), request.POST.get("helsefellesskap", "")
    valgt = kommune_id or hf_id
    if not (valgt.isascii() and valgt.isdigit()):
        return HttpResponseBadRequest(_("Velg et helsefellesskap eller en kommune å tilpasse for."))
    if kommune_id:
        kommune = get_object_or_404(tilgang.kommuner(), pk=kommune_id)
    else:
        hf = get_object_or_404(tilgang.helsefellesskap(), pk=hf_id)
    variant = services.lag_variant(felles, request.user, helsefellesskap=hf, kommune=kommune)
    messages.info(request, _("Tilpasningen er startet med felles tekst som utgangspunkt."))
    return HttpResponseRedirect(_url(variant))


def forhandsvis(request):
    """htmx: the rendered, sanitised markdown (and its LIX) while the editor types."""
    tekst = request.POST.get("markdown", "")
    return TemplateResponse(
        request,
        "admin/forlop/tekst/rediger.html#forhandsvisning",
        {"forhandsvisning": render(tekst), "lix": lix(tekst), "vis_lix": request.POST.get("lix") == "1"},
    )
