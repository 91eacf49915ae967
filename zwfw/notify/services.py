"""Sending SMS through the configured backend (``zwfw.notify.sms``), rate-limited, with an outbox row for each.

Two kinds of message:

- **requested** messages (``SmsPurpose.LOGIN_CODE``, ``VERIFY_PHONE``, ``ACCOUNT_EXISTS``): anyone can
  cause one by typing a number into a form. They are limited per number (blind index) and per source
  address, counted from the ``SmsMessage`` rows: by default at most 1 per 60 s, 5 per hour and 10 per
  day to one number, and 30 per hour from one address. These stop SMS bombing of a stranger's phone
  and brute-force code requests; django-allauth's own ``ACCOUNT_RATE_LIMITS`` (cache-based) come
  first.
- **notices** (``SmsPurpose.NOTICE``, :func:`sms_notice_send`), sent by the platform itself about a
  person's business (an application accepted, a licence ready). The person did not ask for them, so
  the per-address limit does not apply (a clerk approving thirty applications from one window PC is
  normal) and they neither count towards nor are blocked by the limits on requested messages (a
  notice must not stop someone from logging in); a separate per-number cap (20 a day) stops a
  runaway loop.

The limits are ``settings.ZWFW_SMS_LIMITS`` (merged over :data:`DEFAULT_LIMITS`): for each scope a
tuple of ``(count, seconds)`` windows; an empty tuple switches the scope off. Every row except a
REFUSED one counts (a failed send reached the gateway and may have cost money or even arrived).

Concurrency: the decision (count, then insert a SENDING row) runs in one transaction that first
takes a lock per number and per address: ``pg_advisory_xact_lock`` on PostgreSQL (there may be no row
to ``SELECT ... FOR UPDATE`` yet), and on SQLite the database write lock that ``BEGIN IMMEDIATE``
takes (``transaction_mode`` in the settings). Two simultaneous requests for one number are thus
decided one after the other, and the second sees the first's row. The backend is called after the
decision has committed, so a slow gateway holds no lock (unless the caller's own transaction is open).

Nothing in clear: the row keeps the blind index and the masked number; the body is stored with the
code replaced by asterisks and any other number masked; log lines carry the masked number only.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable

from django.db import connection, transaction

from zwfw.core import clock
from zwfw.core.logging import pii_redact
from zwfw.core.middleware import current_source_address
from zwfw.core.pii import mask_mobile, mobile_normalise, pii_blind_index
from zwfw.core.services.audit import audit_record_refusal

from .choices import REQUESTED_PURPOSES, SmsPurpose, SmsStatus
from .limits import DEFAULT_LIMITS, SmsRateLimited, limits_check, sms_limits
from .models import SmsMessage
from .sms import backend_label, sms_backend

logger = logging.getLogger(__name__)

MOBILE_PURPOSE = "mobile"  # the same blind-index purpose as the user's mobile (identity.services.phone)


def sms_number_normalise(value: str) -> str:
    """The one mobile normaliser (``core.pii.mobile_normalise``), under notify's name."""
    return mobile_normalise(value)


def sms_body_redact(text: str, code: str | None) -> str:
    """What the outbox keeps of ``text``: the code (also without its dashes) as asterisks, numbers masked."""
    if code:
        for variant in sorted({code, code.replace("-", ""), code.replace("-", "").upper()}, key=len, reverse=True):
            if variant:
                text = text.replace(variant, "*" * len(variant))
    return pii_redact(text)


