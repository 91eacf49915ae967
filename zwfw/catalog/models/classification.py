"""The portal's classifications besides agency and region: themes (主题) and life events (生命周期事件)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zwfw.core.models import AuditedModel

from ..choices import Audience


class Theme(AuditedModel):
    """A subject people look for: 户籍办理, 婚姻登记, 社会保障, 市场准入 …"""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=40, unique=True)
    audience = models.CharField(_("面向"), max_length=16, choices=Audience.choices)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("主题")
        verbose_name_plural = _("主题")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class LifeEvent(AuditedModel):
    """A moment in a person's or a business's life: 出生、上学、就业、结婚、退休 / 开办、变更、注销 …"""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=40, unique=True)
    audience = models.CharField(_("面向"), max_length=16, choices=Audience.choices)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("生命周期事件")
        verbose_name_plural = _("生命周期事件")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name
