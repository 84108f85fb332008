from django.contrib import admin
from django.urls import include, path

from . import tofaktor, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Before the admin's own URLs, which would otherwise claim the path.
    path("admin/tofaktor/", tofaktor.tofaktor, name="tofaktor"),
    path("admin/", admin.site.urls),
    path("tilgjengelighet/", views.tilgjengelighet, name="tilgjengelighet"),
    path("", include("forlop.urls")),
    path("", include("tjenester.urls")),
    path("", include("sok.urls")),
    path("", include("tilbakemelding.urls")),
]
