from django.contrib import admin
from django.core.exceptions import PermissionDenied

from tjenester.models import Helsefellesskap, Kommune, LokaltTilbud, Niva, Tjeneste

from ..tilgang import Tilgang
from .base import ForvalterAdmin


@admin.register(Tjeneste)
class TjenesteAdmin(ForvalterAdmin):
    list_display = ["navn_nb", "navn_nn", "slug", "sektor"]
    list_filter = ["sektor"]
    search_fields = ["navn_nb", "navn_nn", "slug"]
    prepopulated_fields = {"slug": ["navn_nb"]}


@admin.register(Helsefellesskap)
class HelsefellesskapAdmin(admin.ModelAdmin):
    list_display = ["navn", "malform", "helseforetak", "bup_akutt_telefon", "tatt_i_bruk"]
    prepopulated_fields = {"slug": ["navn"]}

    def has_module_permission(self, request):
        return Tilgang.for_bruker(request.user).er_redaksjon

    def has_view_permission(self, request, obj=None):
        return Tilgang.for_bruker(request.user).kan_se_helsefellesskap(obj)

    def has_change_permission(self, request, obj=None):
        return Tilgang.for_bruker(request.user).kan_endre_helsefellesskap(obj)

    def has_add_permission(self, request):
        return Tilgang.for_bruker(request.user).kan_endre_register()

    def has_delete_permission(self, request, obj=None):
        return False  # kommunar and texts hang on it

    def get_queryset(self, request):
        return super().get_queryset(request).filter(Tilgang.for_bruker(request.user).helsefellesskap_filter())

    def get_readonly_fields(self, request, obj=None):
        return (
            []
            if Tilgang.for_bruker(request.user).kan_endre_register()
            # Whether its kommunar get the model's pages is the register's call, not the partnership's.
            else ["navn", "slug", "malform", "helseforetak", "tatt_i_bruk"]
        )

    def get_prepopulated_fields(self, request, obj=None):
        # The slug can only be prefilled where it can be edited.
        return self.prepopulated_fields if Tilgang.for_bruker(request.user).kan_endre_register() else {}


@admin.register(Kommune)
class KommuneAdmin(admin.ModelAdmin):
    list_display = ["navn", "nummer", "helsefellesskap", "kontakt_rolle", "kontakt_telefon"]
    list_filter = ["helsefellesskap"]
    search_fields = ["navn", "offisielt_navn", "nummer"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("helsefellesskap")
            .filter(Tilgang.for_bruker(request.user).kommune_filter())
        )

    def has_module_permission(self, request):
        return Tilgang.for_bruker(request.user).er_redaksjon

    def has_view_permission(self, request, obj=None):
        return Tilgang.for_bruker(request.user).kan_se_kommune(obj)

    def has_change_permission(self, request, obj=None):
        return Tilgang.for_bruker(request.user).kan_endre_kommune(obj)

    def has_add_permission(self, request):
        return Tilgang.for_bruker(request.user).kan_endre_register()

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return (
            []
            if Tilgang.for_bruker(request.user).kan_endre_register()
            else ["nummer", "navn", "offisielt_navn", "helsefellesskap"]
        )


@admin.register(LokaltTilbud)
class LokaltTilbudAdmin(admin.ModelAdmin):
    list_display = ["navn", "kommune", "tjeneste", "niva", "telefon", "forste_kontakt"]
    list_filter = ["niva", "tjeneste", "kommune__helsefellesskap"]
    search_fields = ["navn", "tilbyr", "kommune__navn"]
    list_select_related = ["kommune", "tjeneste", "niva"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(Tilgang.for_bruker(request.user).tilbud_filter())

    def has_module_permission(self, request):
        return Tilgang.for_bruker(request.user).kan_endre_tilbud()

    def has_view_permission(self, request, obj=None):
        return Tilgang.for_bruker(request.user).kan_endre_tilbud(obj)

    has_change_permission = has_delete_permission = has_view_permission

    def has_add_permission(self, request):
        return Tilgang.for_bruker(request.user).kan_endre_tilbud()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "kommune":
            kwargs["queryset"] = Tilgang.for_bruker(request.user).kommuner()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not Tilgang.for_bruker(request.user).kan_endre_tilbud(obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)


@admin.register(Niva)
class NivaAdmin(ForvalterAdmin):
    list_display = ["rekkefolge", "navn_nb", "navn_nn"]
    list_display_links = ["navn_nb"]
