"""Bearer tokens from the platform's OpenID Connect provider on ``/api/v1/`` (RFC 6750).

``OAuth2Bearer("profile", subject="user")`` as an endpoint's ``auth``: the access token is checked
by django-oauth-toolkit itself (``OAuthLibCore.verify_request`` → the provider's validator: the
token exists, has not expired or been revoked, its client is still active), then here:

- no token, or an unknown, expired or revoked one → **401** ``unauthorized`` / ``invalid_token`` with
  ``WWW-Authenticate: Bearer realm="api", error="invalid_token"``;
- a token without the endpoint's scopes → **403** ``insufficient_scope`` (``WWW-Authenticate`` names them);
- a machine (client-credentials) token where a person is needed, or the other way round → **403**
  ``wrong_token``.

Errors keep the API's ``{"detail", "code"}`` shape in Chinese. Tokens in the query string are
refused (DOT's RFC 9700 gate). The handler finds the verified request in ``request.auth``
(:class:`BearerGrant`: ``user``, ``client``, ``scopes``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, Literal

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from ninja.security.http import HttpAuthBase
from oauth2_provider.oauth2_backends import get_oauthlib_core

from .errors import ApiError

REALM = "api"


@dataclass(frozen=True)
class BearerGrant:
    """What a verified access token allows: for whom (``user`` None for a machine), which client, which scopes."""

    user: Any
    client: Any
    scopes: frozenset[str]
    access_token: Any


def _refuse(request: HttpRequest, status: int, detail: str, *, code: str, challenge: str) -> ApiError:
    """The error to raise; :func:`bearer_answers` puts ``challenge`` in ``WWW-Authenticate``."""
    request._bearer_challenge = challenge  # type: ignore[attr-defined]
    return ApiError(status, detail, code=code)


def _challenge(error: str = "", scope: str = "") -> str:
    parts = [f'Bearer realm="{REALM}"']
    if error:
        parts.append(f'error="{error}"')
    if scope:
        parts.append(f'scope="{scope}"')
    return ", ".join(parts)


class OAuth2Bearer(HttpAuthBase):
    """django-ninja auth: a valid access token of the provider holding ``scopes``."""

    openapi_scheme = "bearer"

    def __init__(self, *scopes: str, subject: Literal["user", "machine", "any"] = "any") -> None:
        super().__init__()
        self.scopes = frozenset(scopes)
        self.subject = subject

    def __call__(self, request: HttpRequest) -> BearerGrant:
        header = request.headers.get("Authorization", "")
        if not header.lower().startswith("bearer ") and "access_token" not in request.GET:
            raise _refuse(
                request,
                401,
                _("请提供访问令牌（Authorization: Bearer …）。"),
                code="unauthorized",
                challenge=_challenge(),
            )
        valid, oauth = get_oauthlib_core().verify_request(request, scopes=[])
        user = getattr(oauth, "user", None) if oauth is not None else None
        if not valid or oauth is None or (user is not None and not user.is_active):
            raise _refuse(
                request,
                401,
                _("访问令牌无效或已过期，请重新获取。"),
                code="invalid_token",
                challenge=_challenge("invalid_token"),
            )
        granted = frozenset(oauth.scopes or ())
        if not self.scopes <= granted:
            needed = " ".join(sorted(self.scopes))
            raise _refuse(
                request,
                403,
                _("访问令牌的授权范围不足，本接口需要：%(scopes)s。") % {"scopes": needed},
                code="insufficient_scope",
                challenge=_challenge("insufficient_scope", needed),
            )
        if self.subject == "user" and user is None:
            raise _refuse(
                request,
                403,
                _("本接口需要用户登录后取得的令牌。"),
                code="wrong_token",
                challenge=_challenge("invalid_token"),
            )
        if self.subject == "machine" and user is not None:
            raise _refuse(
                request,
                403,
                _("本接口只接受系统间调用的令牌（客户端凭据方式）。"),
                code="wrong_token",
                challenge=_challenge("invalid_token"),
            )
        return BearerGrant(user=user, client=oauth.client, scopes=granted, access_token=oauth.access_token)


def bearer_answers(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Router view decorator for token-protected endpoints.

    Every answer is ``Cache-Control: no-store`` (it is about a person or a client), the session is
    never read (the token is the only credential), and a 401/403 carries the ``WWW-Authenticate``
    challenge the auth class chose.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request.user = AnonymousUser()
        response = view(request, *args, **kwargs)
        patch_cache_control(response, no_store=True, private=True)
        challenge = getattr(request, "_bearer_challenge", None)
        if response.status_code in (401, 403) and challenge:
            response["WWW-Authenticate"] = challenge
        return response

    return wrapped
