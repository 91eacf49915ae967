"""Writes of user accounts: create, update, set a password.

Staff accounts are managed by the 安全管理员 (``org.manage_memberships``, the permission for
accounts, roles and keys); ``actor=None`` is the system (the seed loader). Self-registration of
persons through the portal is a separate service. Passwords never reach the audit log or a log
line: the audit detail says only whether a usable password was set.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.core.services.audit import audit_record, audit_record_refusal

from ..choices import UserKind
from ..models import User

#: The permission that lets a user manage other people's accounts (held by the 安全管理员).
ACCOUNTS_PERM = "org.manage_memberships"
USER_FIELDS = frozenset({"full_name", "kind", "is_active"})


def _password_validate(password: str, user: User) -> None:
    """Django's configured validators, with Chinese messages for the ones the project uses.

    Django 5.2's own zh_Hans catalogue lags behind some of its validator messages (the
    minimum-length one comes out in English), so the known codes are worded here.
    """
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        worded = {
            "password_too_short": _("密码太短，至少需要 %(min_length)d 个字符。"),
            "password_too_common": _("这个密码太常见，请换一个。"),
            "password_entirely_numeric": _("密码不能全部是数字。"),
            "password_too_similar": _("密码与%(verbose_name)s太相似。"),
        }
        raise ValidationError(
            [
                ValidationError(worded[e.code], code=e.code, params=e.params) if e.code in worded else e
                for e in exc.error_list
            ]
        ) from exc


def _reason(exc: Exception) -> str:
    return "；".join(str(m) for m in exc.messages) if isinstance(exc, ValidationError) else str(exc)


def _accounts_permission_check(actor: User | None) -> None:
    if actor is not None and not actor.has_perm(ACCOUNTS_PERM):
        raise PermissionDenied(_("只有安全管理员可以管理账号。"))


def user_create(
    *,
    actor: User | None,
    username: str,
    full_name: str,
    kind: str,
    password: str | None = None,
) -> User:
    """Create an account. Without ``password`` the account cannot log in until one is set."""
    try:
        with transaction.atomic():
            _accounts_permission_check(actor)
            if kind not in UserKind.values:
                raise ValidationError(_("未知的账号类型“%(kind)s”。"), code="invalid_kind", params={"kind": kind})
            if not full_name.strip():
                raise ValidationError(_("请填写姓名。"), code="full_name_required")
            if User.objects.filter(username__iexact=username).exists():
                raise ValidationError(
                    _("用户名“%(username)s”已被使用。"),
                    code="duplicate_username",
                    params={"username": username},
                )
            user = User(username=username, full_name=full_name.strip(), kind=kind)
            user.full_clean(exclude=["password"], validate_unique=False)
            if password is None:
                user.set_unusable_password()
            else:
                _password_validate(password, user)
                user.set_password(password)
            user.save()
            audit_record(
                actor=actor,
                action="user.create",
                obj=user,
                detail={"username": username, "kind": kind, "usable_password": password is not None},
            )
            return user
    except (ValidationError, PermissionDenied) as exc:
        audit_record_refusal(
            actor=actor,
            action="user.create",
            reason=_reason(exc),
            detail={"username": username, "kind": kind},
        )
        raise


def user_update(*, actor: User | None, user: User, data: Mapping[str, Any]) -> list[str]:
    """Change ``full_name``, ``kind`` or ``is_active`` where they differ; return what changed."""
    unknown = set(data) - USER_FIELDS
    if unknown:
        raise TypeError(f"fields that cannot be changed here: {sorted(unknown)}")
    try:
        with transaction.atomic():
            _accounts_permission_check(actor)
            if actor is not None and actor.pk == user.pk and "is_active" in data:
                raise PermissionDenied(_("不能停用或启用本人的账号。"))
            locked = User.objects.select_for_update().get(pk=user.pk)
            changes = {name: value for name, value in data.items() if getattr(locked, name) != value}
            if not changes:
                return []
            if "kind" in changes and changes["kind"] not in UserKind.values:
                raise ValidationError(_("未知的账号类型“%(kind)s”。"), code="invalid_kind", params=changes)
            if "full_name" in changes and not str(changes["full_name"]).strip():
                raise ValidationError(_("请填写姓名。"), code="full_name_required")
            diff = {name: [getattr(locked, name), value] for name, value in changes.items()}
            for name, value in changes.items():
                setattr(locked, name, value)
            locked.save(update_fields=list(changes))
            audit_record(actor=actor, action="user.update", obj=locked, detail={"changes": diff})
    except (ValidationError, PermissionDenied) as exc:
        audit_record_refusal(actor=actor, action="user.update", reason=_reason(exc), obj=user)
        raise
    for name, value in changes.items():
        setattr(user, name, value)
    return sorted(changes)


def user_set_password(*, actor: User | None, user: User, password: str) -> None:
    """Set a new password (checked by the configured validators). Users may set their own."""
    try:
        with transaction.atomic():
            if actor is not None and actor.pk != user.pk:
                _accounts_permission_check(actor)
            locked = User.objects.select_for_update().get(pk=user.pk)
            _password_validate(password, locked)
            locked.set_password(password)
            locked.save(update_fields=["password"])
            audit_record(actor=actor, action="user.set_password", obj=locked, detail={})
    except (ValidationError, PermissionDenied) as exc:
        # The validators' messages describe the rule broken, never the password itself.
        audit_record_refusal(actor=actor, action="user.set_password", reason=_reason(exc), obj=user)
        raise
    user.password = locked.password
