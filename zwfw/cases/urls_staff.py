"""URLs of the cases app's staff part (see config/urls.py for the prefix)."""

from django.urls import path  # noqa: F401

app_name = "cases_staff"

urlpatterns: list = []
