from django.urls import path, register_converter

from . import views


class Kommunenummer:
    regex = "[0-9]{4}"

    def to_python(self, verdi):
        return verdi

    def to_url(self, verdi):
        return verdi


register_converter(Kommunenummer, "kommunenummer")

app_name = "innebygg"
urlpatterns = [
    path("innebygg/<kommunenummer:nummer>/akutt/", views.akutt, name="akutt"),
    path("innebygg/<kommunenummer:nummer>/forlop/<slug:slug>/", views.forlop, name="forlop"),
    path("innebygg/<kommunenummer:nummer>/familie/<slug:slug>/", views.familie, name="familie"),
]
