from django.urls import path

from . import views

app_name = "tjenester"
urlpatterns = [
    path("kommune/sok/", views.kommune_sok, name="kommune-sok"),
    path("kommune/<str:nummer>/", views.kommune, name="kommune"),
]
