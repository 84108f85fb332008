"""Reading a file of figures (CSV or XLSX, the layout in README «Tal: the file layout») and
loading it as one Datasett. Every error names its row and column; nothing is loaded until the
whole file is clean."""

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from bupkart.fnr import inneholder_fodselsnummer
from bupkart.signaler import Endring, send_bulk

from .models import Datasett, Kommunetall

# Column → (field, required). The header names the columns; their order is free.
KOLONNER = {
    "kommunenummer": ("kommunenummer", True),
    "år": ("ar", True),
    "tertial": ("tertial", False),
    "henvisninger": ("henvisninger", True),
    "avslag": ("avslag", True),
    "pasienter": ("pasienter", False),
    "ventetid_median_dager": ("ventetid", False),
    "innbyggere_0_17": ("folketall", True),
}
ALIAS = {"ar": "år", "aar": "år", "tilvisingar": "henvisninger", "ventetid": "ventetid_median_dager"}
FORSTE_AR = 2000
MAKS_RADER = 10_000
MAKS_TALL = 10_000_000


@dataclass(frozen=True)
class Feil:
    rad: int  # the row as a spreadsheet numbers it: the header is row 1
    kolonne: str
    melding: str

    def __str__(self):
        return _("Rad %(rad)s, kolonne «%(kolonne)s»: %(melding)s") % {
            "rad": self.rad,
            "kolonne": self.kolonne,
            "melding": self.melding,
        }


@dataclass(frozen=True)
class Rad:
    rad: int
    kommunenummer: str
    ar: int
    tertial: int
    henvisninger: int
    avslag: int
    pasienter: int | None
    ventetid: int | None
    folketall: int


class Filfeil(ValueError):
    """The file cannot be read at all (not CSV/XLSX, no header)."""


def celler_fra_csv(innhold: bytes):
    try:
        tekst = innhold.decode("utf-8-sig")
    except UnicodeDecodeError as feil:
        raise Filfeil(_("Filen er ikke UTF-8-kodet tekst (lagre som «CSV UTF-8»).")) from feil
    forste = tekst.split("\n", 1)[0]
    skilletegn = ";" if forste.count(";") >= forste.count(",") else ","
    return [
        [c.strip() for c in rad] for rad in csv.reader(io.StringIO(tekst, newline=""), delimiter=skilletegn)
    ]


def _som_tekst(verdi):
    if verdi is None:
        return ""
    if isinstance(verdi, float) and verdi.is_integer():
        return str(int(verdi))
    return str(verdi).strip()


def celler_fra_xlsx(innhold: bytes):
    from openpyxl import load_workbook

    try:
        bok = load_workbook(io.BytesIO(innhold), read_only=True, data_only=True)
    except Exception as feil:  # openpyxl raises many kinds for a file that is no workbook
        raise Filfeil(_("Filen kan ikke leses som et Excel-ark (.xlsx).")) from feil
    try:
        ark = bok.worksheets[0]
        return [[_som_tekst(v) for v in rad] for rad in ark.iter_rows(values_only=True)]
    finally:
        bok.close()


def celler(filnavn: str, innhold: bytes):
    if filnavn.lower().endswith(".xlsx"):
        return celler_fra_xlsx(innhold)
    if filnavn.lower().endswith((".csv", ".txt")):
        return celler_fra_csv(innhold)
    raise Filfeil(_("Last opp en CSV- eller XLSX-fil."))


def _overskrift(rad):
    navn = [" ".join(c.split()).casefold().replace(" ", "_").replace("-", "_") for c in rad]
    return [ALIAS.get(n, n) for n in navn]


def _heltall(tekst, kolonne, radnr, feil, pakrevd):
    tekst = tekst.replace("\u00a0", "").replace(" ", "")
    if not tekst:
        if pakrevd:
            feil.append(Feil(radnr, kolonne, _("mangler en verdi.")))
        return None
    if not tekst.isdigit() or not tekst.isascii() or int(tekst) > MAKS_TALL:
        feil.append(Feil(radnr, kolonne, _("skal være et helt tall fra 0 og oppover.")))
        return None
    return int(tekst)


def _les_rad(radnr, verdier, feil):
    """One data row → Rad, or None with its errors added (each naming row and column)."""
    for kolonne, tekst in verdier.items():
        if inneholder_fodselsnummer(tekst):
            # The value is never repeated back: it may be a child's fødselsnummer.
            feil.append(Feil(radnr, kolonne, _("ser ut til å inneholde et fødselsnummer.")))
            return None
    antall_feil = len(feil)
    nummer = verdier["kommunenummer"]
    if not (len(nummer) == 4 and nummer.isdigit() and nummer.isascii()):
        feil.append(Feil(radnr, "kommunenummer", _("skal ha fire sifre, for eksempel 1106.")))
    tall = {}
    for kolonne, (felt, pakrevd) in KOLONNER.items():
        if felt != "kommunenummer":
            tall[felt] = _heltall(verdier.get(kolonne, ""), kolonne, radnr, feil, pakrevd)
    if tall["ar"] is not None and not FORSTE_AR <= tall["ar"] <= date.today().year:
        feil.append(Feil(radnr, "år", _("skal være et år fra %(fra)s til i år.") % {"fra": FORSTE_AR}))
    if tall["tertial"] is not None and tall["tertial"] not in (1, 2, 3):
        feil.append(Feil(radnr, "tertial", _("skal være 1, 2 eller 3, eller tom for hele året.")))
    if None not in (tall["avslag"], tall["henvisninger"]) and tall["avslag"] > tall["henvisninger"]:
        feil.append(Feil(radnr, "avslag", _("kan ikke være flere enn henvisningene.")))
    if tall["folketall"] == 0:
        feil.append(Feil(radnr, "innbyggere_0_17", _("kan ikke være 0.")))
    if len(feil) > antall_feil:
        return None
    return Rad(radnr, nummer, **{**tall, "tertial": tall["tertial"] or Kommunetall.HELE_AARET})


def les(celler_):
    """Rows of cells (the header first) → (rader, feil). A clean file gives no feil."""
    rader = [(nr, r) for nr, r in enumerate(celler_, start=1) if any(c for c in r)]
    if not rader:
        return [], [Feil(1, "", _("Filen er tom."))]
    overskrift = rader[0][1]
    navn = _overskrift(overskrift)
    mangler = [k for k, (_felt, pakrevd) in KOLONNER.items() if pakrevd and k not in navn]
    ukjente = [n for n in navn if n and n not in KOLONNER]
    feil = [Feil(1, k, _("kolonnen mangler i overskriften.")) for k in mangler]
    feil += [Feil(1, n[:40], _("ukjent kolonne.")) for n in ukjente]
    if feil:
        return [], feil
    if len(rader) - 1 > MAKS_RADER:
        return [], [
            Feil(MAKS_RADER + 2, "", _("Filen har for mange rader (høyst %(n)s).") % {"n": MAKS_RADER})
        ]
    resultat, sett = [], {}
    for nr, celle in rader[1:]:
        verdier = {n: (celle[i] if i < len(celle) else "") for i, n in enumerate(navn) if n}
        rad = _les_rad(nr, verdier, feil)
        if rad is None:
            continue
        periode = (rad.kommunenummer, rad.ar, rad.tertial)
        if periode in sett:
            feil.append(
                Feil(
                    nr,
                    "kommunenummer",
                    _("samme kommune og periode står også i rad %(rad)s.") % {"rad": sett[periode]},
                )
            )
            continue
        sett[periode] = nr
        resultat.append(rad)
    return resultat, feil


def sjekk_kommuner(rader, kommuner):
    """kommuner: {kommunenummer: Kommune} the user may load figures for. Errors for the rest."""
    return [
        Feil(
            r.rad,
            "kommunenummer",
            _("%(nummer)s er ikke en kommune du kan laste inn tall for.") % {"nummer": r.kommunenummer},
        )
        for r in rader
        if r.kommunenummer not in kommuner
    ]


@transaction.atomic
def last_inn(rader, kommuner, *, kilde, filnavn="", bruker=None, demo=False):
    """Loads clean rows as one Datasett. A period loaded before is replaced: its rows stay (the
    history) but are no longer current."""
    datasett = Datasett.objects.create(kilde=kilde, filnavn=filnavn, lastet_av=bruker, demo=demo)
    nye = [
        Kommunetall(
            datasett=datasett,
            kommune=kommuner[r.kommunenummer],
            ar=r.ar,
            tertial=r.tertial,
            henvisninger=r.henvisninger,
            avslag=r.avslag,
            pasienter=r.pasienter,
            ventetid=r.ventetid,
            folketall=r.folketall,
        )
        for r in rader
    ]
    for ar in {r.ar for r in rader}:
        # The replaced rows of one year in one statement per year (not one per row).
        perioder = {(kommuner[r.kommunenummer].pk, r.tertial) for r in rader if r.ar == ar}
        for tertial in {t for _k, t in perioder}:
            Kommunetall.objects.gjeldende().filter(
                ar=ar, tertial=tertial, kommune__in=[k for k, t in perioder if t == tertial]
            ).update(gjeldende=False)
    Kommunetall.objects.bulk_create(nye, batch_size=500)
    # The kommune maps show the figures: their readers' cached pages must go.
    for hf_id in {kommuner[r.kommunenummer].helsefellesskap_id for r in rader}:
        send_bulk(Endring(helsefellesskap_id=hf_id))
    return datasett
