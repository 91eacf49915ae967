"""Open system alerts for the staff shell's alert slot.

``core.SystemAlert`` (for example "next year's holidays are not loaded") is read here only to be
shown to holders of ``core.view_system_alerts``. The import is guarded so the shell keeps working
in a checkout where core does not provide alerts.
"""

from __future__ import annotations

from typing import Any

try:
    from zwfw.core.models import SystemAlert
except ImportError:  # pragma: no cover - core without alerts
    SystemAlert = None

ALERTS_SHOWN = 5


def open_system_alerts(*, user: Any) -> list[Any]:
    """Up to :data:`ALERTS_SHOWN` open alerts, newest first, for holders of ``core.view_system_alerts``."""
    if SystemAlert is None or not user.is_authenticated or not user.has_perm("core.view_system_alerts"):
        return []
    return list(SystemAlert.objects.filter(resolved_at__isnull=True).order_by("-created_at", "-id")[:ALERTS_SHOWN])
