"""One error shape for every answer of the API: ``{"detail": "…", "code": "…"}`` (plus ``errors`` on 422).

``detail`` is a Simplified Chinese sentence a person can act on; ``code`` is a stable English token a
program can switch on (``not_found``, ``invalid``, ``method_not_allowed``, ``server_error``; later
``unauthorized``, ``forbidden``, ``throttled``). A 422 also lists each bad parameter in ``errors``.

Handlers raise :class:`ApiError` (or :func:`not_found` / :func:`invalid`); django-ninja's own
exceptions (parameter validation, ``Http404``, ``HttpError``) are translated here as well, and
:func:`error_response` serves the views outside ninja (unknown paths, wrong methods).
"""

import json
import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import Field

logger = logging.getLogger(__name__)

#: HTTP status → the ``code`` of an error that carries no code of its own.
STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "invalid",
    429: "throttled",
    500: "server_error",
}


class FieldErrorOut(Schema):
    field: str = Field(description="出错的参数名", examples=["page"])
    message: str = Field(description="中文说明", examples=["不能小于 1。"])


class ErrorOut(Schema):
    """Every error answer of the API."""

    detail: str = Field(description="给人看的中文说明", examples=["未找到实施编码为“123”的已发布事项。"])
    code: str = Field(description="给程序判断的错误代码", examples=["not_found"])
    errors: list[FieldErrorOut] | None = Field(None, description="参数校验错误（仅 422）：逐个参数的说明")


class ApiError(Exception):
    """An answer other than 2xx, in the API's error shape."""

    def __init__(self, status: int, detail: str, *, code: str = "", errors: list[dict[str, str]] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = str(detail)
        self.code = code or STATUS_CODES.get(status, "error")
        self.errors = errors

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"detail": self.detail, "code": self.code}
        if self.errors is not None:
            body["errors"] = self.errors
        return body


def not_found(detail: str | None = None) -> ApiError:
    return ApiError(404, detail or _("未找到请求的资源。"))


def invalid(field: str, message: str) -> ApiError:
    """A 422 naming one bad parameter."""
    return ApiError(
        422,
        _("请求参数有误：%(field)s %(message)s") % {"field": field, "message": message},
        errors=[{"field": field, "message": str(message)}],
    )


# --- django-ninja's parameter validation, in Chinese ----------------------------------------------


def _pydantic_message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("缺少必填参数。")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("必须是整数。")
    if kind in ("bool_parsing", "bool_type"):
        return _("只能是 true 或 false。")
    if kind == "greater_than_equal":
        return _("不能小于 %(limit)s。") % {"limit": ctx.get("ge")}
    if kind == "greater_than":
        return _("必须大于 %(limit)s。") % {"limit": ctx.get("gt")}
    if kind == "less_than_equal":
        return _("不能大于 %(limit)s。") % {"limit": ctx.get("le")}
    if kind == "less_than":
        return _("必须小于 %(limit)s。") % {"limit": ctx.get("lt")}
    if kind in ("enum", "literal_error"):
        return _("取值无效，可选值：%(expected)s。") % {"expected": ctx.get("expected", "")}
    if kind == "string_too_long":
        return _("不能超过 %(limit)s 个字符。") % {"limit": ctx.get("max_length")}
    if kind == "string_too_short":
        return (
            _("不能为空。")
            if ctx.get("min_length") == 1
            else _("至少 %(limit)s 个字符。") % {"limit": ctx.get("min_length")}
        )
    if kind == "string_pattern_mismatch":
        return _("格式不正确。")
    return _("取值无效。")


def _field_name(loc: Any) -> str:
    # ("query", "page") → "page"; the source (query/path) is implied by the endpoint.
    parts = [str(p) for p in (loc or ()) if p not in ("query", "path", "body", "header", "ninja_pagination")]
    return ".".join(parts) or "-"


def validation_error(exc: NinjaValidationError) -> ApiError:
    errors = [{"field": _field_name(e.get("loc")), "message": _pydantic_message(e)} for e in exc.errors]
    sentence = "；".join(f"{e['field']} {e['message']}" for e in errors)
    return ApiError(422, _("请求参数有误：%(errors)s") % {"errors": sentence}, errors=errors)


# --- wiring -----------------------------------------------------------------------------------------


def error_response(request: HttpRequest, error: ApiError) -> HttpResponse:
    """The error as a JSON response, for views outside django-ninja (same shape, same encoding)."""
    content = json.dumps(error.body(), ensure_ascii=False)
    return HttpResponse(content, status=error.status, content_type="application/json; charset=utf-8")


def install_error_handlers(api: NinjaAPI) -> None:
    def answer(request: HttpRequest, error: ApiError) -> HttpResponse:
        return api.create_response(request, error.body(), status=error.status)

    api.add_exception_handler(ApiError, answer)
    api.add_exception_handler(NinjaValidationError, lambda request, exc: answer(request, validation_error(exc)))
    api.add_exception_handler(Http404, lambda request, exc: answer(request, not_found()))
    api.add_exception_handler(HttpError, lambda request, exc: answer(request, ApiError(exc.status_code, str(exc))))

    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s", request.path)
        return answer(request, ApiError(500, _("服务器内部错误，请稍后重试。")))

    api.add_exception_handler(Exception, server_error)
