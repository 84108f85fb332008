"""Cases in the admin, within the editor's scope (redaksjon's OmfangAdmin and Tilgang): a save
records a version; publishing is for the publishers of the case's scope, and a save by someone
who may only propose (a kommunekontakt) returns the case to draft until a publisher publishes."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from forlop.models import SEKSJONER
from redaksjon.admin import OmfangAdmin
from redaksjon.tilgang import Tilgang

from . import bundle
from .models import Kasus, KasusStatus, Kasusversjon, Steg


class StegSkjema(forms.ModelForm):
    seksjoner = forms.MultipleChoiceField(
        label=_("Seksjoner som gjelder"),
        choices=[(s.value, s.label) for s in SEKSJONER],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Steg
        fields = ["nummer", "hending_nb", "hending_nn", "tjenester", "seksjoner"]


class StegInline(admin.StackedInline):
    model = Steg
    form = StegSkjema
    extra = 0
    filter_horizontal = ["tjenester"]


class KasusversjonInline(admin.TabularInline):
    model = Kasusversjon
    fields = ["nummer", "status", "laget_av", "laget"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Kasus)
class KasusAdmin(OmfangAdmin):
    list_display = ["tittel_nb", "forlop", "omfang_navn", "status", "versjon"]
    list_filter = ["status", "forlop"]
    readonly_fields = ["status", "versjon"]
    inlines = [StegInline, KasusversjonInline]
    actions = ["publiser", "trekk_tilbake"]
    prepopulated_fields = {"slug": ["tittel_nb"]}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        kasus = form.instance
        tilgang = Tilgang.for_bruker(request.user)
        status = None if tilgang.kan_publisere(kasus) else KasusStatus.UTKAST
        bundle.ny_versjon(kasus, request.user, status)

    def _skift(self, request, queryset, status, melding):
        tilgang = Tilgang.for_bruker(request.user)
        mine = [k for k in queryset if tilgang.kan_publisere(k)]
        for kasus in mine:
            bundle.ny_versjon(kasus, request.user, status)
        if len(mine) < queryset.count():
            self.message_user(request, _("Noen kasus er utenfor det du kan publisere."), messages.WARNING)
        self.message_user(request, melding % {"antall": len(mine)})

    @admin.action(description=_("Publiser valgte kasus"))
    def publiser(self, request, queryset):
        self._skift(request, queryset, KasusStatus.PUBLISERT, _("%(antall)s kasus publisert."))

    @admin.action(description=_("Trekk valgte kasus tilbake til utkast"))
    def trekk_tilbake(self, request, queryset):
        self._skift(request, queryset, KasusStatus.UTKAST, _("%(antall)s kasus trukket tilbake."))
