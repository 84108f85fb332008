"""The admin pages of third-party apps a superuser reads, in Norwegian where their own code
writes English outside gettext (their catalogues are completed in locale-django/)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

# django-otp registers its admin before this app (INSTALLED_APPS order) and builds this help
# text from English words.
admin.site.get_model_admin(TOTPDevice).search_help_text = _("Søk etter brukernavn")
