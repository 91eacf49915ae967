"""HTTP caching of the public read API: one view decorator, applied to every public endpoint.

- **ETag** from the response body (a strong validator: the MD5 of the bytes sent) and
  ``If-None-Match`` answered with ``304 Not Modified`` and no body — both from Django's own
  :class:`~django.middleware.http.ConditionalGetMiddleware`, used here as a view decorator.
- ``Cache-Control: public, max-age=60`` on successful GETs: the data is public and holds no
  personal data, so browsers and proxies may share it for a minute.
- The public endpoints are anonymous: the site's session cookie is not read, so the answer does not
  depend on it and the session middleware adds no ``Vary: Cookie``. Endpoints that will need a
  user (OIDC bearer tokens, later issues) live outside the public router and set their own headers.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_cache_control
from django.utils.decorators import decorator_from_middleware

#: Seconds a browser or proxy may reuse an answer without asking again.
PUBLIC_MAX_AGE = 60

_conditional_get = decorator_from_middleware(ConditionalGetMiddleware)


def public_read(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Make ``view`` an anonymous, publicly cacheable read with an ETag and 304 answers."""

    @wraps(view)
    def anonymous(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Replacing the lazy user before anything evaluates it keeps the session unread.
        request.user = AnonymousUser()
        response = view(request, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200:
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        return response

    # Outermost: the ETag is computed after Cache-Control is set (no-store would skip it).
    return _conditional_get(anonymous)
