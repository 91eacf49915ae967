"""Screens of core under /staff/system/: the working-day calendar, system alerts, the audit log."""

from django.urls import path  # noqa: F401

app_name = "core"

urlpatterns: list = []
