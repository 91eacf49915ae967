"""Cases (办件): the case, its steps along the item's process, pauses, actions and documents.

The **case** is created, in the same transaction, when an application is submitted. Its legal states and
the only transitions between them are declared here, once, with django-fsm-2 (``@transition``); the services
in :mod:`zwfw.cases.services.handling` lock the row (``select_for_update``), check permissions and the
``lock_version`` the handler saw, call one transition, and save — so two handlers acting on the same case at
the same moment get one success and one clear refusal, never a mixed state.

**Steps** are the instances of the version's ``catalog.ProcessStep`` rows, created at submission, planned into
stages by :mod:`zwfw.workflow.stages`: a stage's steps become active together (并联审批) and the case waits for
the stage's join rule. **Pauses** (补正, 特别程序) stop the clock (:mod:`zwfw.workflow.clock`); due dates are stored
on the case and on each step (lists of a million cases sort and filter on them) and recomputed when a pause
ends or the limit is extended. **Actions** are the append-only record of who did what, when, with what opinion
and attachments: the timeline and the source of ``up_pro_process``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from zwfw.core.pii import EncryptedTextField
from zwfw.org.choices import Role
from zwfw.workflow.choices import JoinRule, PauseKind, StepKind, StepOutcome, StepState

from ..choices import (
    ActionCode,
    ApplicantKind,
    CaseState,
    Channel,
    Decision,
    DeliveryMethod,
    DocumentKind,
    MaterialProblem,
)

S = CaseState


class CaseNumberSequence(models.Model):
    """The day's last serial per implementation code: 办件编号 = 实施编码 + yyyyMMdd + 4-digit serial."""

    prefix = models.CharField(max_length=40)
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "day"], name="cases_number_seq_unique")]

    def __str__(self) -> str:
        return f"{self.prefix}{self.day:%Y%m%d} → {self.last:04d}"


