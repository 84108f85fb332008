from django import template
from django.db.models import Count, Q
from django.utils import timezone

from forlop.models import Forslag, ForslagStatus, Revisjon, Status, Tekst, Tekstversjon
from redaksjon import svar
from redaksjon.models import Hoyring
from redaksjon.tilgang import Tilgang
from tjenester.models import Kontaktperson

register = template.Library()
MAKS = 25


@register.inclusion_tag("admin/forlop/oversikt.html", takes_context=True)
def redaksjon_oversikt(context):
    """The admin start page: what waits for this user, within their scope only."""
    bruker = context["request"].user
    tilgang = Tilgang.for_bruker(bruker)
    if not tilgang.er_redaksjon:
        return {"vis": False}
    # Only what this user can approve waits for them; a kommunekontakt's own proposals wait for
    # the helsefellesskap's redaktør.
    venter = (
        Tekstversjon.objects.filter(
            tilgang.tekst_filter("tekst__", publisere=True), status=Status.TIL_GODKJENNING
        )
        .select_related(
            "tekst__forlop", "tekst__tjeneste", "tekst__helsefellesskap", "tekst__kommune", "laget_av"
        )
        .order_by("laget")[:MAKS]
    )
    venter = list(venter)
    forslag = Forslag.objects.filter(status=ForslagStatus.APENT).select_related("tekst__forlop", "laget_av")
    if not tilgang.kan_behandle_forslag():
        forslag = forslag.filter(laget_av=bruker)
    venter_andre = [(k.venter_mal, v) for k in svar.KILDER.values() for v in k.venter(tilgang)[:MAKS]]
    return {
        "vis": True,
        "venter": venter,
        "venter_andre": venter_andre,
        "venter_antall": len(venter) + len(venter_andre),
        "forfalt": Revisjon.objects.filter(tilgang.tekst_filter(), neste_revisjon__lt=timezone.localdate())
        .select_related("forlop", "helsefellesskap", "kommune")
        .order_by("neste_revisjon")[:MAKS],
        "flagget": Tekst.objects.med_flagg()
        .filter(tilgang.tekst_filter(), flagget=True)
        .select_related("forlop", "tjeneste", "helsefellesskap", "kommune")[:MAKS],
        "forslag": forslag[:MAKS],
        "hoyringar": Hoyring.objects.opne()
        .filter(tilgang.tekst_filter())
        .annotate(ubesvarte=Count("kommentarar", filter=Q(kommentarar__svar="")))
        .order_by("frist")[:MAKS],
        "kontaktpersonar": Kontaktperson.objects.til_stadfesting()
        .filter(tilgang.kontaktperson_filter())
        .select_related("kommune")
        .order_by("sist_stadfesta")[:MAKS],
        **_svar(bruker),
    }


def _svar(bruker):
    versjoner, forslag = list(svar.versjoner(bruker)[:MAKS]), list(svar.forslag(bruker)[:MAKS])
    andre = [(kilde.mal, s) for kilde in svar.KILDER.values() for s in kilde.svar(bruker)[:MAKS]]
    return {
        "svar_versjoner": versjoner,
        "svar_forslag": forslag,
        "svar_andre": andre,
        "svar_antall": len(versjoner) + len(forslag) + len(andre),
    }


@register.filter
def kan_endre(tilgang, obj):
    return bool(obj) and tilgang.kan_endre(obj)


@register.simple_tag(takes_context=True)
def tilpass_valg(context, visning):
    """The scopes this editor could adapt a text for, on the page they are reading."""
    tilgang = context["redaksjon"]
    felles_id = visning.felles.pk if visning.er_lokal and visning.felles else visning.tekst.pk
    if visning.er_lokal and not visning.felles:
        return []
    valg = [("helsefellesskap", hf.pk, hf.navn, felles_id) for hf in tilgang.mine_helsefellesskap]
    kommune = context["request"].kommune
    if kommune and tilgang.kan_endre_kommune(kommune):
        valg.append(("kommune", kommune.pk, kommune.navn, felles_id))
    return valg
