"""Account security: who counts as staff, password policy state and history, sessions, lockouts,
and the login history shown in the user centre.

- ``password_record(user=...)`` runs whenever a password is set (Django calls
  ``PolicyValidator.password_changed`` from ``User.save()`` after ``set_password``): it keeps the
  hash in ``PasswordHistory``, stamps ``password_changed_at``, clears ``must_change_password`` and
  ends the user's other sessions (allauth.usersessions), so every path that sets a password —
  allauth's change and reset, ``user_set_password``, an administrator's reset — behaves the same.
- ``lockout_clear(actor=..., username=...)`` is the 安全管理员's unlock (axes' reset, audited).
- ``login_history_for(user)`` reads the audit log: recent logins and failed attempts on an account.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zwfw.core import clock
from zwfw.core.choices import Outcome
from zwfw.core.models import AuditEvent
from zwfw.core.pii import mask_mobile
from zwfw.core.services.audit import audit_record, audit_record_refusal

from ..choices import PasswordProfile, UserKind
from ..models import PasswordHistory, PasswordPolicy, User

#: Whoever may clear lockouts (the 安全管理员, identity/rules.py).
LOCKOUT_PERM = "identity.manage_accounts"
#: How many old hashes are kept at most, whatever the policies ask.
HISTORY_KEEP_MAX = 24

LOGIN_SUCCESS = "login.success"
LOGIN_FAILURE = "login.failure"
LOGIN_LOCKED_OUT = "login.locked_out"
LOGIN_ACTIONS = (LOGIN_SUCCESS, LOGIN_FAILURE, LOGIN_LOCKED_OUT)

#: How a login was made (the ``method`` in audit details), as the user centre shows it.
LOGIN_METHOD_LABELS = {
    "password": gettext_lazy("密码"),
    "code": gettext_lazy("短信验证码"),
    "mfa": gettext_lazy("密码 + 动态口令"),
    "totp": gettext_lazy("动态口令"),
    "password_reset": gettext_lazy("重置密码"),
}


# --- Who is staff ----------------------------------------------------------------------------


def is_staff_account(user: Any) -> bool:
    """Staff: an account of kind 工作人员. Roles are granted to staff accounts only (org's ``membership_grant``
    refuses anyone else), so the kind alone decides — no query on every request of a signed-in person."""
    return getattr(user, "kind", None) == UserKind.STAFF


def totp_enrolled(user: Any) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


# --- Password policy -------------------------------------------------------------------------


def password_profile_for(user: Any) -> str:
    """等保 for staff, ASVS for everyone else (and for a form without a user yet)."""
    return PasswordProfile.DENGBAO if user is not None and is_staff_account(user) else PasswordProfile.ASVS


def password_policy_for(user: Any) -> PasswordPolicy:
    """The policy row of the user's profile (the model's defaults if the row is missing), read
    on every call so that an edit by the 系统管理员 applies at once."""
    profile = password_profile_for(user)
    return PasswordPolicy.objects.filter(profile=profile).first() or PasswordPolicy(profile=profile)


def password_expires_at(user: User) -> dt.datetime | None:
    """When the current password stops being accepted (None: the policy asks for no periodic change).

    A password set before the policy was recorded counts from the account's creation.
    """
    policy = password_policy_for(user)
    if not policy.max_age_days or not user.has_usable_password():
        return None
    changed = user.password_changed_at or user.date_joined
    return changed + dt.timedelta(days=policy.max_age_days)


def password_change_required(user: User) -> bool:
    """The user must change the password before doing anything else."""
    if not user.has_usable_password():
        return False
    if user.must_change_password:
        return True
    expires = password_expires_at(user)
    return expires is not None and clock.now() >= expires


def password_record(*, user: User, request: Any = None) -> None:
    """A password has just been set on ``user`` (already saved): history, timestamps, other sessions.

    Called by ``PolicyValidator.password_changed`` (Django calls it from ``User.save()`` after
    ``set_password``), so services do not need to call it themselves. The current request's session
    stays if it belongs to ``user`` (a user changing their own password); every other session of
    the user ends after commit.
    """
    if user.pk is None or not user.has_usable_password():
        return
    now = clock.now()
    with transaction.atomic():
        PasswordHistory.objects.create(user=user, password=user.password)
        keep = list(
            PasswordHistory.objects.filter(user=user).order_by("-created_at", "-id").values_list("pk", flat=True)
        )[:HISTORY_KEEP_MAX]
        PasswordHistory.objects.filter(user=user).exclude(pk__in=keep).delete()
        User.objects.filter(pk=user.pk).update(password_changed_at=now, must_change_password=False)
    user.password_changed_at = now
    user.must_change_password = False
    if request is None:
        from allauth.core import context

        request = context.request
    own = request is not None and getattr(getattr(request, "user", None), "pk", None) == user.pk

    def end_others() -> None:
        # The key is read when this runs: Django gives the current session a new key after a change.
        session = getattr(request, "session", None) if own else None
        sessions_end_others(user=user, keep_session_key=session.session_key if session is not None else None)

    transaction.on_commit(end_others)


def password_reused(user: Any, password: str, count: int) -> bool:
    """``password`` is the current one or one of the last ``count`` of ``user``."""
    from django.contrib.auth.hashers import check_password

    if user is None or user.pk is None or count <= 0:
        return False
    hashes = list(PasswordHistory.objects.filter(user_id=user.pk).values_list("password", flat=True)[:count])
    current = User.objects.filter(pk=user.pk).values_list("password", flat=True).first()
    if current and current not in hashes:
        hashes.insert(0, current)
    return any(check_password(password, encoded) for encoded in hashes[: max(count, 1)])


# --- Sessions --------------------------------------------------------------------------------


def sessions_end_others(*, user: User, keep_session_key: str | None = None) -> int:
    """End every session of ``user`` except ``keep_session_key`` (allauth.usersessions), and return how many."""
    from allauth.usersessions.adapter import get_adapter
    from allauth.usersessions.models import UserSession

    sessions = list(UserSession.objects.filter(user_id=user.pk).exclude(session_key=keep_session_key or ""))
    if sessions:
        get_adapter().end_sessions(sessions)
    return len(sessions)


# --- Lockouts (django-axes) ------------------------------------------------------------------


def lockout_key(typed: str) -> str:
    """What axes stores for a typed login (a staff username as typed, a keyed hash for numbers)."""
    from ..axes import axes_key

    return axes_key(typed)


def lockout_clear(*, actor: User | None, username: str) -> int:
    """Clear the failed attempts and lockout of a login (a username or a mobile number). 安全管理员 only
    (``actor`` None is the system).

    Returns how many attempt records were removed. The audit detail names only the masked login.
    """
    from axes.utils import reset

    key = lockout_key(username)
    shown = _login_masked(username)
    try:
        if actor is not None and not actor.has_perm(LOCKOUT_PERM):
            raise PermissionDenied(_("只有安全管理员可以解除账号锁定。"))
        if not username.strip():
            raise ValidationError(_("请填写要解除锁定的用户名或手机号码。"), code="login_required")
        with transaction.atomic():
            count = reset(username=key)
            audit_record(
                actor=actor,
                action="login.lockout_clear",
                object_type="axes.accessattempt",
                object_id=key[:64],
                object_repr=shown,
                detail={"login": shown, "attempts_removed": count},
            )
        return count
    except (PermissionDenied, ValidationError) as exc:
        reason = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        audit_record_refusal(actor=actor, action="login.lockout_clear", reason=reason, detail={"login": shown})
        raise


def lockouts_active() -> list[dict[str, Any]]:
    """The logins locked out now: key (never a number), address, failures, since when, until when."""
    from axes.models import AccessAttempt

    threshold = clock.now() - dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    rows = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=threshold
    ).order_by("-attempt_time")
    return [
        {
            "username": row.username,
            "ip_address": row.ip_address,
            "failures": row.failures_since_start,
            "attempt_time": row.attempt_time,
            "until": row.attempt_time + dt.timedelta(hours=settings.AXES_COOLOFF_TIME),
        }
        for row in rows
    ]


# --- Login history ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LoginRecord:
    at: dt.datetime
    address: str
    success: bool
    outcome: str
    method: str

    def __str__(self) -> str:
        """One line for a list: ``2026-11-27 17:05 · 127.0.0.1 · 密码 · 成功`` (county time)."""
        at = self.at.astimezone(clock.COUNTY_TZ)
        return " · ".join(
            part for part in (f"{at:%Y-%m-%d %H:%M}", self.address, self.method, str(self.outcome_label)) if part
        )

    @property
    def outcome_label(self) -> str:
        if self.outcome == LOGIN_LOCKED_OUT:
            return _("已锁定")
        return _("成功") if self.success else _("失败")


def login_history_for(user: User, limit: int = 10) -> list[LoginRecord]:
    """The latest logins and failed attempts on ``user``'s account (newest first), from the audit log."""
    events = AuditEvent.objects.filter(
        action__in=LOGIN_ACTIONS, object_type="identity.user", object_id=str(user.pk)
    ).order_by("-id")[:limit]
    records = []
    for event in events:
        method = (event.detail or {}).get("method", "password")
        records.append(
            LoginRecord(
                at=event.occurred_at,
                address=event.source_address or "",
                success=event.outcome == Outcome.SUCCESS,
                outcome=event.action,
                method=str(LOGIN_METHOD_LABELS.get(method, method)),
            )
        )
    return records


def recent_logins(user: User, limit: int = 10) -> list[LoginRecord]:
    """Alias of :func:`login_history_for` (the name the user centre's brief uses)."""
    return login_history_for(user, limit=limit)


# --- Masking ---------------------------------------------------------------------------------


def _login_masked(typed: Any) -> str:
    """What a log or audit entry may say about a typed login: a username, or a masked number."""
    text = str(typed or "").strip()
    if any(ch.isdigit() for ch in text):
        return mask_mobile(text)
    return text[:150]


login_masked = _login_masked
