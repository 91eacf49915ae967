"""core's models, re-exported so that ``from zwfw.core.models import AuditEvent`` works."""

from .alert import AlertLevel, SystemAlert, SystemAlertKind
from .audit import AuditChainHead, AuditEvent
from .base import AuditedModel, TimeStampedModel
from .calendar import CalendarDay, CalendarDayKind, CalendarSource, CalendarYear
from .idempotency import IdempotencyRecord
from .jobs import BackgroundJob as BackgroundJob

__all__ = [
    "AlertLevel",
    "AuditChainHead",
    "AuditEvent",
    "AuditedModel",
    "CalendarDay",
    "CalendarDayKind",
    "CalendarSource",
    "CalendarYear",
    "IdempotencyRecord",
    "SystemAlert",
    "SystemAlertKind",
    "TimeStampedModel",
]
