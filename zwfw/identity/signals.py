"""Security events into the audit log: logins, failures, lockouts, logouts, MFA changes, password changes.

Only masked identifiers reach the audit detail: a typed mobile number becomes ``138****5678``;
a username is kept (it names an account, not a person's number). Failed attempts are attached to
the account they were made against when one exists, so the user centre can show "recent logins"
(``services.security.login_history_for``) — the page never says whether a number is registered.

A wrong TOTP code is also fed to django-axes (as Django's ``user_login_failed``), so guessing the
second factor locks the login like guessing the password does.
"""

from __future__ import annotations

from typing import Any

from allauth.account import signals as account_signals
from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa import signals as mfa_signals
from axes.signals import user_locked_out
from django.contrib.auth import signals as auth_signals
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from zwfw.core.choices import Outcome
from zwfw.core.services.audit import audit_record

from .fields import mobile_normalise
from .models import User
from .services.phone import user_by_mobile
from .services.security import (
    LOGIN_FAILURE,
    LOGIN_LOCKED_OUT,
    LOGIN_SUCCESS,
    is_staff_account,
    login_masked,
)

#: Our own key in the credentials of a ``user_login_failed`` we send for a wrong TOTP code.
METHOD_KEY = "zwfw_method"


def _entrance(request: Any) -> str:
    return getattr(request, "path", "")[:100] if request is not None else ""


def _typed_login(request: Any, credentials: dict[str, Any]) -> str:
    post = getattr(request, "POST", None)
    typed = post.get("login") if post is not None else None
    return str(typed or credentials.get("username") or credentials.get("phone") or credentials.get("login") or "")


def _account_for(typed: str) -> User | None:
    """The account a typed login names, if any (for the audit trail only; never shown to the typist)."""
    if not typed:
        return None
    try:
        mobile = mobile_normalise(typed)
    except Exception:  # noqa: BLE001 - not a mobile number: a username
        mobile = None
    if mobile:
        user = user_by_mobile(mobile)
        if user is not None:
            return user
    return User.objects.filter(username__iexact=typed.strip()).first()


@receiver(account_signals.user_logged_in, dispatch_uid="zwfw.identity.audit_login")
def audit_login(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    records = get_authentication_records(request, user) if request is not None else []
    methods = [r.get("method") for r in records]
    method = "mfa" if "mfa" in methods else (methods[0] if methods else "password")
    audit_record(
        actor=user,
        action=LOGIN_SUCCESS,
        obj=user,
        detail={"method": method, "staff": is_staff_account(user), "entrance": _entrance(request)},
    )
    # The staff idle clock starts now (zwfw.identity.middleware).
    if request is not None and hasattr(request, "session"):
        import time

        from .middleware import LAST_SEEN_KEY

        request.session[LAST_SEEN_KEY] = time.time()


@receiver(user_login_failed, dispatch_uid="zwfw.identity.audit_login_failed")
def audit_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    credentials = credentials or {}
    typed = _typed_login(request, credentials)
    method = credentials.get(METHOD_KEY, "password")
    user = _account_for(typed)
    audit_record(
        actor=None,
        action=LOGIN_FAILURE,
        obj=user,
        outcome=Outcome.FAILURE,
        detail={
            "login": login_masked(typed),
            "method": method,
            "entrance": _entrance(request),
            "locked_out": bool(getattr(request, "axes_locked_out", False)),
        },
    )


@receiver(user_locked_out, dispatch_uid="zwfw.identity.audit_locked_out")
def audit_locked_out(sender: Any, request: Any = None, username: str | None = None, **kwargs: Any) -> None:
    credentials = getattr(request, "axes_credentials", None) or {}
    typed = _typed_login(request, credentials) or (username or "")
    user = _account_for(typed)
    audit_record(
        actor=None,
        action=LOGIN_LOCKED_OUT,
        obj=user,
        outcome=Outcome.DENIED,
        detail={
            "login": login_masked(typed),
            # axes' key: a username, or a keyed hash for anything with digits (never the number).
            "axes_key": username or "",
            "entrance": _entrance(request),
        },
    )


@receiver(auth_signals.user_logged_out, dispatch_uid="zwfw.identity.audit_logout")
def audit_logout(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    if user is None or getattr(user, "pk", None) is None:
        return
    audit_record(actor=user, action="logout", obj=user, detail={})


@receiver(mfa_signals.authentication_failed, dispatch_uid="zwfw.identity.mfa_failed")
def mfa_failed(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    if user is None or request is None:
        return
    # Counted by axes under the same key as the username typed at the staff entrance.
    user_login_failed.send(
        sender=__name__,
        credentials={"username": user.get_username(), METHOD_KEY: "totp"},
        request=request,
    )


def _audit_authenticator(action: str, user: Any, authenticator: Any) -> None:
    audit_record(
        actor=user,
        action=action,
        obj=user,
        detail={"type": getattr(authenticator, "type", ""), "authenticator_id": getattr(authenticator, "pk", None)},
    )


@receiver(mfa_signals.authenticator_added, dispatch_uid="zwfw.identity.mfa_added")
def mfa_added(sender: Any, request: Any = None, user: Any = None, authenticator: Any = None, **kwargs: Any) -> None:
    _audit_authenticator("mfa.authenticator_add", user, authenticator)
    if request is not None and hasattr(request, "session") and getattr(authenticator, "type", "") == "totp":
        from .middleware import TOTP_OK_KEY

        request.session[TOTP_OK_KEY] = True


@receiver(mfa_signals.authenticator_removed, dispatch_uid="zwfw.identity.mfa_removed")
def mfa_removed(sender: Any, request: Any = None, user: Any = None, authenticator: Any = None, **kwargs: Any) -> None:
    _audit_authenticator("mfa.authenticator_remove", user, authenticator)
    if request is not None and hasattr(request, "session"):
        from .middleware import TOTP_OK_KEY

        request.session.pop(TOTP_OK_KEY, None)


@receiver(mfa_signals.authenticator_reset, dispatch_uid="zwfw.identity.mfa_reset")
def mfa_reset(sender: Any, request: Any = None, user: Any = None, authenticator: Any = None, **kwargs: Any) -> None:
    _audit_authenticator("mfa.authenticator_reset", user, authenticator)


def _audit_password(action: str, user: Any) -> None:
    # History, change time and the other sessions are handled where the password is saved
    # (PolicyValidator.password_changed → services.security.password_record).
    audit_record(actor=user, action=action, obj=user, detail={})


@receiver(account_signals.password_changed, dispatch_uid="zwfw.identity.password_changed")
def password_changed(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    _audit_password("user.password_change", user)


@receiver(account_signals.password_set, dispatch_uid="zwfw.identity.password_set")
def password_set(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    _audit_password("user.password_set_own", user)


@receiver(account_signals.password_reset, dispatch_uid="zwfw.identity.password_reset")
def password_reset(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    _audit_password("user.password_reset", user)


@receiver(account_signals.login_code_rejected, dispatch_uid="zwfw.identity.login_code_rejected")
def login_code_rejected(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    audit_record(
        actor=None,
        action=LOGIN_FAILURE,
        obj=user,
        outcome=Outcome.FAILURE,
        detail={"method": "code", "last_attempt": bool(kwargs.get("last_attempt")), "entrance": _entrance(request)},
    )
