from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from forlop.models import Forlop
from redaksjon.tilgang import Tilgang

from .models import Nettsted


def snutter(request, kommune):
    """What a kommune pastes into its own pages: an iframe per embed, at this site's address."""
    eksempel = Forlop.objects.published().values_list("slug", flat=True).first()
    sider = [("akutt", reverse("innebygg:akutt", args=[kommune.nummer]))]
    if eksempel:
        sider += [
            ("forlop", reverse("innebygg:forlop", args=[kommune.nummer, eksempel])),
            ("familie", reverse("innebygg:familie", args=[kommune.nummer, eksempel])),
        ]
    return [
        {
            "side": side,
            "kode": f'<iframe src="{request.build_absolute_uri(sti)}" title="Barn og unges helsetjeneste" '
            f'style="width:100%;height:40rem;border:0" loading="lazy"></iframe>',
        }
        for side, sti in sider
    ]


@admin.register(Nettsted)
class NettstedAdmin(admin.ModelAdmin):
    """A kommune's own web sites, kept by those who keep the kommune (redaksjon.tilgang), with
    the code to paste shown on each."""

    list_display = ["adresse", "kommune"]
    list_select_related = ["kommune"]
    search_fields = ["adresse", "kommune__navn", "kommune__nummer"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(kommune__in=Tilgang.for_bruker(request.user).kommuner())

    def has_module_permission(self, request):
        return Tilgang.for_bruker(request.user).kan_endre_kommune()

    def has_view_permission(self, request, obj=None):
        tilgang = Tilgang.for_bruker(request.user)
        return tilgang.kan_endre_kommune(obj.kommune if obj else None)

    has_change_permission = has_delete_permission = has_view_permission

    def has_add_permission(self, request):
        return Tilgang.for_bruker(request.user).kan_endre_kommune()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "kommune":
            kwargs["queryset"] = Tilgang.for_bruker(request.user).kommuner()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not Tilgang.for_bruker(request.user).kan_endre_kommune(obj.kommune):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["snutter"] = snutter(request, obj.kommune)
        return super().render_change_form(request, context, add, change, form_url, obj)
