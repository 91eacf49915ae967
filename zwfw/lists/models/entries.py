"""The four maintained lists: 部门责任清单, 行政事业性收费清单, 财政专项资金管理清单, 扶贫专项清单.

Writers: :mod:`zwfw.lists.services` only. Beneficiaries' names and ID numbers are personal data:
stored encrypted (:class:`zwfw.core.pii.EncryptedTextField`), looked up by a keyed blind index, and
the masked forms are kept beside them so that public reads never touch the ciphertext.
"""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zwfw.core.pii import EncryptedTextField

from ..choices import AllocationMethod, FundLevel, FundManagement, ListKind, ProjectProgress, ProjectType
from .base import ListEntry

_PHONE_HELP = _("如：0943-5521234")
_MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class Responsibility(ListEntry):
    """部门责任清单: one duty of an agency, the items it covers, who it cooperates with, and accountability."""

    kind = ListKind.RESPONSIBILITY

    agency = models.ForeignKey(
        "org.Agency", verbose_name=_("责任部门"), on_delete=models.PROTECT, related_name="responsibilities"
    )
    name = models.CharField(_("职责名称"), max_length=200)
    content = models.TextField(_("职责内容"))
    items = models.ManyToManyField(
        "catalog.ServiceItem", verbose_name=_("涉及事项"), blank=True, related_name="responsibilities"
    )
    cooperating_agencies = models.ManyToManyField(
        "org.Agency", verbose_name=_("协作部门"), blank=True, related_name="cooperations"
    )
    cooperation = models.TextField(_("协作事项"), blank=True, help_text=_("与协作部门的职责边界和配合方式"))
    accountability = models.TextField(_("追责情形"), blank=True)
    liability = models.CharField(
        _("责任方式"), max_length=300, blank=True, help_text=_("如：约谈、通报批评、依纪依法追究责任")
    )
    legal_basis = models.TextField(_("法律依据"))
    supervision_phone = models.CharField(_("监督电话"), max_length=40, blank=True, help_text=_PHONE_HELP)

    class Meta:
        verbose_name = _("部门责任清单条目")
        verbose_name_plural = _("部门责任清单")
        ordering = ["agency__sort_order", "agency_id", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="lists_responsibility_unique_name"),
        ]
        indexes = [models.Index(fields=["status", "agency"], name="lists_resp_status_agency")]

    def __str__(self) -> str:
        return self.name


class Fee(ListEntry):
    """行政事业性收费清单: one charge an agency levies, its standard and its legal basis."""

    kind = ListKind.FEE

    agency = models.ForeignKey("org.Agency", verbose_name=_("收费单位"), on_delete=models.PROTECT, related_name="fees")
    name = models.CharField(_("收费项目"), max_length=200)
    standard = models.CharField(_("收费标准"), max_length=500, help_text=_("如：每件80元"))
    unit = models.CharField(_("计费单位"), max_length=60, blank=True, help_text=_("如：件、平方米、吨"))
    basis_establishment = models.TextField(_("立项依据"))
    basis_standard = models.TextField(_("标准依据"))
    payers = models.CharField(_("收费对象"), max_length=300)
    exemptions = models.TextField(_("减免政策"), blank=True)
    fund_management = models.CharField(
        _("资金管理方式"), max_length=20, choices=FundManagement.choices, default=FundManagement.TREASURY
    )
    concerns_enterprises = models.BooleanField(_("涉企收费"), default=False)

    class Meta:
        verbose_name = _("收费清单条目")
        verbose_name_plural = _("行政事业性收费清单")
        ordering = ["agency__sort_order", "agency_id", "sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="lists_fee_unique_name")]
        indexes = [models.Index(fields=["status", "agency"], name="lists_fee_status_agency")]

    def __str__(self) -> str:
        return self.name


class SpecialFund(ListEntry):
    """财政专项资金管理清单: one special fund of one budget year."""

    kind = ListKind.FUND

    agency = models.ForeignKey(
        "org.Agency", verbose_name=_("主管部门"), on_delete=models.PROTECT, related_name="special_funds"
    )
    name = models.CharField(_("资金名称"), max_length=200)
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2000)])
    basis = models.TextField(_("设立依据"))
    purpose = models.TextField(_("资金用途及支持方向"))
    amount = models.DecimalField(_("资金金额（万元）"), **_MONEY)
    source = models.CharField(_("资金来源"), max_length=16, choices=FundLevel.choices)
    allocation = models.CharField(_("分配方式"), max_length=16, choices=AllocationMethod.choices)
    conditions = models.TextField(_("申报条件"), blank=True)
    recipients = models.TextField(_("受益对象"), help_text=_("受益对象的范围，不列个人信息"))
    performance_goals = models.TextField(_("绩效目标"), blank=True)
    phone = models.CharField(_("公开咨询电话"), max_length=40, blank=True, help_text=_PHONE_HELP)

    class Meta:
        verbose_name = _("专项资金清单条目")
        verbose_name_plural = _("财政专项资金管理清单")
        ordering = ["-year", "agency__sort_order", "agency_id", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "name"], name="lists_fund_unique_name"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="lists_fund_amount_positive"),
        ]
        indexes = [models.Index(fields=["status", "year"], name="lists_fund_status_year")]

    def __str__(self) -> str:
        return f"{self.name}（{self.year}年）"


