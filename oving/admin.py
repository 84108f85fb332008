"""Cases in the admin, within the editor's scope (redaksjon's OmfangAdmin and Tilgang), through
the texts' workflow (oving.services, oving.arbeidsflyt). A case never published is edited in
its form; a published case opens on its page of drafts and versions, and «Endre» there edits
its working copy, so readers keep the published case until a publisher approves the draft."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponseRedirect
from django.urls import path
from django.utils.translation import gettext_lazy as _

from forlop.models import SEKSJONER, Status
from redaksjon.admin import OmfangAdmin
from redaksjon.admin.tekster import StatusFilter
from redaksjon.tilgang import Tilgang

from . import arbeidsflyt, bundle, services
from .models import Kasus, KasusStatus, Kasusversjon, Steg

# What a draft cannot change: its identity, and what decides who may publish it.
FASTE_FELT = ["slug", "forlop", "helsefellesskap", "kommune"]


class StegSkjema(forms.ModelForm):
    seksjoner = forms.MultipleChoiceField(
        label=_("Seksjoner som gjelder"),
        choices=[(s.value, s.label) for s in SEKSJONER],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Steg
        fields = ["nummer", "hending_nb", "hending_nn", "tjenester", "seksjoner"]
        # Checkboxes, as for the seksjonar: the admin's two-box picker breaks axe-core's ARIA
        # rules, and a forløp has a score of services at most.
        widgets = {"tjenester": forms.CheckboxSelectMultiple}


class StegInline(admin.StackedInline):
    model = Steg
    form = StegSkjema
    extra = 0

    # The steps are the case's: whoever may change the case (its scope) changes them. Without
    # this the admin asks Django's model permissions, which no editor holds.
    def has_view_permission(self, request, obj=None):
        return Tilgang.for_bruker(request.user).kan_endre(obj)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


class Kasusliste(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # A working copy is reached from its case, never listed beside it.
        return super().get_queryset(request, exclude_parameters).originaler()


@admin.register(Kasus)
class KasusAdmin(OmfangAdmin):
    list_display = ["tittel_nb", "forlop", "omfang_navn", "status", "siste_status_vis", "versjon"]
    # «Til godkjenning» under the newest version's status is a publisher's queue.
    list_filter = ["status", StatusFilter, "forlop"]
    readonly_fields = ["status", "versjon"]
    inlines = [StegInline]
    actions = ["trekk_tilbake"]
    change_form_template = "admin/oving/kasus/change_form.html"

    def get_queryset(self, request):
        nyeste = Kasusversjon.objects.filter(kasus=OuterRef("pk")).order_by("-nummer").values("status")[:1]
        return super().get_queryset(request).annotate(siste_status=Subquery(nyeste))

    def get_changelist(self, request, **kwargs):
        return Kasusliste

    @admin.display(description=_("siste versjon"), ordering="siste_status")
    def siste_status_vis(self, obj):
        return Status(obj.siste_status).label if obj.siste_status else "–"

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.utkast_av_id:
            return [*FASTE_FELT, *self.readonly_fields]
        return self.readonly_fields

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None and obj.utkast_av_id else {"slug": ["tittel_nb"]}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.lagre_utkast(form.instance, request.user)

    def _til_siden(self, request, obj, svar):
        if "_continue" in request.POST or "_addanother" in request.POST:
            return svar
        return HttpResponseRedirect(arbeidsflyt.url(obj))

    def response_add(self, request, obj, post_url_continue=None):
        return self._til_siden(request, obj, super().response_add(request, obj, post_url_continue))

    def response_change(self, request, obj):
        return self._til_siden(request, obj, super().response_change(request, obj))

    def _kasus(self, request, object_id):
        kasus = self.get_object(request, unquote(object_id))
        if kasus is None:
            raise Http404
        return kasus

    def change_view(self, request, object_id, form_url="", extra_context=None):
        kasus = self.get_object(request, unquote(object_id))
        if kasus is not None and services.er_publisert(kasus):
            # Never edited in place: its page shows the draft and leads to the working copy.
            return arbeidsflyt.side(self, request, kasus)
        extra_context = {
            **(extra_context or {}),
            "arbeidsflyt_url": arbeidsflyt.url(kasus) if kasus else None,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        # A case's history is its versions, on its page.
        return HttpResponseRedirect(arbeidsflyt.url(self._kasus(request, object_id)) + "#historikk")

    def get_urls(self):
        egne = [
            path(
                "<path:object_id>/arbeidsflyt/",
                self.admin_site.admin_view(
                    lambda request, object_id: arbeidsflyt.side(
                        self, request, self._kasus(request, object_id).original
                    )
                ),
                name="oving_kasus_arbeidsflyt",
            ),
            path(
                "<path:object_id>/versjon/<int:nummer>/",
                self.admin_site.admin_view(
                    lambda request, object_id, nummer: arbeidsflyt.versjon(
                        self, request, self._kasus(request, object_id).original, nummer
                    )
                ),
                name="oving_kasus_versjon",
            ),
        ]
        return egne + super().get_urls()

    @admin.action(description=_("Trekk valgte kasus tilbake til utkast"))
    def trekk_tilbake(self, request, queryset):
        """Readers stop seeing the case; a case with a draft waiting is left for its draft to be
        dealt with first."""
        tilgang = Tilgang.for_bruker(request.user)
        mine = [k for k in queryset.originaler().filter(arbeidskopi__isnull=True) if tilgang.kan_publisere(k)]
        for kasus in mine:
            bundle.ny_versjon(kasus, request.user, KasusStatus.UTKAST)
        if len(mine) < queryset.count():
            self.message_user(
                request,
                _("Noen kasus er utenfor det du kan publisere, eller har et utkast som venter."),
                messages.WARNING,
            )
        self.message_user(request, _("%(antall)s kasus trukket tilbake.") % {"antall": len(mine)})
