"""Small numbers are never shown. A count from 1 to 4 shows as «under 5» and every rate
derived from it is withheld (the rule NPR and SSB apply), so no child can be recognised.

`skjerm()` is the one function every output goes through: the tables, the charts, the CSV
downloads (and the API when it comes). It takes the raw figures of one kommune (or one
helsefellesskap) and period and gives back only what may be shown."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

GRENSE = 5  # counts below this (and above zero) are small


@dataclass(frozen=True)
class Verdi:
    """One figure as it may be shown: `tall` is None when it is withheld or missing (a chart
    draws nothing), `tekst` is what a table and a CSV show."""

    tall: float | int | None
    tekst: str
    skjult: bool = False


@dataclass(frozen=True)
class Skjermet:
    henvisninger: Verdi
    avslag: Verdi
    pasienter: Verdi
    folketall: Verdi
    avslagsprosent: Verdi
    henvisningsrate: Verdi  # per 1 000 children
    pasientrate: Verdi  # per 1 000 children
    ventetid: Verdi  # median days to first appointment

    FELT = (
        "henvisninger",
        "avslag",
        "avslagsprosent",
        "henvisningsrate",
        "pasienter",
        "pasientrate",
        "ventetid",
        "folketall",
    )

    def som_dict(self):
        """{field: value or None}: for the API and JSON (a withheld figure is null)."""
        return {felt: getattr(self, felt).tall for felt in self.FELT}


def er_lite(antall):
    return antall is not None and 0 < antall < GRENSE


def _mangler():
    return Verdi(None, "–")


def _holdt_tilbake():
    return Verdi(None, _("skjult"), skjult=True)


def _antall(antall):
    if antall is None:
        return _mangler()
    if er_lite(antall):
        return Verdi(None, _("under 5"), skjult=True)
    return Verdi(antall, _heltall(antall))


def _heltall(tall):
    return f"{tall:,}".replace(",", "\u00a0")


def _desimal(tall, enhet=""):
    tekst = f"{tall:.1f}".replace(".", ",")
    return f"{tekst}{enhet}"


def _rate(teller, nevner, faktor, enhet=""):
    """teller / nevner × faktor, withheld when the count it is made of is small."""
    if er_lite(teller) or er_lite(nevner):
        return _holdt_tilbake()
    if teller is None or not nevner:
        return _mangler()
    verdi = round(teller / nevner * faktor, 1)
    return Verdi(verdi, _desimal(verdi, enhet))


def skjerm(henvisninger, avslag, pasienter, ventetid, folketall, skjul=frozenset()):
    """What may be shown of one kommune's (or helsefellesskap's) figures for one period.
    `skjul`: counts withheld although they are not small, because a sum shown beside them
    would give a small one back (tal.serier.sekundaer); every rate made of them goes too."""
    if skjul:
        return _med_skjulte(skjerm(henvisninger, avslag, pasienter, ventetid, folketall), skjul)
    # A median over fewer than five children tells about each of them: it goes with the count
    # it is taken over (the patients, else the referrals when patients are not reported).
    grunnlag = pasienter if pasienter is not None else henvisninger
    if ventetid is None:
        vist_ventetid = _mangler()
    elif er_lite(grunnlag):
        vist_ventetid = _holdt_tilbake()
    else:
        vist_ventetid = Verdi(ventetid, _heltall(round(ventetid)))
    return Skjermet(
        henvisninger=_antall(henvisninger),
        avslag=_antall(avslag),
        pasienter=_antall(pasienter),
        folketall=_antall(folketall),
        avslagsprosent=_rate(avslag, henvisninger, 100, "\u00a0%"),
        henvisningsrate=_rate(henvisninger, folketall, 1000),
        pasientrate=_rate(pasienter, folketall, 1000),
        ventetid=vist_ventetid,
    )


# The rates made of each count: they give the count back beside the other count they use.
RATER_AV = {
    "henvisninger": ("avslagsprosent", "henvisningsrate"),
    "avslag": ("avslagsprosent",),
    "pasienter": ("pasientrate",),
}


def _med_skjulte(vist, skjul):
    ut = {felt: getattr(vist, felt) for felt in Skjermet.FELT}
    for felt in skjul:
        for namn in (felt, *RATER_AV[felt]):
            if ut[namn].tall is not None:
                ut[namn] = _holdt_tilbake()
    return Skjermet(**ut)
