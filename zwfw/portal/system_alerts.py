"""Open system alerts for the staff shell's alert slot.

``core.SystemAlert`` arrives with the working-day calendar work (for example: "next year's
holidays are not loaded"). The import is guarded so the shell works before and after it lands.
"""

from __future__ import annotations

from typing import Any

try:
    from zwfw.core.models import SystemAlert  # type: ignore[attr-defined]
except ImportError:  # not there yet
    SystemAlert = None

ALERTS_SHOWN = 5


def _open_filter(model: Any) -> dict[str, Any]:
    """How "open" is spelled on the model: a resolution timestamp, a flag or a status."""
    fields = {f.name for f in model._meta.get_fields()}
    if "resolved_at" in fields:
        return {"resolved_at__isnull": True}
    if "is_open" in fields:
        return {"is_open": True}
    if "is_resolved" in fields:
        return {"is_resolved": False}
    if "status" in fields:
        return {"status": "open"}
    return {}


def open_system_alerts(*, user: Any) -> list[Any]:
    """Up to :data:`ALERTS_SHOWN` open alerts, newest first, for holders of ``core.view_system_alerts``."""
    if SystemAlert is None or not user.is_authenticated or not user.has_perm("core.view_system_alerts"):
        return []
    queryset = SystemAlert.objects.filter(**_open_filter(SystemAlert))
    if any(f.name == "created_at" for f in SystemAlert._meta.get_fields()):
        queryset = queryset.order_by("-created_at")
    return list(queryset[:ALERTS_SHOWN])
