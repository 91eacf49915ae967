"""The public read API under /api/v1/ (mounted by config/urls.py).

django-ninja's URL patterns, each view wrapped by :func:`api_view` so that what ninja answers
outside an operation — a wrong method (405) or the bare ``/api/v1/`` — uses the API's JSON error
shape too; any other path below ``/api/v1/`` is a JSON 404 instead of the portal's HTML page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, include, path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from .api import api
from .api.errors import ApiError, error_response, not_found


def api_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return error_response(request, not_found())
        if response.status_code == 405 and not response.get("Content-Type", "").startswith("application/json"):
            allowed = response.get("Allow", "")
            error = ApiError(
                405,
                _("不支持 %(method)s 请求，本地址只接受 %(allowed)s。")
                % {"method": request.method, "allowed": allowed or "GET"},
            )
            answer = error_response(request, error)
            answer["Allow"] = allowed
            return answer
        return response

    return csrf_exempt(wrapper)


@csrf_exempt
def unknown(request: HttpRequest, rest: str = "") -> HttpResponse:
    request.user = AnonymousUser()  # like every public answer: the session is not read (no Vary: Cookie)
    return error_response(request, not_found(_("接口中没有这个地址，可用的接口见 /api/v1/docs。")))


_patterns, _app_name, _namespace = api.urls
_wrapped = [URLPattern(p.pattern, api_view(p.callback), p.default_args, p.name) for p in _patterns]

urlpatterns = [
    path("", include((_wrapped, _app_name), namespace=_namespace)),
    re_path(r"^(?P<rest>.*)$", unknown),
]
