"""What django-axes records: a keyed hash instead of what was typed, and the trusted client address."""

from __future__ import annotations

from typing import Any

from zwfw.core.pii import pii_blind_index


def axes_username(request: Any, credentials: dict[str, Any] | None) -> str | None:
    """Staff usernames are kept as typed; anything that could be a phone number becomes ``h:<hash>``."""
    credentials = credentials or {}
    typed = credentials.get("username") or credentials.get("login") or credentials.get("phone")
    if typed is None and request is not None and hasattr(request, "POST"):
        typed = request.POST.get("login") or request.POST.get("username")
    if not typed:
        return None
    typed = str(typed).strip()
    if any(ch.isdigit() for ch in typed):
        return "h:" + pii_blind_index(typed, purpose="axes")[:32]
    return typed.lower()


def axes_client_ip(request: Any) -> str | None:
    return request.META.get("REMOTE_ADDR") or None
