"""Writes of registered OIDC clients (the 安全管理员's screens, the demo seed) and the audited
machine lookup behind ``POST /api/v1/identity/verify``.

A client is DOT's ``Application`` plus our :class:`~.models.OidcClient` row (kind, allowed scopes,
active). DOT stores the client secret hashed, so the plaintext exists only in what
:func:`client_register` and :func:`client_secret_rotate` return: the screen shows it once.
Secrets never reach the audit log.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import (
    AbstractApplication,
    get_access_token_model,
    get_application_model,
    get_grant_model,
    get_id_token_model,
    get_refresh_token_model,
)
from oauth2_provider.settings import oauth2_settings

from zwfw.core.pii import mask_id_number, mask_name, pii_blind_index
from zwfw.core.services.audit import audit_record
from zwfw.core.services.refusals import refusals_audited, require_perm

from ..choices import UserKind
from ..fields import id_number_normalise
from ..models import User
from ..services.person import ID_NUMBER_PURPOSE
from .models import ClientKind, OidcClient
from .scopes import MACHINE_SCOPES, SCOPES, USER_SCOPES

Application = get_application_model()
MANAGE_CLIENTS = "identity.manage_clients"
GRANT_CODE = AbstractApplication.GRANT_AUTHORIZATION_CODE
GRANT_MACHINE = AbstractApplication.GRANT_CLIENT_CREDENTIALS
#: grant type → what the screens call it.
GRANT_LABELS = {GRANT_CODE: _("授权码（用户登录，PKCE）"), GRANT_MACHINE: _("客户端凭据（系统间调用）")}
UPDATABLE = frozenset({"name", "redirect_uris", "post_logout_redirect_uris", "allowed_scopes", "skip_authorization"})


def _uri_list(value: str | Iterable[str]) -> list[str]:
    items = value.split() if isinstance(value, str) else [str(v).strip() for v in value]
    return list(dict.fromkeys(v for v in items if v))


def _uris_check(uris: list[str], label: str) -> None:
    allowed = oauth2_settings.ALLOWED_REDIRECT_URI_SCHEMES
    for uri in uris:
        parts = urlsplit(uri)
        if parts.scheme not in allowed or not parts.netloc:
            raise ValidationError(
                _("%(label)s“%(uri)s”不正确：须为完整地址，且以 %(schemes)s 开头。"),
                code="invalid_uri",
                params={"label": label, "uri": uri, "schemes": "、".join(f"{s}://" for s in allowed)},
            )
        if parts.fragment or "*" in uri:
            raise ValidationError(
                _("%(label)s“%(uri)s”不能包含 # 片段或通配符。"),
                code="invalid_uri",
                params={"label": label, "uri": uri},
            )


def _scopes_check(kind: str, scopes: list[str]) -> None:
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown:
        raise ValidationError(
            _("未知的授权范围：%(scopes)s。"), code="unknown_scope", params={"scopes": "、".join(unknown)}
        )
    if not scopes:
        raise ValidationError(_("请至少选择一个授权范围。"), code="scopes_required")
    if kind == ClientKind.MACHINE:
        if any(s not in MACHINE_SCOPES for s in scopes):
            raise ValidationError(_("机器客户端只能使用系统间调用的授权范围。"), code="machine_scopes")
    else:
        if any(s not in USER_SCOPES for s in scopes):
            raise ValidationError(_("子站和部门业务系统不能使用系统间调用的授权范围。"), code="user_scopes")
        if "openid" not in scopes:
            raise ValidationError(_("子站和部门业务系统必须包含 openid（登录）授权范围。"), code="openid_required")


def _check(
    *,
    kind: str,
    grant_type: str,
    confidential: bool,
    redirect_uris: list[str],
    post_logout: list[str],
    scopes: list[str],
) -> None:
    if kind not in ClientKind.values:
        raise ValidationError(_("未知的应用类型“%(kind)s”。"), code="invalid_kind", params={"kind": kind})
    if grant_type not in GRANT_LABELS:
        raise ValidationError(_("不支持的授权方式。"), code="invalid_grant")
    if (kind == ClientKind.MACHINE) != (grant_type == GRANT_MACHINE):
        raise ValidationError(
            _("机器客户端使用客户端凭据方式；子站和部门业务系统使用授权码方式。"), code="grant_kind_mismatch"
        )
    if grant_type == GRANT_MACHINE:
        if not confidential:
            raise ValidationError(_("机器客户端必须是机密客户端（持有密钥）。"), code="machine_public")
        if redirect_uris or post_logout:
            raise ValidationError(_("机器客户端不需要回调地址，请留空。"), code="machine_uris")
    elif not redirect_uris:
        raise ValidationError(_("请填写至少一个登录回调地址。"), code="redirect_required")
    _uris_check(redirect_uris, _("登录回调地址"))
    _uris_check(post_logout, _("退出后跳转地址"))
    _scopes_check(kind, scopes)


def _tokens_revoke(application: Any) -> int:
    """End every grant and token of ``application``; return how many access tokens there were."""
    refresh = get_refresh_token_model().objects.filter(application=application, revoked__isnull=True)
    for token in refresh:
        token.revoke()
    access = get_access_token_model().objects.filter(application=application)
    count = access.count()
    access.delete()
    get_id_token_model().objects.filter(application=application).delete()
    get_grant_model().objects.filter(application=application).delete()
    return count


def _describe(client: OidcClient) -> dict[str, Any]:
    app = client.application
    return {
        "client_id": app.client_id,
        "name": app.name,
        "kind": client.kind,
        "grant_type": app.authorization_grant_type,
        "confidential": app.client_type == AbstractApplication.CLIENT_CONFIDENTIAL,
        "scopes": client.scope_list,
        "redirect_uris": app.redirect_uris.split(),
        "post_logout_redirect_uris": app.post_logout_redirect_uris.split(),
        "skip_authorization": app.skip_authorization,
    }


def client_register(
    *,
    actor: User | None,
    name: str,
    kind: str,
    allowed_scopes: Iterable[str],
    redirect_uris: str | Iterable[str] = (),
    post_logout_redirect_uris: str | Iterable[str] = (),
    grant_type: str | None = None,
    confidential: bool = True,
    skip_authorization: bool = True,
    description: str = "",
    client_id: str | None = None,
    client_secret: str | None = None,
) -> tuple[OidcClient, str]:
    """Register a client; return it and its secret in plain text ('' for a public client).

    ``grant_type`` defaults from ``kind``. ``skip_authorization`` (first-party: no consent screen) is
    the administrator's call. ``client_id``/``client_secret`` are for the demo seed only.
    """
    name = (name or "").strip()
    scopes = list(dict.fromkeys(allowed_scopes))
    grant_type = grant_type or (GRANT_MACHINE if kind == ClientKind.MACHINE else GRANT_CODE)
    redirects, post_logout = _uri_list(redirect_uris), _uri_list(post_logout_redirect_uris)
    with refusals_audited(actor=actor, action="oidc_client.register", name=name, kind=kind), transaction.atomic():
        require_perm(actor, MANAGE_CLIENTS, _("只有安全管理员可以登记接入应用。"))
        if not name:
            raise ValidationError(_("请填写应用名称。"), code="name_required")
        if len(name) > 100:
            raise ValidationError(_("应用名称不能超过 100 个字。"), code="name_too_long")
        _check(
            kind=kind,
            grant_type=grant_type,
            confidential=confidential,
            redirect_uris=redirects,
            post_logout=post_logout,
            scopes=scopes,
        )
        if client_id and Application.objects.filter(client_id=client_id).exists():
            raise ValidationError(_("客户端标识已被使用。"), code="duplicate_client_id")
        secret = (client_secret or generate_client_secret()) if confidential else ""
        app = Application(
            name=name,
            client_type=AbstractApplication.CLIENT_CONFIDENTIAL if confidential else AbstractApplication.CLIENT_PUBLIC,
            authorization_grant_type=grant_type,
            redirect_uris=" ".join(redirects),
            post_logout_redirect_uris=" ".join(post_logout),
            skip_authorization=bool(skip_authorization) and grant_type == GRANT_CODE,
            algorithm=AbstractApplication.RS256_ALGORITHM if grant_type == GRANT_CODE else "",
            client_secret=secret,
            hash_client_secret=True,
        )
        if client_id:
            app.client_id = client_id
        app.full_clean()
        app.save()
        client = OidcClient(
            application=app, kind=kind, allowed_scopes=" ".join(scopes), description=(description or "").strip()[:200]
        )
        client.stamp(actor)
        client.save()
        audit_record(actor=actor, action="oidc_client.register", obj=client, detail=_describe(client))
    return client, secret


def client_update(*, actor: User | None, client: OidcClient, data: Mapping[str, Any]) -> list[str]:
    """Change a client's name, URIs, scopes or consent setting; return the names of what changed."""
    unknown = set(data) - UPDATABLE
    if unknown:
        raise TypeError(f"fields that cannot be changed here: {sorted(unknown)}")
    with (
        refusals_audited(actor=actor, action="oidc_client.update", obj=client, client_id=client.application.client_id),
        transaction.atomic(),
    ):
        require_perm(actor, MANAGE_CLIENTS, _("只有安全管理员可以修改接入应用。"))
        locked = OidcClient.objects.select_for_update().select_related("application").get(pk=client.pk)
        app = locked.application
        if not locked.is_active:
            raise ValidationError(_("该应用已停用，不能再修改。"), code="inactive")
        current = {
            "name": app.name,
            "redirect_uris": app.redirect_uris.split(),
            "post_logout_redirect_uris": app.post_logout_redirect_uris.split(),
            "allowed_scopes": locked.scope_list,
            "skip_authorization": app.skip_authorization,
        }
        wanted = dict(current)
        for key, value in data.items():
            if key in ("redirect_uris", "post_logout_redirect_uris"):
                wanted[key] = _uri_list(value)
            elif key == "allowed_scopes":
                wanted[key] = list(dict.fromkeys(value))
            elif key == "name":
                wanted[key] = (value or "").strip()
            else:
                wanted[key] = bool(value)
        if not wanted["name"]:
            raise ValidationError(_("请填写应用名称。"), code="name_required")
        _check(
            kind=locked.kind,
            grant_type=app.authorization_grant_type,
            confidential=app.client_type == AbstractApplication.CLIENT_CONFIDENTIAL,
            redirect_uris=wanted["redirect_uris"],
            post_logout=wanted["post_logout_redirect_uris"],
            scopes=wanted["allowed_scopes"],
        )
        changed = [k for k in current if current[k] != wanted[k]]
        if not changed:
            return []
        app.name = wanted["name"]
        app.redirect_uris = " ".join(wanted["redirect_uris"])
        app.post_logout_redirect_uris = " ".join(wanted["post_logout_redirect_uris"])
        app.skip_authorization = wanted["skip_authorization"] and app.authorization_grant_type == GRANT_CODE
        app.full_clean()
        app.save()
        locked.allowed_scopes = " ".join(wanted["allowed_scopes"])
        locked.stamp(actor)
        locked.save()
        audit_record(
            actor=actor,
            action="oidc_client.update",
            obj=locked,
            detail={"client_id": app.client_id, "changed": changed, **{k: wanted[k] for k in changed}},
        )
    client.refresh_from_db()
    return changed


