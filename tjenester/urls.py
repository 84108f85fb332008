from django.urls import path

from . import views

app_name = "tjenester"
urlpatterns = [
    path("tjenester/<slug:slug>/", views.tjeneste, name="tjeneste"),
    path("tjenester/<slug:slug>/forlop/<slug:forlop>/", views.tjeneste_i_forlop, name="tjeneste-i-forlop"),
    path("kommune/sok/", views.kommune_sok, name="kommune-sok"),
    path("kommune/<str:nummer>/", views.kommune, name="kommune"),
]
