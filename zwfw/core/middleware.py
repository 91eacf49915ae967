"""Per-request context that services may read without being handed the request.

The source address of the request is what the audit log records as "from where". Only
REMOTE_ADDR is trusted: behind nginx, the deployment sets it from the proxy (docs/deploy.md)
rather than trusting a client-supplied X-Forwarded-For.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

_source_address: contextvars.ContextVar[str | None] = contextvars.ContextVar("source_address", default=None)


def current_source_address() -> str | None:
    """The client address of the request being served, or None outside a request."""
    return _source_address.get()


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _source_address.set(request.META.get("REMOTE_ADDR") or None)
        try:
            return self.get_response(request)
        finally:
            _source_address.reset(token)


class PrivatePagesMiddleware:
    """Pages served to a signed-in user are never stored by browsers or proxies.

    A shared computer at a township centre or a caching proxy must not keep a page with someone's
    applications on it. Views that set their own Cache-Control are left alone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response
