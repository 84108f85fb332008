"""Writes to texts. Every change is a new Tekstversjon; nothing is updated in place or deleted,
and a save based on an outdated version is refused rather than silently winning."""

import calendar
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.models import Forslag, ForslagStatus, Revisjon, Status, Tekst, Tekstversjon

from .models import HoyringTekst


class Konflikt(Exception):
    """Someone saved a newer version since the editor opened the text."""

    def __init__(self, siste):
        super().__init__(f"{siste.tekst} has a newer version v{siste.nummer}")
        self.siste = siste


def ulovlig(versjon, handling):
    """The refusal of a step the version's status does not allow (texts and cases alike)."""
    return ValidationError(
        _("Versjon %(nr)s har status «%(status)s» og kan ikke %(handling)s.")
        % {"nr": versjon.nummer, "status": versjon.get_status_display(), "handling": handling},
        code="overgang",
    )


def valider_felt(model, **verdier):
    """Runs the validators of the model's fields (the fødselsnummer guard among them) on text
    that reaches a service without a form."""
    feil = []
    for navn, verdi in verdier.items():
        try:
            model._meta.get_field(navn).run_validators(verdi or "")
        except ValidationError as e:
            feil.extend(e.error_list)
    if feil:
        raise ValidationError(feil)


def _laas(tekst):
    # Row lock on the slot serialises version numbering and the conflict check across app servers.
    return Tekst.objects.select_for_update().get(pk=tekst.pk)


def felles_tekst(tekst):
    """The felles slot a variant adapts (same forløp, service, part and målform)."""
    return (
        Tekst.objects.felles()
        .filter(**tekst.plass.felt(), malform=tekst.malform)
        .select_related("publisert")
        .first()
    )


def lagre_utkast(tekst, markdown, av, forrige, endringsnotat=""):
    """A new draft version; `forrige` is the version the editor started from (None for a new text).
    A note written with the draft is kept on it, for the history and the approver."""
    if len(markdown) > settings.BUPKART_TEKST_MAKS_LENGD:
        raise ValidationError(
            _("Teksten er for lang: %(lengde)s tegn, grensen er %(maks)s.")
            % {"lengde": len(markdown), "maks": settings.BUPKART_TEKST_MAKS_LENGD},
            code="lengde",
        )
    valider_felt(Tekstversjon, markdown=markdown)
    with transaction.atomic():
        tekst = _laas(tekst)
        siste = tekst.siste_versjon()
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
            endringsnotat=(endringsnotat or "").strip(),
        )


def send_til_godkjenning(versjon, endringsnotat=""):
    """The sender's note goes with the draft: the approver starts from it and the history keeps it."""
    if versjon.status != Status.UTKAST:
        raise ulovlig(versjon, _("sendes til godkjenning"))
    versjon.status = Status.TIL_GODKJENNING
    versjon.endringsnotat = (endringsnotat or "").strip() or versjon.endringsnotat
    versjon.save(update_fields=["status", "endringsnotat"])
    return versjon


def avvis(versjon, av, kommentar):
    if not (kommentar or "").strip():
        raise ValidationError(_("Skriv en kommentar om hvorfor utkastet avvises."), code="kommentar")
    valider_felt(Tekstversjon, kommentar=kommentar)
    if versjon.status != Status.TIL_GODKJENNING:
        raise ulovlig(versjon, _("avvises"))
    versjon.status = Status.AVVIST
    versjon.kommentar = kommentar.strip()
    versjon.save(update_fields=["status", "kommentar"])
    return versjon


def neste_revisjon(dato, manader=None):
    """The same day the given number of months later, or that month's last day if it is
    shorter (31 May + 1 month → 30 June; 29.2.2028 + 12 → 28.2.2029)."""
    if manader is None:
        manader = settings.BUPKART_NESTE_REVISJON_MANADER
    ar, manad = divmod(dato.month - 1 + manader, 12)
    ar, manad = dato.year + ar, manad + 1
    return date(ar, manad, min(dato.day, calendar.monthrange(ar, manad)[1]))


def _marker_revidert(tekst, dato):
    neste = neste_revisjon(dato)
    Revisjon.objects.update_or_create(
        forlop_id=tekst.forlop_id,
        helsefellesskap_id=tekst.helsefellesskap_id,
        kommune_id=tekst.kommune_id,
        defaults={"sist_revidert": dato, "neste_revisjon": neste},
    )


