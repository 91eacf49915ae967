"""What every list entry has: an agency, a publication status, a lock version and a history.

A list entry is maintained in place (unlike an item version, ADR 0013): a 草稿 is edited and published,
a published entry can be corrected (the portal shows the correction at once and its history says so),
and a published entry can be withdrawn (已撤销) with a reason. Every change appends one
:class:`EntryRevision` holding a snapshot of the whole entry (its child rows included), so any two
states can be compared field by field, and the public sees the published part of the history.

``lock_version`` is the optimistic-concurrency counter: an edit form carries the number it was drawn
from and the service refuses the edit when someone changed the entry in the meantime.

Writers: :mod:`zwfw.lists.services` only.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zwfw.core.models import AuditedModel

from ..choices import EntryStatus, ListKind, RevisionAction


class ListEntry(AuditedModel):
    """The abstract base of the four maintained lists. Subclasses add ``agency`` and their fields."""

    #: The :class:`~zwfw.lists.choices.ListKind` value of the concrete list.
    kind: ClassVar[str]

    status = models.CharField(_("状态"), max_length=16, choices=EntryStatus.choices, default=EntryStatus.DRAFT)
    lock_version = models.PositiveIntegerField(_("修改次数"), default=1, editable=False)
    sort_order = models.PositiveIntegerField(_("排序"), default=0, help_text=_("数字小的排在前面"))
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("撤销时间"), null=True, blank=True, editable=False)
    withdraw_reason = models.CharField(_("撤销理由"), max_length=300, blank=True, editable=False)
    #: The create form's one-time token: a second submit of the same form finds this entry instead of
    #: creating another one.
    creation_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == EntryStatus.PUBLISHED

    @property
    def kind_label(self) -> str:
        return str(ListKind(self.kind).label)


class AppendOnly(Exception):
    pass


class EntryRevision(models.Model):
    """One change of one list entry: who, when, what (action), and the entry as it was afterwards.

    Append-only: the ORM refuses to change or delete a stored revision. The snapshot holds display
    values (labels, names), and beneficiaries only in masked form, so it can be shown and compared as it is.
    """

    kind = models.CharField(_("清单"), max_length=16, choices=ListKind.choices)
    entry_id = models.PositiveBigIntegerField(_("条目"))
    number = models.PositiveIntegerField(_("序号"))
    action = models.CharField(_("操作"), max_length=16, choices=RevisionAction.choices)
    status = models.CharField(_("操作后状态"), max_length=16, choices=EntryStatus.choices)
    snapshot = models.JSONField(_("内容快照"), default=dict)
    changed_fields = models.JSONField(_("变化的字段"), default=list)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    occurred_at = models.DateTimeField(_("时间"))

    class Meta:
        verbose_name = _("清单条目修订")
        verbose_name_plural = _("清单条目修订")
        ordering = ["kind", "entry_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "entry_id", "number"], name="lists_revision_unique_number"),
        ]
        indexes = [models.Index(fields=["kind", "entry_id", "-number"], name="lists_revision_entry_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.entry_id} ({self.number})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnly("list entry revisions are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnly("list entry revisions are append-only")

    @property
    def is_public(self) -> bool:
        """Part of the published history: a state the public saw, or the withdrawal that ended it."""
        return self.status == EntryStatus.PUBLISHED or self.action == RevisionAction.WITHDRAW
