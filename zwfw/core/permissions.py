"""Permission helpers for views. Who holds a permission is decided by the domains' ``rules.py``."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


def permission_required_or_403(permission: str, message: Any) -> Callable[[View], View]:
    """Anonymous users go to the login page; signed-in users without ``permission`` get 403 with ``message``.

    Unlike Django's ``permission_required``, a signed-in user is never bounced back to the login
    page, and the 403 page says in Chinese why.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.has_perm(permission):
                raise PermissionDenied(str(message))
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator
