"""The search index: one Dokument row per searchable thing. `bygg()` rebuilds it all (load_demo
calls it); the signals in sok.signaler keep it fresh when a text is published or withdrawn, or
a forløp, service, local offer, kommune or helsefellesskap changes. Every document's words
go into the vocabulary (sok.models.Ord) that misspelt query words are corrected against. On SQLite the FTS5 table
follows the Dokument table through triggers; on PostgreSQL the tsvector and the trigram text
are generated columns. Either way, writing Dokument rows is all it takes."""

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from bupkart.malform import MALFORMER
from forlop.models import Forlop, Tekst, Tekstdel
from tjenester.models import Kommune, LokaltTilbud, Tjeneste

from .models import Dokument, Ord, Slag, Synonym
from .tekst import MIN_LENGD, ord_i, ren_tekst


def _label(tekstdel, malform):
    with translation.override(malform):
        return str(Tekstdel(tekstdel).label)


def _forlop_dokument(forlop):
    return [
        Dokument(
            slag=Slag.FORLOP,
            tittel=forlop.i_malform("tittel", mf),
            tekst=forlop.i_malform("ingress", mf),
            url=forlop.get_absolute_url(),
            malform=mf,
            forlop=forlop,
        )
        for mf in MALFORMER
    ]


def _tekst_dokument(tekst):
    """The document of one Tekst from _tekster() (any scope, any målform); None for a part
    that search does not show."""
    forlop, mf = tekst.forlop, tekst.malform
    felles = {
        "tekst": ren_tekst(tekst.publisert.html),
        "malform": mf,
        "forlop": forlop,
        "kilde": tekst,
        "tekstdel": tekst.tekstdel,
        "helsefellesskap_id": tekst.helsefellesskap_id,
        "kommune_id": tekst.kommune_id,
    }
    forlop_tittel = forlop.i_malform("tittel", mf)
    if tekst.tjeneste_id:
        return Dokument(
            slag=Slag.SEKSJON,
            tittel=f"{tekst.tjeneste.i_malform('navn', mf)}: {_label(tekst.tekstdel, mf)}",
            kontekst=forlop_tittel,
            url=forlop.get_absolute_url(),
            anker=tekst.anker,
            tjeneste_id=tekst.tjeneste_id,
            **felles,
        )
    if tekst.tekstdel == Tekstdel.BAKGRUNN:
        return Dokument(
            slag=Slag.FORLOP,
            tittel=forlop_tittel,
            kontekst=_label(tekst.tekstdel, mf),
            url=forlop.get_absolute_url(),
            **felles,
        )
    if tekst.tekstdel == Tekstdel.SJEKKLISTE:
        return Dokument(
            slag=Slag.SJEKKLISTE,
            tittel=_label(tekst.tekstdel, mf),
            kontekst=forlop_tittel,
            url=reverse("forlop:henvisning", args=[forlop.slug]),
            **felles,
        )
    if tekst.tekstdel.startswith("familie-"):
        return Dokument(
            slag=Slag.FAMILIE,
            tittel=forlop_tittel,
            kontekst=_label(tekst.tekstdel, mf),
            url=reverse("forlop:familie", args=[forlop.slug]),
            **felles,
        )
    return None


def _tjeneste_dokument(tjeneste):
    return [
        Dokument(
            slag=Slag.TJENESTE,
            tittel=tjeneste.i_malform("navn", mf),
            tekst=f"{tjeneste.i_malform('beskrivelse', mf)} {tjeneste.lovgrunnlag}",
            url=reverse("forlop:tjeneste", args=[tjeneste.slug]),
            malform=mf,
            tjeneste=tjeneste,
        )
        for mf in MALFORMER
    ]


def _tilbud_dokument(tilbud):
    deler = [tilbud.tilbyr, tilbud.adresse, tilbud.apningstider, tilbud.telefon]
    kommune = tilbud.kommune
    return Dokument(
        slag=Slag.TILBUD,
        tittel=tilbud.navn,
        kontekst=f"{kommune.navn} · {tilbud.tjeneste.i_malform('navn', kommune.helsefellesskap.malform)}",
        tekst=" ".join(d for d in deler if d),
        url=reverse("tjenester:kommune", args=[kommune.nummer]),
        malform=kommune.helsefellesskap.malform,
        tjeneste_id=tilbud.tjeneste_id,
        tilbud=tilbud,
        kommune=kommune,
    )


def _kommune_dokument(kommune):
    """A kommune's map, found by its name or number by every reader (it is not a local text)."""
    hf = kommune.helsefellesskap
    return Dokument(
        slag=Slag.KOMMUNE,
        tittel=kommune.navn,
        kontekst=f"{kommune.nummer} · {hf.navn}",
        url=reverse("tjenester:kommune", args=[kommune.nummer]),
        malform=hf.malform,
        kartkommune=kommune,
    )


def _kommuner(**filter):
    return Kommune.objects.filter(**filter).select_related("helsefellesskap")


def _ordforrad(tekster):
    """The words of these texts: what a misspelt query word may be corrected to, and on
    PostgreSQL the compounds a search word is found inside."""
    return {o for t in tekster for o in ord_i(t) if MIN_LENGD <= len(o) <= 80 and not o.isdigit()}


def legg_til_ord(tekster):
    """Adds the words of these texts to the vocabulary (sok.models.Ord)."""
    Ord.objects.bulk_create(
        [Ord(ord=o) for o in sorted(_ordforrad(tekster))], ignore_conflicts=True, batch_size=1000
    )


def _lagre(dokument):
    """Writes new documents and adds their words to the vocabulary."""
    Dokument.objects.bulk_create(dokument, batch_size=500)
    legg_til_ord(t for d in dokument for t in (d.tittel, d.kontekst, d.tekst))


def _tekster():
    """The texts readers can read: published, in a published forløp."""
    return Tekst.objects.filter(publisert__isnull=False, forlop__publisert=True).select_related(
        "publisert", "forlop", "tjeneste"
    )


def _tilbud(**filter):
    return LokaltTilbud.objects.filter(**filter).select_related("kommune__helsefellesskap", "tjeneste")


def _tekst_dokumenter(tekster):
    return [d for t in tekster if (d := _tekst_dokument(t)) is not None]


@transaction.atomic
def bygg():
    """Rebuild the whole index. Returns the number of documents."""
    Dokument.objects.all().delete()
    dokument = []
    for forlop in Forlop.objects.published():
        dokument += _forlop_dokument(forlop)
    dokument += _tekst_dokumenter(_tekster().iterator(chunk_size=500))
    for tjeneste in Tjeneste.objects.all():
        dokument += _tjeneste_dokument(tjeneste)
    dokument += [_tilbud_dokument(t) for t in _tilbud()]
    dokument += [_kommune_dokument(k) for k in _kommuner()]
    Ord.objects.all().delete()
    _lagre(dokument)
    legg_til_ord(" ".join(s.ordene()) for s in Synonym.objects.all())
    return len(dokument)


# --- incremental updates (called from the signals) --------------------------------------------


def oppdater_tekst(tekst_id):
    """A text was published, replaced or withdrawn: its document follows."""
    Dokument.objects.filter(kilde_id=tekst_id).delete()
    tekst = _tekster().filter(pk=tekst_id).first()
    if tekst is not None and (d := _tekst_dokument(tekst)) is not None:
        _lagre([d])


def _erstatt(gamle, egne, **tekster):
    """The documents `gamle` (a Q) selects give way to `egne` and the documents of the texts
    the filter selects: a name shows in the texts' titles and context too."""
    Dokument.objects.filter(gamle).delete()
    _lagre([*egne, *_tekst_dokumenter(_tekster().filter(**tekster))])


def oppdater_forlop(forlop_id):
    """Title, lead or publication of a forløp changed (unpublished: its documents go)."""
    forlop = Forlop.objects.published().filter(pk=forlop_id).first()
    _erstatt(Q(forlop_id=forlop_id), _forlop_dokument(forlop) if forlop else [], forlop_id=forlop_id)


def oppdater_tjeneste(tjeneste_id):
    """A service was renamed or described anew; its name is in its offers' context too."""
    tjeneste = Tjeneste.objects.get(pk=tjeneste_id)
    egne = [*_tjeneste_dokument(tjeneste), *(_tilbud_dokument(t) for t in _tilbud(tjeneste=tjeneste))]
    _erstatt(Q(tjeneste_id=tjeneste_id), egne, tjeneste_id=tjeneste_id)


def _oppdater_tilbud(**filter):
    tilbud = _tilbud(**filter)
    Dokument.objects.filter(tilbud__in=tilbud.values("pk")).delete()
    _lagre([_tilbud_dokument(t) for t in tilbud])


def _oppdater_kommuner(**filter):
    kommuner = _kommuner(**filter)
    Dokument.objects.filter(kartkommune__in=kommuner.values("pk")).delete()
    _lagre([_kommune_dokument(k) for k in kommuner])


def oppdater_tilbud(tilbud_id):
    _oppdater_tilbud(pk=tilbud_id)


def oppdater_kommune(kommune_id):
    """The kommune's name, number and helsefellesskap show in its map's and offers' documents."""
    _oppdater_kommuner(pk=kommune_id)
    _oppdater_tilbud(kommune_id=kommune_id)


def oppdater_helsefellesskap(helsefellesskap_id):
    """Its name shows on its kommunar's maps; offers and maps are indexed in its målform."""
    _oppdater_kommuner(helsefellesskap_id=helsefellesskap_id)
    _oppdater_tilbud(kommune__helsefellesskap_id=helsefellesskap_id)
