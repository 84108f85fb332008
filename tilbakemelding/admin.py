from django.contrib import admin
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from redaksjon.admin import OmfangAdmin
from redaksjon.tilgang import Tilgang

from .models import Behandling, Tilbakemelding


@admin.register(Tilbakemelding)
class TilbakemeldingAdmin(OmfangAdmin):
    """The editors' inbox: each editor sees the feedback for their own scope only (the same
    rule as for texts, redaksjon.tilgang.Tilgang.tekst_filter); a superuser sees all. The reader's
    words are kept as written; only the status and an internal note can be changed."""

    list_display = ["mottatt", "status", "haster", "kort_tekst", "side_lenke", "seksjon", "omfang_vis"]
    list_filter = ["status", "haster", "forlop"]
    list_select_related = ["forlop", "helsefellesskap", "kommune"]
    search_fields = ["tekst", "side", "seksjon"]
    date_hierarchy = "mottatt"
    fields = [
        "mottatt",
        "status",
        "haster",
        "tekst",
        "epost",
        "side_lenke",
        "forlop",
        "seksjon",
        "gjelder_tekst",
        "omfang_vis",
        "merknad",
    ]
    readonly_fields = [f for f in fields if f not in ("status", "merknad")]
    actions = ["sett_under_arbeid", "sett_lost"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return Tilgang.for_bruker(request.user).kan_slette_tilbakemelding()

    @admin.display(description=_("tilbakemelding"))
    def kort_tekst(self, obj):
        return Truncator(obj.tekst).chars(80)

    @admin.display(description=_("side"))
    def side_lenke(self, obj):
        if not obj.side:
            return "–"
        adresse = f"{obj.side}#{obj.seksjon}" if obj.seksjon else obj.side
        return format_html('<a href="{}">{}</a>', adresse, adresse)

    @admin.display(description=_("gjelder"))
    def omfang_vis(self, obj):
        return obj.omfang_navn

    def _sett(self, request, queryset, status):
        antall = queryset.filter(Tilgang.for_bruker(request.user).tekst_filter()).update(status=status)
        self.message_user(request, _("%(antall)s tilbakemeldinger oppdatert.") % {"antall": antall})

    @admin.action(description=_("Merk som under arbeid"))
    def sett_under_arbeid(self, request, queryset):
        self._sett(request, queryset, Behandling.UNDER_ARBEID)

    @admin.action(description=_("Merk som løst"))
    def sett_lost(self, request, queryset):
        self._sett(request, queryset, Behandling.LOST)
