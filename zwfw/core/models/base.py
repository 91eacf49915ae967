"""Base model conventions that every domain model inherits.

- ``TimeStampedModel``: created/updated instants (UTC, aware).
- ``AuditedModel``: adds who created and who last changed the row. Services set these
  fields; nothing else writes domain rows (STYLE.md habit 1).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True, editable=False)

    class Meta:
        abstract = True


class AuditedModel(TimeStampedModel):
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("最后修改人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    class Meta:
        abstract = True

    def stamp(self, actor: models.Model | None) -> None:
        """Record ``actor`` as the creator (on first save) and as the last editor."""
        if self._state.adding and self.created_by_id is None:
            self.created_by = actor
        self.updated_by = actor
