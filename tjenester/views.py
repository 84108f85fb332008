from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from bupkart.cache import offentlig_side
from bupkart.http import lokal_adresse

from . import kart
from .http import LeserRequest
from .models import Kommune, Kontaktperson, Niva, valider_kommunenummer

# --- The kommune map and the kommune picker ----------------------------------------------------

TREFF_MAKS = 10

# The numbers that hold in every kommune, for a kommune whose helsefellesskap has not taken the
# model into use (and so has no BUP akutt number here yet).
NASJONALE_AKUTTNUMRE = [
    ("113", _("Ved fare for liv eller helse: ring medisinsk nødtelefon.")),
    ("112", _("Politiet: når noen er i fare på grunn av en annen person, ved vold eller trusler.")),
    ("116 117", _("Legevakt: når det haster, men ikke er livsfare, og fastlegen er stengt.")),
    (
        "116 111",
        _(
            "Alarmtelefonen for barn og unge: for barn og unge som opplever vold, overgrep eller "
            "omsorgssvikt. Gratis, hele døgnet."
        ),
    ),
]


def finn_kommuner(sporsmal):
    """Kommunar whose name or number matches what the reader typed: names starting with it
    first, then names containing it. Matched in Python so «ål» finds «Ålesund» on every
    database (SQLite only folds ASCII case)."""
    sporsmal = " ".join(sporsmal.split()).casefold()
    if not sporsmal:
        return []
    alle = list(Kommune.objects.med_helsefellesskap())
    if sporsmal.isdigit():
        return [k for k in alle if k.nummer.startswith(sporsmal)]
    forst = [k for k in alle if any(n.startswith(sporsmal) for n in _navn(k))]
    inni = [k for k in alle if any(sporsmal in n for n in _navn(k)) and k not in forst]
    return forst + inni


def _navn(kommune):
    """Every name a reader may type: the Norwegian one, and each form of the official name
    («Guovdageaidnu» finds Kautokeino)."""
    return [
        kommune.navn.casefold(),
        *(n.strip().casefold() for n in kommune.offisielt_navn.split(" - ") if n),
    ]


def eksakt_treff(sporsmal, kandidater):
    """The one kommune the reader meant: an exact name or number, or the only candidate."""
    sporsmal = " ".join(sporsmal.split()).casefold()
    eksakte = [k for k in kandidater if sporsmal == k.nummer or sporsmal in _navn(k)]
    if len(eksakte) == 1:
        return eksakte[0]
    return kandidater[0] if len(kandidater) == 1 else None


def _neste(request: LeserRequest) -> str:
    """The local page the picker was used on (only its path: never another site)."""
    return lokal_adresse(request.GET.get("neste")) or "/"


def lenke_med_kommune(neste, kommune):
    """Where choosing this kommune takes the reader: the same page in the kommune's context;
    from a kommune map (or the picker's own pages), that kommune's map."""
    if kart.kommunenummer_i_adresse(neste) or neste == reverse("tjenester:kommune-sok"):
        return f"{reverse('tjenester:kommune', args=[kommune.nummer])}?kommune={kommune.nummer}"
    return f"{neste}?kommune={kommune.nummer}"


@require_GET
def kommune_sok(request: LeserRequest) -> HttpResponse:
    """The picker. With htmx: the matches as the reader types (a partial list of links).
    Without JavaScript: the submitted form resolves to one kommune and redirects, or lists the
    candidates."""
    sporsmal = request.GET.get("q", "").strip()[:80]
    neste = _neste(request)
    kandidater = finn_kommuner(sporsmal)
    treff = [{"kommune": k, "lenke": lenke_med_kommune(neste, k)} for k in kandidater]
    kontekst = {"q": sporsmal, "neste": neste, "treff": treff[:TREFF_MAKS], "flere": len(treff) > TREFF_MAKS}
    if request.htmx:
        response = render(request, "tjenester/kommune_sok.html#treff", kontekst)
    else:
        valgt = eksakt_treff(sporsmal, kandidater) if sporsmal else None
        if valgt is not None:
            response = redirect(lenke_med_kommune(neste, valgt))
        else:
            kontekst["treff"] = treff
            kontekst["flere"] = False
            response = render(request, "tjenester/kommune_sok.html", kontekst)
    patch_vary_headers(response, ("HX-Request",))
    return response


@require_GET
@offentlig_side
def kommune(request: LeserRequest, nummer: str) -> HttpResponse:
    """«Kart over kommunen din»: the kommune's local offers on each nivå of tiltakspyramiden,
    its contact, the akutt numbers and every forløp in its context."""
    try:
        valider_kommunenummer(nummer)
    except ValidationError as feil:
        return render(
            request, "tjenester/kommune_ukjent.html", {"nummer": nummer, "feil": feil.messages[0]}, status=404
        )
    valgt = Kommune.objects.med_helsefellesskap().filter(nummer=nummer).first()
    if valgt is None:
        return render(request, "tjenester/kommune_ukjent.html", {"nummer": nummer, "feil": None}, status=404)
    if request.kommune is None or request.kommune.pk != valgt.pk:
        # The map is read in its own kommune's context: the context bar, the målform and the
        # remembered choice all follow the address (as any shared ?kommune= link does).
        parametre = request.GET.copy()
        parametre["kommune"] = valgt.nummer
        return redirect(f"{request.path}?{parametre.urlencode()}")
    if not valgt.helsefellesskap.i_bruk:
        # A real kommune, only not on the model yet: a calm page, never «skrevet feil».
        return render(
            request,
            "tjenester/kommune_uten_modell.html",
            {"valgt": valgt, "akuttnumre": NASJONALE_AKUTTNUMRE, "kartdeler": kart.deler(request, valgt)},
        )
    tilbud = list(valgt.tilbud.select_related("tjeneste", "niva"))
    nivaer = [{"niva": n, "tilbud": [t for t in tilbud if t.niva_id == n.pk]} for n in Niva.objects.all()]
    return render(
        request,
        "tjenester/kommune.html",
        {
            "valgt": valgt,
            "nivaer": nivaer,
            "har_tilbud": bool(tilbud),
            "forste_kontakt": [t for t in tilbud if t.forste_kontakt],
            # Readers see the public entries (the page is cached for every reader of the
            # kommune); an editor of its network, whose page is never cached, sees all.
            "kontaktpersonar": Kontaktperson.objects.synlege(request.redaksjon, valgt.helsefellesskap)
            .for_kommune(valgt)
            .select_related("kommune"),
            "kartdeler": kart.deler(request, valgt),
            # The map's «sist revidert»: its contact details and offers have no review cycle of
            # their own, so the newest change to any of them is what the paper can vouch for.
            "sist_oppdatert": max([valgt.oppdatert, *(t.oppdatert for t in tilbud)]),
        },
    )
