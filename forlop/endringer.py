"""What's new: published changes, for the /endringer/ page and its Atom feed."""

from django.shortcuts import get_object_or_404

from tjenester.models import Helsefellesskap

from .models import Tekstversjon

ENDRINGER_I_FEED = 50


def endringer_for(hf_slug=None):
    hf = get_object_or_404(Helsefellesskap, slug=hf_slug) if hf_slug else None
    return Tekstversjon.objects.publiserte(helsefellesskap=hf)


def beskriv(versjon):
    tekst = versjon.tekst
    deler = [
        tekst.forlop.tittel,
        tekst.tjeneste.navn if tekst.tjeneste_id else None,
        tekst.get_tekstdel_display(),
        tekst.omfang_navn,
    ]
    return " – ".join(str(d) for d in deler if d)
