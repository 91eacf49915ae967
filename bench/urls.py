"""The benchmark's URL map: the bare view, then the real site (``config.urls``) unchanged."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def bare(request: HttpRequest) -> HttpResponse:
    """The framework ceiling: no template, no query, only the middleware stack and routing."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("config.urls")),
]
