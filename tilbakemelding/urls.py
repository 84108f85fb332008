from django.urls import path

from . import views

app_name = "tilbakemelding"
urlpatterns = [path("tilbakemelding/", views.tilbakemelding, name="tilbakemelding")]
