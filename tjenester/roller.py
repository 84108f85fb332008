"""Who the reader is: the professions a reader can say they work as, each mapped to the
service of the national catalogue they work in. Remembered like the kommune (a cookie with the
role's slug only, set from ?rolle= by tjenester.middleware), so every forløp page can open at
the reader's own service and link to «Mi rolle»."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Rolle:
    slug: str
    navn: Promise  # in the page's målform
    tjeneste: str  # the slug of the catalogue service the profession works in

    def __str__(self):
        # What the page cache keys by (bupkart.cache): the choice, not its translated name.
        return self.slug


ROLLER = (
    Rolle("helsesykepleier", _("Helsesykepleier"), "helsestasjon"),
    Rolle("fastlege", _("Fastlege"), "fastlege"),
    Rolle("barnehagelaerer", _("Barnehagelærer"), "barnehage"),
    Rolle("laerer", _("Lærer eller rådgiver i skolen"), "skole"),
    Rolle("ppt", _("Rådgiver i PPT"), "ppt"),
    Rolle("psykisk-helse", _("Psykolog eller terapeut i kommunen"), "psykisk-helse-kommune"),
    Rolle("barnevern", _("Saksbehandler i barnevernet"), "barnevern"),
    Rolle("bup", _("Behandler i BUP"), "bup"),
    Rolle("jordmor", _("Jordmor"), "jordmor"),
    Rolle("habilitering", _("Fagperson i habiliteringstjenesten"), "habilitering"),
)
_ETTER_SLUG = {r.slug: r for r in ROLLER}


def finn_rolle(slug):
    """The role with this slug, or None for anything else (an old or hand-made cookie)."""
    return _ETTER_SLUG.get(slug)
