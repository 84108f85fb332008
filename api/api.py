"""The read API, /api/v1/: the published content as JSON, for kommunar, hospitals and anyone
who shows it elsewhere. Read-only and anonymous; drafts never appear, because every text goes
through forlop.resolution without a preview (published versions only) and every list is
filtered to what public pages show. The conditional headers, CORS and the rate limit are
api.http's, around every operation."""

from datetime import date, datetime, time

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from ninja import NinjaAPI, Path, Query
from ninja.errors import HttpError, ValidationError

from forlop.models import SEKSJONER, Forlop, ForlopTjeneste, Tekstdel, Tekstplass, Tekstversjon
from forlop.resolution import Kontekst, los
from redaksjon.endringer import Endringer
from tjenester.models import FYLKESNUMMER, Kommune, LokaltTilbud, Niva, Tjeneste

from . import skjema

FEIL = {400: skjema.Feil, 404: skjema.Feil, 429: skjema.Feil}
# A kommunenummer: four digits, the first two a fylke in use (tjenester.models).
KOMMUNENUMMER = r"^(" + "|".join(sorted(FYLKESNUMMER)) + r")\d{2}$"
MALFORM = "^(nb|nn)$"
SLUG = r"^[-a-zA-Z0-9_]+$"

api = NinjaAPI(
    title="Barn og unges helsetjeneste – lese-API",
    version="1",
    description=(
        "Publiserte forløp, tjenester og kommunekart. Bare publiserte tekster; "
        "?kommune= gir teksten slik lesere i den kommunen ser den."
    ),
    urls_namespace="api:v1",  # included as v1 in api.urls
    docs_url=None,  # our own page (api.views.dokumentasjon): ninja's loads scripts the CSP forbids
    openapi_url="/openapi.json",
)


@api.exception_handler(ValidationError)
def ugyldig(request, feil):
    """A parameter that does not match the schema: a 400 that names it, as every other error
    of the API answers (one message, not pydantic's list)."""
    deler = [f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in feil.errors]
    return api.create_response(request, {"detail": "; ".join(deler)}, status=400)


def _malform(request, kommune):
    """?malform=, else the kommune's helsefellesskap's, else bokmål. Never a cookie: an answer
    must be the same for everyone who asks for the same address."""
    valgt = request.GET.get("malform")
    if valgt in ("nb", "nn"):
        return valgt
    return kommune.helsefellesskap.malform if kommune else "nb"


def _kortform(forlop):
    return {
        "slug": forlop.slug,
        "tittel": forlop.tittel,
        "ingress": forlop.ingress,
        "lenke": forlop.get_absolute_url(),
    }


@api.get("/forlop", response={200: list[skjema.ForlopKort], **FEIL}, url_name="forlop-liste")
def forlop_liste(request, malform: str | None = Query(None, pattern=MALFORM)):
    """Every published forløp."""
    with translation.override(_malform(request, None)):
        return [_kortform(f) for f in Forlop.objects.published()]


def _seksjon(visning, navn, slug, publisert):
    tekst, versjon = visning.tekst, visning.versjon
    return {
        "tekstdel": tekst.tekstdel,
        "navn": navn,
        "html": versjon.html,
        "omfang": tekst.omfang.value,
        "omfang_navn": str(visning.omfang_navn),
        "malform": tekst.malform,
        "versjon": versjon.nummer,
        "versjon_id": versjon.pk,
        "publisert": publisert.get(versjon.pk),
        "lenke": reverse("forlop:versjon", args=[slug, versjon.pk]),
    }


@api.get("/forlop/{slug}", response={200: skjema.Forlop, **FEIL}, url_name="forlop")
def forlop(
    request,
    slug: str = Path(..., pattern=SLUG),
    kommune: str | None = Query(None, pattern=KOMMUNENUMMER),
    malform: str | None = Query(None, pattern=MALFORM),
):
    """One forløp, each text resolved for the kommune (its variant, else its helsefellesskap's,
    else the felles tekst) and the målform."""
    valgt = request.api_kommune
    malform = _malform(request, valgt)
    forlop = get_object_or_404(Forlop.objects.published(), slug=slug)
    plasseringer = ForlopTjeneste.objects.filter(forlop=forlop).select_related("tjeneste", "niva")
    tekster = los(
        Kontekst(malform=malform, kommune=valgt), forlop=forlop, tekstdel__in=[*SEKSJONER, Tekstdel.BAKGRUNN]
    )
    publisert = dict(
        Tekstversjon.objects.filter(pk__in=[v.versjon.pk for v in tekster.values()]).values_list(
            "pk", "publisert_tid"
        )
    )
    with translation.override(malform):
        navn = [(s.value, str(s.label)) for s in SEKSJONER]
        tjenester = [
            {
                "slug": p.tjeneste.slug,
                "navn": p.tjeneste.navn,
                "niva": p.niva.slug,
                "seksjoner": [
                    _seksjon(v, seksjon_navn, slug, publisert)
                    for tekstdel, seksjon_navn in navn
                    if (v := tekster.get(Tekstplass(forlop.pk, p.tjeneste_id, tekstdel))) is not None
                ],
            }
            for p in plasseringer
        ]
        bakgrunn = tekster.get(Tekstplass(forlop.pk, None, Tekstdel.BAKGRUNN.value))
        return {
            **_kortform(forlop),
            "malform": malform,
            "kommune": valgt.nummer if valgt else None,
            "bakgrunn": _seksjon(bakgrunn, str(Tekstdel.BAKGRUNN.label), slug, publisert)
            if bakgrunn
            else None,
            "tjenester": tjenester,
        }


