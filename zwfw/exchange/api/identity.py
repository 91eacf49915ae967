"""``/api/v1/me`` and ``/api/v1/identity/verify``: the endpoints that need a bearer token.

Mounted on ``api`` directly, never under ``public`` (that router caches answers publicly and
ignores credentials). Tokens come from the provider at ``/o/`` (docs/howto/sso.md, docs/api.md).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema

from zwfw.identity.services.oidc import identity_verify, user_claims

from .auth import OAuth2Bearer, bearer_answers
from .errors import ErrorOut, invalid

router = Router(tags=["统一身份认证"])
router.add_decorator(bearer_answers, mode="view")


class OrganisationOut(Schema):
    uscc: str = Field(description="统一社会信用代码")
    name: str = Field(description="单位名称")
    role: str = Field(description="角色代码：admin 单位管理员，agent 经办人")
    role_label: str = Field(description="角色")
    verified: bool = Field(description="单位是否已核验")


class MeOut(Schema):
    sub: str = Field(description="用户标识（与 ID 令牌的 sub 相同）")
    name: str = Field(description="姓名")
    preferred_username: str = Field(description="用户名")
    id_number_masked: str = Field(description="脱敏的居民身份证号码（前6后4）", examples=["620423********1234"])
    phone_number_masked: str = Field(description="脱敏的手机号码（前3后4）", examples=["138****5678"])
    assurance_level: int = Field(description="实名等级：1 手机号码已验证，2 身份证号码已核验，3 窗口现场核验")
    assurance_level_label: str = Field(description="实名等级名称")
    organisations: list[OrganisationOut] | None = Field(
        None, description="代办的法人单位（令牌含 organisation 授权范围时才有）"
    )


class VerifyIn(Schema):
    id_number: str = Field(min_length=1, max_length=20, description="居民身份证号码（18位）")
    name: str = Field(min_length=1, max_length=100, description="姓名")


class VerifyOut(Schema):
    registered: bool = Field(description="该身份证号码是否已在本平台注册（有效账号）")
    name_matches: bool = Field(description="姓名是否与注册信息一致")
    assurance_level: int | None = Field(None, description="实名等级（仅在号码和姓名都一致时返回）")
    name_masked: str | None = Field(None, description="脱敏的姓名（仅在号码和姓名都一致时返回）")


ERRORS = {401: ErrorOut, 403: ErrorOut}


@router.get(
    "/me",
    auth=OAuth2Bearer("profile", subject="user"),
    response={200: MeOut, **ERRORS},
    url_name="me",
    summary="当前用户",
    description=(
        "用用户登录后取得的访问令牌（授权范围 profile）查询本人信息：姓名、脱敏的证件号码和手机号码、实名等级；"
        "令牌含 organisation 授权范围时另返回代办的法人单位。应答不缓存（Cache-Control: no-store）。"
    ),
)
def me(request: HttpRequest) -> Any:
    grant = request.auth  # type: ignore[attr-defined]
    scopes = {"openid", "profile", "realname"} | ({"organisation"} & grant.scopes)
    return user_claims(grant.user, scopes)


@router.post(
    "/identity/verify",
    auth=OAuth2Bearer("identity.verify", subject="machine"),
    response={200: VerifyOut, 422: ErrorOut, **ERRORS},
    url_name="identity_verify",
    summary="实名注册核验（系统间调用）",
    description=(
        "机器客户端用客户端凭据方式取得的令牌（授权范围 identity.verify）核验某人是否已在本平台实名注册："
        "号码和姓名都一致时返回实名等级和脱敏姓名。身份证号码只放在请求正文中，每次调用都记入审计日志（号码脱敏）。"
    ),
)
def verify(request: HttpRequest, body: VerifyIn) -> Any:
    grant = request.auth  # type: ignore[attr-defined]
    try:
        return identity_verify(application=grant.client, id_number=body.id_number, name=body.name)
    except ValidationError as exc:
        raise invalid("id_number", "；".join(exc.messages)) from exc
