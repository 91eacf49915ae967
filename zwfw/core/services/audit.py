"""Writing to the audit log. This is the only writer of :class:`~zwfw.core.models.AuditEvent`.

Every service of every domain calls :func:`audit_record` inside its own transaction, so the
event commits or rolls back with the change it describes (STYLE.md habit 2). A refused or
failed attempt that changes nothing is recorded with ``outcome=Outcome.DENIED`` or
``FAILURE`` from outside the rolled-back transaction (see :func:`audit_record_refusal`).
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from .. import clock
from ..choices import Outcome
from ..logging import pii_redact
from ..middleware import current_source_address
from ..models import AuditChainHead, AuditEvent

SYSTEM_ACTOR_LABEL = "system"


def _describe(obj: models.Model | None) -> tuple[str, str, str]:
    if obj is None:
        return "", "", ""
    meta = obj._meta
    return f"{meta.app_label}.{meta.model_name}", str(obj.pk), str(obj)[:200]


def _redacted(value: Any) -> Any:
    """``value`` with any ID- or mobile-shaped text masked (strings inside dicts and lists too)."""
    if isinstance(value, str):
        return pii_redact(value)
    if isinstance(value, dict):
        return {key: _redacted(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_redacted(item) for item in value]
    return value


def audit_record(
    *,
    actor: Any | None,
    action: str,
    obj: models.Model | None = None,
    outcome: str = Outcome.SUCCESS,
    detail: dict[str, Any] | None = None,
    source_address: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    object_repr: str | None = None,
) -> AuditEvent:
    """Append one event to the chain and return it.

    ``actor`` is a user or None for the system; ``action`` is ``<entity>.<verb>`` (for
    example ``calendar_year.confirm``). ``detail`` must never hold a full ID number, mobile
    number or password: pass masked values. As a last defence, any ID- or mobile-shaped text in
    ``detail`` and the object's description is masked here (``core.logging.pii_redact``), so a value
    typed by a user (a mobile number typed as a username) never lands in the log in full. The source
    address defaults to the current request's (RequestContextMiddleware).
    """
    default_type, default_id, default_repr = _describe(obj)
    is_user = actor is not None and getattr(actor, "pk", None) is not None
    with transaction.atomic():
        # Migration core.0002 creates the head row; an emptied database (a flushed test database, a
        # restore into a fresh schema) gets it back here. If events exist without a head, the insert
        # below collides with event #1 and fails loudly rather than starting a second chain.
        AuditChainHead.objects.get_or_create(pk=1)
        head = AuditChainHead.objects.select_for_update().get(pk=1)
        event = AuditEvent(
            # Ids are assigned here, under the head lock, so they are contiguous and the
            # hash can cover the id (a removed row leaves a gap that audit_verify reports).
            id=head.last_event_id + 1,
            occurred_at=clock.now(),
            actor=actor if is_user else None,
            actor_label=actor.get_username() if is_user else SYSTEM_ACTOR_LABEL,
            action=action,
            object_type=object_type if object_type is not None else default_type,
            object_id=object_id if object_id is not None else default_id,
            object_repr=pii_redact(object_repr if object_repr is not None else default_repr)[:200],
            outcome=outcome,
            source_address=source_address or current_source_address(),
            detail=_redacted(detail or {}),
            prev_hash=head.last_hash,
        )
        event.hash = event.compute_hash()
        event.save(force_insert=True)
        AuditChainHead.objects.filter(pk=1).update(
            last_event_id=event.id, last_hash=event.hash, count=models.F("count") + 1
        )
    return event


def audit_record_refusal(
    *, actor: Any | None, action: str, reason: str, obj: models.Model | None = None, **extra: Any
) -> AuditEvent:
    """Record an attempt that was refused (permission or validation) and changed nothing.

    Call it after the failed transaction has rolled back, so the record survives.
    """
    detail = {"reason": reason, **extra.pop("detail", {})}
    return audit_record(actor=actor, action=action, obj=obj, outcome=Outcome.DENIED, detail=detail, **extra)
