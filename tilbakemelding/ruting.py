"""Who owns what a page showed, decided on the server. The form's hidden fields (page path,
forløp slug, seksjon anchor) only say *where* the reader was; they are validated here and
never decide permissions: the scope comes from the resolution rule for the reader's context."""

import re

from django.contrib.auth import get_user_model
from django.urls import resolve

from bupkart.http import lokal_adresse
from forlop.models import FAMILIEDELER, SEKSJONER, Forlop, Tekstdel, Tekstplass
from forlop.resolution import Kontekst, los
from redaksjon.models import Medlemskap, Rolle
from tjenester.kart import kommunenummer_i_adresse
from tjenester.models import Kommune, Tjeneste
from tjenester.omfang import Omfang

from .models import Tilbakemelding

ANKER = re.compile(r"^[a-z0-9\-]{1,140}$")
FORLOPSDELER = {d.value for d in Tekstdel} - {s.value for s in SEKSJONER}


def gyldig_side(side):
    """The page a feedback form names: the path of a page of this site (bupkart.http's one
    check; its query is not kept), or '' — also for a path longer than the field that keeps it."""
    sti = lokal_adresse(side) or ""
    return sti if len(sti) <= Tilbakemelding._meta.get_field("side").max_length else ""


def _slot(forlop, anker):
    """(tjeneste, tekstdel) for an anchor such as «bup-henvisning» or «sjekkliste»."""
    if anker in FORLOPSDELER:
        return None, anker
    for s in SEKSJONER:
        if anker.endswith(f"-{s.value}"):
            tjeneste = Tjeneste.objects.filter(slug=anker.removesuffix(f"-{s.value}")).first()
            if tjeneste and forlop.plasseringer.filter(tjeneste=tjeneste).exists():
                return tjeneste, s.value
    return None, None


# The pages of one forløp, by view, and the parts each shows (None: the forløp page, all of them).
FORLOPSSIDER = {
    "forlop:detalj": None,
    "forlop:familie": [d.value for d in FAMILIEDELER],
    "forlop:henvisning": [Tekstdel.SJEKKLISTE.value],
}


def finn_omfang(side, forlop_slug, anker, kontekst: Kontekst):
    """An unsaved Tilbakemelding that says where the reader was (page, forløp, seksjon and the
    text it showed) and whose scope it belongs to; the view adds the reader's words."""
    melding = Tilbakemelding(side=gyldig_side(side))
    kontekst = Kontekst(malform=kontekst.malform, kommune=kontekst.kommune)  # published texts only
    treff = resolve(melding.side) if melding.side else None
    side = treff.view_name if treff else None
    slug = (forlop_slug or "").strip()
    if not slug and side in FORLOPSSIDER:
        slug = treff.kwargs["slug"]
    if slug:
        melding.forlop = Forlop.objects.published().filter(slug=slug[:50]).first()

    if melding.forlop is not None:
        anker = (anker or "").strip().lower()
        if ANKER.match(anker):
            tjeneste, tekstdel = _slot(melding.forlop, anker)
            if tekstdel:
                melding.seksjon = anker
                visning = los(kontekst, forlop=melding.forlop, tjeneste=tjeneste, tekstdel=tekstdel).get(
                    Tekstplass(melding.forlop.pk, tjeneste.pk if tjeneste else None, tekstdel)
                )
                if visning is not None:
                    # Resolution only offers the reader's own kommune and helsefellesskap, so the
                    # owner is one of those.
                    tekst = visning.tekst
                    melding.gjelder_tekst_id = tekst.pk
                    melding.helsefellesskap = kontekst.helsefellesskap if tekst.helsefellesskap_id else None
                    melding.kommune = kontekst.kommune if tekst.kommune_id else None
                return melding
        # No seksjon: the page as a whole. Local variants on it → the helsefellesskap.
        if kontekst.kommune is not None:
            filter_ = {"forlop": melding.forlop}
            # Only the parts of the page that was read, when it is this forløp's page.
            pa_siden = side in FORLOPSSIDER and treff.kwargs["slug"] == melding.forlop.slug
            if pa_siden and (deler := FORLOPSSIDER[side]) is not None:
                filter_["tekstdel__in"] = deler
            if any(v.er_lokal for v in los(kontekst, **filter_).values()):
                melding.helsefellesskap = kontekst.kommune.helsefellesskap
        return melding

    # A kommune's map belongs to that kommune (its local offers and contacts).
    if melding.side and (nummer := kommunenummer_i_adresse(melding.side)):
        melding.kommune = Kommune.objects.select_related("helsefellesskap").filter(nummer=nummer).first()
    return melding


def mottakere(melding):
    """The users to notify: felles → forvaltere; a helsefellesskap → its redaktører; a kommune →
    the redaktører of its helsefellesskap and the kommune's kommunekontakter."""
    match melding.omfang:
        case Omfang.KOMMUNE:
            medlemskap = Medlemskap.objects.filter(
                rolle=Rolle.REDAKTOR, helsefellesskap_id=melding.kommune.helsefellesskap_id
            ) | Medlemskap.objects.filter(rolle=Rolle.KOMMUNEKONTAKT, kommune=melding.kommune_id)
        case Omfang.HELSEFELLESSKAP:
            medlemskap = Medlemskap.objects.filter(
                rolle=Rolle.REDAKTOR, helsefellesskap=melding.helsefellesskap_id
            )
        case _:
            medlemskap = Medlemskap.objects.filter(rolle=Rolle.FORVALTER)
    brukere = (
        get_user_model().objects.filter(pk__in=medlemskap.values("bruker"), is_active=True).exclude(email="")
    )
    return sorted({b.email for b in brukere})