def _lock_key(scope: str, value: str) -> int:
    digest = hashlib.sha256(f"zwfw.notify.sms\x1f{scope}\x1f{value}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _locks_take(keys: Iterable[tuple[str, str]]) -> None:
    """Serialise sends that share a number or an address, until the end of the transaction.

    PostgreSQL: advisory transaction locks, always taken in the same order (number, then address) so
    that two sends cannot deadlock. SQLite: nothing to do here, the transaction began with BEGIN
    IMMEDIATE and holds the database's write lock.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for scope, value in keys:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_lock_key(scope, value)])


def sms_send(*, to: str, purpose: str, text: str, code: str | None = None) -> SmsMessage:
    """Send ``text`` to ``to`` now and return its outbox row (SENT or FAILED).

    ``code`` (if any) is hidden in the stored body. Over a limit: a REFUSED row is recorded, the
    refusal audited, and :class:`SmsRateLimited` raised (a ValidationError with a Chinese message).
    A backend failure does not raise: the row says FAILED with a short reason (never the number).
    """
    if purpose not in SmsPurpose.values:
        raise ValueError(f"unknown SMS purpose {purpose!r}")
    number = sms_number_normalise(to)
    to_index = pii_blind_index(number, purpose=MOBILE_PURPOSE)
    masked = mask_mobile(number)
    address = current_source_address()
    backend = sms_backend()
    fields = {
        "to_index": to_index,
        "to_masked": masked,
        "purpose": purpose,
        "body_redacted": sms_body_redact(text, code),
        "backend": backend_label(backend),
        "source_address": address,
    }
    try:
        with transaction.atomic():
            keys = [("number", to_index)]
            if address and purpose in REQUESTED_PURPOSES:
                keys.append(("address", address))
            _locks_take(keys)
            now = clock.now()
            limits_check(to_index=to_index, purpose=purpose, address=address, now=now)
            message = SmsMessage.objects.create(status=SmsStatus.SENDING, created_at=now, **fields)
    except SmsRateLimited as exc:
        refused = SmsMessage.objects.create(status=SmsStatus.REFUSED, error=f"limit: {exc.scope}", **fields)
        audit_record_refusal(
            actor=None,
            action="sms.send",
            reason=exc.messages[0],
            obj=refused,
            source_address=address,
            detail={"to": masked, "purpose": purpose, "scope": exc.scope, "retry_after": exc.retry_after},
        )
        logger.info("SMS %s to %s refused: %s limit, retry after %ss", purpose, masked, exc.scope, exc.retry_after)
        raise

    try:
        backend.send(to=number, text=text, purpose=purpose, reference=f"sms-{message.pk}")
    except Exception as exc:  # noqa: BLE001 - recorded; the caller gets a FAILED row
        message.status = SmsStatus.FAILED
        message.error = pii_redact(str(exc) or type(exc).__name__)[:200]
        logger.warning("SMS %s to %s via %s failed: %s", purpose, masked, message.backend, message.error)
    else:
        message.status = SmsStatus.SENT
        logger.info("SMS %s to %s sent via %s", purpose, masked, message.backend)
    message.save(update_fields=["status", "error"])
    return message


def sms_notice_send(*, to: str, text: str, code: str | None = None) -> SmsMessage:
    """A business notice from the platform: the notice limit only, see the module docstring.

    ``code`` is a secret the notice carries (a case's query code): hidden in the stored body like a login code.
    """
    return sms_send(to=to, purpose=SmsPurpose.NOTICE, text=text, code=code)


__all__ = [
    "DEFAULT_LIMITS",
    "SmsRateLimited",
    "sms_body_redact",
    "sms_limits",
    "sms_notice_send",
    "sms_number_normalise",
    "sms_send",
]


# --- In-site messages (站内消息) -------------------------------------------------------------------


def message_send(*, recipient, title: str, body: str = "", link: str = "", topic: str = ""):
    """Leave an in-site message for ``recipient`` (in the caller's transaction). Text is masked as a last defence."""
    from .models import Message

    if link and not link.startswith("/"):
        raise ValueError("message links are site-relative")
    return Message.objects.create(
        recipient=recipient,
        title=pii_redact(title)[:200],
        body=pii_redact(body),
        link=link,
        topic=topic[:80],
    )


def message_mark_read(*, recipient, message_ids: Iterable[int] | None = None) -> int:
    """Mark the recipient's messages read (all unread ones when ``message_ids`` is None); returns how many."""
    from .models import Message

    rows = Message.objects.filter(recipient=recipient, read_at__isnull=True)
    if message_ids is not None:
        rows = rows.filter(pk__in=list(message_ids))
    return rows.update(read_at=clock.now())
