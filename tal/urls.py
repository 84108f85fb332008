from django.urls import path

from . import views

app_name = "tal"
urlpatterns = [
    path("tal/", views.side, name="side"),
    path("tal/last-inn/", views.last_inn_side, name="last-inn"),
    path("tal/kommune/<str:nummer>/tal.csv", views.kommune_csv, name="kommune-csv"),
    path("tal/<slug:slug>/tal.csv", views.side_csv, name="csv"),
]
