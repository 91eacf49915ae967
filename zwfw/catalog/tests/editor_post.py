"""Turn a catalogue ``data`` dict into the POST body of the item editor (main form + four formsets)."""

from __future__ import annotations

from typing import Any

from zwfw.catalog.forms import CHILD_FORMSETS, VERSION_FIELDS
from zwfw.catalog.models import ItemVersion


def editor_post(data: dict[str, Any], *, extra: dict[str, Any] | None = None, theme_ids=(), event_ids=()) -> dict:
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
    post.update(extra or {})
    return post
