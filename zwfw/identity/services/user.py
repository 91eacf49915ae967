"""Writes of user accounts: create, update, set a password; the 安全管理员's staff-account actions.

Staff accounts are managed by the 安全管理员 (``identity.manage_accounts``); ``actor=None`` is the
system (the seed loader). Self-registration of persons through the portal is a separate service.
Passwords never reach the audit log or a log line: the audit detail says only whether a usable
password was set.

The 安全管理员's screens (``zwfw.identity.views.admin_accounts``) call the staff-only services at
the end of this module: :func:`staff_account_create` (an initial random password shown once, to be
changed at the first login), :func:`staff_password_reset`, :func:`staff_totp_reset`,
:func:`staff_unlock` and :func:`staff_active_set`. They refuse, in the service and not only in the
view, to act on the administrator's own account or on anything but a staff account, and every
action and every refusal is audited with the actor.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.core.services.audit import audit_record, audit_record_refusal
from zwfw.core.services.refusals import refusals_audited

from ..choices import PasswordProfile, UserKind
from ..models import PasswordPolicy, User
from .security import lockout_clear, lockout_key, sessions_end_others

#: The permission that lets a user manage other people's accounts (held by the 安全管理员).
ACCOUNTS_PERM = "identity.manage_accounts"
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
            # One chosen by its owner (or the system) ends the "change it at the next login"
            # requirement (password_record); one set by the 安全管理员 starts it.
            if actor is not None and actor.pk != locked.pk:
                _must_change_password_set(locked)
            audit_record(actor=actor, action="user.set_password", obj=locked, detail={})
    except (ValidationError, PermissionDenied) as exc:
        # The validators' messages describe the rule broken, never the password itself.
        audit_record_refusal(actor=actor, action="user.set_password", reason=_reason(exc), obj=user)
        raise
    user.password, user.must_change_password = locked.password, locked.must_change_password


# --- the 安全管理员's actions on staff accounts ---------------------------------------------

#: A staff username: lower-case letters, digits and ``. _ -``, starting with a letter (so that it can
#: never be mistaken for a mobile number at the login form), 3 to 30 characters.
STAFF_USERNAME_RE = re.compile(r"^[a-z][a-z0-9._-]{2,29}$")
#: Generated passwords avoid characters that are easily confused when read aloud or copied by hand.
_PASSWORD_CLASSES = ("ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "-_.!@#%+=")
GENERATED_PASSWORD_MIN_LENGTH = 16


def _must_change_password_set(user: User) -> None:
    """Flag ``user`` to change the password at the next login.

    Saving a new password runs ``PolicyValidator.password_changed`` (Django calls it from
    ``User.save()``), which records the history, stamps ``password_changed_at`` and clears the flag
    for every path (``services.security.password_record``); a password the 安全管理员 set is a
    temporary one, so the flag is raised again after that save.
    """
    User.objects.filter(pk=user.pk).update(must_change_password=True)
    user.must_change_password = True


def _sessions_end(user: User) -> int:
    """End every session of ``user`` (allauth.usersessions, their "my sessions" list); return how many."""
    return sessions_end_others(user=user, keep_session_key=None)


def password_generate(user: User) -> str:
    """A random password that satisfies the staff (等保) policy and every configured validator.

    At least :data:`GENERATED_PASSWORD_MIN_LENGTH` characters and never shorter than the policy
    asks, with all four character classes.
    """
    policy = PasswordPolicy.objects.filter(profile=PasswordProfile.DENGBAO).first()
    length = max(GENERATED_PASSWORD_MIN_LENGTH, policy.min_length if policy else 0)
    alphabet = "".join(_PASSWORD_CLASSES)
    rng = secrets.SystemRandom()
    for _attempt in range(10):
        chars = [secrets.choice(group) for group in _PASSWORD_CLASSES]
        chars += [secrets.choice(alphabet) for _ in range(length - len(chars))]
        rng.shuffle(chars)
        password = "".join(chars)
        try:
            _password_validate(password, user)
        except ValidationError:
            continue
        return password
    raise ValidationError(_("无法生成符合密码策略的随机密码，请联系系统管理员检查密码策略。"), code="no_password")


def _staff_target_check(actor: User | None, user: User, *, own_message: str) -> None:
    """The 安全管理员 acts on another person's staff account (never their own, never a person's)."""
    _accounts_permission_check(actor)
    if user.kind != UserKind.STAFF:
        raise ValidationError(_("这里只能管理工作人员账号。"), code="not_staff")
    if actor is not None and actor.pk == user.pk:
        raise PermissionDenied(own_message)


def staff_account_create(*, actor: User | None, username: str, full_name: str) -> tuple[User, str]:
    """Create a staff account with a random initial password; return it and the password.

    The password is shown once to the 安全管理员, who hands it over; the account must change it at
    its first login (``must_change_password``) and must then enrol TOTP. Staff never register
    themselves: this is the only way a staff account comes into being (besides the seed loader).
    """
    username = username.strip()
    with refusals_audited(actor=actor, action="user.create", username=username, kind=UserKind.STAFF):
        with transaction.atomic():
            _accounts_permission_check(actor)
            if not STAFF_USERNAME_RE.match(username):
                raise ValidationError(
                    _("用户名须以小写英文字母开头，只能包含小写英文字母、数字和 . _ -，长度 3 至 30 个字符。"),
                    code="invalid_username",
                )
            if not full_name.strip():
                raise ValidationError(_("请填写姓名。"), code="full_name_required")
            if User.objects.filter(username__iexact=username).exists():
                raise ValidationError(
                    _("用户名“%(username)s”已被使用。"), code="duplicate_username", params={"username": username}
                )
            user = User(username=username, full_name=full_name.strip(), kind=UserKind.STAFF)
            user.full_clean(exclude=["password"], validate_unique=False)
            password = password_generate(user)
            user.set_password(password)
            user.save()
            _must_change_password_set(user)
            audit_record(
                actor=actor,
                action="user.create",
                obj=user,
                detail={
                    "username": username,
                    "kind": UserKind.STAFF,
                    "usable_password": True,
                    "generated_password": True,
                    "must_change_password": True,
                },
            )
    return user, password


def staff_password_reset(*, actor: User | None, user: User) -> str:
    """Give a staff account a new random password (shown once), to be changed at the next login.

    The account's other sessions end: its old password no longer opens anything.
    """
    with refusals_audited(actor=actor, action="user.password_reset", obj=user):
        with transaction.atomic():
            _staff_target_check(actor, user, own_message=_("不能重置本人的密码，请在用户中心修改密码。"))
            locked = User.objects.select_for_update().get(pk=user.pk)
            password = password_generate(locked)
            locked.set_password(password)
            locked.save(update_fields=["password"])
            _must_change_password_set(locked)
            ended = _sessions_end(locked)
            audit_record(
                actor=actor,
                action="user.password_reset",
                obj=locked,
                detail={"username": locked.username, "must_change_password": True, "sessions_ended": ended},
            )
    user.password, user.must_change_password = locked.password, True
    return password


def staff_totp_reset(*, actor: User | None, user: User) -> list[str]:
    """Remove the account's second factors (TOTP and recovery codes) and end its sessions.

    At the next login the person must set up TOTP again before doing anything else. Returns the
    kinds of authenticator removed.
    """
    from allauth.mfa.models import Authenticator

    with refusals_audited(actor=actor, action="user.totp_reset", obj=user):
        with transaction.atomic():
            _staff_target_check(actor, user, own_message=_("不能重置本人的动态口令，须由另一名安全管理员办理。"))
            locked = User.objects.select_for_update().get(pk=user.pk)
            authenticators = Authenticator.objects.filter(user=locked)
            removed = sorted(set(authenticators.values_list("type", flat=True)))
            if Authenticator.Type.TOTP not in removed:
                raise ValidationError(_("该账号尚未设置动态口令，无需重置。"), code="no_totp")
            authenticators.delete()
            ended = _sessions_end(locked)
            audit_record(
                actor=actor,
                action="user.totp_reset",
                obj=locked,
                detail={"username": locked.username, "removed": removed, "sessions_ended": ended},
            )
    return removed


def staff_unlock(*, actor: User | None, user: User) -> int:
    """Clear the account's failed-login counters (django-axes), ending a lockout; return how many.

    The clearing itself is ``services.security.lockout_clear`` (audited there as
    ``login.lockout_clear``); this service adds the staff-account rules and audits their refusals
    under the same action.
    """
    from axes.models import AccessAttempt

    with refusals_audited(actor=actor, action="login.lockout_clear", obj=user):
        with transaction.atomic():
            _staff_target_check(actor, user, own_message=_("不能解锁本人的账号，须由另一名安全管理员办理。"))
            attempts = AccessAttempt.objects.filter(username=lockout_key(user.username)).count()
            if not attempts:
                raise ValidationError(_("该账号没有登录失败记录，无需解锁。"), code="not_locked")
            lockout_clear(actor=actor, username=user.username)
    return attempts


def staff_active_set(*, actor: User | None, user: User, active: bool) -> None:
    """Deactivate (停用) or reactivate (启用) a staff account. A deactivated account's sessions end."""
    action = "user.reactivate" if active else "user.deactivate"
    with refusals_audited(actor=actor, action=action, obj=user):
        with transaction.atomic():
            _staff_target_check(actor, user, own_message=_("不能停用或启用本人的账号。"))
            locked = User.objects.select_for_update().get(pk=user.pk)
            if locked.is_active == active:
                raise ValidationError(
                    _("该账号已经是启用状态。") if active else _("该账号已经是停用状态。"), code="unchanged"
                )
            locked.is_active = active
            locked.save(update_fields=["is_active"])
            ended = 0 if active else _sessions_end(locked)
            audit_record(
                actor=actor,
                action=action,
                obj=locked,
                detail={"username": locked.username, "sessions_ended": ended},
            )
    user.is_active = active
