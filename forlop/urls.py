from django.urls import path

from . import views
from .feeds import EndringerFeed

app_name = "forlop"
urlpatterns = [
    path("", views.start, name="start"),
    path("forlop/", views.liste, name="liste"),
    path("forlop/<slug:slug>/", views.detalj, name="detalj"),
    path("endringer/", views.endringer, name="endringer"),
    path("endringer/feed/", EndringerFeed(), name="endringer-feed"),
]
