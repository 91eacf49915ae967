"""The SMS rate limits, counted from the outbox (``SmsMessage`` rows). See ``services`` for the rules.

``settings.ZWFW_SMS_LIMITS`` lays scopes over :data:`DEFAULT_LIMITS`; each scope is a tuple of
``(count, seconds)`` windows and an empty tuple switches it off. REFUSED rows never count.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .choices import REQUESTED_PURPOSES, SmsStatus
from .models import SmsMessage

#: (count, seconds) windows per scope.
DEFAULT_LIMITS: dict[str, tuple[tuple[int, int], ...]] = {
    "number": ((1, 60), (5, 3600), (10, 86400)),  # codes to one number
    "address": ((30, 3600),),  # codes asked for from one source address
    "notice": ((20, 86400),),  # notices to one number
}


class SmsRateLimited(ValidationError):
    """A send over a limit. ``retry_after``: seconds until one would pass; ``scope``: the limit's scope
    (``"number"``, ``"address"`` or ``"notice"``)."""

    def __init__(self, message: str, *, retry_after: int, scope: str, params: dict[str, Any]) -> None:
        super().__init__(message, code="sms_rate_limited", params=params)
        self.retry_after = retry_after
        self.scope = scope


def sms_limits() -> dict[str, tuple[tuple[int, int], ...]]:
    """The limits in force: the defaults with ``settings.ZWFW_SMS_LIMITS`` laid over them."""
    limits = dict(DEFAULT_LIMITS)
    for scope, windows in (getattr(settings, "ZWFW_SMS_LIMITS", None) or {}).items():
        limits[scope] = tuple((int(count), int(seconds)) for count, seconds in windows)
    return limits


def wait_seconds(times: list[dt.datetime], windows: tuple[tuple[int, int], ...], now: dt.datetime) -> int:
    """Seconds until one more message fits every window, given the ascending times of counted rows."""
    wait = 0.0
    for count, seconds in windows:
        inside = [t for t in times if (now - t).total_seconds() < seconds]
        if len(inside) >= count:
            if count <= 0:
                return seconds
            freeing = inside[len(inside) - count]  # the oldest of the last `count` rows
            wait = max(wait, seconds - (now - freeing).total_seconds())
    return max(1, math.ceil(wait)) if wait > 0 else 0


def _counted_times(*, now: dt.datetime, windows: tuple[tuple[int, int], ...], **filters: Any) -> list[dt.datetime]:
    if not windows:
        return []
    since = now - dt.timedelta(seconds=max(seconds for _count, seconds in windows))
    return list(
        SmsMessage.objects.filter(created_at__gt=since, **filters)
        .exclude(status=SmsStatus.REFUSED)
        .order_by("created_at")
        .values_list("created_at", flat=True)
    )


def rate_limited(scope: str, retry_after: int) -> SmsRateLimited:
    """The refusal, worded in seconds, minutes or hours."""
    if retry_after <= 120:
        message = _("短信发送过于频繁，请 %(seconds)d 秒后再试。")
        params = {"seconds": retry_after}
    elif retry_after <= 2 * 3600:
        message = _("短信发送过于频繁，请 %(minutes)d 分钟后再试。")
        params = {"minutes": math.ceil(retry_after / 60)}
    else:
        message = _("短信发送过于频繁，请 %(hours)d 小时后再试。")
        params = {"hours": math.ceil(retry_after / 3600)}
    return SmsRateLimited(message, retry_after=retry_after, scope=scope, params=params)


def limits_check(*, to_index: str, purpose: str, address: str | None, now: dt.datetime) -> None:
    """Raise :class:`SmsRateLimited` if one more message of ``purpose`` would break a limit."""
    limits = sms_limits()
    codes = sorted(REQUESTED_PURPOSES)
    if purpose in REQUESTED_PURPOSES:
        checks = [("number", {"to_index": to_index, "purpose__in": codes})]
        if address:
            checks.append(("address", {"source_address": address, "purpose__in": codes}))
    else:
        checks = [("notice", {"to_index": to_index, "purpose": purpose})]
    for scope, filters in checks:
        windows = limits.get(scope, ())
        wait = wait_seconds(_counted_times(now=now, windows=windows, **filters), windows, now)
        if wait:
            raise rate_limited(scope, wait)
