"""Helpers shared by the catalogue services (private to this package).

The same habits as ``zwfw.org.services._common`` (kept separate: another domain's private module
is not part of its public surface):

- :func:`refusals_audited` records a refused write (bad input or missing permission) with
  ``audit_record_refusal`` *after* the service's transaction has rolled back, then re-raises.
- :func:`require_perm` asks django-rules; ``actor`` None is the system and may do anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from zwfw.core.services.audit import audit_record_refusal

#: Whoever acts: a user, or None for the system (the seed loader, the Excel import run by the system).
Actor = AbstractUser | None


def refusal_reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(str(m) for m in exc.messages)
    return str(exc)


@contextmanager
def refusals_audited(*, actor: Actor, action: str, obj: models.Model | None = None, **detail: Any) -> Iterator[None]:
    """Wrap a service's ``transaction.atomic()`` block: a refusal raised inside is audited, then re-raised."""
    try:
        yield
    except (ValidationError, PermissionDenied) as exc:
        audit_record_refusal(actor=actor, action=action, reason=refusal_reason(exc), obj=obj, detail=detail)
        raise


def require_perm(actor: Actor, perm: str, message: str, obj: Any = None) -> None:
    """``actor`` None is the system and may do anything; a user needs ``perm`` (on ``obj``)."""
    if actor is not None and not actor.has_perm(perm, obj):
        raise PermissionDenied(message)
