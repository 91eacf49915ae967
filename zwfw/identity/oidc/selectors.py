"""Reads of registered clients for the 安全管理员's screens."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import OidcClient


def client_list() -> QuerySet[OidcClient]:
    return OidcClient.objects.select_related("application").order_by("-is_active", "application__name")


def client_get(pk: int) -> OidcClient | None:
    return client_list().filter(pk=pk).first()
