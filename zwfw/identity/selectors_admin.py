"""Reads of the three administrators' identity screens: staff accounts, memberships, the login log.

- :func:`staff_account_list` — staff accounts with whether TOTP is set up and whether they are locked
  out, their active roles prefetched (a bounded number of queries per page).
- :func:`locked_keys` / :func:`is_locked` — django-axes' view of a lockout: an ``AccessAttempt`` of
  the account's axes username with at least ``AXES_FAILURE_LIMIT`` failures inside the cool-off time.
- :func:`login_log` — successes (``axes.AccessLog``), failures and lockouts (``axes.AccessFailureLog``)
  as one list, newest first. Usernames are as django-axes stored them: staff usernames as typed (lower
  case), anything with a digit — a mobile number — as a keyed hash ``h:…`` (``zwfw.identity.axes``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from allauth.mfa.models import Authenticator
from axes.helpers import get_cool_off
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db.models import Case, CharField, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When

from zwfw.core import clock
from zwfw.org.models import Membership

from .axes import axes_key
from .choices import UserKind
from .models import User

#: Login-log results (the ``result`` of each row of :func:`login_log`).
RESULT_SUCCESS, RESULT_FAILURE, RESULT_LOCKOUT = "success", "failure", "lockout"


def axes_key_of(username: str) -> str:
    """What django-axes stores as the "username" of a login attempt typed as ``username``."""
    return axes_key(username)


def locked_keys() -> set[str]:
    """The axes usernames locked out right now."""
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    cool_off = get_cool_off()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=clock.now() - cool_off)
    return set(attempts.values_list("username", flat=True))


def is_locked(user: User, keys: set[str] | None = None) -> bool:
    return axes_key_of(user.username) in (locked_keys() if keys is None else keys)


def failed_attempts(user: User) -> int:
    """Failures counted towards a lockout (all addresses), 0 when there are none."""
    counts = AccessAttempt.objects.filter(username=axes_key_of(user.username)).values_list(
        "failures_since_start", flat=True
    )
    return sum(counts)


def _with_roles(users: QuerySet[User]) -> QuerySet[User]:
    return users.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.filter(is_active=True).select_related("agency").order_by("agency__sort_order"),
            to_attr="active_memberships",
        )
    )


def staff_account_list(
    *,
    q: str = "",
    active: bool | None = None,
    totp: bool | None = None,
    locked: bool | None = None,
    role: str = "",
) -> QuerySet[User]:
    """Staff accounts, filtered; each with ``has_totp`` and ``active_memberships`` (``is_locked``: see below).

    ``locked`` filters by the axes lockout; the keys of hashed usernames (those with digits) are
    computed in Python for the staff accounts only, which are few.
    """
    users = User.objects.filter(kind=UserKind.STAFF).annotate(
        has_totp=Exists(Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP))
    )
    if q.strip():
        term = q.strip()
        users = users.filter(Q(username__icontains=term) | Q(full_name__icontains=term))
    if active is not None:
        users = users.filter(is_active=active)
    if totp is not None:
        users = users.filter(has_totp=totp)
    if role:
        users = users.filter(memberships__role=role, memberships__is_active=True).distinct()
    if locked is not None:
        pks = _locked_pks(users)
        users = users.filter(pk__in=pks) if locked else users.exclude(pk__in=pks)
    return _with_roles(users.order_by("username"))


def _locked_pks(users: QuerySet[User]) -> list[int]:
    keys = locked_keys()
    if not keys:
        return []
    return [pk for pk, name in users.values_list("pk", "username") if axes_key_of(name) in keys]


def staff_account_get(pk: int) -> User | None:
    users = User.objects.filter(kind=UserKind.STAFF, pk=pk).annotate(
        has_totp=Exists(Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP))
    )
    return _with_roles(users).first()


def mark_locked(users: Iterable[User]) -> None:
    """Set ``is_locked`` on each of ``users`` (one query)."""
    keys = locked_keys()
    for user in users:
        user.is_locked = axes_key_of(user.username) in keys  # type: ignore[attr-defined]


def membership_list(*, agency_id: int | None = None, role: str = "", q: str = "") -> QuerySet[Membership]:
    """Active memberships (who holds which role where), for the 岗位授权 screen."""
    memberships = Membership.objects.filter(is_active=True).select_related("user", "agency", "window")
    if agency_id:
        memberships = memberships.filter(agency_id=agency_id)
    if role:
        memberships = memberships.filter(role=role)
    if q.strip():
        term = q.strip()
        memberships = memberships.filter(Q(user__username__icontains=term) | Q(user__full_name__icontains=term))
    return memberships.order_by("agency__sort_order", "agency__name", "role", "user__username")


def login_log(
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    result: str = "",
    username: str = "",
) -> Any:
    """Successes, failures and lockouts, newest first, as dicts (a ``UNION`` of axes' two logs).

    ``username`` is a stored key (``h:…``, matched exactly) or what the auditor typed: a username
    without digits matches by its beginning (case ignored); anything with a digit is hashed the way
    django-axes hashed it and matched exactly.
    """
    fields = ("attempt_time", "username", "ip_address", "user_agent", "path_info", "result")
    successes = AccessLog.objects.annotate(result=Value(RESULT_SUCCESS, output_field=CharField()))
    failures = AccessFailureLog.objects.annotate(
        result=Case(
            When(locked_out=True, then=Value(RESULT_LOCKOUT)),
            default=Value(RESULT_FAILURE),
            output_field=CharField(),
        )
    )
    parts = []
    for queryset, results in ((successes, {RESULT_SUCCESS}), (failures, {RESULT_FAILURE, RESULT_LOCKOUT})):
        if result and result not in results:
            continue
        if result == RESULT_LOCKOUT:
            queryset = queryset.filter(locked_out=True)
        elif result == RESULT_FAILURE:
            queryset = queryset.filter(locked_out=False)
        if date_from:
            queryset = queryset.filter(attempt_time__gte=clock.start_of_local_day(date_from))
        if date_to:
            queryset = queryset.filter(attempt_time__lt=clock.start_of_local_day(date_to + dt.timedelta(days=1)))
        typed = username.strip()
        if typed:
            key = typed if typed.startswith("h:") else axes_key_of(typed)
            queryset = (
                queryset.filter(username=key) if key.startswith("h:") else queryset.filter(username__istartswith=key)
            )
        parts.append(queryset.order_by().values(*fields))
    if not parts:
        return AccessLog.objects.none().values(*fields)
    combined = parts[0] if len(parts) == 1 else parts[0].union(parts[1], all=True)
    return combined.order_by("-attempt_time")
