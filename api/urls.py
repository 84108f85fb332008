from django.urls import URLPattern, include, path

from . import views
from .api import api
from .http import lesbar


def _lesbare(monstre):
    """ninja's URL patterns, each view wrapped in api.http's headers and limits."""
    for monster in monstre:
        if isinstance(monster, URLPattern) and monster.name not in ("openapi-json", "api-root"):
            monster.callback = lesbar(monster.callback, monster.name)
    return monstre


app_name = "api"
urlpatterns = [
    path("api/v1/", views.dokumentasjon, name="dokumentasjon"),
    path("api/v1/", include((_lesbare(api.urls[0]), "v1"))),
]
