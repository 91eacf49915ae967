"""django-oauth-toolkit's two pages a person sees, in the portal's layout and in Chinese.

DOT's own templates (``oauth2_provider/authorize.html``, ``logout_confirm.html``) come first in the
template search (its app is listed before ours), so the views are subclassed with our templates.
Errors that cannot be sent back to the client (an unknown client, a redirect URI that is not
registered) are shown here with a Chinese sentence; the technical code follows in small print.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext_lazy as _
from oauth2_provider import views as dot_views

from ..selectors import acting_for
from .claims import ACTING_FOR_CLAIMS_KEY

#: What the error descriptions of oauthlib/DOT mean, for a person.
_BY_DESCRIPTION = {
    "invalid client_id": _("该应用未在本平台登记或已停用，无法使用本平台账号登录。请联系该应用的管理员。"),
    "mismatching redirect uri": _("该应用提供的回调地址与登记的不一致，登录已停止。请联系该应用的管理员。"),
    "missing redirect uri": _("登录请求缺少回调地址。请回到该应用重新登录。"),
    "invalid redirect uri": _("登录请求的回调地址无效。请回到该应用重新登录。"),
    "post_logout_redirect_uri": _("退出后要跳转的地址没有为该应用登记，已停止。请联系该应用的管理员。"),
    "redirect uri": _("跳转地址没有为该应用登记，已停止。请联系该应用的管理员。"),
    "id_token": _("退出请求中的登录凭证无效或不属于本平台。"),
}
_BY_CODE = {
    "invalid_client": _("该应用未在本平台登记或已停用。"),
    "invalid_scope": _("该应用请求了未获准的信息范围。"),
    "logout_denied": _("您取消了退出，仍保持登录。"),
}


def error_text(error: Any) -> str:
    description = str(getattr(error, "description", "") or "").lower()
    for needle, text in _BY_DESCRIPTION.items():
        if needle in description:
            return str(text)
    return str(_BY_CODE.get(str(getattr(error, "error", "")), _("请求有误，无法处理。请回到原来的网站重新操作。")))


class _ChineseErrors:
    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> Any:
        if context.get("error") is not None:
            context = {**context, "error_text": error_text(context["error"])}
        return super().render_to_response(context, **kwargs)  # type: ignore[misc]


class AuthorizationView(_ChineseErrors, dot_views.AuthorizationView):
    template_name = "oauth2_provider/zwfw_authorize.html"

    def create_authorization_response(self, request: Any, scopes: Any, credentials: dict, allow: bool) -> Any:
        # The organisation the person acts for in this session (chosen in the user centre) travels
        # with the authorization code to the ID token (claim ``acting_for``, scope ``organisation``).
        organisation = acting_for(request) if allow else None
        if organisation is not None:
            claims = credentials.get("claims") or {}
            if isinstance(claims, str):
                claims = json.loads(claims or "{}")
            credentials = {**credentials, "claims": {**claims, ACTING_FOR_CLAIMS_KEY: organisation.uscc}}
        return super().create_authorization_response(request, scopes, credentials, allow)


class RPInitiatedLogoutView(_ChineseErrors, dot_views.RPInitiatedLogoutView):
    template_name = "oauth2_provider/zwfw_logout_confirm.html"