def client_secret_rotate(*, actor: User | None, client: OidcClient) -> str:
    """Give a confidential client a new secret (returned once, in plain text) and end its tokens."""
    with (
        refusals_audited(
            actor=actor, action="oidc_client.secret_rotate", obj=client, client_id=client.application.client_id
        ),
        transaction.atomic(),
    ):
        require_perm(actor, MANAGE_CLIENTS, _("只有安全管理员可以更换应用密钥。"))
        locked = OidcClient.objects.select_for_update().select_related("application").get(pk=client.pk)
        app = locked.application
        if not locked.is_active:
            raise ValidationError(_("该应用已停用，不能更换密钥。"), code="inactive")
        if app.client_type != AbstractApplication.CLIENT_CONFIDENTIAL:
            raise ValidationError(_("公开客户端没有密钥。"), code="public_client")
        secret = generate_client_secret()
        app.client_secret = secret
        app.hash_client_secret = True
        app.save()
        revoked = _tokens_revoke(app)
        locked.stamp(actor)
        locked.save()
        audit_record(
            actor=actor,
            action="oidc_client.secret_rotate",
            obj=locked,
            detail={"client_id": app.client_id, "tokens_revoked": revoked},
        )
    return secret


def client_deactivate(*, actor: User | None, client: OidcClient, reason: str) -> OidcClient:
    """Stop a client: it can no longer log anyone in or get tokens, and its tokens end now."""
    reason = (reason or "").strip()
    with (
        refusals_audited(
            actor=actor, action="oidc_client.deactivate", obj=client, client_id=client.application.client_id
        ),
        transaction.atomic(),
    ):
        require_perm(actor, MANAGE_CLIENTS, _("只有安全管理员可以停用接入应用。"))
        if not reason:
            raise ValidationError(_("请填写停用原因。"), code="reason_required")
        locked = OidcClient.objects.select_for_update().select_related("application").get(pk=client.pk)
        if not locked.is_active:
            raise ValidationError(_("该应用已经停用。"), code="already_inactive")
        locked.is_active = False
        locked.deactivated_at = timezone.now()
        locked.stamp(actor)
        locked.save()
        revoked = _tokens_revoke(locked.application)
        audit_record(
            actor=actor,
            action="oidc_client.deactivate",
            obj=locked,
            detail={"client_id": locked.application.client_id, "reason": reason, "tokens_revoked": revoked},
        )
    client.refresh_from_db()
    return client


