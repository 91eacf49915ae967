"""``assurance_required``: a view that needs a real-name level (实名等级).

    @assurance_required(AssuranceLevel.ID_CHECKED)
    def sign(request): ...

    # the level depends on the object (issue 5's application flow):
    @assurance_required(lambda request, code, **kw: item_required_level(code))
    def apply(request, code): ...

Anonymous users go to the login page. A signed-in user below the level gets a page (HTTP 403)
that names the level needed, their own, and how to raise it (``assurance_level_page``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from .choices import AssuranceLevel
from .selectors import level_meets

View = Callable[..., HttpResponse]
LevelSpec = int | Callable[..., int]


def assurance_level_page(request: HttpRequest, required: int, *, status: int = 403) -> HttpResponse:
    """The page shown when the user's level is below ``required``: what is needed and how to get it."""
    return render(
        request,
        "identity/account/level_required.html",
        {
            "required_level": AssuranceLevel(int(required)),
            "current_level": AssuranceLevel(int(request.user.assurance_level)),
            "levels": AssuranceLevel,
            "next_url": request.get_full_path(),
            "breadcrumbs": [(_("首页"), reverse("portal:home")), (_("需要提升实名等级"), None)],
        },
        status=status,
    )


def assurance_required(level: LevelSpec) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            required = level(request, *args, **kwargs) if callable(level) else level
            if not level_meets(request.user, required):
                return assurance_level_page(request, required)
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator
