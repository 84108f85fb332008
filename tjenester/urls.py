from django.urls import path

from . import views

app_name = "tjenester"
urlpatterns = [
    path("tjenester/<slug:slug>/", views.tjeneste, name="tjeneste"),
]
