from django.urls import path

from . import views

app_name = "innforing"
urlpatterns = [
    path("ta-i-bruk/", views.ta_i_bruk, name="ta-i-bruk"),
    path("ta-i-bruk/oversikt/", views.oversikt, name="oversikt"),
    path("ta-i-bruk/<slug:slug>/rediger/", views.rediger, name="rediger"),
]
