"""The staff back office menu, as a registry each domain contributes to.

A domain registers its screens in its ``AppConfig.ready()``::

    staff_menu_register(StaffMenuEntry(label=_("工作日历"), url_name="core:calendar_index",
                                       permission="core.manage_calendar", group=_("系统管理"), order=10))

The staff shell shows an entry only to users who hold its permission, so the three
administrators each see only their own screens. Nothing here imports another domain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class StaffMenuEntry:
    label: str | Promise
    url_name: str
    permission: str
    group: str | Promise
    order: int = 100


_entries: dict[str, StaffMenuEntry] = {}


def staff_menu_register(entry: StaffMenuEntry) -> None:
    """Add (or replace, by url_name) one menu entry."""
    _entries[entry.url_name] = entry


def staff_menu_for(user: Any) -> list[dict[str, Any]]:
    """The entries ``user`` may see, grouped: ``[{"group": ..., "entries": [{"label", "url"}]}]``."""
    groups: dict[str, dict[str, Any]] = {}
    for entry in sorted(_entries.values(), key=lambda e: (e.order, e.url_name)):
        if not user.has_perm(entry.permission):
            continue
        key = str(entry.group)
        groups.setdefault(key, {"group": entry.group, "entries": []})["entries"].append(
            {"label": entry.label, "url": reverse(entry.url_name), "url_name": entry.url_name}
        )
    return list(groups.values())
