"""A case's page in the admin beside its form: its draft against the published case as a word
diff, «Send til godkjenning», «Godkjenn og publiser» / «Avvis», its versions with restore. Every
POST re-checks the scope on the server (redaksjon.tilgang); a refused action answers 400 with
the page and the reason."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from forlop.models import SEKSJONER, Status
from redaksjon import svar
from redaksjon.diff import side_om_side
from redaksjon.tilgang import Tilgang
from tjenester.models import Tjeneste

from . import bundle, services
from .models import Kasus, Kasusversjon

# The kind of answer a case version is on the sender's start page (redaksjon.svar.Svarkilde).
SVARART = "kasus"


def url(kasus):
    return reverse("admin:oving_kasus_arbeidsflyt", args=[kasus.original.pk])


def som_tekst(innhold):
    """A case row as the text the diff compares: every field an editor writes, a line each."""
    if not innhold:
        return ""
    navn = {t.slug: t.navn for t in Tjeneste.objects.only("slug", "navn_nb", "navn_nn")}
    seksjoner = {s.value: s.label for s in SEKSJONER}
    linjer = [
        _("Tittel (bokmål): %s") % innhold["tittel_nb"],
        _("Tittel (nynorsk): %s") % innhold["tittel_nn"],
        _("Fornavn: %(fornavn)s, alder: %(alder)s") % innhold,
        _("Situasjon (bokmål): %s") % innhold["situasjon_nb"],
        _("Situasjon (nynorsk): %s") % innhold["situasjon_nn"],
    ]
    for s in innhold["steg"]:
        linjer += [
            "",
            _("Steg %s") % s["nummer"],
            _("Hva skjer (bokmål): %s") % s["hending_nb"],
            _("Hva skjer (nynorsk): %s") % s["hending_nn"],
            _("Tjenester: %s") % ", ".join(navn.get(t, t) for t in s["tjenester"]),
            _("Seksjoner: %s") % ", ".join(str(seksjoner.get(d, d)) for d in s["seksjoner"]),
        ]
    return "\n".join(linjer).replace("\r\n", "\n")


def _mot_publisert(kasus, versjon, etikett):
    """A version of the case beside the published case, word by word (empty beside a case never
    published)."""
    publisert = services.er_publisert(kasus)
    if publisert:
        prefetch_related_objects([kasus], "steg__tjenester")  # one query for all steps, not one each
    return side_om_side(
        som_tekst(bundle.rad(kasus)) if publisert else "",
        som_tekst(versjon.innhold),
        _("Publisert") if publisert else _("Ikke publisert"),
        etikett,
    )


def _versjoner(kasus):
    return list(kasus.versjoner.select_related("laget_av", "publisert_av").order_by("-nummer"))


def _versjon(kasus, pk):
    try:
        return kasus.versjoner.get(pk=int(pk))
    except (TypeError, ValueError, Kasusversjon.DoesNotExist) as feil:
        raise Http404(_("Fant ikke versjonen.")) from feil


def _kontekst(admin, request, kasus, **ekstra):
    tilgang = Tilgang.for_bruker(request.user)
    versjoner = _versjoner(kasus)
    siste = versjoner[0] if versjoner else None
    utkast = siste if siste and siste.status in (Status.UTKAST, Status.TIL_GODKJENNING) else None
    publisert = services.er_publisert(kasus)
    return {
        **admin.admin_site.each_context(request),
        "opts": admin.model._meta,
        "title": str(kasus),
        "kasus": kasus,
        "publisert": publisert,
        "kopi": Kasus.objects.filter(utkast_av=kasus).first() if publisert else None,
        "versjoner": versjoner,
        "utkast": utkast,
        "diff": _mot_publisert(kasus, utkast, _("Utkast (v%s)") % utkast.nummer) if utkast else None,
        "kan_publisere": tilgang.kan_publisere(kasus),
        **ekstra,
    }


def side(admin, request, kasus):
    """GET: the page; POST: the action its button names, then back to the page."""
    tilgang = Tilgang.for_bruker(request.user)
    if not tilgang.kan_endre(kasus):
        raise PermissionDenied
    if request.method != "POST":
        return TemplateResponse(
            request, "admin/oving/kasus/arbeidsflyt.html", _kontekst(admin, request, kasus)
        )
    handling = request.POST.get("handling", "")
    try:
        svar_ = _utfor(request, tilgang, kasus, handling)
    except ValidationError as feil:
        return TemplateResponse(
            request,
            "admin/oving/kasus/arbeidsflyt.html",
            _kontekst(admin, request, kasus, feil=feil.messages),
            status=400,
        )
    if isinstance(svar_, HttpResponseRedirect):
        return svar_
    messages.success(request, svar_)
    return HttpResponseRedirect(url(kasus))


def _utfor(request, tilgang, kasus, handling):
    """Does what the button asks; returns the message that says what was done (or, for «Endre»,
    the way to the working copy)."""
    if handling == "endre":
        kopi = services.arbeidskopi(kasus) if services.er_publisert(kasus) else kasus
        return HttpResponseRedirect(reverse("admin:oving_kasus_change", args=[kopi.pk]))
    versjon = _versjon(kasus, request.POST.get("versjon"))
    if handling == "send":
        services.send_til_godkjenning(versjon, request.POST.get("endringsnotat", ""))
        return _("Versjon %s er sendt til godkjenning.") % versjon.nummer
    if handling == "gjenopprett":
        ny = services.gjenopprett(versjon, request.user)
        return _("Kasuset fra den gamle versjonen er lagt inn som nytt utkast (versjon %s).") % ny.nummer
    if handling not in ("publiser", "avvis"):
        raise ValidationError(_("Ukjent handling."))
    if not tilgang.kan_publisere(kasus):
        raise PermissionDenied
    if handling == "publiser":
        services.publiser(versjon, request.user, request.POST.get("endringsnotat", ""))
        melding = _("Versjon %s er publisert.") % versjon.nummer
    else:
        services.avvis(versjon, request.POST.get("kommentar", ""))
        melding = _("Versjon %s er avvist og sendt tilbake.") % versjon.nummer
    varsle(request, versjon)
    return melding


def varsle(request, versjon):
    """After «Avvis» or «Godkjenn og publiser»: the version's writer hears the answer, on their
    start page (svar_kasus) and by e-mail, as for a text."""

    def innhold():
        fakta = {"kasus": versjon.kasus, "nr": versjon.nummer, "av": request.user}
        if versjon.status == Status.AVVIST:
            emne = _("Kasusutkastet ditt er avvist: %(kasus)s") % fakta
            return emne, [_("Versjon %(nr)s er avvist av %(av)s:") % fakta, versjon.kommentar]
        emne = _("Kasusutkastet ditt er publisert: %(kasus)s") % fakta
        return emne, [_("Versjon %(nr)s er godkjent og publisert av %(av)s:") % fakta, versjon.endringsnotat]

    svar.epost(request, versjon.laget_av, innhold)


def versjon(admin, request, kasus, nummer):
    """One old version as text, beside the published case."""
    if not Tilgang.for_bruker(request.user).kan_endre(kasus):
        raise PermissionDenied
    gammel = kasus.versjoner.select_related("laget_av").filter(nummer=nummer).first()
    if gammel is None:
        raise Http404(_("Fant ikke versjonen."))
    return TemplateResponse(
        request,
        "admin/oving/kasus/versjon.html",
        {
            **admin.admin_site.each_context(request),
            "opts": admin.model._meta,
            "title": _("%(kasus)s, versjon %(nr)s") % {"kasus": kasus, "nr": gammel.nummer},
            "kasus": kasus,
            "versjon": gammel,
            "diff": _mot_publisert(kasus, gammel, _("Versjon %s") % gammel.nummer),
        },
    )


def svar_kasus(bruker):
    """The sender's case versions that were rejected, or published by someone else, and not yet
    seen (on the start page, through redaksjon.svar)."""
    return (
        svar.besvarte(Kasusversjon, bruker, eier="kasus", art=SVARART)
        .select_related("kasus", "publisert_av")
        .order_by("-laget")
    )


def venter_kasus(tilgang):
    """The case versions sent for approval that this user may approve, oldest first."""
    return (
        Kasusversjon.objects.filter(
            tilgang.tekst_filter("kasus__", publisere=True), status=Status.TIL_GODKJENNING
        )
        .select_related("kasus", "laget_av")
        .order_by("laget")
    )
