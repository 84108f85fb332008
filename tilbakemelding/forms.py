from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from bupkart.fnr import avvis_fodselsnummer, inneholder_fodselsnummer

VINKLAR = str.maketrans({"<": "‹", ">": "›"})


class TilbakemeldingForm(forms.Form):
    tekst = forms.CharField(
        label=_("Hva vil du si til redaksjonen?"),
        help_text=_(
            "Skriv hva som er feil, mangler eller er vanskelig å forstå. Ikke skriv navn, "
            "fødselsnummer eller andre opplysninger om et barn eller en pasient."
        ),
        widget=forms.Textarea(attrs={"rows": 5, "class": "ds-input"}),
    )
    epost = forms.EmailField(
        label=_("E-post (valgfritt)"),
        help_text=_("Bare hvis du vil ha svar."),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"class": "ds-input", "autocomplete": "email"}),
    )
    haster = forms.BooleanField(
        label=_("Det haster: teksten kan føre til feil hjelp nå"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "ds-input"}),
    )
    # A field people never see; a bot that fills in every field gives itself away.
    nettsted = forms.CharField(
        label=_("Ikke fyll ut dette feltet"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    side = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)
    forlop = forms.CharField(required=False, max_length=50, widget=forms.HiddenInput)
    seksjon = forms.CharField(required=False, max_length=140, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        maks = settings.BUPKART_TILBAKEMELDING_MAKS_LENGD
        self.fields["tekst"].max_length = maks
        self.fields["tekst"].widget.attrs["maxlength"] = str(maks)
        self.fields["tekst"].validators.append(MaxLengthValidator(maks))

    def clean_tekst(self):
        raa = self.cleaned_data["tekst"]
        # Before stripping too: strip_tags drops a whole tag, a number inside it («<img alt=…>»)
        # with it, and a reader who wrote a fødselsnummer is refused, not quietly edited.
        avvis_fodselsnummer(raa)
        tekst = strip_tags(raa).replace("\r", "").strip()
        # strip_tags leaves an unclosed tag («<img src=x onerror=…») as it was; feedback is plain
        # text, so what remains of angle brackets is kept as lookalikes and can never be markup.
        tekst = tekst.translate(VINKLAR)
        avvis_fodselsnummer(tekst)
        if not tekst:
            raise forms.ValidationError(_("Skriv en tilbakemelding."), code="tom")
        return tekst

    def clean_epost(self):
        epost = self.cleaned_data["epost"]
        avvis_fodselsnummer(epost)
        return epost

    def clean(self):
        data = super().clean()
        # The hidden fields say where the reader was; they did not type them and cannot correct
        # them, so an address carrying a fødselsnummer is dropped rather than the message refused.
        for navn in ("side", "forlop", "seksjon"):
            if inneholder_fodselsnummer(data.get(navn)):
                data[navn] = ""
        return data

    def er_robot(self):
        return bool((self.data.get("nettsted") or "").strip())
