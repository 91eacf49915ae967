"""What django-axes records: a keyed hash instead of what was typed, and the trusted client address.

A person logs in with a mobile number, which is personal data: it must not reach axes' tables
(``AccessAttempt``, ``AccessFailureLog``) nor its log lines. The "username" axes keys its counters on
is therefore ``h:<keyed hash>`` for anything containing a digit (a mobile number typed any way is
normalised first, so ``138 1234 5678`` and ``13812345678`` count together); a plain staff username
is kept, lower-cased, so that the 安全管理员 can find and clear it.

The value typed in the login form (``login`` in the POST) wins over the credentials axes is handed,
so a failed attempt, the lockout check and the reset after a successful login all use the same key
(axes' own ``user_logged_in`` handler passes the account's username, not what was typed).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from zwfw.core.pii import pii_blind_index

from .fields import mobile_normalise

HASH_PREFIX = "h:"


def axes_key(typed: str) -> str:
    """The key axes stores for a typed login (a username, a mobile number, anything else)."""
    typed = str(typed).strip()
    if not any(ch.isdigit() for ch in typed):
        return typed.lower()
    try:
        typed = mobile_normalise(typed)
    except ValidationError:
        typed = typed.lower()
    return HASH_PREFIX + pii_blind_index(typed, purpose="axes")[:32]


def axes_username(request: Any, credentials: dict[str, Any] | None) -> str | None:
    typed = None
    post = getattr(request, "POST", None) if request is not None else None
    if post is not None:
        typed = post.get("login") or post.get("username")
    if not typed:
        credentials = credentials or {}
        typed = credentials.get("login") or credentials.get("username") or credentials.get("phone")
    if not typed:
        return None
    return axes_key(typed)


def axes_client_ip(request: Any) -> str | None:
    return request.META.get("REMOTE_ADDR") or None
