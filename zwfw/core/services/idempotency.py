"""One answer per ``Idempotency-Key``: a retried creating call gives the first answer and creates nothing new.

:func:`idempotent` runs ``call`` (which returns ``(status, body)``) and stores its answer with the key, in the
same transaction, so either both the created rows and the record commit or neither does. A retry with the
same key and the same request fingerprint returns the stored answer (``replayed`` True); the same key with a
different fingerprint is a ``ValidationError`` with code ``idempotency_mismatch``. Two concurrent calls with
one key: the unique constraint lets one record win; the other's work is rolled back and it answers with the
winner's record. A call that fails (an exception) records nothing: it may be retried with the same key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .. import clock
from ..models import IdempotencyRecord

KEY_MAX = 80
#: How long a record is kept (a sweep may delete older rows; a key is meant for retries, not for ever).
KEEP_DAYS = 7


class _Lost(Exception):
    """Another call with the same key committed first: roll ours back."""


def request_fingerprint(*parts: Any) -> str:
    """SHA-256 of the request's parts as canonical JSON (keys sorted)."""
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def idempotency_key_clean(key: str | None) -> str | None:
    """The key, stripped; None when absent. Refuses keys that are too long or not printable ASCII."""
    key = (key or "").strip()
    if not key:
        return None
    if len(key) > KEY_MAX or not key.isascii() or not key.isprintable():
        raise ValidationError(
            _("幂等键（Idempotency-Key）须为不超过 %(n)d 个可打印 ASCII 字符，建议使用 UUID。") % {"n": KEY_MAX},
            code="idempotency_key",
        )
    return key


def _mismatch() -> ValidationError:
    return ValidationError(
        _("同一个幂等键（Idempotency-Key）已用于内容不同的请求，本次请求未被执行。请使用新的幂等键。"),
        code="idempotency_mismatch",
    )


def _replay(record: IdempotencyRecord, fingerprint: str) -> tuple[int, dict[str, Any], bool]:
    if record.fingerprint != fingerprint:
        raise _mismatch()
    return record.status, record.response, True


def idempotent(
    *,
    owner: str,
    scope: str,
    key: str | None,
    fingerprint: str,
    call: Callable[[], tuple[int, dict[str, Any]]],
) -> tuple[int, dict[str, Any], bool]:
    """Run ``call`` once per ``(owner, scope, key)``; return ``(status, body, replayed)``."""
    key = idempotency_key_clean(key)
    if key is None:
        status, body = call()
        return status, body, False
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.filter(owner=owner, scope=scope, key=key).first()
            if record is not None:
                return _replay(record, fingerprint)
            status, body = call()
            try:
                with transaction.atomic():
                    IdempotencyRecord.objects.create(
                        owner=owner,
                        scope=scope,
                        key=key,
                        fingerprint=fingerprint,
                        status=status,
                        response=body,
                        created_at=clock.now(),
                    )
            except IntegrityError as exc:
                raise _Lost from exc
            return status, body, False
    except _Lost:
        record = IdempotencyRecord.objects.get(owner=owner, scope=scope, key=key)
        return _replay(record, fingerprint)


def idempotency_records_prune(*, now: dt.datetime | None = None) -> int:
    """Delete records older than :data:`KEEP_DAYS`; returns how many."""
    cutoff = (now or clock.now()) - dt.timedelta(days=KEEP_DAYS)
    deleted, _rows = IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()
    return deleted
