from django.urls import path

from . import okt, views

app_name = "oving"
urlpatterns = [
    path("oving/", views.liste, name="liste"),
    # Økter first: their fixed words must never be read as a case's slug.
    path("oving/bli-med/", okt.bli_med, name="bli-med"),
    path("oving/bord/<str:nokkel>/", okt.bord, name="bord"),
    path("oving/okt/<str:hemmelighet>/", okt.tilrettelegger, name="okt"),
    path("oving/okt/<str:hemmelighet>/status/", okt.status, name="okt-status"),
    path("oving/okt/<str:hemmelighet>/steg/", okt.bytt_steg, name="okt-steg"),
    path("oving/okt/<str:hemmelighet>/qr.svg", okt.qr, name="okt-qr"),
    path("oving/okt/<str:hemmelighet>/oppsummering/", okt.oppsummering, name="okt-oppsummering"),
    path("oving/okt/<str:hemmelighet>/oppsummering.csv", okt.oppsummering_csv, name="okt-csv"),
    path("oving/okt/<str:hemmelighet>/send/<int:svar>/", okt.send_notat, name="okt-send"),
    path("oving/<slug:slug>/", views.kasus, name="kasus"),
    path("oving/<slug:slug>/start/", okt.start, name="start-okt"),
    path("oving/<slug:slug>/steg/<int:nummer>/", views.steg, name="steg"),
    path("oving/<slug:slug>/med-svar/", views.utskrift, name="utskrift"),
]
