from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from redaksjon import tofaktor

from . import views

admin.site.site_header = _("Barn og unges helsetjeneste – redaksjon")
admin.site.site_title = _("Redaksjon")
admin.site.index_title = _("Arbeidsflate")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Before the admin's own URLs, which would otherwise claim the path.
    path("admin/tofaktor/", tofaktor.tofaktor, name="tofaktor"),
    path("admin/", admin.site.urls),
    path("tilgjengelighet/", views.tilgjengelighet, name="tilgjengelighet"),
    path("", include("forlop.urls")),
    path("", include("redaksjon.urls")),
    path("", include("tjenester.urls")),
    path("", include("sok.urls")),
    path("", include("tilbakemelding.urls")),
    path("", include("oving.urls")),
    path("", include("tal.urls")),
    path("", include("innforing.urls")),
    path("", include("api.urls")),
    path("", include("innebygg.urls")),
]
