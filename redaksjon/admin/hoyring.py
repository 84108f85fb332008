from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from forlop.models import Status, Tekstversjon

from ..models import Hoyring, HoyringKommentar, HoyringTekst
from ..tilgang import Tilgang
from .base import OmfangAdmin


class HoyringTekstFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        tilgang = Tilgang.for_bruker(self.request.user)
        for form in self.forms:
            versjon = form.cleaned_data.get("versjon") if form.cleaned_data else None
            if versjon and not form.cleaned_data.get("DELETE"):
                if not tilgang.kan_legge_pa_hoyring(self.instance, versjon.tekst):
                    form.add_error("versjon", _("Utkastet hører ikke til høringens omfang."))


class HoyringTekstInline(admin.TabularInline):
    model = HoyringTekst
    formset = HoyringTekstFormSet
    fields = ["versjon", "grunnlag", "publisering"]
    readonly_fields = ["grunnlag", "publisering"]
    extra = 1

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.request = request
        return formset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "versjon":
            tilgang = Tilgang.for_bruker(request.user)
            kwargs["queryset"] = Tekstversjon.objects.filter(
                tilgang.tekst_filter("tekst__", publisere=True),
                status__in=[Status.UTKAST, Status.TIL_GODKJENNING],
            ).select_related("tekst__forlop", "tekst__tjeneste", "tekst__helsefellesskap", "tekst__kommune")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        return obj is None or Tilgang.for_bruker(request.user).kan_svare_hoyring(obj)

    has_view_permission = has_add_permission = has_delete_permission = has_change_permission


class SvarForm(forms.ModelForm):
    class Meta:
        model = HoyringKommentar
        fields = ["svar", "begrunnelse"]
        widgets = {"begrunnelse": forms.Textarea(attrs={"rows": 2})}


class HoyringKommentarInline(admin.StackedInline):
    """The comments, each answered by the høyring's publishers."""

    model = HoyringKommentar
    form = SvarForm
    fields = ["del_av", "tekst", "avsender", "laget", "svar", "begrunnelse", "svart_av"]
    readonly_fields = ["del_av", "tekst", "avsender", "laget", "svart_av"]
    extra = 0
    can_delete = False
    verbose_name_plural = _("kommentarer og svar")

    @admin.display(description=_("fra"))
    def avsender(self, kommentar):
        deler = [d for d in (kommentar.navn, kommentar.arbeidsstad) if d]
        navn = ", ".join(deler) or _("uten navn")
        return format_html("{} ({})", navn, _("kan vises") if kommentar.vis_navn else _("vises ikke"))

    def has_add_permission(self, request, obj=None):
        return False

    # Asked without a høyring too (the inline's queryset): the høyring's own admin decides then.
    def has_change_permission(self, request, obj=None):
        return obj is None or Tilgang.for_bruker(request.user).kan_svare_hoyring(obj)

    def has_view_permission(self, request, obj=None):
        return obj is None or Tilgang.for_bruker(request.user).kan_se_hoyring(obj)


@admin.register(Hoyring)
class HoyringAdmin(OmfangAdmin):
    list_display = ["tittel", "omfang_navn", "frist", "er_open", "kommentarar_tal"]
    list_select_related = ["helsefellesskap", "kommune"]
    fields = ["tittel", "helsefellesskap", "kommune", "invitasjon", "inviterte", "frist", "lenke"]
    readonly_fields = ["lenke"]
    inlines = [HoyringTekstInline, HoyringKommentarInline]

    @admin.display(description=_("åpen"), boolean=True)
    def er_open(self, hoyring):
        return hoyring.er_open

    @admin.display(description=_("kommentarer"))
    def kommentarar_tal(self, hoyring):
        return hoyring.kommentarar.count()

    @admin.display(description=_("lenke til invitasjonen"))
    def lenke(self, hoyring):
        if not hoyring.pk:
            return _("Lenken lages når høringen er lagret.")
        return format_html('<a href="{0}">{0}</a>', hoyring.delingslenke())

    def has_view_permission(self, request, obj=None):
        return Tilgang.for_bruker(request.user).kan_se_hoyring(obj)

    def has_change_permission(self, request, obj=None):
        tilgang = Tilgang.for_bruker(request.user)
        return tilgang.kan_opne_hoyring() if obj is None else tilgang.kan_svare_hoyring(obj)

    def has_add_permission(self, request):
        return Tilgang.for_bruker(request.user).kan_opne_hoyring()

    def get_readonly_fields(self, request, obj=None):
        # The scope is chosen once: moving a høyring would move its drafts' readers.
        return ["lenke", "helsefellesskap", "kommune"] if obj else ["lenke"]

    def save_model(self, request, obj, form, change):
        tilgang = Tilgang.for_bruker(request.user)
        if not tilgang.kan_svare_hoyring(obj):
            raise PermissionDenied
        if not change:
            obj.laget_av = request.user
        obj.save()

    def save_formset(self, request, form, formset, change):
        if formset.model is HoyringKommentar:
            for skjema in formset.forms:
                if skjema.has_changed():
                    skjema.instance.svart_av = request.user
                    skjema.instance.svart = timezone.now()
        super().save_formset(request, form, formset, change)
