"""Helpers shared by the org services (private to this package).

- :func:`refusals_audited` records a refused write (bad input or missing permission) with
  ``audit_record_refusal`` *after* the service's transaction has rolled back, then re-raises.
- :func:`field_changes` / :func:`apply_changes` compare before writing, so an update that changes
  nothing writes nothing: no new ``updated_at``, no audit event. The seed loader relies on this
  to be idempotent.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from zwfw.core.services.audit import audit_record_refusal

#: Whoever acts: a user, or None for the system (the seed loader, sweeps).
Actor = AbstractUser | None


def refusal_reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(str(m) for m in exc.messages)
    return str(exc)


@contextmanager
def refusals_audited(
    *, actor: Actor, action: str, obj: models.Model | None = None, **detail: Any
) -> Iterator[None]:
    """Wrap a service's ``transaction.atomic()`` block: a refusal raised inside is audited, then re-raised."""
    try:
        yield
    except (ValidationError, PermissionDenied) as exc:
        audit_record_refusal(actor=actor, action=action, reason=refusal_reason(exc), obj=obj, detail=detail)
        raise


def require_perm(actor: Actor, perm: str, message: str, obj: models.Model | None = None) -> None:
    """``actor`` None is the system and may do anything; a user needs ``perm``."""
    if actor is not None and not actor.has_perm(perm, obj):
        raise PermissionDenied(message)


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def field_changes(instance: models.Model, data: Mapping[str, Any], allowed: frozenset[str]) -> dict[str, Any]:
    """The subset of ``data`` that differs from ``instance`` (foreign keys compared by id).

    Raises TypeError for a field outside ``allowed``: that is a programming error, not bad input.
    """
    unknown = set(data) - allowed
    if unknown:
        raise TypeError(f"fields that cannot be changed here: {sorted(unknown)}")
    changes = {}
    for name, value in data.items():
        field = instance._meta.get_field(name)
        if field.is_relation:
            current = getattr(instance, field.attname)
            new = value.pk if isinstance(value, models.Model) else value
        else:
            current, new = getattr(instance, name), value
        if current != new:
            changes[name] = value
    return changes


def apply_changes(instance: models.Model, changes: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Set ``changes`` on ``instance`` and return ``{field: [old, new]}`` for the audit detail."""
    diff = {}
    for name, value in changes.items():
        field = instance._meta.get_field(name)
        if field.is_relation:
            old = getattr(instance, field.attname)
            new = value.pk if isinstance(value, models.Model) else value
        else:
            old, new = getattr(instance, name), value
        setattr(instance, name, value)
        diff[name] = [_jsonable(old), _jsonable(new)]
    return diff
