from django.urls import path

from . import hoyring, nettverk, views
from .feeds import EndringerFeed

app_name = "redaksjon"
urlpatterns = [
    path("endringer/", views.endringer, name="endringer"),
    path("endringer/feed/", EndringerFeed(), name="endringer-feed"),
    path("hoyring/", hoyring.oversikt, name="hoyringar"),
    path("hoyring/<int:pk>/", hoyring.hoyring, name="hoyring"),
    path("hoyring/<int:pk>/kommenter/", hoyring.kommenter, name="hoyring-kommenter"),
    path("nettverk/<slug:slug>/", nettverk.nettverk, name="nettverk"),
    path("nettverk/<slug:slug>/kontaktpersoner.csv", nettverk.nettverk_csv, name="nettverk-csv"),
    path("nettverk/<slug:slug>/kontaktpersoner.vcf", nettverk.nettverk_vcard, name="nettverk-vcard"),
]
