"""How the API writes JSON and serves its documentation page.

- JSON is UTF-8 with Chinese as characters (not ``\\uXXXX`` escapes): smaller and readable.
- ``/api/v1/docs`` is django-ninja's Swagger UI from its own static files (``ninja`` is in
  INSTALLED_APPS, so nothing comes from a CDN), in our template: page language, a Chinese title,
  no inline script (the settings travel as a JSON data block, read by ninja's init script), and
  the online validator badge off (it would fetch an image from validator.swagger.io), and two
  accessibility fixes of our own (``static/exchange/swagger-a11y.{css,js}``: contrast, heading levels).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer


class UnicodeJSONRenderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}


class LocalSwagger(Swagger):
    template = "exchange/swagger.html"
    default_settings = {
        **Swagger.default_settings,
        "validatorUrl": None,
        # Deep links put a link inside each operation's button (axe: nested-interactive).
        "deepLinking": False,
        # The highlighter's colours (red numbers on dark grey) fail the contrast check.
        "syntaxHighlight": {"activated": False},
        "docExpansion": "list",
        "defaultModelsExpandDepth": 0,
    }

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        return render(request, self.template, {"swagger_settings": settings, "api": api})
