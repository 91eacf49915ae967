"""System alerts: conditions that administrators must act on, such as a missing calendar year.

An alert is identified by ``(kind, key)`` — for example ``("calendar_year_missing", "2027")``.
At most one alert per ``(kind, key)`` is open at a time (a partial unique index), so raising the
same condition again and again leaves one row; fixing the condition resolves it. The writers are
the two manager methods :meth:`SystemAlertManager.raise_once` and :meth:`SystemAlertManager.resolve`,
used by :mod:`zwfw.core.workdays` and :mod:`zwfw.core.services.calendar`.
"""

from __future__ import annotations

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

from .. import clock
from ..choices import AlertLevel, SystemAlertKind  # noqa: F401 (re-exported)

_SEVERITY = {AlertLevel.INFO: 0, AlertLevel.WARNING: 1, AlertLevel.CRITICAL: 2}


class SystemAlertQuerySet(models.QuerySet["SystemAlert"]):
    def open(self) -> SystemAlertQuerySet:
        return self.filter(resolved_at__isnull=True)


class SystemAlertManager(models.Manager.from_queryset(SystemAlertQuerySet)):  # type: ignore[misc]
    def raise_once(self, *, kind: str, key: str, message: str, level: str) -> tuple[SystemAlert, bool]:
        """Open an alert unless one is already open for ``(kind, key)``; return it and whether it is new.

        An open alert is left as it is, except that a more severe ``level`` raises its level and
        message. Safe against a concurrent writer: the unique index decides, the loser re-reads.
        """
        existing = self.open().filter(kind=kind, key=key).first()
        if existing is None:
            try:
                with transaction.atomic():
                    return self.create(kind=kind, key=key, message=message, level=level), True
            except IntegrityError:
                existing = self.open().get(kind=kind, key=key)
        if _SEVERITY[AlertLevel(level)] > _SEVERITY[AlertLevel(existing.level)]:
            self.filter(pk=existing.pk).update(level=level, message=message)
            existing.level, existing.message = level, message
        return existing, False

    def resolve(self, *, kind: str, key: str) -> int:
        """Close the open alert for ``(kind, key)``, if any; return how many were closed (0 or 1)."""
        return self.open().filter(kind=kind, key=key).update(resolved_at=clock.now())


class SystemAlert(models.Model):
    """Something an administrator must fix, shown on their screens until it is resolved."""

    kind = models.CharField(_("类型"), max_length=40, choices=SystemAlertKind.choices)
    key = models.CharField(_("对象"), max_length=64)
    message = models.CharField(_("内容"), max_length=500)
    level = models.CharField(_("级别"), max_length=16, choices=AlertLevel.choices)
    created_at = models.DateTimeField(_("产生时间"), default=clock.now, editable=False)
    resolved_at = models.DateTimeField(_("解除时间"), null=True, blank=True)

    objects = SystemAlertManager()

    class Meta:
        verbose_name = _("系统告警")
        verbose_name_plural = _("系统告警")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key"],
                condition=models.Q(resolved_at__isnull=True),
                name="core_systemalert_one_open_per_key",
            ),
        ]

    def __str__(self) -> str:
        return f"[{self.get_level_display()}] {self.message}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
