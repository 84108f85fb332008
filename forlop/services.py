"""Writes to texts. Every change is a new Tekstversjon; nothing is updated in place or deleted,
and a save based on an outdated version is refused rather than silently winning."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Status, Tekst, Tekstversjon


class Konflikt(Exception):
    """Someone saved a newer version since the editor opened the text."""

    def __init__(self, siste):
        super().__init__(f"{siste.tekst} has a newer version v{siste.nummer}")
        self.siste = siste


def _laas(tekst):
    # Row lock on the slot serialises version numbering and the conflict check across app servers.
    return Tekst.objects.select_for_update().get(pk=tekst.pk)


def felles_tekst(tekst):
    """The felles slot a variant adapts (same forløp, service, part and målform)."""
    return (
        Tekst.objects.filter(
            forlop_id=tekst.forlop_id,
            tjeneste_id=tekst.tjeneste_id,
            tekstdel=tekst.tekstdel,
            malform=tekst.malform,
            helsefellesskap__isnull=True,
            kommune__isnull=True,
        )
        .select_related("publisert")
        .first()
    )


def lagre_utkast(tekst, markdown, av, forrige):
    """A new draft version; `forrige` is the version the editor started from (None for a new text)."""
    with transaction.atomic():
        tekst = _laas(tekst)
        siste = tekst.versjoner.order_by("-nummer").first()
        if siste is not None and (forrige is None or forrige.pk != siste.pk):
            raise Konflikt(siste)
        grunnlag = None
        if tekst.helsefellesskap_id or tekst.kommune_id:
            felles = felles_tekst(tekst)
            grunnlag = felles.publisert if felles else None
        return Tekstversjon.objects.create(
            tekst=tekst,
            nummer=(siste.nummer + 1) if siste else 1,
            markdown=markdown,
            forrige=siste,
            felles_grunnlag=grunnlag,
            laget_av=av,
        )


def publiser(versjon, av, endringsnotat):
    """Make this version the one readers see; the previous publication is kept as superseded."""
    if not versjon.markdown.strip():
        raise ValidationError(_("En tom tekst kan ikke publiseres."), code="tom")
    if not (endringsnotat or "").strip():
        raise ValidationError(_("Skriv et endringsnotat: hva er endret, og hvorfor?"), code="notat")
    if versjon.status not in (Status.UTKAST, Status.TIL_GODKJENNING):
        raise ValidationError(
            _("Versjonen har status «%(status)s» og kan ikke publiseres.")
            % {"status": versjon.get_status_display()},
            code="overgang",
        )
    with transaction.atomic():
        tekst = _laas(versjon.tekst)
        if tekst.publisert_id:
            Tekstversjon.objects.filter(pk=tekst.publisert_id).update(status=Status.ERSTATTET)
        versjon.status = Status.PUBLISERT
        versjon.endringsnotat = endringsnotat.strip()
        versjon.publisert_av = av
        versjon.publisert_tid = timezone.now()
        versjon.save(update_fields=["status", "endringsnotat", "publisert_av", "publisert_tid"])
        tekst.publisert = versjon
        tekst.save(update_fields=["publisert"])
    return versjon