class Case(ConcurrentTransitionMixin, models.Model):
    """办件."""

    number = models.CharField(_("办件编号"), max_length=52, unique=True)
    #: 查询码: given to the applicant once (screen, SMS, receipt); with the number it opens the public progress page.
    query_code = EncryptedTextField(_("查询码"))
    application = models.OneToOneField(
        "cases.Application", verbose_name=_("申请"), on_delete=models.PROTECT, related_name="case"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申请人账号"), on_delete=models.PROTECT, related_name="cases"
    )
    applicant_kind = models.CharField(_("申请人类型"), max_length=16, choices=ApplicantKind.choices)
    organisation = models.ForeignKey(
        "identity.Organisation",
        verbose_name=_("申请单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    # The applicant as recorded at submission (up_pro_accept): personal data encrypted, masked copies for lists.
    applicant_name = EncryptedTextField(_("申请人名称"))
    applicant_name_masked = models.CharField(_("申请人"), max_length=200)
    applicant_doc_type = models.CharField(
        _("证件类型"), max_length=8, help_text=_("111 居民身份证；001 统一社会信用代码")
    )
    applicant_doc_number = EncryptedTextField(_("证件号码"))
    applicant_doc_masked = models.CharField(_("证件号码（脱敏）"), max_length=24)
    legal_representative = EncryptedTextField(_("法定代表人"), blank=True, default="")
    contact_name = EncryptedTextField(_("联系人"))
    contact_mobile = EncryptedTextField(_("联系电话"))
    contact_mobile_masked = models.CharField(_("联系电话（脱敏）"), max_length=11)

    item = models.ForeignKey(
        "catalog.ServiceItem", verbose_name=_("事项"), on_delete=models.PROTECT, related_name="cases"
    )
    version = models.ForeignKey(
        "catalog.ItemVersion", verbose_name=_("事项版本"), on_delete=models.PROTECT, related_name="cases"
    )
    agency = models.ForeignKey("org.Agency", verbose_name=_("实施机构"), on_delete=models.PROTECT, related_name="cases")
    region = models.ForeignKey(
        "org.Region", verbose_name=_("办理乡镇"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    centre = models.ForeignKey(
        "org.ServiceCentre",
        verbose_name=_("申报/领取地点"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    summary = models.CharField(_("办理摘要"), max_length=200)
    channel = models.CharField(_("申报渠道"), max_length=16, choices=Channel.choices)

    state = FSMField(_("状态"), max_length=16, choices=CaseState.choices, default=S.SUBMITTED, db_index=True)
    decision = models.CharField(_("办结结果"), max_length=16, choices=Decision.choices, blank=True)
    #: The kind of the open pause, if any (mirrors CasePause for lists and the public page).
    paused_kind = models.CharField(_("暂停原因"), max_length=16, choices=PauseKind.choices, blank=True)
    #: 补正 may be asked once and completely (一次性告知).
    supplement_requested = models.BooleanField(_("已补正告知"), default=False)

    # --- the clock (working days; dates in the county's time zone) ---------------------------------------
    submitted_at = models.DateTimeField(_("申报时间"))
    #: The acceptance clock starts at submission, and again the day the supplement is complete.
    accept_from = models.DateField(_("受理计时起点"))
    accept_due = models.DateField(_("应受理（告知）日期"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    legal_limit_days = models.PositiveIntegerField(_("法定时限（工作日）"))
    promised_limit_days = models.PositiveIntegerField(_("承诺时限（工作日）"))
    extension_days = models.PositiveIntegerField(_("延长时限（工作日）"), default=0)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    legal_due = models.DateField(_("法定办结日期"), null=True, blank=True, db_index=True)
    promised_due = models.DateField(_("承诺办结日期"), null=True, blank=True, db_index=True)
    decided_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    delivery_due = models.DateField(_("应送达日期"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    # --- result and delivery -------------------------------------------------------------------------------
    decision_reason = models.TextField(_("决定理由"), blank=True)
    legal_remedy = models.TextField(_("救济途径"), blank=True)
    result_name = models.CharField(_("结果名称"), max_length=200, blank=True)
    result_number = models.CharField(_("结果文号/证照编号"), max_length=100, blank=True)
    delivery_method = models.CharField(
        _("送达方式"), max_length=16, choices=DeliveryMethod.choices, default=DeliveryMethod.WINDOW
    )
    delivery_address = EncryptedTextField(_("邮寄地址"), blank=True, default="")
    tracking_number = models.CharField(_("邮件单号"), max_length=40, blank=True)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)

    lock_version = models.PositiveIntegerField(_("修改次数"), default=1, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("办件")
        verbose_name_plural = _("办件")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["applicant", "-submitted_at"], name="cases_case_applicant_idx"),
            models.Index(fields=["organisation", "-submitted_at"], name="cases_case_org_idx"),
            models.Index(fields=["agency", "state", "promised_due"], name="cases_case_agency_idx"),
            models.Index(fields=["item", "-submitted_at"], name="cases_case_item_idx"),
            # The staff inbox's filters on the case of an active step (selectors/inbox.py ``OPEN_CASES_SQL``: the
            # same condition, written out so SQLite matches it too): partial, over the open cases only.
            models.Index(
                fields=["item", "id"],
                condition=Q(state__in=[S.SUBMITTED, S.SUPPLEMENTING, S.PROCESSING, S.DECIDED]),
                name="cases_case_open_item_idx",
            ),
            models.Index(
                fields=["region", "id"],
                condition=Q(state__in=[S.SUBMITTED, S.SUPPLEMENTING, S.PROCESSING, S.DECIDED]),
                name="cases_case_open_region_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    # --- the legal transitions (the only place they are declared) ------------------------------------------

    @transition(
        field=state, source=S.SUBMITTED, target=S.SUPPLEMENTING, conditions=[lambda c: not c.supplement_requested]
    )
    def request_supplement(self) -> None:
        """补正告知: once and completely; the acceptance clock stops."""
        self.supplement_requested = True

    @transition(field=state, source=S.SUPPLEMENTING, target=S.SUBMITTED)
    def supplement(self) -> None:
        """补正提交: the case returns to the clerk."""

    @transition(field=state, source=S.SUBMITTED, target=S.PROCESSING)
    def accept(self) -> None:
        """受理."""

    @transition(field=state, source=S.SUBMITTED, target=S.REJECTED)
    def refuse(self) -> None:
        """不予受理 (reasons required; the service checks them)."""

    @transition(field=state, source=S.PROCESSING, target=S.DECIDED)
    def decide(self) -> None:
        """准予 / 不予许可 (办结)."""

    @transition(field=state, source=S.DECIDED, target=S.DELIVERED)
    def deliver(self) -> None:
        """送达."""

    @transition(field=state, source=[S.SUBMITTED, S.SUPPLEMENTING, S.PROCESSING], target=S.WITHDRAWN)
    def withdraw(self) -> None:
        """撤回 by the applicant before a decision."""

    @transition(field=state, source=[S.SUPPLEMENTING, S.PROCESSING], target=S.TERMINATED)
    def terminate(self) -> None:
        """终止 by the agency (e.g. the supplement never came), with reasons."""


class CaseStep(ConcurrentTransitionMixin, models.Model):
    """One step of a case's process (an instance of ``catalog.ProcessStep``)."""

    case = models.ForeignKey(Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="steps")
    definition = models.ForeignKey(
        "catalog.ProcessStep", verbose_name=_("环节定义"), on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("序号"))
    stage = models.PositiveSmallIntegerField(_("阶段"))
    name = models.CharField(_("环节名称"), max_length=60)
    kind = models.CharField(_("环节类型"), max_length=16, choices=StepKind.choices)
    agency = models.ForeignKey("org.Agency", verbose_name=_("办理机构"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("办理岗位"), max_length=32, choices=Role.choices)
    parallel_group = models.PositiveSmallIntegerField(_("并联组"), null=True, blank=True)
    join_rule = models.CharField(_("并联完成规则"), max_length=8, choices=JoinRule.choices, default=JoinRule.ALL)
    state = FSMField(_("状态"), max_length=16, choices=StepState.choices, default=StepState.WAITING)
    outcome = models.CharField(_("结论"), max_length=16, choices=StepOutcome.choices, blank=True)
    opinion = models.TextField(_("办理意见"), blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_steps",
    )
    claimed_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    time_limit_days = models.PositiveSmallIntegerField(_("环节时限（工作日）"))
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    due_date = models.DateField(_("环节到期日"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    finished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("办理人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("办理环节")
        verbose_name_plural = _("办理环节")
        ordering = ["case", "order"]
        constraints = [models.UniqueConstraint(fields=["case", "order"], name="cases_step_unique_order")]
        # The staff inbox (selectors/inbox.py) and the department API's inbox. Partial indexes over the active
        # steps only (a few per cent of all steps), each ending with the columns the inbox filters and joins
        # on, so its capped counts read the index alone; (due_date, id) / (finished_at, id) are the keyset order.
        indexes = [
            # 待办: an agency's active steps for a role, by due date.
            models.Index(
                fields=["agency", "role", "due_date", "id", "assignee", "claimed_at", "case"],
                condition=Q(state="active"),
                name="cases_step_active_idx",
            ),
            # 在办: the active steps a user claimed (or was assigned), by due date.
            models.Index(
                fields=["assignee", "due_date", "id", "agency", "role", "claimed_at", "case"],
                condition=Q(state="active"),
                name="cases_step_doing_idx",
            ),
            # 电子监察: every agency's active steps by due date.
            models.Index(fields=["due_date", "id"], condition=Q(state="active"), name="cases_step_due_idx"),
            # 已办: what a user finished in an agency, newest first.
            models.Index(
                fields=["finished_by", "agency", "-finished_at", "-id", "case"],
                condition=Q(finished_by__isnull=False),
                name="cases_step_done_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.name}"

    @transition(field=state, source=StepState.WAITING, target=StepState.ACTIVE)
    def start(self) -> None:
        """The step's stage began."""

    @transition(field=state, source=StepState.ACTIVE, target=StepState.DONE)
    def finish(self) -> None:
        """Completed with an outcome."""

    @transition(field=state, source=[StepState.WAITING, StepState.ACTIVE], target=StepState.SKIPPED)
    def skip(self) -> None:
        """Not needed: an 任一同意 stage completed without it."""

    @transition(field=state, source=[StepState.WAITING, StepState.ACTIVE], target=StepState.CANCELLED)
    def cancel(self) -> None:
        """The case ended (withdrawn, refused, terminated, a 全部同意 stage disagreed) before the step."""


class CasePause(models.Model):
    """A stop of the clock: 补正 before acceptance, or a 特别程序 (听证, 检验, 专家评审…) during handling."""

    case = models.ForeignKey(Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="pauses")
    step = models.ForeignKey(
        CaseStep, verbose_name=_("环节"), null=True, blank=True, on_delete=models.PROTECT, related_name="pauses"
    )
    kind = models.CharField(_("类型"), max_length=16, choices=PauseKind.choices)
    reason = models.TextField(_("原因"))
    legal_basis = models.CharField(_("依据"), max_length=300, blank=True)
    started_at = models.DateTimeField(_("开始时间"))
    start_date = models.DateField(_("开始日期"))
    planned_end_date = models.DateField(_("预计结束日期"), null=True, blank=True)
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    result = models.TextField(_("结果"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("结束人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("暂停计时")
        verbose_name_plural = _("暂停计时")
        ordering = ["case", "started_at", "id"]
        constraints = [
            # At most one open pause per case.
            models.UniqueConstraint(fields=["case"], condition=Q(ended_at__isnull=True), name="cases_pause_one_open"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="cases_pause_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


class SupplementItem(models.Model):
    """One line of a supplement request (补正告知): a material that is missing or wrong, and what to do."""

    pause = models.ForeignKey(CasePause, verbose_name=_("补正"), on_delete=models.CASCADE, related_name="items")
    requirement = models.ForeignKey(
        "catalog.MaterialRequirement",
        verbose_name=_("申请材料"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("材料或事项"), max_length=200)
    problem = models.CharField(_("问题"), max_length=16, choices=MaterialProblem.choices)
    note = models.CharField(_("补正要求"), max_length=300)
    order = models.PositiveSmallIntegerField(_("序号"))

    class Meta:
        verbose_name = _("补正内容")
        verbose_name_plural = _("补正内容")
        ordering = ["pause", "order"]

    def __str__(self) -> str:
        return self.name


class CaseAction(models.Model):
    """An entry of the case's record (办理记录): append-only."""

    case = models.ForeignKey(Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="actions")
    step = models.ForeignKey(
        CaseStep, verbose_name=_("环节"), null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    code = models.CharField(_("动作"), max_length=2, choices=ActionCode.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("办理人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: The agency acting (what the public page shows instead of the person).
    agency = models.ForeignKey(
        "org.Agency", verbose_name=_("办理机构"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acted_at = models.DateTimeField(_("时间"))
    opinion = models.TextField(_("意见"), blank=True)
    #: What the applicant reads on the timeline (no staff personal details).
    public_note = models.TextField(_("公开说明"), blank=True)
    from_state = models.CharField(_("原状态"), max_length=16, choices=CaseState.choices, blank=True)
    to_state = models.CharField(_("新状态"), max_length=16, choices=CaseState.choices, blank=True)

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["case", "acted_at", "id"]
        indexes = [models.Index(fields=["actor", "-acted_at"], name="cases_action_actor_idx")]

    def __str__(self) -> str:
        return f"{self.case} · {self.get_code_display()}"


def document_storage_name(instance: CaseDocument, filename: str) -> str:
    return f"cases/documents/{uuid.uuid4().hex}.{instance.extension}"


class CaseDocument(models.Model):
    """A document of the case: generated notices and results (PDF), or a handler's attachment."""

    case = models.ForeignKey(Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="documents")
    action = models.ForeignKey(
        CaseAction,
        verbose_name=_("办理记录"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    kind = models.CharField(_("类型"), max_length=24, choices=DocumentKind.choices)
    title = models.CharField(_("标题"), max_length=200)
    file = models.FileField(_("文件"), upload_to=document_storage_name, max_length=200)
    extension = models.CharField(_("扩展名"), max_length=8, default="pdf")
    content_type = models.CharField(_("文件类型"), max_length=100, default="application/pdf")
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    #: Whether the applicant may download it (notices and results: yes; internal attachments: chosen).
    is_public = models.BooleanField(_("申请人可见"), default=True)
    created_at = models.DateTimeField(_("生成时间"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("生成人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("办件文书")
        verbose_name_plural = _("办件文书")
        ordering = ["case", "created_at", "id"]

    def __str__(self) -> str:
        return self.title
