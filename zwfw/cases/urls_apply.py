"""URLs of the cases app's apply part (see config/urls.py for the prefix)."""

from django.urls import path  # noqa: F401

app_name = "cases_apply"

urlpatterns: list = []