def client_service_user_set(*, actor: User | None, client: OidcClient, user: User | None) -> OidcClient:
    """Give a machine client the staff account it acts as on the department API (None: take it away).

    The account must be an active staff account; its memberships (岗位) decide which cases the client sees
    and may handle, through the same rules as a person at the screen. Its tokens end, so the change applies now.
    """
    with (
        refusals_audited(
            actor=actor, action="oidc_client.service_user", obj=client, client_id=client.application.client_id
        ),
        transaction.atomic(),
    ):
        require_perm(actor, MANAGE_CLIENTS, _("只有安全管理员可以设置接入应用的服务账号。"))
        locked = OidcClient.objects.select_for_update().select_related("application").get(pk=client.pk)
        if not locked.is_active:
            raise ValidationError(_("该应用已停用，不能再修改。"), code="inactive")
        if locked.kind != ClientKind.MACHINE:
            raise ValidationError(_("只有机器客户端（系统间调用）需要服务账号。"), code="not_machine")
        if user is not None and (user.kind != UserKind.STAFF or not user.is_active):
            raise ValidationError(_("服务账号必须是启用的工作人员账号。"), code="service_user_kind")
        previous = locked.service_user_id
        if previous == (user.pk if user is not None else None):
            return locked
        locked.service_user = user
        locked.stamp(actor)
        locked.save()
        revoked = _tokens_revoke(locked.application)
        audit_record(
            actor=actor,
            action="oidc_client.service_user",
            obj=locked,
            detail={
                "client_id": locked.application.client_id,
                "service_user_id": user.pk if user is not None else None,
                "service_user": user.username if user is not None else None,
                "previous_id": previous,
                "tokens_revoked": revoked,
            },
        )
    client.refresh_from_db()
    return client


