"""Writes to cases through the texts' workflow (redaksjon.services): save a draft, send it for
approval, reject it, publish it, restore an old version as a new draft.

A published case is never changed in place: its draft lives in a working copy (a Kasus with
`utkast_av` set, never shown to readers, exported or run as an økt), and every save of the copy
is a version of the original. Publishing writes the approved version into the original (its
steps keep their rows, so a running økt keeps its answers) and deletes the copy. A case never
published has no readers to protect and is its own draft."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.models import Status
from redaksjon.services import ulovlig, valider_felt

from . import bundle
from .models import Kasus, KasusStatus, Kasusversjon


def er_publisert(kasus):
    return kasus.utkast_av_id is None and kasus.status == KasusStatus.PUBLISERT


def _laas(kasus):
    # Row lock on the original serialises version numbering and the newest-version check.
    return Kasus.objects.select_for_update().get(pk=kasus.pk)


def _som_original(innhold, original, **felt):
    """A row of the draft as the original's: its slug, and a draft's status."""
    return {**innhold, "slug": original.slug, "status": KasusStatus.UTKAST, **felt}


def _ny_versjon(original, innhold, av, endringsnotat=""):
    original = _laas(original)
    original.versjon += 1
    original.save(update_fields=["versjon"])
    return Kasusversjon.objects.create(
        kasus=original,
        nummer=original.versjon,
        innhold=innhold,
        status=Status.UTKAST,
        laget_av=av,
        endringsnotat=endringsnotat,
    )


def _krev_nyeste(versjon, handling):
    """Only the newest version moves on: a stale page must not approve what was since changed."""
    if versjon.nummer != Kasus.objects.values_list("versjon", flat=True).get(pk=versjon.kasus_id):
        raise ValidationError(
            _("Versjon %(nr)s er ikke den nyeste og kan ikke %(handling)s.")
            % {"nr": versjon.nummer, "handling": handling},
            code="utdatert",
        )


def arbeidskopi(original):
    """The working copy of a published case, made from the published case when there is none."""
    with transaction.atomic():
        original = _laas(original)
        kopi = Kasus.objects.filter(utkast_av=original).first()
        if kopi is None:
            rad = {**bundle.rad(original), "slug": None, "status": KasusStatus.UTKAST}
            kopi = bundle.skriv_innhold(rad, Kasus(utkast_av=original))
    return kopi


def lagre_utkast(kasus, av):
    """After an editor saved `kasus` (a working copy or a case never published): a draft version
    of the original."""
    with transaction.atomic():
        kasus = Kasus.objects.select_related("forlop", "helsefellesskap", "kommune").get(pk=kasus.pk)
        return _ny_versjon(kasus.original, _som_original(bundle.rad(kasus), kasus.original), av)


def send_til_godkjenning(versjon, endringsnotat=""):
    valider_felt(Kasusversjon, endringsnotat=endringsnotat)
    with transaction.atomic():
        _laas(versjon.kasus)
        _krev_nyeste(versjon, _("sendes til godkjenning"))
        if versjon.status != Status.UTKAST:
            raise ulovlig(versjon, _("sendes til godkjenning"))
        versjon.status = Status.TIL_GODKJENNING
        versjon.endringsnotat = (endringsnotat or "").strip() or versjon.endringsnotat
        versjon.save(update_fields=["status", "endringsnotat"])
    return versjon


def avvis(versjon, kommentar):
    if not (kommentar or "").strip():
        raise ValidationError(_("Skriv en kommentar om hvorfor utkastet avvises."), code="kommentar")
    valider_felt(Kasusversjon, kommentar=kommentar)
    with transaction.atomic():
        _laas(versjon.kasus)
        if versjon.status != Status.TIL_GODKJENNING:
            raise ulovlig(versjon, _("avvises"))
        versjon.status = Status.AVVIST
        versjon.kommentar = kommentar.strip()
        versjon.save(update_fields=["status", "kommentar"])
    return versjon


def publiser(versjon, av, endringsnotat):
    """Readers (and økter) see this version from now on; the working copy is done with."""
    if not (endringsnotat or "").strip():
        raise ValidationError(_("Skriv et endringsnotat: hva er endret, og hvorfor?"), code="notat")
    valider_felt(Kasusversjon, endringsnotat=endringsnotat)
    with transaction.atomic():
        original = _laas(versjon.kasus)
        _krev_nyeste(versjon, _("publiseres"))
        if versjon.status not in (Status.UTKAST, Status.TIL_GODKJENNING):
            raise ulovlig(versjon, _("publiseres"))
        bundle.skriv_innhold({**versjon.innhold, "status": KasusStatus.PUBLISERT}, original)
        original.versjoner.filter(status=Status.PUBLISERT).update(status=Status.ERSTATTET)
        versjon.status = Status.PUBLISERT
        versjon.endringsnotat = endringsnotat.strip()
        versjon.publisert_av = av
        versjon.publisert_tid = timezone.now()
        versjon.save(update_fields=["status", "endringsnotat", "publisert_av", "publisert_tid"])
        Kasus.objects.filter(utkast_av=original).delete()
    return versjon


def gjenopprett(versjon, av):
    """The old version becomes the newest draft (in the working copy of a published case), never
    published directly. Forløp and scope stay as they are now: a restore changes the content."""
    with transaction.atomic():
        original = _laas(versjon.kasus)
        naa = bundle.rad(original)
        innhold = _som_original(
            versjon.innhold, original, **{f: naa[f] for f in ("forlop", "helsefellesskap", "kommune")}
        )
        if er_publisert(original):
            bundle.skriv_innhold({**innhold, "slug": None}, arbeidskopi(original))
        else:
            bundle.skriv_innhold(innhold, original)
        return _ny_versjon(original, innhold, av, _("Gjenopprettet fra versjon %s.") % versjon.nummer)
