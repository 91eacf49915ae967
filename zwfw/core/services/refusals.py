"""The shared habits of every domain's services (STYLE.md habits 1–2), in one place.

- :func:`refusals_audited` wraps a service's ``transaction.atomic()`` block: a refusal raised inside
  (bad input or a missing permission) is recorded with ``audit_record_refusal`` *after* the
  transaction has rolled back, then re-raised — so the attempt is on record and nothing changed.
- :func:`require_perm` asks django-rules; ``actor`` None is the system (seed loaders, sweeps) and may
  do anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from .audit import audit_record_refusal

#: Whoever acts: a user, or None for the system.
Actor = AbstractUser | None


def refusal_reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(str(m) for m in exc.messages)
    return str(exc)


@contextmanager
def refusals_audited(*, actor: Actor, action: str, obj: models.Model | None = None, **detail: Any) -> Iterator[None]:
    """Audit a refusal raised inside the block (after its rollback), then re-raise it."""
    try:
        yield
    except (ValidationError, PermissionDenied) as exc:
        audit_record_refusal(actor=actor, action=action, reason=refusal_reason(exc), obj=obj, detail=detail)
        raise


def require_perm(actor: Actor, perm: str, message: str, obj: Any = None) -> None:
    """``actor`` None is the system and may do anything; a user needs ``perm`` (on ``obj``)."""
    if actor is not None and not actor.has_perm(perm, obj):
        raise PermissionDenied(message)
