"""Reads of the SMS outbox."""

from __future__ import annotations

from zwfw.core import clock
from zwfw.core.middleware import current_source_address
from zwfw.core.pii import pii_blind_index

from .choices import SmsPurpose
from .limits import SmsRateLimited, limits_check
from .services import MOBILE_PURPOSE, sms_number_normalise


def sms_wait_seconds(*, to: str, purpose: str = SmsPurpose.LOGIN_CODE, address: str | None = None) -> int:
    """Seconds before a message of ``purpose`` to ``to`` would pass the limits (0: now).

    A form can call it to refuse early or show a countdown before it asks allauth to send a code.
    ``address`` defaults to the current request's source address.
    """
    to_index = pii_blind_index(sms_number_normalise(to), purpose=MOBILE_PURPOSE)
    try:
        limits_check(to_index=to_index, purpose=purpose, address=address or current_source_address(), now=clock.now())
    except SmsRateLimited as exc:
        return exc.retry_after
    return 0
