"""Sending SMS through the configured backend (zwfw.notify.sms), with an outbox row for each."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from zwfw.core.middleware import current_source_address
from zwfw.core.pii import mask_mobile, pii_blind_index

from .choices import SmsStatus
from .models import SmsMessage
from .sms import sms_backend

MOBILE_PURPOSE = "mobile"  # the same blind-index purpose as the user's mobile (identity.services.phone)


class SmsRateLimited(ValidationError):
    pass


def sms_send(*, to: str, purpose: str, text: str, code: str | None = None) -> SmsMessage:
    """Send ``text`` to ``to`` now. ``code`` (if any) is hidden in the stored body."""
    redacted = text.replace(code, "*" * len(code)) if code else text
    message = SmsMessage(
        to_index=pii_blind_index(to, purpose=MOBILE_PURPOSE),
        to_masked=mask_mobile(to),
        purpose=purpose,
        body_redacted=redacted,
        source_address=current_source_address(),
    )
    backend = sms_backend()
    message.backend = backend.name
    try:
        backend.send(to=to, text=text)
        message.status = SmsStatus.SENT
    except Exception as exc:  # noqa: BLE001 - recorded; the caller sees a failed message
        message.status = SmsStatus.FAILED
        message.error = type(exc).__name__
    message.save()
    return message
