from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from forlop.models import Forlop, ForlopTjeneste, Forslag, ForslagStatus, Revisjon, Status, Tekst
from tjenester.omfang import Omfang

from .. import redigering, services, svar
from ..diff import side_om_side
from ..models import Medlemskap
from ..tilgang import Tilgang
from .base import ForvalterAdmin, OmfangAdmin, OmfangFilter


class ForlopTjenesteInline(admin.TabularInline):
    model = ForlopTjeneste
    extra = 0
    autocomplete_fields = ["tjeneste"]

    def has_add_permission(self, request, obj=None):
        return Tilgang.for_bruker(request.user).kan_endre_felles()

    has_change_permission = has_delete_permission = has_add_permission


@admin.register(Forlop)
class ForlopAdmin(ForvalterAdmin):
    list_display = ["tittel_nb", "slug", "rekkefolge", "publisert"]
    list_editable = ["rekkefolge", "publisert"]
    prepopulated_fields = {"slug": ["tittel_nb"]}
    search_fields = ["tittel_nb", "tittel_nn"]
    inlines = [ForlopTjenesteInline]


class StatusFilter(admin.SimpleListFilter):
    title = _("status for siste versjon")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Status.choices

    def queryset(self, request, queryset):
        return queryset.filter(siste_status=self.value()) if self.value() else queryset


class FlaggetFilter(admin.SimpleListFilter):
    title = _("felles tekst endret")
    parameter_name = "flagget"

    def lookups(self, request, model_admin):
        return [("ja", _("Felles tekst er endret siden tilpasningen"))]

    def queryset(self, request, queryset):
        return queryset.filter(flagget=True) if self.value() == "ja" else queryset


@admin.register(Tekst)
class TekstAdmin(OmfangAdmin):
    list_display = ["__str__", "tekstdel", "omfang_vis", "malform", "status_vis", "flagget_vis"]
    list_filter = ["forlop", "tjeneste", "tekstdel", OmfangFilter, "malform", StatusFilter, FlaggetFilter]
    search_fields = ["forlop__tittel_nb", "tjeneste__navn_nb", "publisert__markdown"]
    list_select_related = ["forlop", "tjeneste", "helsefellesskap", "kommune"]
    fields = ["forlop", "tjeneste", "tekstdel", "malform", "helsefellesskap", "kommune"]
    autocomplete_fields = ["tjeneste"]

    def get_queryset(self, request):
        # The editor (change_view) shows the slot's forløp, service and scope.
        return (
            super()
            .get_queryset(request)
            .select_related("forlop", "tjeneste", "helsefellesskap", "kommune")
            .med_status()
            .med_flagg()
        )

    @admin.display(description=_("omfang"))
    def omfang_vis(self, obj):
        return obj.omfang_navn

    @admin.display(description=_("status"), ordering="siste_status")
    def status_vis(self, obj):
        return Status(obj.siste_status).label if obj.siste_status else "–"

    @admin.display(description=_("felles endret"), boolean=True, ordering="flagget")
    def flagget_vis(self, obj):
        return obj.flagget

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A new variant starts from the felles tekst, as «Tilpass for …» on the public page does.
        if not change and obj.omfang != Omfang.FELLES and (felles := services.felles_tekst(obj)):
            services.lag_variant(
                felles, request.user, helsefellesskap=obj.helsefellesskap, kommune=obj.kommune
            )

    def response_add(self, request, obj, post_url_continue=None):
        # A new slot is only useful in the editor: go straight there.
        return HttpResponseRedirect(reverse("admin:forlop_tekst_change", args=[obj.pk]))

    # --- the editor ---------------------------------------------------------------------------
    def change_view(self, request, object_id, form_url="", extra_context=None):
        tekst = self.get_object(request, object_id)
        if tekst is None:
            raise Http404
        return redigering.rediger(self, request, tekst)

    def history_view(self, request, object_id, extra_context=None):
        # A text's history is its versions, shown (with diff and restore) in the editor.
        if self.get_object(request, object_id) is None:
            raise Http404
        return HttpResponseRedirect(reverse("admin:forlop_tekst_change", args=[object_id]) + "#historikk")

    def get_urls(self):
        egne = [
            path(
                "forhandsvis/",
                self.admin_site.admin_view(redigering.forhandsvis),
                name="forlop_tekst_forhandsvis",
            ),
            path(
                "<int:felles_id>/tilpass/",
                self.admin_site.admin_view(
                    require_POST(lambda request, felles_id: redigering.tilpass(self, request, felles_id))
                ),
                name="forlop_tekst_tilpass",
            ),
            # An answer to what the editor sent leaves their start page once seen.
            path("svar/sett/", self.admin_site.admin_view(svar.sett), name="forlop_tekst_svar_sett"),
        ]
        return egne + super().get_urls()


