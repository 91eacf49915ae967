from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    """The site name every page shows in its header."""
    return {"site_name": settings.ZWFW_SITE_NAME}
