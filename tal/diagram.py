"""The charts as geometry for SVG templates (tal/diagram.html): drawn on the server, so they
work without JavaScript, in print and under the CSP. Every value comes in as a skjerming.Verdi,
so a withheld figure is drawn as nothing and said in words."""

from dataclasses import dataclass, field
from datetime import date

BREDDE = 640
VENSTRE, HOYRE, TOPP, BUNN = 52, 16, 14, 34
HOYDE = 250
RAD_HOYDE = 24
ETIKETT_BREDDE = 170


def _rund_opp(verdi):
    """A round top for the axis (10, 20, 25, 50, 100 …) at or above the largest value."""
    if verdi <= 0:
        return 10
    steg = 10 ** (len(str(int(verdi))) - 1)
    for faktor in (1, 2, 2.5, 5, 10):
        if verdi <= steg * faktor:
            return steg * faktor
    return steg * 10


def _tall(verdi):
    return f"{verdi:g}".replace(".", ",")


@dataclass
class Serie:
    navn: str
    klasse: str  # «hf» or «kommune»: its colour and dash in the stylesheet
    verdier: dict  # {year: Verdi}
    punkter: list = field(default_factory=list)
    baner: list = field(default_factory=list)


@dataclass
class Linjediagram:
    id: str
    tittel: str
    enhet: str
    serier: list
    ar: list
    merke: dict | None = None
    hoyde: int = HOYDE
    bredde: int = BREDDE
    yakse: list = field(default_factory=list)
    xakse: list = field(default_factory=list)

    @property
    def tabell(self):
        """The table beside the chart: per year, each series' Verdi (None where it has none)."""
        return [{"ar": ar, "verdier": [s.verdier.get(ar) for s in self.serier]} for ar in self.ar]


def _x(ar, arene):
    if len(arene) == 1:
        return VENSTRE + (BREDDE - VENSTRE - HOYRE) / 2
    return VENSTRE + (ar - arene[0]) / (arene[-1] - arene[0]) * (BREDDE - VENSTRE - HOYRE)


def linjediagram(id_, tittel, enhet, serier, tatt_i_bruk: date | None = None, merketekst=""):
    """serier: [Serie] with Verdi per year; the years are those any series has."""
    arene = sorted({ar for s in serier for ar in s.verdier})
    storst = max((v.tall for s in serier for v in s.verdier.values() if v.tall is not None), default=0)
    topp = _rund_opp(storst)
    d = Linjediagram(id=id_, tittel=tittel, enhet=enhet, serier=serier, ar=arene)
    if not arene:
        return d

    def y(verdi):
        return TOPP + (1 - verdi / topp) * (HOYDE - TOPP - BUNN)

    d.yakse = [{"y": round(y(topp * i / 4), 1), "tekst": _tall(topp * i / 4)} for i in range(5)]
    d.xakse = [{"x": round(_x(ar, arene), 1), "tekst": str(ar)} for ar in arene]
    for s in serier:
        bane = []
        for ar in arene:
            verdi = s.verdier.get(ar)
            if verdi is None or verdi.tall is None:
                # A withheld or missing year breaks the line: no value is drawn across it.
                if bane:
                    s.baner.append(" ".join(bane))
                bane = []
                continue
            punkt = (round(_x(ar, arene), 1), round(y(verdi.tall), 1))
            s.punkter.append({"x": punkt[0], "y": punkt[1], "ar": ar, "tekst": verdi.tekst})
            bane.append(f"{punkt[0]},{punkt[1]}")
        if bane:
            s.baner.append(" ".join(bane))
    if tatt_i_bruk and len(arene) > 1 and arene[0] <= tatt_i_bruk.year <= arene[-1]:
        andel = (tatt_i_bruk.timetuple().tm_yday - 1) / 365
        x = _x(tatt_i_bruk.year, arene) + andel * (_x(arene[1], arene) - _x(arene[0], arene))
        d.merke = {"x": round(min(x, BREDDE - HOYRE), 1), "tekst": merketekst}
    return d


@dataclass
class Stolpediagram:
    id: str
    tittel: str
    rader: list  # [{"navn", "tekst", "bredde", "y"}], largest first, withheld last
    hoyde: int
    bredde: int = BREDDE
    etikett: int = ETIKETT_BREDDE


def stolpediagram(id_, tittel, verdier):
    """verdier: [(name, Verdi)]: sorted bars, largest first; withheld or missing ones after,
    with their words («skjult», «–») in place of a bar."""
    viste = sorted([(n, v) for n, v in verdier if v.tall is not None], key=lambda nv: (-nv[1].tall, nv[0]))
    uten = sorted([(n, v) for n, v in verdier if v.tall is None], key=lambda nv: nv[0])
    topp = _rund_opp(max((v.tall for _n, v in viste), default=0))
    plass = BREDDE - ETIKETT_BREDDE - 70
    rader = []
    for i, (navn, verdi) in enumerate(viste + uten):
        bredde = round(verdi.tall / topp * plass, 1) if verdi.tall is not None else 0
        rader.append({"navn": navn, "tekst": verdi.tekst, "bredde": bredde, "y": TOPP + i * RAD_HOYDE})
    return Stolpediagram(id=id_, tittel=tittel, rader=rader, hoyde=TOPP + len(rader) * RAD_HOYDE + 8)
