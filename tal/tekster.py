"""The sentences that say what each chart shows, in the page's målform (gettext)."""

from django.utils.translation import gettext as _


def _viste(verdier):
    return [(ar, v) for ar, v in sorted(verdier.items()) if v.tall is not None]


def trend(hva, sted, verdier, enhet=""):
    """«Avslagsprosenten i Molde gikk ned fra 32 % i 2019 til 21 % i 2025.» hva: the measure
    with its article, capitalised («Avslagsprosenten»); verdier: {year: Verdi}."""
    viste = _viste(verdier)
    if len(viste) < 2:
        return _("Det er for få tall som kan vises, til å si noe om utviklingen i %(sted)s.") % {"sted": sted}
    (fra_ar, fra), (til_ar, til) = viste[0], viste[-1]
    verdier_ = {
        "hva": hva,
        "sted": sted,
        "fra": f"{fra.tekst} {enhet}".rstrip(),
        "til": f"{til.tekst} {enhet}".rstrip(),
        "fra_ar": fra_ar,
        "til_ar": til_ar,
    }
    if til.tall < fra.tall:
        return _("%(hva)s i %(sted)s gikk ned fra %(fra)s i %(fra_ar)s til %(til)s i %(til_ar)s.") % verdier_
    if til.tall > fra.tall:
        return _("%(hva)s i %(sted)s gikk opp fra %(fra)s i %(fra_ar)s til %(til)s i %(til_ar)s.") % verdier_
    return _("%(hva)s i %(sted)s var %(til)s både i %(fra_ar)s og i %(til_ar)s.") % verdier_


def rangering(hva, ar, hf, verdier):
    """«I 2025 hadde Haugesund høyest avslagsprosent (31 %) og Utsira lavest (12 %) …»."""
    viste = sorted([(n, v) for n, v in verdier if v.tall is not None], key=lambda nv: -nv[1].tall)
    skjulte = sum(1 for _n, v in verdier if v.skjult)
    if not viste:
        setning = _("I %(ar)s har ingen kommune i %(hf)s tall som kan vises.") % {"ar": ar, "hf": hf}
    else:
        setning = _(
            "I %(ar)s hadde %(hoy)s høyest %(hva)s (%(hoy_v)s) og %(lav)s lavest (%(lav_v)s) av kommunene i %(hf)s."
        ) % {
            "ar": ar,
            "hva": hva,
            "hf": hf,
            "hoy": viste[0][0],
            "hoy_v": viste[0][1].tekst,
            "lav": viste[-1][0],
            "lav_v": viste[-1][1].tekst,
        }
    if skjulte:
        setning += " " + _("%(n)s kommuner har så små tall at de ikke vises.") % {"n": skjulte}
    return setning
