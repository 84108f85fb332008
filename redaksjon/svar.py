"""Answers to what an editor sent: a rejected or approved version, an answered proposal. They
wait on the sender's start page until seen (a Kvittering) or, for a rejection, dealt with by
a newer version of the same text from the sender, and go to the sender by e-mail too.

Apps above redaksjon whose content goes through the same workflow (oving's cases) register a
Svarkilde: their answers then wait on the same list and are marked seen the same way, and what
waits for a publisher's approval joins the texts' «Venter på godkjenning»."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bupkart.malform import Malform
from bupkart.varsling import send_epost
from forlop.models import Forslag, ForslagStatus, Status, Tekstversjon

from .models import Kvittering
from .tilgang import Tilgang


@dataclass(frozen=True)
class Svarkilde:
    """Answers from an app above redaksjon: `svar(bruker)` gives the sender's unseen ones (see
    besvarte), `mal` the template of one on the start page (given `s`); `venter(tilgang)` what
    waits for this user's approval, `venter_mal` the template of one (given `v`)."""

    art: str
    svar: Callable
    mal: str
    venter: Callable
    venter_mal: str


KILDER: dict[str, Svarkilde] = {}


def registrer(kilde):
    KILDER[kilde.art] = kilde


def _ikke_sett(bruker, felt, **art):
    return ~Exists(Kvittering.objects.filter(bruker=bruker, **{felt: OuterRef("pk")}, **art))


def _avvist_eller_godkjent(modell, bruker, eier):
    """The sender's versions (of a model with the texts' workflow fields, owned through `eier`)
    that were rejected and not followed by a newer one of theirs, or published by someone else."""
    nyere_egen = modell.objects.filter(
        **{eier: OuterRef(eier)}, nummer__gt=OuterRef("nummer"), laget_av=bruker
    )
    avvist = Q(status=Status.AVVIST) & ~Exists(nyere_egen)
    godkjent = Q(publisert_tid__isnull=False) & ~Q(publisert_av=F("laget_av"))
    return modell.objects.filter(avvist | godkjent, laget_av=bruker)


def besvarte(modell, bruker, eier, art):
    """For a Svarkilde: its versions answered and not yet seen by the sender."""
    return _avvist_eller_godkjent(modell, bruker, eier).filter(_ikke_sett(bruker, "objekt_id", art=art))


def versjoner(bruker):
    """The sender's versions that were rejected, or published by someone else, and not yet seen."""
    return (
        _avvist_eller_godkjent(Tekstversjon, bruker, "tekst")
        .filter(_ikke_sett(bruker, "versjon"))
        .select_related("tekst__forlop", "tekst__tjeneste", "tekst__helsefellesskap", "tekst__kommune")
        .select_related("publisert_av")
        .order_by("-laget")
    )


def forslag(bruker):
    """The sender's proposals that the forvalter has answered, not yet seen."""
    return (
        Forslag.objects.filter(laget_av=bruker)
        .exclude(status=ForslagStatus.APENT)
        .filter(_ikke_sett(bruker, "forslag"))
        .select_related("tekst__forlop", "tekst__tjeneste", "behandlet_av")
        .order_by("-behandlet")
    )


@require_POST
def sett(request):
    """«Sett»: the answer leaves the start page. Only the sender's own answers can be marked."""
    if (kilde := KILDER.get(request.POST.get("art", ""))) is not None:
        objekt_id = request.POST.get("objekt", "")
        obj = kilde.svar(request.user).filter(pk=objekt_id if objekt_id.isdigit() else None).first()
        if obj is None:
            raise Http404
        Kvittering.objects.get_or_create(bruker=request.user, art=kilde.art, objekt_id=obj.pk)
        return HttpResponseRedirect(reverse("admin:index"))
    if versjon_id := request.POST.get("versjon"):
        funnet = versjoner(request.user).filter(pk=versjon_id if versjon_id.isdigit() else None)
        felt = "versjon"
    else:
        forslag_id = request.POST.get("forslag", "")
        funnet = forslag(request.user).filter(pk=forslag_id if forslag_id.isdigit() else None)
        felt = "forslag"
    obj = funnet.first()
    if obj is None:
        raise Http404
    Kvittering.objects.get_or_create(bruker=request.user, **{felt: obj})
    return HttpResponseRedirect(reverse("admin:index"))


def epost(request, mottaker, innhold):
    """Queued in the answer's transaction (bupkart.varsling), written by `innhold()` (subject and
    lines) in the sender's målform; nothing when the sender answered themselves or has no
    address."""
    if mottaker is None or mottaker == request.user or not mottaker.email:
        return
    with translation.override(Tilgang.for_bruker(mottaker).malform() or Malform.BOKMAL):
        emne, linjer = innhold()
        lenke = request.build_absolute_uri(reverse("admin:index"))
        linjer += ["", _("Se svaret på startsiden din: %(lenke)s") % {"lenke": lenke}]
        send_epost.enqueue(til=[mottaker.email], emne=emne, tekst="\n".join(linjer))


def varsle_versjon(request, versjon):
    """After «Avvis» or «Godkjenn og publiser»: the version's writer hears the answer."""

    def innhold():
        fakta = {"tekst": versjon.tekst, "nr": versjon.nummer, "av": request.user}
        if versjon.status == Status.AVVIST:
            emne = _("Utkastet ditt er avvist: %(tekst)s") % fakta
            return emne, [_("Versjon %(nr)s er avvist av %(av)s:") % fakta, versjon.kommentar]
        emne = _("Utkastet ditt er publisert: %(tekst)s") % fakta
        return emne, [_("Versjon %(nr)s er godkjent og publisert av %(av)s:") % fakta, versjon.endringsnotat]

    epost(request, versjon.laget_av, innhold)


def varsle_forslag(request, forslag):
    """After the forvalter's answer: the proposer hears it."""

    def innhold():
        fakta = {"tekst": forslag.tekst, "status": forslag.get_status_display(), "av": request.user}
        emne = _("Svar på forslaget ditt: %(tekst)s") % fakta
        return emne, [_("%(status)s av %(av)s.") % fakta, forslag.svar]

    epost(request, forslag.laget_av, innhold)
