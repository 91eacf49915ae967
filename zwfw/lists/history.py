"""Snapshots of list entries and the field-by-field difference between two of them.

A revision's snapshot is ``{"fields": {name: text}, "rows": [{name: text}, ...]}``: every value already
as shown to a reader (choice labels, agency and item names, 是/否), and beneficiary rows only masked.
So the history is readable even after a choice label, an agency name or the entry itself changed, and
no snapshot ever holds a full name or ID number. The diff follows :mod:`zwfw.catalog.diff`: scalar
fields compared as text, beneficiary rows matched by their masked ID (then name), so removing one
household reports that household removed rather than every later row shifted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from .kinds import BENEFICIARY_MODEL, BENEFICIARY_PUBLIC_FIELDS, KindSpec, spec_for, spec_of
from .models import EntryRevision, ListEntry

#: Snapshot key of the entry's agency (it is set on creation, not through ``fields``).
AGENCY_KEY = "agency"
STATUS_KEY = "status"


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


def display_value(model: type[models.Model], name: str, value: Any) -> str:
    """A field value as a reader sees it."""
    field = model._meta.get_field(name)
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def _relation_text(entry: ListEntry, name: str) -> str:
    if entry.pk is None:
        return ""
    return "、".join(sorted(str(o) for o in getattr(entry, name).all()))


def beneficiary_public_row(row: Any) -> dict[str, str]:
    return {n: display_value(BENEFICIARY_MODEL, n, getattr(row, n)) for n in BENEFICIARY_PUBLIC_FIELDS}


def entry_snapshot(entry: ListEntry) -> dict[str, Any]:
    """The entry as it is now, as display texts (the relations and child rows are read afresh)."""
    spec = spec_of(entry)
    model = spec.model
    fields: dict[str, str] = {
        AGENCY_KEY: str(entry.agency),
        STATUS_KEY: display_value(model, "status", entry.status),
    }
    relation_names = {r.name for r in spec.relations}
    for name in spec.fields:
        if name in relation_names:
            fields[name] = _relation_text(entry, name)
        else:
            fields[name] = display_value(model, name, getattr(entry, name))
    rows: list[dict[str, str]] = []
    if spec.children and entry.pk is not None:
        rows = [beneficiary_public_row(r) for r in getattr(entry, spec.children).order_by("order")]
    return {"fields": fields, "rows": rows}


def _label(spec: KindSpec, name: str) -> str:
    if name == AGENCY_KEY:
        return str(spec.model._meta.get_field("agency").verbose_name)
    return str(spec.model._meta.get_field(name).verbose_name)


def _row_key(row: dict[str, str]) -> str:
    return row.get("id_number_masked") or row.get("name_masked") or ""


def _keyed(rows: list[dict[str, str]]) -> dict[tuple[str, int], dict[str, str]]:
    seen: Counter[str] = Counter()
    keyed = {}
    for row in rows:
        value = _row_key(row)
        keyed[(value, seen[value])] = row
        seen[value] += 1
    return keyed


def _row_text(row: dict[str, str], names: list[str] | None = None) -> str:
    names = [n for n in (names if names is not None else list(row)) if row.get(n)]
    head = f"{row.get('name_masked', '')}（{row.get('id_number_masked', '')}）"
    parts = [
        f"{BENEFICIARY_MODEL._meta.get_field(n).verbose_name}：{row[n]}"
        for n in names
        if n not in ("name_masked", "id_number_masked")
    ]
    return head + ("：" + "；".join(parts) if parts else "")


def _row_changes(old_rows: list[dict[str, str]], new_rows: list[dict[str, str]]) -> list[FieldChange]:
    label = str(BENEFICIARY_MODEL._meta.verbose_name)
    old_keyed, new_keyed = _keyed(old_rows), _keyed(new_rows)
    changes = []
    for key, row in old_keyed.items():
        if key not in new_keyed:
            changes.append(FieldChange("rows", label, _("删除：%(row)s") % {"row": _row_text(row)}, ""))
    for key, row in new_keyed.items():
        if key not in old_keyed:
            changes.append(FieldChange("rows", label, "", _("新增：%(row)s") % {"row": _row_text(row)}))
        elif row != old_keyed[key]:
            differing = [n for n in row if row[n] != old_keyed[key].get(n)]
            changes.append(FieldChange("rows", label, _row_text(old_keyed[key], differing), _row_text(row, differing)))
    return changes


def snapshot_diff(kind: str, old: dict[str, Any] | None, new: dict[str, Any]) -> list[FieldChange]:
    """The changes from snapshot ``old`` to ``new`` (``old`` None: everything in ``new`` is new)."""
    spec = spec_for(kind)
    old_fields = (old or {}).get("fields", {})
    new_fields = new.get("fields", {})
    changes: list[FieldChange] = []
    for name in (AGENCY_KEY, *spec.fields, STATUS_KEY):
        before, after = old_fields.get(name, ""), new_fields.get(name, "")
        if before != after:
            label = str(_("状态")) if name == STATUS_KEY else _label(spec, name)
            changes.append(FieldChange(name, label, before, after))
    if spec.children:
        changes += _row_changes((old or {}).get("rows", []), new.get("rows", []))
    return changes


def revision_diff(old: EntryRevision | None, new: EntryRevision) -> list[FieldChange]:
    """The changes between two revisions of the same entry (``old`` None: the first state)."""
    if old is not None and (old.kind, old.entry_id) != (new.kind, new.entry_id):
        raise ValueError("revisions of different entries")
    return snapshot_diff(new.kind, old.snapshot if old is not None else None, new.snapshot)


def snapshot_changed_fields(kind: str, old: dict[str, Any] | None, new: dict[str, Any]) -> list[str]:
    """The names of the fields (and ``rows``) that differ, for the revision's ``changed_fields``."""
    return list(dict.fromkeys(c.field for c in snapshot_diff(kind, old, new)))
