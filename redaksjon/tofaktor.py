"""Two-factor login for editors: register a TOTP app (the otpauth URI and the secret are shown
as text; no QR image is fetched from anyone) and confirm a code to verify this session."""

from base64 import b32encode

from django import forms
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from bupkart.http import lokal_adresse


class KodeSkjema(forms.Form):
    kode = forms.RegexField(
        label=gettext_lazy("Engangskode fra appen"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={"invalid": gettext_lazy("Koden har seks sifre.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _neste(request):
    neste = request.POST.get("next") or request.GET.get("next")
    return lokal_adresse(neste, med_sporring=True) or reverse("admin:index")


@never_cache
@require_http_methods(["GET", "POST"])
def tofaktor(request):
    if not (request.user.is_authenticated and request.user.is_staff):
        return redirect_to_login(request.get_full_path(), reverse("admin:login"), REDIRECT_FIELD_NAME)
    bekreftet = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    # Only a user without a confirmed device may register one: a stolen password alone must
    # not be enough to enrol the thief's phone.
    enhet = bekreftet or TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if enhet is None:
        enhet = TOTPDevice.objects.create(user=request.user, name="TOTP", confirmed=False)
    skjema = KodeSkjema(request.POST or None)
    if request.method == "POST" and skjema.is_valid():
        if enhet.verify_token(skjema.cleaned_data["kode"].strip()):
            if not enhet.confirmed:
                enhet.confirmed = True
                enhet.save(update_fields=["confirmed"])
            otp_login(request, enhet)
            return redirect(_neste(request))
        skjema.add_error("kode", _("Koden stemmer ikke. Sjekk klokka på telefonen og prøv den neste koden."))
    kontekst = {
        **admin.site.each_context(request),
        "title": _("Tofaktor-innlogging"),
        "skjema": skjema,
        "registrering": not enhet.confirmed,
        "uri": enhet.config_url if not enhet.confirmed else "",
        "hemmelighet": b32encode(enhet.bin_key).decode() if not enhet.confirmed else "",
        "neste": _neste(request),
    }
    return TemplateResponse(request, "sikkerhet/tofaktor.html", kontekst)