@api.get("/tjenester", response={200: list[skjema.Tjeneste], **FEIL}, url_name="tjenester")
def tjenester(request, malform: str | None = Query(None, pattern=MALFORM)):
    """The national catalogue of services."""
    with translation.override(_malform(request, None)):
        return [
            {
                "slug": t.slug,
                "navn": t.navn,
                "sektor": t.sektor,
                "lovgrunnlag": t.lovgrunnlag,
                "beskrivelse": t.beskrivelse,
            }
            for t in Tjeneste.objects.all()
        ]


@api.get("/kommuner", response={200: list[skjema.Kommune], **FEIL}, url_name="kommuner")
def kommuner(request):
    """Every kommune with its helsefellesskap."""
    return list(Kommune.objects.med_helsefellesskap())


@api.get("/kommuner/{nummer}/kart", response={200: skjema.Kart, **FEIL}, url_name="kart")
def kart(
    request,
    nummer: str = Path(..., pattern=KOMMUNENUMMER),
    malform: str | None = Query(None, pattern=MALFORM),
):
    """A kommune's map: its local offers on each nivå of tiltakspyramiden, and its public
    contacts (functions and numbers, never a person)."""
    valgt = request.api_kommune
    if valgt is None:
        raise HttpError(404, "Ukjent kommune.")
    tilbud = Prefetch("lokale_tilbud", LokaltTilbud.objects.filter(kommune=valgt).select_related("tjeneste"))
    with translation.override(_malform(request, valgt)):
        return {
            "kommune": valgt,
            "kontakt": {
                "rolle": valgt.kontakt_rolle,
                "telefon": valgt.kontakt_telefon,
                "epost": valgt.kontakt_epost,
                "legevakt_telefon": valgt.legevakt_telefon,
                "bup_akutt_telefon": valgt.helsefellesskap.bup_akutt_telefon,
            },
            "nivaer": [
                {
                    "slug": n.slug,
                    "navn": n.navn,
                    "tilbud": [{**vars(t), "tjeneste": t.tjeneste.slug} for t in n.lokale_tilbud.all()],
                }
                for n in Niva.objects.prefetch_related(tilbud)
            ],
        }


ENDRINGER_MAKS = 200
SIDEN = Query(..., description="Endringer fra og med denne dagen (ÅÅÅÅ-MM-DD).")


@api.get("/endringer", response={200: list[skjema.Endring], **FEIL}, url_name="endringer")
def endringer(request, siden: date = SIDEN):
    """Publications and withdrawals since a date, newest first (at most 200)."""
    if request.GET.get("siden") != siden.isoformat():
        # pydantic also reads a number as seconds since 1970: the API takes a day as written.
        raise HttpError(400, "siden må være en dato: ÅÅÅÅ-MM-DD.")
    fra = timezone.make_aware(datetime.combine(siden, time.min))
    resultat = []
    for endring in Endringer()[:ENDRINGER_MAKS]:
        if endring.tid < fra:
            break  # newest first: the rest are older
        tekst = endring.tekst
        resultat.append(
            {
                "tid": endring.tid,
                "trukket": endring.trukket,
                "forlop": tekst.forlop.slug,
                "tjeneste": tekst.tjeneste.slug if tekst.tjeneste_id else None,
                "tekstdel": tekst.tekstdel,
                "omfang": tekst.omfang.value,
                "omfang_navn": str(tekst.omfang_navn),
                "malform": tekst.malform,
                "versjon": endring.versjon.nummer,
                "notat": endring.notat,
                "lenke": reverse("forlop:versjon", args=[tekst.forlop.slug, endring.versjon.pk]),
            }
        )
    return resultat
