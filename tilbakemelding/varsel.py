"""E-mail to the editors who own what the feedback is about, queued (bupkart.varsling): the
reader is thanked whatever the mail server does."""

from django.urls import reverse
from django.utils.translation import gettext as _

from bupkart.varsling import send_epost

from .ruting import mottakere


def varsle(request, melding):
    til = mottakere(melding)
    if not til:
        return
    emne = _("Ny tilbakemelding i tjenestekartet")
    if melding.haster:
        emne = _("HASTER: ") + emne
    lenke = request.build_absolute_uri(
        reverse("admin:tilbakemelding_tilbakemelding_change", args=[melding.pk])
    )
    linjer = [
        _("Gjelder: %(omfang)s") % {"omfang": melding.omfang_navn},
        _("Side: %(side)s") % {"side": melding.side or "–"},
    ]
    if melding.epost:
        linjer.append(_("Svar til: %(epost)s") % {"epost": melding.epost})
    if melding.seksjon:
        linjer.append(_("Seksjon: %(seksjon)s") % {"seksjon": melding.seksjon})
    linjer += ["", melding.tekst, "", _("Les og behandle i innboksen: %(lenke)s") % {"lenke": lenke}]
    send_epost.enqueue(
        til=til, emne=emne, tekst="\n".join(linjer), svar_til=[melding.epost] if melding.epost else None
    )
