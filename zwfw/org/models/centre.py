"""Service centres (the county hall and each township's centre) and their windows."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zwfw.core.models import AuditedModel

from ..choices import CentreKind


class ServiceCentre(AuditedModel):
    """A physical hall: the offline twin of the website, where people apply in person."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=CentreKind.choices)
    region = models.ForeignKey(
        "org.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="centres"
    )
    agency = models.ForeignKey(
        "org.Agency", verbose_name=_("管理机构"), on_delete=models.PROTECT, related_name="centres"
    )
    address = models.CharField(_("地址"), max_length=200)
    phone = models.CharField(_("咨询电话"), max_length=40)
    office_hours = models.CharField(_("办公时间"), max_length=200)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("政务服务中心")
        verbose_name_plural = _("政务服务中心")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class Window(AuditedModel):
    """A counter in a centre. A 综合窗口 takes applications for several agencies."""

    centre = models.ForeignKey(
        ServiceCentre, verbose_name=_("服务中心"), on_delete=models.PROTECT, related_name="windows"
    )
    number = models.CharField(_("窗口号"), max_length=16)
    name = models.CharField(_("窗口名称"), max_length=100)
    agencies = models.ManyToManyField("org.Agency", verbose_name=_("进驻机构"), related_name="windows", blank=True)
    is_comprehensive = models.BooleanField(_("综合受理窗口"), default=False)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("窗口")
        verbose_name_plural = _("窗口")
        ordering = ["centre", "number"]
        constraints = [models.UniqueConstraint(fields=["centre", "number"], name="org_window_unique_number")]

    def __str__(self) -> str:
        return f"{self.centre.name} {self.number} {self.name}"
