"""The audit log: append-only events, each chained to its predecessor by an SM3 hash.

Every security event and every state change writes one :class:`AuditEvent` through
:func:`zwfw.core.services.audit.audit_record`. Each event stores ``prev_hash`` (the hash of
the event before it) and ``hash`` (SM3 over its own canonical content plus ``prev_hash``).
Changing or deleting any row breaks the chain at that row or the next one;
``manage.py audit_verify`` walks the chain and names the first broken event.

:class:`AuditChainHead` is a single row holding the id and hash of the newest event. It is
locked (``SELECT … FOR UPDATE``) while an event is appended, which serialises appends on
PostgreSQL; on SQLite the IMMEDIATE transaction already does. It also lets ``audit_verify``
notice that the newest events were removed.

Database triggers (migration 0002) refuse UPDATE and DELETE on the event table, so that an
ordinary bug cannot rewrite history; the hash chain catches whoever goes around them.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import Outcome
from ..crypto import sm3_hex

GENESIS_HASH = "0" * 64


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise TypeError("审计日志只能追加，不能修改。")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("审计日志只能追加，不能删除。")


class AuditEvent(models.Model):
    """One thing that happened: who did what to which object, with what outcome, when, from where."""

    occurred_at = models.DateTimeField(_("发生时间"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A snapshot of who acted, kept even if the account is renamed; "system" for sweeps.
    actor_label = models.CharField(_("操作人标识"), max_length=150)
    action = models.CharField(_("操作"), max_length=80, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=80, blank=True)
    object_id = models.CharField(_("对象标识"), max_length=64, blank=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    outcome = models.CharField(_("结果"), max_length=16, choices=Outcome.choices)
    source_address = models.GenericIPAddressField(_("来源地址"), null=True, blank=True)
    detail = models.JSONField(_("详情"), default=dict, blank=True)
    prev_hash = models.CharField(_("前一事件摘要"), max_length=64)
    hash = models.CharField(_("摘要"), max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计事件")
        verbose_name_plural = _("审计事件")
        ordering = ["-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="core_audit_object_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.outcome}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("审计日志只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("审计日志只能追加，不能删除。")

    def canonical(self) -> bytes:
        """The bytes the hash covers: every recorded field, in a fixed order and encoding."""
        payload = {
            "id": self.pk,
            "occurred_at": self.occurred_at.isoformat(timespec="microseconds"),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "outcome": self.outcome,
            "source_address": self.source_address,
            "detail": self.detail,
            "prev_hash": self.prev_hash,
        }
        return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()

    def compute_hash(self) -> str:
        return sm3_hex(self.canonical())


class AuditChainHead(models.Model):
    """The single row that points at the newest audit event (id 1 always)."""

    last_event_id = models.BigIntegerField(_("最新事件"), default=0)
    last_hash = models.CharField(_("最新摘要"), max_length=64, default=GENESIS_HASH)
    count = models.BigIntegerField(_("事件数"), default=0)

    class Meta:
        verbose_name = _("审计链头")
        verbose_name_plural = _("审计链头")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="core_audit_head_singleton")]

    def __str__(self) -> str:
        return f"#{self.last_event_id} {self.last_hash[:12]}"
