"""Helpers shared by the org services (private to this package).

- :func:`refusals_audited` and :func:`require_perm` come from :mod:`zwfw.core.services.refusals`.
- :func:`field_changes` / :func:`apply_changes` compare before writing, so an update that changes
  nothing writes nothing: no new ``updated_at``, no audit event. The seed loader relies on this
  to be idempotent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models

from zwfw.core.services.refusals import Actor, refusal_reason, refusals_audited, require_perm  # noqa: F401 (re-exported)


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
