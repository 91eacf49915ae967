"""Turn a catalogue ``data`` dict into the POST body of the item editor (main form + four formsets)."""

from __future__ import annotations

from typing import Any

from zwfw.catalog.forms import CHILD_FORMSETS, VERSION_FIELDS
from zwfw.catalog.models import ItemVersion


def editor_post(
    data: dict[str, Any],
    *,
    extra: dict[str, Any] | None = None,
    theme_ids=(),
    event_ids=(),
    application_form: dict[str, Any] | None = None,
) -> dict:
    """``application_form`` (a dynforms schema) adds the form's field rows and the materials' conditions;
    without it the POST has no form rows and the version's form stays as it is."""
    post: dict[str, Any] = {}
    for name in VERSION_FIELDS:
        if name in {"themes", "life_events"}:
            continue
        value = data[name] if name in data else ItemVersion._meta.get_field(name).get_default()
        if isinstance(value, bool):
            if value:
                post[name] = "on"
        elif isinstance(value, list):
            post[name] = [str(v) for v in value]
        else:
            post[name] = "" if value is None else str(value)
    post["themes"] = [str(i) for i in theme_ids]
    post["life_events"] = [str(i) for i in event_ids]
    for name in CHILD_FORMSETS:
        rows = data.get(name, [])
        post[f"{name}-TOTAL_FORMS"] = str(len(rows))
        post[f"{name}-INITIAL_FORMS"] = "0"
        post[f"{name}-MIN_NUM_FORMS"] = "0"
        post[f"{name}-MAX_NUM_FORMS"] = "1000"
        for i, row in enumerate(rows):
            defaults = {
                "materials": {
                    "is_required": True,
                    "form": "original",
                    "copies": 1,
                    "material_format": "either",
                    "source": "applicant",
                },
            }.get(name, {})
            for key, value in {**defaults, **row}.items():
                if isinstance(value, bool):
                    if value:
                        post[f"{name}-{i}-{key}"] = "on"
                else:
                    post[f"{name}-{i}-{key}"] = str(value)
    if application_form is not None:
        post.update(form_rows_post(application_form))
    post.update(extra or {})
    return post


def form_rows_post(schema: dict[str, Any]) -> dict[str, str]:
    """The editor's rows of an application form: one row per field, the material rules on the material rows."""
    post = {
        "form_fields-TOTAL_FORMS": str(len(schema.get("fields", []))),
        "form_fields-INITIAL_FORMS": "0",
        "form_fields-MIN_NUM_FORMS": "0",
        "form_fields-MAX_NUM_FORMS": "1000",
    }

    def values_text(condition: dict[str, Any]) -> str:
        values = condition["in"] if "in" in condition else [condition["equals"]]
        return "、".join(("是" if v else "否") if isinstance(v, bool) else str(v) for v in values)

    for i, spec in enumerate(schema.get("fields", [])):
        row = f"form_fields-{i}-"
        for key in ("name", "label", "type", "help", "max_length", "min", "max", "prefill"):
            if key in spec:
                post[row + key] = str(spec[key])
        if spec.get("required"):
            post[row + "required"] = "on"
        if spec.get("options"):
            post[row + "options"] = "\n".join(f"{v}={label}" for v, label in spec["options"])
        if spec.get("show_if"):
            post[row + "show_if_field"] = spec["show_if"]["field"]
            post[row + "show_if_values"] = values_text(spec["show_if"])
    for rule in schema.get("materials", []):
        row = f"materials-{rule['order'] - 1}-"
        post[row + "required_if_field"] = rule["required_if"]["field"]
        post[row + "required_if_values"] = values_text(rule["required_if"])
    return post
