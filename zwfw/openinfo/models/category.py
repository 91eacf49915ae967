"""主题分类: the categories open information is published under (政府信息公开目录)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zwfw.core.models import TimeStampedModel


class OpenInfoCategory(TimeStampedModel):
    """One category of the county's 政府信息公开目录 (机构职能, 政策文件, 财政预决算, …).

    Reference data, like a national code list: created by migration ``openinfo.0002`` so every
    deployment (and every test database) has the same set; ``code`` appears in index numbers
    (索引号) and in portal filter links, so it never changes once used.
    """

    code = models.CharField(_("分类代码"), max_length=8, unique=True)
    name = models.CharField(_("分类名称"), max_length=40, unique=True)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("公开信息分类")
        verbose_name_plural = _("公开信息分类")
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(condition=models.Q(code__regex=r"^[0-9A-Z]{2,8}$"), name="openinfo_category_code"),
        ]

    def __str__(self) -> str:
        return self.name