@admin.register(Forslag)
class ForslagAdmin(admin.ModelAdmin):
    list_display = ["tekst", "laget_av", "laget", "status"]
    list_filter = ["status"]

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("tekst__forlop", "tekst__tjeneste", "laget_av")
        if Tilgang.for_bruker(request.user).kan_behandle_forslag():
            return qs
        return qs.filter(laget_av=request.user)

    def has_module_permission(self, request):
        return Tilgang.for_bruker(request.user).er_redaksjon

    def has_view_permission(self, request, obj=None):
        # The queryset already limits a redaktør to their own proposals.
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return Tilgang.for_bruker(request.user).kan_behandle_forslag()

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        forslag = self.get_object(request, object_id)
        if forslag is None:
            raise Http404
        feil = None
        if request.method == "POST":
            if not self.has_change_permission(request, forslag):
                raise PermissionDenied
            try:
                utkast = services.behandle_forslag(
                    forslag,
                    request.user,
                    godta=request.POST.get("handling") == "godta",
                    svar=request.POST.get("svar", ""),
                )
            except ValidationError as e:
                feil = e.messages
            else:
                svar.varsle_forslag(request, forslag)
                if utkast:
                    return HttpResponseRedirect(reverse("admin:forlop_tekst_change", args=[utkast.tekst_id]))
                return HttpResponseRedirect(reverse("admin:forlop_forslag_changelist"))
        grunnlag = forslag.grunnlag.markdown if forslag.grunnlag else ""
        return TemplateResponse(
            request,
            "admin/forlop/forslag/behandle.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": str(forslag),
                "forslag": forslag,
                "diff": side_om_side(grunnlag, forslag.markdown, _("Felles tekst"), _("Forslaget")),
                "kan_behandle": self.has_change_permission(request, forslag)
                and forslag.status == ForslagStatus.APENT,
                "feil": feil,
            },
        )


@admin.register(Revisjon)
class RevisjonAdmin(OmfangAdmin):
    list_display = ["forlop", "helsefellesskap", "kommune", "sist_revidert", "neste_revisjon"]
    list_select_related = ["forlop", "helsefellesskap", "kommune"]
    list_filter = ["forlop", "helsefellesskap"]
    date_hierarchy = "neste_revisjon"

    def has_add_permission(self, request):
        return Tilgang.for_bruker(request.user).kan_endre_revisjon()

    def has_change_permission(self, request, obj=None):
        return Tilgang.for_bruker(request.user).kan_endre_revisjon(obj)

    def save_model(self, request, obj, form, change):
        # The form's choices hold the kommunar one may edit; the dates need the right to publish.
        if not Tilgang.for_bruker(request.user).kan_endre_revisjon(obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)


@admin.register(Medlemskap)
class MedlemskapAdmin(admin.ModelAdmin):
    list_display = ["bruker", "rolle", "helsefellesskap", "kommune"]
    list_select_related = ["bruker", "helsefellesskap", "kommune"]
    list_filter = ["rolle", "helsefellesskap"]
    autocomplete_fields = ["bruker"]

    def has_module_permission(self, request):
        return Tilgang.for_bruker(request.user).kan_administrere_medlemskap()

    has_view_permission = has_add_permission = has_change_permission = has_delete_permission = (
        lambda self, request, obj=None: self.has_module_permission(request)
    )
