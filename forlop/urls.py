from django.urls import path

from . import views

app_name = "forlop"
urlpatterns = [
    path("", views.start, name="start"),
    path("forlop/", views.liste, name="liste"),
    path("forlop/<slug:slug>/", views.detalj, name="detalj"),
]
