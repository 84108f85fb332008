from django.urls import path

from . import views

app_name = "sok"
urlpatterns = [path("sok/", views.sok_side, name="sok")]
