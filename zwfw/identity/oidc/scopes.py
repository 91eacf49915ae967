"""The scopes the provider knows, and which of them each registered client may ask for.

User scopes (authorization code flow): ``openid``, ``profile``, ``realname``, ``organisation``, ``cases``
(the mobile app's applicant journey on ``/api/v1/``). Machine scopes (client credentials flow):
``identity.verify``, ``cases.inbox`` and ``cases.handle`` (a department system's inbox and handling actions,
acting as the client's service account). Each client's own list is kept on its
:class:`~zwfw.identity.oidc.models.OidcClient` row (DOT 3.x has no per-application scopes); a scope
outside that list is refused with ``invalid_scope``. A deactivated client may ask for nothing.
"""

from __future__ import annotations

from typing import Any

from oauth2_provider.scopes import BaseScopes

#: Every scope, with the sentence the consent page shows for it.
SCOPES: dict[str, str] = {
    "openid": "使用景泰政务服务网账号登录（用户标识）",
    "profile": "姓名和脱敏的身份证号码、手机号码",
    "realname": "实名等级",
    "organisation": "代办的法人单位（统一社会信用代码、名称、角色）",
    "cases": "以您的名义网上申报：草稿、材料、提交、查看办件进度和补正",
    "identity.verify": "核验某人是否已在本平台实名注册（系统间调用）",
    "cases.inbox": "读取本部门的待办办件（系统间调用，以服务账号的岗位为限）",
    "cases.handle": "办理本部门的办件：受理、补正告知、审查、决定、送达（系统间调用，以服务账号的岗位为限）",
}
#: Scopes that name a person's data: only for clients acting for a logged-in user.
USER_SCOPES = ("openid", "profile", "realname", "organisation", "cases")
#: What a sub-site or department system needs for single sign-on (``cases`` is for applying apps only).
SSO_SCOPES = ("openid", "profile", "realname", "organisation")
#: Scopes of machine (client credentials) clients.
MACHINE_SCOPES = ("identity.verify", "cases.inbox", "cases.handle")


def client_allowed_scopes(application: Any) -> list[str]:
    """The scopes ``application`` may ask for: its registered list, nothing when deactivated or unknown."""
    if application is None:
        return []
    client = getattr(application, "zwfw_client", None) if application.pk else None
    if client is None or not client.is_active:
        return []
    return [s for s in client.scope_list if s in SCOPES]


class ScopesBackend(BaseScopes):
    """DOT's scopes backend, per client (``SCOPES_BACKEND_CLASS``)."""

    def get_all_scopes(self) -> dict[str, str]:
        return SCOPES

    def get_available_scopes(self, application: Any = None, request: Any = None, *args: Any, **kwargs: Any) -> list:
        # Without an application (the discovery document): every scope the provider knows.
        if application is None:
            return list(SCOPES)
        return client_allowed_scopes(application)

    def get_default_scopes(self, application: Any = None, request: Any = None, *args: Any, **kwargs: Any) -> list:
        # A request without "scope": the client's machine scopes (client credentials) or just openid.
        allowed = client_allowed_scopes(application)
        machine = [s for s in allowed if s in MACHINE_SCOPES]
        if machine:
            return machine
        return ["openid"] if "openid" in allowed else []
