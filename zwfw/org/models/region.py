"""Administrative divisions by GB/T 2260 code (townships by the 统计用区划代码's 9 digits)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zwfw.core.models import TimeStampedModel

from ..choices import RegionLevel, TownshipKind


class Region(TimeStampedModel):
    """One division: 甘肃省 62 → 白银市 6204 → 景泰县 620423 → its townships.

    ``code`` is the full code without trailing zeros trimmed: 620000, 620400, 620423 for
    the upper levels and 9 digits for townships (e.g. 620423100).
    """

    code = models.CharField(_("区划代码"), max_length=12, unique=True)
    name = models.CharField(_("名称"), max_length=50)
    level = models.CharField(_("级别"), max_length=16, choices=RegionLevel.choices)
    township_kind = models.CharField(
        _("乡镇类别"), max_length=16, choices=TownshipKind.choices, blank=True, default=TownshipKind.NONE
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("上级区划"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    slug = models.SlugField(_("拼音标识"), max_length=40, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["sort_order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{6}([0-9]{3}([0-9]{3})?)?$"), name="org_region_code_format"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def full_name(self) -> str:
        """The name with its ancestors, e.g. 甘肃省白银市景泰县芦阳镇."""
        names = []
        node: Region | None = self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return "".join(reversed(names))
