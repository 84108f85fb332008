from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from tjenester.omfang import Omfang

from ..tilgang import Tilgang


class ForvalterAdmin(admin.ModelAdmin):
    """The forløp structure, the catalogue and the pyramid belong to the forvalter alone."""

    def has_module_permission(self, request):
        # Every editor reads the structure their texts hang on; only the forvalter changes it.
        return Tilgang.for_bruker(request.user).er_redaksjon

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return Tilgang.for_bruker(request.user).kan_endre_felles()

    def has_change_permission(self, request, obj=None):
        return Tilgang.for_bruker(request.user).kan_endre_felles()

    def has_delete_permission(self, request, obj=None):
        return Tilgang.for_bruker(request.user).kan_slette_struktur()


class OmfangFilter(admin.SimpleListFilter):
    title = _("omfang")
    parameter_name = "omfang"

    def lookups(self, request, model_admin):
        return Omfang.choices

    def queryset(self, request, queryset):
        return queryset.filter(Omfang(self.value()).q()) if self.value() in Omfang.values else queryset


class OmfangAdmin(admin.ModelAdmin):
    """For rows that carry a scope (helsefellesskap / kommune): listed, changed and saved only
    within the user's scope."""

    def get_queryset(self, request):
        return super().get_queryset(request).filter(Tilgang.for_bruker(request.user).tekst_filter())

    def has_module_permission(self, request):
        return Tilgang.for_bruker(request.user).er_redaksjon

    def has_view_permission(self, request, obj=None):
        return Tilgang.for_bruker(request.user).kan_endre(obj)

    has_change_permission = has_view_permission

    def has_add_permission(self, request):
        return Tilgang.for_bruker(request.user).er_redaksjon

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        tilgang = Tilgang.for_bruker(request.user)
        if db_field.name == "helsefellesskap":
            kwargs["queryset"] = tilgang.helsefellesskap()
        elif db_field.name == "kommune":
            kwargs["queryset"] = tilgang.kommuner()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not Tilgang.for_bruker(request.user).kan_endre(obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)
