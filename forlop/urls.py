from django.urls import path

from . import familie, henvisning, versjon, views

app_name = "forlop"
urlpatterns = [
    path("", views.start, name="start"),
    path("forlop/", views.liste, name="liste"),
    path("forlop/<slug:slug>/", views.detalj, name="detalj"),
    path("forlop/<slug:slug>/versjon/<int:pk>/", versjon.versjon, name="versjon"),
    path("forlop/<slug:slug>/henvisning/", henvisning.sjekkliste, name="henvisning"),
    path("familie/<slug:slug>/", familie.familie, name="familie"),
    path("tjenester/", views.tjenester, name="tjenester"),
    path("tjenester/<slug:slug>/", views.tjeneste, name="tjeneste"),
    path("tjenester/<slug:slug>/forlop/<slug:forlop>/", views.tjeneste_i_forlop, name="tjeneste-i-forlop"),
]