class PovertyProject(ListEntry):
    """扶贫专项清单: one project in a township (and village), its money and how it helps the poor."""

    kind = ListKind.POVERTY

    agency = models.ForeignKey(
        "org.Agency", verbose_name=_("实施单位"), on_delete=models.PROTECT, related_name="poverty_projects"
    )
    name = models.CharField(_("项目名称"), max_length=200)
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2000)])
    township = models.ForeignKey(
        "org.Region", verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="poverty_projects"
    )
    village = models.CharField(_("村"), max_length=60, blank=True, help_text=_("如：兴泉村；全乡镇范围的留空"))
    project_type = models.CharField(_("项目类型"), max_length=16, choices=ProjectType.choices)
    content = models.TextField(_("建设内容"))
    amount = models.DecimalField(_("资金规模（万元）"), **_MONEY)
    fund_source = models.CharField(_("资金来源"), max_length=300, help_text=_("如：中央衔接推进乡村振兴补助资金"))
    benefit_mechanism = models.TextField(_("带贫益贫机制"))
    progress = models.CharField(
        _("项目状态"), max_length=16, choices=ProjectProgress.choices, default=ProjectProgress.PLANNED
    )

    class Meta:
        verbose_name = _("扶贫项目")
        verbose_name_plural = _("扶贫专项清单")
        ordering = ["-year", "township__sort_order", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["township", "year", "name"], name="lists_poverty_unique_name"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="lists_poverty_amount_positive"),
        ]
        indexes = [models.Index(fields=["status", "year"], name="lists_poverty_status_year")]

    def __str__(self) -> str:
        return f"{self.name}（{self.year}年）"


class PovertyBeneficiary(models.Model):
    """One household helped by a poverty project (a child row of the project; its history is the project's).

    ``name`` and ``id_number`` are encrypted; ``name_masked`` / ``id_number_masked`` are what anyone sees;
    ``id_number_index`` (keyed HMAC) finds a person's rows and keeps a person from being listed twice
    in one project.
    """

    project = models.ForeignKey(PovertyProject, on_delete=models.CASCADE, related_name="beneficiaries")
    order = models.PositiveSmallIntegerField(_("序号"))
    name = EncryptedTextField(_("姓名"))
    id_number = EncryptedTextField(_("居民身份证号码"))
    id_number_index = models.CharField(_("身份证号检索值"), max_length=64, db_index=True, editable=False)
    name_masked = models.CharField(_("姓名"), max_length=30, editable=False)
    id_number_masked = models.CharField(_("居民身份证号码"), max_length=18, editable=False)
    household_size = models.PositiveSmallIntegerField(_("家庭人口"), validators=[MinValueValidator(1)])
    assistance_amount = models.DecimalField(_("帮扶金额（元）"), null=True, blank=True, **_MONEY)
    assistance = models.CharField(_("帮扶内容"), max_length=300)

    class Meta:
        verbose_name = _("受益户")
        verbose_name_plural = _("受益户")
        ordering = ["project", "order"]
        constraints = [
            models.UniqueConstraint(fields=["project", "order"], name="lists_beneficiary_unique_order"),
            models.UniqueConstraint(fields=["project", "id_number_index"], name="lists_beneficiary_unique_person"),
            models.CheckConstraint(condition=Q(household_size__gte=1), name="lists_beneficiary_household"),
        ]

    def __str__(self) -> str:
        return self.name_masked
