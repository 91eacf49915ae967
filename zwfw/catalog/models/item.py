"""Service items and their versions (事项 and 事项版本) with the guide's parts.

A :class:`ServiceItem` is the stable identity of one thing an agency does: its codes, its agency and
its address on the portal (``/items/<implementation_code>/``). Everything a citizen reads — the 办事指南
— lives on an :class:`ItemVersion`. Versions go 梳理 → 审核 → 入库 → 发布 (``VersionStatus``);
once submitted for review a version's content never changes again, so what was reviewed is exactly what
is published, and every version stays readable for the history and the diff. Revising a published item
creates a new version from it while the published one stays on the portal; publishing the new version
marks the old one 已替代 in the same transaction.

Writers: :mod:`zwfw.catalog.services.item` only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zwfw.core.choices import AssuranceLevel
from zwfw.core.models import AuditedModel
from zwfw.org.choices import Role
from zwfw.workflow.choices import JoinRule, StepKind

from ..choices import (
    AgencyNature,
    CaseType,
    ItemType,
    MaterialForm,
    MaterialFormat,
    MaterialSource,
    OnlineDepth,
    PowerSource,
    ResultType,
    ReviewKind,
    UseLevel,
    VersionStatus,
)

OPEN_STATUSES = [VersionStatus.DRAFT, VersionStatus.REVIEW, VersionStatus.RETURNED, VersionStatus.CATALOGUED]


class ServiceItem(AuditedModel):
    """The stable identity of an item; its content is in :class:`ItemVersion`."""

    basic_code = models.CharField(_("基本编码"), max_length=12, help_text=_("12位，全省统一的事项基本目录编码"))
    implementation_code = models.CharField(
        _("实施编码"),
        max_length=36,
        unique=True,
        help_text=_("实施主体统一社会信用代码（18位）+ 行使层级（1位）+ 基本编码（12位）"),
    )
    agency = models.ForeignKey(
        "org.Agency", verbose_name=_("实施主体"), on_delete=models.PROTECT, related_name="service_items"
    )
    use_level = models.CharField(_("行使层级"), max_length=1, choices=UseLevel.choices)
    published_version = models.OneToOneField(
        "catalog.ItemVersion",
        verbose_name=_("已发布版本"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    retired_at = models.DateTimeField(_("取消时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("政务服务事项")
        verbose_name_plural = _("政务服务事项")
        ordering = ["implementation_code"]
        constraints = [
            models.CheckConstraint(condition=Q(basic_code__regex=r"^[0-9A-Z]{12}$"), name="catalog_item_basic_code"),
            models.UniqueConstraint(fields=["agency", "basic_code"], name="catalog_item_unique_per_agency"),
        ]

    def __str__(self) -> str:
        version = self.published_version
        return f"{version.name if version else self.implementation_code}"


#: The guide's own fields of an ItemVersion (no files, relations or child lists), in the editor's order.
#: The editor, the Excel template, the update service and the version diff all start from this list.
GUIDE_FIELDS: tuple[str, ...] = (
    "name",
    "item_type",
    "agency_nature",
    "power_source",
    "entrusting_agency",
    "service_objects",
    "case_type",
    "review_kind",
    "conditions",
    "legal_basis",
    "legal_limit_days",
    "legal_limit_explain",
    "promised_limit_days",
    "promised_limit_explain",
    "is_free",
    "online_payment",
    "handling_forms",
    "visits_required",
    "visits_reason",
    "online_depth",
    "required_assurance_level",
    "handling_place",
    "handling_hours",
    "consult_phone",
    "complaint_phone",
    "special_procedures",
    "result_type",
    "result_name",
    "keywords",
)


class ItemVersion(AuditedModel):
    """One revision of an item's guide (办事指南). Immutable once submitted for review."""

    item = models.ForeignKey(ServiceItem, verbose_name=_("事项"), on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    status = models.CharField(_("状态"), max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    based_on = models.ForeignKey(
        "self", verbose_name=_("修订自"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    change_summary = models.CharField(_("修订说明"), max_length=300, blank=True)

    # --- what the item is ------------------------------------------------------------------------
    name = models.CharField(_("事项名称"), max_length=200)
    item_type = models.CharField(_("事项类型"), max_length=2, choices=ItemType.choices)
    agency_nature = models.CharField(
        _("实施主体性质"), max_length=1, choices=AgencyNature.choices, default=AgencyNature.STATUTORY_BODY
    )
    power_source = models.CharField(
        _("权力来源"), max_length=1, choices=PowerSource.choices, default=PowerSource.STATUTORY
    )
    entrusting_agency = models.CharField(_("委托部门"), max_length=100, blank=True)
    service_objects = models.JSONField(_("服务对象"), default=list, help_text=_("服务对象代码列表"))
    for_persons = models.BooleanField(_("面向个人"), default=False, editable=False)
    for_organisations = models.BooleanField(_("面向法人"), default=False, editable=False)
    case_type = models.CharField(_("办件类型"), max_length=1, choices=CaseType.choices)
    review_kind = models.CharField(_("审查类型"), max_length=24, choices=ReviewKind.choices)
    legal_basis = models.TextField(_("设定依据"))
    conditions = models.TextField(_("受理条件"))

    # --- time limits in working days -------------------------------------------------------------
    legal_limit_days = models.PositiveIntegerField(_("法定办结时限（工作日）"))
    legal_limit_explain = models.CharField(_("法定时限说明"), max_length=300, blank=True)
    promised_limit_days = models.PositiveIntegerField(_("承诺办结时限（工作日）"), help_text=_("0 表示即办"))
    promised_limit_explain = models.CharField(_("承诺时限说明"), max_length=300, blank=True)

    # --- how and where ---------------------------------------------------------------------------
    is_free = models.BooleanField(_("不收费"), default=True)
    handling_forms = models.JSONField(_("办理形式"), default=list)
    visits_required = models.PositiveSmallIntegerField(_("到办事现场次数"), default=0)
    visits_reason = models.CharField(_("必须现场办理原因说明"), max_length=300, blank=True)
    online_depth = models.CharField(_("网上办理深度"), max_length=1, choices=OnlineDepth.choices)
    online_payment = models.BooleanField(_("支持网上支付"), default=False)
    #: 办理所需实名等级 (core.choices.AssuranceLevel): the application flow asks a person below it to
    #: raise their level first (zwfw.identity.decorators.assurance_required).
    required_assurance_level = models.PositiveSmallIntegerField(
        _("办理所需实名等级"),
        choices=AssuranceLevel.choices,
        default=AssuranceLevel.PHONE,
        help_text=_("网上申请此事项的人至少要达到的实名等级；有法律效力的事项宜要求二级或三级。"),
    )
    handling_place = models.CharField(_("办理地点"), max_length=300, help_text=_("精确到窗口或房间"))
    windows = models.ManyToManyField("org.Window", verbose_name=_("办理窗口"), blank=True, related_name="+")
    handling_hours = models.CharField(_("办理时间"), max_length=200)
    consult_phone = models.CharField(_("咨询电话"), max_length=40)
    complaint_phone = models.CharField(_("监督投诉电话"), max_length=40)
    handling_regions = models.ManyToManyField(
        "org.Region", verbose_name=_("可办理的乡镇（村）"), blank=True, related_name="+"
    )
    special_procedures = models.TextField(_("特别程序"), blank=True)

    # --- applying online (网上申报) ------------------------------------------------------------------
    #: The application form as data (zwfw.core.dynforms schema: fields with types, validation, help,
    #: prefill and conditions; material rules). Versioned with the guide, so a case always runs against
    #: exactly the form that was reviewed and published. Empty: the item is not open for online application.
    application_form = models.JSONField(_("申请表单"), default=dict, blank=True)

    # --- result ----------------------------------------------------------------------------------
    result_type = models.CharField(_("审批结果类型"), max_length=16, choices=ResultType.choices)
    result_name = models.CharField(_("审批结果名称"), max_length=200, help_text=_("如：营业执照、准予许可决定书"))
    result_sample = models.FileField(_("结果样本"), upload_to="catalog/results/", blank=True)

    # --- classifications -------------------------------------------------------------------------
    themes = models.ManyToManyField("catalog.Theme", verbose_name=_("主题"), blank=True, related_name="versions")
    life_events = models.ManyToManyField(
        "catalog.LifeEvent", verbose_name=_("生命周期事件"), blank=True, related_name="versions"
    )
    keywords = models.CharField(
        _("检索关键词"), max_length=200, blank=True, help_text=_("以空格分隔，例如：开饭馆 餐饮")
    )

    # --- lifecycle stamps ------------------------------------------------------------------------
    submitted_at = models.DateTimeField(_("提交审核时间"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_comment = models.TextField(_("审核意见"), blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("事项版本")
        verbose_name_plural = _("事项版本")
        ordering = ["item", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="catalog_version_unique_number"),
            # One published version per item, and at most one version in the making at a time.
            models.UniqueConstraint(
                fields=["item"], condition=Q(status=VersionStatus.PUBLISHED), name="catalog_version_one_published"
            ),
            models.UniqueConstraint(
                fields=["item"], condition=Q(status__in=OPEN_STATUSES), name="catalog_version_one_open"
            ),
            models.CheckConstraint(
                condition=Q(promised_limit_days__lte=models.F("legal_limit_days")),
                name="catalog_version_promised_within_legal",
            ),
        ]
        indexes = [models.Index(fields=["status"], name="catalog_version_status_idx")]

    def __str__(self) -> str:
        return f"{self.name}（第{self.number}版）"

    @property
    def is_editable(self) -> bool:
        return self.status in (VersionStatus.DRAFT, VersionStatus.RETURNED)


class MaterialRequirement(models.Model):
    """申请材料: one document the applicant provides (or the licence library supplies)."""

    version = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="materials")
    order = models.PositiveSmallIntegerField(_("序号"))
    name = models.CharField(_("材料名称"), max_length=200)
    is_required = models.BooleanField(_("必需"), default=True)
    form = models.CharField(
        _("原件/复印件"), max_length=16, choices=MaterialForm.choices, default=MaterialForm.ORIGINAL
    )
    copies = models.PositiveSmallIntegerField(_("份数"), default=1)
    material_format = models.CharField(
        _("材料形式"), max_length=16, choices=MaterialFormat.choices, default=MaterialFormat.PAPER_OR_ELECTRONIC
    )
    source = models.CharField(
        _("来源渠道"), max_length=20, choices=MaterialSource.choices, default=MaterialSource.APPLICANT
    )
    source_note = models.CharField(_("来源说明"), max_length=200, blank=True)
    blank_form = models.FileField(_("空白表格"), upload_to="catalog/forms/", blank=True)
    sample = models.FileField(_("示例样表"), upload_to="catalog/samples/", blank=True)
    acceptance_standard = models.CharField(_("受理标准"), max_length=300, blank=True)
    note = models.CharField(_("备注"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "order"], name="catalog_material_unique_order")]

    def __str__(self) -> str:
        return self.name


class ItemFee(models.Model):
    """One charge of an item (收费项目): name, standard, legal basis, exemptions."""

    version = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="fees")
    order = models.PositiveSmallIntegerField(_("序号"))
    name = models.CharField(_("收费项目"), max_length=200)
    standard = models.CharField(_("收费标准"), max_length=300)
    legal_basis = models.CharField(_("收费依据"), max_length=300)
    exemptions = models.CharField(_("减免情形"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("收费项目")
        verbose_name_plural = _("收费项目")
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "order"], name="catalog_fee_unique_order")]

    def __str__(self) -> str:
        return self.name


class ProcessStep(models.Model):
    """办理流程: one step with its own time limit in working days."""

    version = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("序号"))
    name = models.CharField(_("环节名称"), max_length=60, help_text=_("如：受理、审查、决定、送达"))
    handler = models.CharField(_("办理人员"), max_length=100, blank=True)
    time_limit_days = models.PositiveSmallIntegerField(_("时限（工作日）"))
    description = models.CharField(_("办理标准和要求"), max_length=500, blank=True)
    # --- the step as the engine runs it (zwfw.workflow: stages, join rules, the clock) ---------------
    kind = models.CharField(_("环节类型"), max_length=16, choices=StepKind.choices, default=StepKind.EXAMINE)
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("办理机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("留空表示事项的实施主体"),
    )
    at_township = models.BooleanField(
        _("由申请人所选乡镇办理"), default=False, help_text=_("就近申报：由申请人选择的乡镇人民政府办理本环节")
    )
    role = models.CharField(_("办理岗位"), max_length=32, choices=Role.choices, default=Role.EXAMINER)
    parallel_group = models.PositiveSmallIntegerField(
        _("并联组"), null=True, blank=True, help_text=_("相邻且并联组相同的审查环节由各机构同时办理")
    )
    join_rule = models.CharField(_("并联完成规则"), max_length=8, choices=JoinRule.choices, default=JoinRule.ALL)

    class Meta:
        verbose_name = _("办理环节")
        verbose_name_plural = _("办理环节")
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "order"], name="catalog_step_unique_order")]

    def __str__(self) -> str:
        return self.name


class ItemFaq(models.Model):
    """常见问题."""

    version = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="faqs")
    order = models.PositiveSmallIntegerField(_("序号"))
    question = models.CharField(_("问题"), max_length=300)
    answer = models.TextField(_("解答"))

    class Meta:
        verbose_name = _("常见问题")
        verbose_name_plural = _("常见问题")
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "order"], name="catalog_faq_unique_order")]

    def __str__(self) -> str:
        return self.question


class VersionTransition(models.Model):
    """Who moved a version from one status to another, when, and why (the item's visible history)."""

    version = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("原状态"), max_length=16, choices=VersionStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=16, choices=VersionStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    occurred_at = models.DateTimeField(_("时间"))
    comment = models.TextField(_("意见"), blank=True)

    class Meta:
        verbose_name = _("版本流转记录")
        verbose_name_plural = _("版本流转记录")
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.version} {self.from_status}→{self.to_status}"
