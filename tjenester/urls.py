from django.urls import path

from . import akutt, views

app_name = "tjenester"
urlpatterns = [
    path("kommune/sok/", views.kommune_sok, name="kommune-sok"),
    path("kommune/<str:nummer>/", views.kommune, name="kommune"),
    path("akutt/", akutt.fagfolk, name="akutt"),
    path("akutt/familie/", akutt.familie, name="akutt-familie"),
]
