"""Signing a persona into the browser without the login form (that form has its own browser tests)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.test import Client


def browser_login(page: Any, live_server: Any, user: Any) -> None:
    """Give the browser a logged-in session of ``user`` (made by Django's test client)."""
    client = Client()
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
