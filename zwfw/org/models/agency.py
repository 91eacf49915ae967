"""Agencies: the county government office, county departments, township governments."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zwfw.core.models import AuditedModel

from ..choices import AgencyKind


class Agency(AuditedModel):
    """A government body that implements items and whose staff handle cases.

    Each active department and township government has a sub-site on the portal, addressed
    by ``slug`` (``/bm/<slug>/`` for departments, ``/xz/<slug>/`` for townships).
    ``uscc`` is the 统一社会信用代码 (GB 32100), checked by python-stdnum before it is saved.
    """

    name = models.CharField(_("机构全称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=40)
    slug = models.SlugField(_("子站标识"), max_length=40, unique=True)
    kind = models.CharField(_("机构类型"), max_length=32, choices=AgencyKind.choices)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    region = models.ForeignKey(
        "org.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="agencies"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("上级机构"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    duties_note = models.CharField(
        _("职责说明"), max_length=200, blank=True, help_text=_("例如：承担原县政府法制办公室职责")
    )
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    phone = models.CharField(_("咨询电话"), max_length=40, blank=True)
    complaint_phone = models.CharField(_("监督投诉电话"), max_length=40, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    introduction = models.TextField(_("机构简介"), blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        ordering = ["sort_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(uscc__regex=r"^[0-9A-HJ-NPQRTUWXY]{18}$"), name="org_agency_uscc_format"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_township(self) -> bool:
        return self.kind == AgencyKind.TOWNSHIP_GOVERNMENT
