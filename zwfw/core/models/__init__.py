"""core's models, re-exported so that ``from zwfw.core.models import AuditEvent`` works."""

from .audit import AuditChainHead, AuditEvent
from .base import AuditedModel, TimeStampedModel

__all__ = ["AuditChainHead", "AuditEvent", "AuditedModel", "TimeStampedModel"]