def publiser(versjon, av, endringsnotat):
    """Make this version the one readers see; the previous publication is kept as superseded."""
    if not versjon.markdown.strip():
        raise ValidationError(_("En tom tekst kan ikke publiseres."), code="tom")
    if not (endringsnotat or "").strip():
        raise ValidationError(_("Skriv et endringsnotat: hva er endret, og hvorfor?"), code="notat")
    valider_felt(Tekstversjon, endringsnotat=endringsnotat)
    if versjon.status not in (Status.UTKAST, Status.TIL_GODKJENNING):
        raise ulovlig(versjon, _("publiseres"))
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
        _marker_revidert(tekst, timezone.localdate(versjon.publisert_tid))
        # The publication that follows a høyring on this text links to it (the høyring's page
        # and /endringer/ show the link).
        HoyringTekst.objects.filter(versjon__tekst=tekst, publisering__isnull=True).update(
            publisering=versjon
        )
    return versjon


def trekk_tilbake(tekst, av, endringsnotat):
    """«Gå tilbake til felles tekst»: the variant stops showing; all its versions are kept, and
    the publication keeps its own note, publisher and time beside the withdrawal's."""
    if not (tekst.helsefellesskap_id or tekst.kommune_id):
        raise ValidationError(
            _("Felles tekst kan ikke trekkes tilbake, bare lokale tilpasninger."), code="felles"
        )
    if not (endringsnotat or "").strip():
        raise ValidationError(
            _("Skriv et endringsnotat: hvorfor skal felles tekst gjelde igjen?"), code="notat"
        )
    valider_felt(Tekstversjon, trukket_notat=endringsnotat)
    with transaction.atomic():
        tekst = _laas(tekst)
        if tekst.publisert_id is None:
            raise ValidationError(_("Tilpasningen er ikke publisert."), code="overgang")
        Tekstversjon.objects.filter(pk=tekst.publisert_id).update(
            status=Status.TRUKKET,
            trukket_av=av,
            trukket_tid=timezone.now(),
            trukket_notat=endringsnotat.strip(),
        )
        tekst.publisert = None
        tekst.save(update_fields=["publisert"])
    return tekst


def gjenopprett(versjon, av):
    """Restore = a new draft with an old version's text, on top of the newest version."""
    return lagre_utkast(versjon.tekst, versjon.markdown, av=av, forrige=versjon.tekst.siste_versjon())


def lag_variant(felles, av, helsefellesskap=None, kommune=None):
    """Start a local variant pre-filled with the felles text (or return the existing slot)."""
    tekst, ny = Tekst.objects.get_or_create(
        **felles.plass.felt(), malform=felles.malform, helsefellesskap=helsefellesskap, kommune=kommune
    )
    if ny or not tekst.versjoner.exists():
        kilde = felles.publisert or felles.siste_versjon()
        lagre_utkast(tekst, kilde.markdown if kilde else "", av=av, forrige=None)
    return tekst


def rebaser(variant, av):
    """Keep the variant as it is, recorded as reviewed against the current felles tekst."""
    if not (variant.helsefellesskap_id or variant.kommune_id):
        raise ValidationError(_("Bare en lokal tilpasning kan beholdes mot felles tekst."), code="felles")
    # A stale «Behald tilpassinga» page may post after the variant was withdrawn.
    kilde = variant.publisert
    if kilde is None:
        raise ValidationError(
            _("Tilpasningen er ikke publisert (eller er trukket tilbake), så det er ingenting å beholde."),
            code="overgang",
        )
    ny = lagre_utkast(variant, kilde.markdown, av=av, forrige=variant.siste_versjon())
    return publiser(ny, av, _("Gjennomgått mot ny felles tekst; tilpasningen beholdes."))


def foresla(felles, markdown, begrunnelse, av):
    if felles.helsefellesskap_id or felles.kommune_id:
        raise ValidationError(_("Forslag gjelder bare felles tekst."), code="felles")
    if not (begrunnelse or "").strip():
        raise ValidationError(_("Skriv en begrunnelse for forslaget."), code="begrunnelse")
    valider_felt(Forslag, markdown=markdown, begrunnelse=begrunnelse)
    return Forslag.objects.create(
        tekst=felles,
        grunnlag=felles.publisert,
        markdown=markdown,
        begrunnelse=begrunnelse.strip(),
        laget_av=av,
    )


def behandle_forslag(forslag, av, godta, svar=""):
    """Accept (a draft of the felles tekst) or decline with a reason."""
    if forslag.status != ForslagStatus.APENT:
        raise ValidationError(_("Forslaget er allerede behandlet."), code="overgang")
    if not godta and not (svar or "").strip():
        raise ValidationError(_("Skriv en begrunnelse som forslagsstilleren får se."), code="svar")
    valider_felt(Forslag, svar=svar)
    with transaction.atomic():
        utkast = None
        if godta:
            utkast = lagre_utkast(
                forslag.tekst, forslag.markdown, av=av, forrige=forslag.tekst.siste_versjon()
            )
        forslag.status = ForslagStatus.GODTATT if godta else ForslagStatus.AVSLATT
        forslag.svar = (svar or "").strip()
        forslag.behandlet_av = av
        forslag.behandlet = timezone.now()
        forslag.save()
    return utkast
