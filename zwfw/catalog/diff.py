"""What changed between two versions of an item, for the reviewer (吴刚 in story 1) and the history page.

:func:`version_diff` compares the guide field by field (choice codes shown with their labels), the
classifications (themes, life events, regions, windows) as sets, and the guide's lists (materials,
fees, steps, FAQ): rows are matched by their name (the question for FAQ), so removing one material
reports that material removed rather than every later row shifted. A row whose content changed is
described with the changed parts only; a pure change of order is reported once per list. Process steps
include the engine's columns (kind, agency, role, 就近 township, parallel group and rule). The application
form is compared field by field (matched by field name) and its material rules by the material's name.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zwfw.core.dynforms import FIELD_TYPE_LABELS, PREFILL_SOURCES, schema_fields, schema_material_rules

from .choices import HandlingForm, ServiceObject
from .models import GUIDE_FIELDS, ItemFaq, ItemFee, ItemVersion, MaterialRequirement, ProcessStep


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


#: The scalar fields compared, in the guide's order.
SCALAR_FIELDS: tuple[str, ...] = (*GUIDE_FIELDS, "result_sample")
RELATION_FIELDS: tuple[str, ...] = ("windows", "handling_regions", "themes", "life_events")
#: The lists: key → (model, the field that identifies a row).
LIST_FIELDS: dict[str, tuple[type[models.Model], str]] = {
    "materials": (MaterialRequirement, "name"),
    "fees": (ItemFee, "name"),
    "steps": (ProcessStep, "name"),
    "faqs": (ItemFaq, "question"),
}
_CODE_LISTS = {"service_objects": ServiceObject, "handling_forms": HandlingForm}


def _display(model: type[models.Model], name: str, value: Any) -> str:
    field = model._meta.get_field(name)
    if value is None:
        return ""
    if name in _CODE_LISTS and isinstance(value, list):
        choices = _CODE_LISTS[name]
        return "、".join(str(choices(v).label) if v in choices.values else str(v) for v in value)
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.FileField):
        return value.name or "" if hasattr(value, "name") else str(value)
    return str(value)


def _label(model: type[models.Model], name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _relation_names(version: ItemVersion | None, name: str) -> list[str]:
    if version is None or version.pk is None:
        return []
    return sorted(str(o) for o in getattr(version, name).all())


def _rows(version: ItemVersion | None, key: str) -> list[dict[str, str]]:
    if version is None or version.pk is None:
        return []
    model, _key = LIST_FIELDS[key]
    names = [f.name for f in model._meta.concrete_fields if f.name not in ("id", "version", "order")]
    return [{n: _display(model, n, getattr(row, n)) for n in names} for row in getattr(version, key).all()]


def _keyed(rows: list[dict[str, str]], key_field: str) -> dict[tuple[str, int], dict[str, str]]:
    """Rows by (identifying value, occurrence), so two rows of the same name stay apart."""
    seen: Counter[str] = Counter()
    keyed = {}
    for row in rows:
        value = row[key_field]
        keyed[(value, seen[value])] = row
        seen[value] += 1
    return keyed


def _row_text(model: type[models.Model], key_field: str, row: dict[str, str], names: list[str] | None = None) -> str:
    names = [n for n in (names if names is not None else row) if n != key_field and row.get(n)]
    if not names:
        return row[key_field]
    parts = "；".join(f"{_label(model, n)}：{row[n]}" for n in names)
    return f"{row[key_field]}（{parts}）"


def _list_changes(old: ItemVersion | None, new: ItemVersion, key: str) -> list[FieldChange]:
    model, key_field = LIST_FIELDS[key]
    label = str(model._meta.verbose_name)
    old_rows, new_rows = _keyed(_rows(old, key), key_field), _keyed(_rows(new, key), key_field)
    changes = []
    for k, row in old_rows.items():
        if k not in new_rows:
            changes.append(FieldChange(key, label, _("删除：%(row)s") % {"row": _row_text(model, key_field, row)}, ""))
    for k, row in new_rows.items():
        if k not in old_rows:
            changes.append(FieldChange(key, label, "", _("新增：%(row)s") % {"row": _row_text(model, key_field, row)}))
        elif row != old_rows[k]:
            differing = [n for n in row if row[n] != old_rows[k][n]]
            changes.append(
                FieldChange(
                    key,
                    label,
                    _row_text(model, key_field, old_rows[k], differing),
                    _row_text(model, key_field, row, differing),
                )
            )
    common_old = [k for k in old_rows if k in new_rows]
    common_new = [k for k in new_rows if k in old_rows]
    if common_old != common_new:
        changes.append(
            FieldChange(
                key,
                _("%(label)s顺序") % {"label": label},
                "、".join(k[0] for k in common_old),
                "、".join(k[0] for k in common_new),
            )
        )
    return changes


#: How the parts of a form field are named in the diff.
_FORM_PARTS: dict[str, Any] = {
    "label": gettext_lazy("显示名称"),
    "type": gettext_lazy("类型"),
    "required": gettext_lazy("必填"),
    "help": gettext_lazy("填写说明"),
    "max_length": gettext_lazy("最多字数"),
    "min": gettext_lazy("最小值"),
    "max": gettext_lazy("最大值"),
    "options": gettext_lazy("选项"),
    "prefill": gettext_lazy("预填"),
    "show_if": gettext_lazy("显示条件"),
}


def _condition_text(condition: Any, labels: dict[str, str]) -> str:
    if not isinstance(condition, dict):
        return ""
    values = condition.get("in") if "in" in condition else [condition.get("equals")]
    shown = "、".join((_("是") if v else _("否")) if isinstance(v, bool) else str(v) for v in values or [])
    field = condition.get("field", "")
    return _("“%(field)s”为%(values)s") % {"field": labels.get(field, field), "values": shown}


def _form_field_parts(spec: dict[str, Any], labels: dict[str, str]) -> dict[str, str]:
    parts: dict[str, str] = {}
    for key in _FORM_PARTS:
        value = spec.get(key)
        if key == "type":
            text = str(FIELD_TYPE_LABELS.get(value, value or ""))
        elif key == "required":
            text = _("是") if value else _("否")
        elif key == "options":
            text = "、".join(f"{v}={label}" for v, label in value or [])
        elif key == "prefill":
            text = str(PREFILL_SOURCES.get(value, value or "")) if value else ""
        elif key == "show_if":
            text = _condition_text(value, labels)
        else:
            text = "" if value is None else str(value)
        parts[key] = text
    return parts


def _form_field_text(name: str, parts: dict[str, str], keys: list[str] | None = None) -> str:
    keys = [k for k in (keys if keys is not None else list(parts)) if parts.get(k)]
    detail = "；".join(f"{_FORM_PARTS[k]}：{parts[k]}" for k in keys)
    return f"{name}（{detail}）" if detail else name


def _form_changes(old: ItemVersion | None, new: ItemVersion) -> list[FieldChange]:
    label = str(ItemVersion._meta.get_field("application_form").verbose_name)
    old_schema = old.application_form if old is not None else {}
    old_fields = {f.get("name"): f for f in schema_fields(old_schema)}
    new_fields = {f.get("name"): f for f in schema_fields(new.application_form)}
    old_labels = {n: f.get("label", n) for n, f in old_fields.items()}
    new_labels = {n: f.get("label", n) for n, f in new_fields.items()}
    changes = []
    for name, spec in old_fields.items():
        if name not in new_fields:
            text = _form_field_text(name, _form_field_parts(spec, old_labels))
            changes.append(FieldChange("application_form", label, _("删除字段：%(f)s") % {"f": text}, ""))
    for name, spec in new_fields.items():
        parts = _form_field_parts(spec, new_labels)
        if name not in old_fields:
            text = _form_field_text(name, parts)
            changes.append(FieldChange("application_form", label, "", _("新增字段：%(f)s") % {"f": text}))
            continue
        before = _form_field_parts(old_fields[name], old_labels)
        differing = [k for k in parts if parts[k] != before[k]]
        if differing:
            changes.append(
                FieldChange(
                    "application_form",
                    label,
                    _form_field_text(name, before, differing),
                    _form_field_text(name, parts, differing),
                )
            )
    if [n for n in old_fields if n in new_fields] != [n for n in new_fields if n in old_fields]:
        changes.append(
            FieldChange(
                "application_form",
                _("%(label)s字段顺序") % {"label": label},
                "、".join(n for n in old_fields if n in new_fields),
                "、".join(n for n in new_fields if n in old_fields),
            )
        )
    old_rules = _rules_by_material(old, old_schema, old_labels)
    new_rules = _rules_by_material(new, new.application_form, new_labels)
    for material in sorted(set(old_rules) | set(new_rules)):
        before, after = old_rules.get(material, ""), new_rules.get(material, "")
        if before != after:
            changes.append(
                FieldChange(
                    "application_form",
                    _("材料条件"),
                    _("%(m)s：仅当%(c)s时必需") % {"m": material, "c": before} if before else "",
                    _("%(m)s：仅当%(c)s时必需") % {"m": material, "c": after} if after else "",
                )
            )
    return changes


def _rules_by_material(version: ItemVersion | None, schema: Any, labels: dict[str, str]) -> dict[str, str]:
    """{material name: condition text} of a version's material rules."""
    rules = schema_material_rules(schema)
    if version is None or version.pk is None or not rules:
        return {}
    names = dict(version.materials.values_list("order", "name"))
    return {
        names.get(order, f"#{order}"): _condition_text(rule.get("required_if"), labels) for order, rule in rules.items()
    }


def version_diff(old: ItemVersion | None, new: ItemVersion) -> list[FieldChange]:
    """The changes from ``old`` to ``new`` (``old`` None: everything ``new`` says is new)."""
    changes: list[FieldChange] = []
    for name in SCALAR_FIELDS:
        before = _display(ItemVersion, name, getattr(old, name)) if old is not None else ""
        after = _display(ItemVersion, name, getattr(new, name))
        if before != after:
            changes.append(FieldChange(name, _label(ItemVersion, name), before, after))
    for name in RELATION_FIELDS:
        before, after = _relation_names(old, name), _relation_names(new, name)
        if before != after:
            changes.append(FieldChange(name, _label(ItemVersion, name), "、".join(before), "、".join(after)))
    for key in LIST_FIELDS:
        changes += _list_changes(old, new, key)
    changes += _form_changes(old, new)
    return changes
