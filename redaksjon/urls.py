from django.urls import path

from . import views
from .feeds import EndringerFeed

app_name = "redaksjon"
urlpatterns = [
    path("endringer/", views.endringer, name="endringer"),
    path("endringer/feed/", EndringerFeed(), name="endringer-feed"),
]
