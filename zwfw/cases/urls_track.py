"""URLs of the cases app's track part (see config/urls.py for the prefix)."""

from django.urls import path  # noqa: F401

app_name = "cases_track"

urlpatterns: list = []
