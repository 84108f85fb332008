from django.urls import path

from . import familie, henvisning, views
from .feeds import EndringerFeed

app_name = "forlop"
urlpatterns = [
    path("", views.start, name="start"),
    path("forlop/", views.liste, name="liste"),
    path("forlop/<slug:slug>/", views.detalj, name="detalj"),
    path("forlop/<slug:slug>/henvisning/", henvisning.sjekkliste, name="henvisning"),
    path("familie/<slug:slug>/", familie.familie, name="familie"),
    path("endringer/", views.endringer, name="endringer"),
    path("endringer/feed/", EndringerFeed(), name="endringer-feed"),
]