def client_service_user(application: Any) -> User | None:
    """The active staff account a machine client (DOT application) acts as, or None."""
    client = getattr(application, "zwfw_client", None) if application is not None else None
    if client is None or not client.is_active or client.service_user_id is None:
        return None
    user = client.service_user
    if not user.is_active or user.kind != UserKind.STAFF:
        return None
    return user


def identity_verify(*, application: Any, id_number: str, name: str) -> dict[str, Any]:
    """Is the person with this ID number and name registered here, and at which real-name level?

    For machine clients holding ``identity.verify``. Looked up by the blind index (nothing is
    decrypted); audited with the client and the masked number only. A wrong name answers
    ``name_matches: false`` and reveals nothing else about the account.
    """
    number = id_number_normalise(id_number)  # ValidationError (Chinese) on a bad number
    name = (name or "").strip()
    index = pii_blind_index(number, purpose=ID_NUMBER_PURPOSE)
    user = User.objects.filter(id_number_index=index, is_active=True, kind=UserKind.PERSON).first()
    registered = user is not None
    matches = registered and user.full_name.strip() == name
    answer = {
        "registered": registered,
        "name_matches": matches,
        "assurance_level": int(user.assurance_level) if matches else None,
        "name_masked": mask_name(user.full_name) if matches else None,
    }
    audit_record(
        actor=None,
        action="identity.verify",
        object_type="identity.user" if registered else None,
        object_id=str(user.pk) if registered else None,
        object_repr=mask_name(user.full_name) if registered else None,
        detail={
            "client_id": application.client_id,
            "client": application.name,
            "id_number": mask_id_number(number),
            "registered": registered,
            "name_matches": matches,
        },
    )
    return answer


def client_error_messages(exc: ValidationError | PermissionDenied) -> list[str]:
    """A refusal as sentences for a page."""
    if isinstance(exc, PermissionDenied):
        return [str(exc)]
    return [str(m) for m in exc.messages]
