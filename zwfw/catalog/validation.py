"""The consistency rules of a 办事指南, checked when a version is submitted for review.

The rules are data: :data:`RULES` is a table of small named functions, each with a code and a
description an administrator can read (:data:`CONSISTENCY_RULES` lists them for the documentation).
Sources: STANDARDS.md §1 (the 办事指南 fields and the Zhejiang consistency checks).

:func:`version_check` runs every rule and raises one ``ValidationError({field: [messages]})`` with
every problem at once, keyed by the ItemVersion field name (``materials``, ``fees``, ``steps`` for
the guide's lists). A rule never raises anything else, whatever the field values are (a test feeds
random values): values are read through the tolerant helpers below.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zwfw.core.dynforms import form_schema_problems
from zwfw.workflow.stages import process_problems, stages_plan

from .choices import (
    CaseType,
    HandlingForm,
    ItemType,
    OnlineDepth,
    ResultType,
    ReviewKind,
    ServiceObject,
)
from .models import ItemFee, ItemVersion, MaterialRequirement, ProcessStep

#: One problem: (field name, Chinese message).
Problem = tuple[str, str]


@dataclass
class Guide:
    """What the rules read: the version and its lists (empty for a version not yet saved)."""

    version: ItemVersion
    materials: list[MaterialRequirement] = field(default_factory=list)
    fees: list[ItemFee] = field(default_factory=list)
    steps: list[ProcessStep] = field(default_factory=list)
    window_count: int = 0
    region_count: int = 0

    @classmethod
    def of(cls, version: ItemVersion) -> Guide:
        if version.pk is None:
            return cls(version=version)
        return cls(
            version=version,
            materials=list(version.materials.all()),
            fees=list(version.fees.all()),
            steps=list(version.steps.select_related("agency")),
            window_count=version.windows.count(),
            region_count=version.handling_regions.count(),
        )

    # --- tolerant readers ---------------------------------------------------------------------
    def text(self, name: str) -> str:
        value = getattr(self.version, name, None)
        return "" if value is None else str(value).strip()

    def int(self, name: str) -> int | None:
        value = getattr(self.version, name, None)
        if isinstance(value, bool) or not isinstance(value, int):
            return None
        return value

    def codes(self, name: str) -> list[str] | None:
        """A JSON list of codes, or None when the value is not a list."""
        value = getattr(self.version, name, None)
        if not isinstance(value, list | tuple):
            return None
        return [str(v) for v in value]

    def flag(self, name: str) -> bool:
        return getattr(self.version, name, None) is True

    def forms(self) -> set[str]:
        return set(self.codes("handling_forms") or [])


@dataclass(frozen=True)
class Rule:
    code: str
    description: str | Promise
    check: Callable[[Guide], Iterator[Problem]]


def _label(name: str) -> str:
    return str(ItemVersion._meta.get_field(name).verbose_name)


# ---------------------------------------------------------------------------------------------------
# The rules. Each yields (field, message) for every problem it finds.
# ---------------------------------------------------------------------------------------------------

REQUIRED_TEXT = (
    "name",
    "legal_basis",
    "conditions",
    "handling_place",
    "handling_hours",
    "result_name",
)
REQUIRED_NUMBERS = ("legal_limit_days", "promised_limit_days")
CHOICE_FIELDS: dict[str, Any] = {
    "item_type": ItemType,
    "case_type": CaseType,
    "review_kind": ReviewKind,
    "online_depth": OnlineDepth,
    "result_type": ResultType,
}


def required_fields(g: Guide) -> Iterator[Problem]:
    for name in REQUIRED_TEXT:
        if not g.text(name):
            yield name, _("请填写“%(label)s”。") % {"label": _label(name)}
    for name in REQUIRED_NUMBERS:
        if g.int(name) is None:
            yield name, _("请填写“%(label)s”（工作日数）。") % {"label": _label(name)}


def choices_valid(g: Guide) -> Iterator[Problem]:
    for name, choices in CHOICE_FIELDS.items():
        value = g.text(name)
        if not value:
            yield name, _("请选择“%(label)s”。") % {"label": _label(name)}
        elif value not in choices.values:
            yield name, _("“%(label)s”的值“%(value)s”不在代码表中。") % {"label": _label(name), "value": value[:20]}


#: Phrases that explain why a guide lists no material (in 受理条件).
NO_MATERIAL_PHRASES = ("无需提交材料", "无需提交申请材料", "无需申请材料", "无需提供材料")


def materials_present(g: Guide) -> Iterator[Problem]:
    if not g.materials and not any(p in g.text("conditions") for p in NO_MATERIAL_PHRASES):
        yield "materials", _("请至少列出一项申请材料；确实无需材料的，请在受理条件中写明“无需提交材料”。")


def steps_present(g: Guide) -> Iterator[Problem]:
    if not g.steps:
        yield "steps", _("请至少列出一个办理环节。")


def phones_present_and_different(g: Guide) -> Iterator[Problem]:
    consult, complaint = g.text("consult_phone"), g.text("complaint_phone")
    if not consult:
        yield "consult_phone", _("请填写咨询电话。")
    if not complaint:
        yield "complaint_phone", _("请填写监督投诉电话。")
    if consult and complaint and _digits(consult) == _digits(complaint):
        yield "complaint_phone", _("监督投诉电话不能与咨询电话相同。")


# A landline with area code (0943-5520000, 09435520000, with an extension -801), a mobile number,
# a service number of 5 digits (12345, 12315; also with the area code: 0943-12366) or a 400/800 number.
_PHONE = re.compile(r"^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|(0\d{2,3}-?)?1\d{4}|1[3-9]\d{9}|[48]00-?\d{3}-?\d{4})$")
_PHONE_SPLIT = re.compile(r"[、,，;；/\s]+")


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def phones_well_formed(g: Guide) -> Iterator[Problem]:
    for name in ("consult_phone", "complaint_phone"):
        value = g.text(name)
        if value and not all(_PHONE.match(p) for p in _PHONE_SPLIT.split(value) if p):
            yield (
                name,
                _("“%(label)s”不是有效的电话号码（例如 0943-5520000、12345 或 13800000000）。")
                % {"label": _label(name)},
            )


def promised_within_legal(g: Guide) -> Iterator[Problem]:
    promised, legal = g.int("promised_limit_days"), g.int("legal_limit_days")
    if promised is not None and legal is not None and promised > legal:
        yield (
            "promised_limit_days",
            _("承诺办结时限（%(promised)d个工作日）不能超过法定办结时限（%(legal)d个工作日）。")
            % {
                "promised": promised,
                "legal": legal,
            },
        )


def immediate_pairs(g: Guide) -> Iterator[Problem]:
    promised = g.int("promised_limit_days")
    if promised is None:
        return
    case_type, review_kind = g.text("case_type"), g.text("review_kind")
    if promised == 0:
        if case_type != CaseType.IMMEDIATE:
            yield "case_type", _("承诺时限为即办（0个工作日）时，办件类型必须是即办件。")
        if review_kind != ReviewKind.IMMEDIATE:
            yield "review_kind", _("承诺时限为即办（0个工作日）时，审查类型必须是即审即办。")
    else:
        if case_type != CaseType.PROMISED:
            yield "case_type", _("承诺时限不是即办时，办件类型必须是承诺件。")
        if review_kind != ReviewKind.EXAMINE_THEN_APPROVE:
            yield "review_kind", _("承诺时限不是即办时，审查类型必须是前审后批。")


def service_objects_valid(g: Guide) -> Iterator[Problem]:
    codes = g.codes("service_objects")
    if not codes:
        yield "service_objects", _("请至少选择一类服务对象。")
    elif any(c not in ServiceObject.values for c in codes):
        yield "service_objects", _("服务对象中有不在代码表中的值。")


def handling_forms_valid(g: Guide) -> Iterator[Problem]:
    codes = g.codes("handling_forms")
    if not codes:
        yield "handling_forms", _("请至少选择一种办理形式。")
    elif any(c not in HandlingForm.values for c in codes):
        yield "handling_forms", _("办理形式中有不在代码表中的值。")


def fully_online_needs_no_visit(g: Guide) -> Iterator[Problem]:
    if g.text("online_depth") != OnlineDepth.FULLY_ONLINE:
        return
    if g.int("visits_required") != 0:
        yield "visits_required", _("网上办理深度为全程网办（Ⅳ级）时，到办事现场次数必须为0次。")
    if HandlingForm.ONLINE not in g.forms():
        yield "handling_forms", _("网上办理深度为全程网办（Ⅳ级）时，办理形式必须包含网上办理。")


def zero_visits_needs_remote_form(g: Guide) -> Iterator[Problem]:
    if g.int("visits_required") == 0 and not g.forms() & {HandlingForm.ONLINE, HandlingForm.POST}:
        yield "handling_forms", _("到办事现场次数为0次时，办理形式必须包含网上办理或快递申请。")


def visits_need_reason(g: Guide) -> Iterator[Problem]:
    visits = g.int("visits_required")
    if visits is not None and visits > 0 and not g.text("visits_reason"):
        yield "visits_reason", _("需要到办事现场的，请填写必须现场办理原因说明。")


def _stage_limits(g: Guide) -> list[int]:
    """The time limit of each stage: a step's own, or the longest branch of a parallel stage."""
    steps = [s for s in g.steps if isinstance(getattr(s, "order", None), int)]
    try:
        stages = stages_plan(steps)
    except TypeError:
        return []
    return [
        max((s.time_limit_days for s in stage if isinstance(s.time_limit_days, int)), default=0) for stage in stages
    ]


def steps_within_promised(g: Guide) -> Iterator[Problem]:
    promised = g.int("promised_limit_days")
    limits = _stage_limits(g)
    if promised is not None and limits and sum(limits) > promised:
        yield (
            "steps",
            _("各办理环节时限之和（%(total)d个工作日）超过承诺办结时限（%(promised)d个工作日）。")
            % {
                "total": sum(limits),
                "promised": promised,
            },
        )


def process_runnable(g: Guide) -> Iterator[Problem]:
    if not g.steps:
        return
    try:
        problems = process_problems(g.steps)
    except (TypeError, ValueError, AttributeError):
        problems = [_("办理流程的格式不正确。")]
    for message in problems:
        yield "steps", message


def step_agencies_active(g: Guide) -> Iterator[Problem]:
    for step in g.steps:
        agency = getattr(step, "agency", None)
        if agency is not None and not agency.is_active:
            yield (
                "steps",
                _("办理环节“%(step)s”的办理机构“%(agency)s”已停用，请改选其他机构。")
                % {"step": step.name, "agency": agency.name},
            )


def township_steps_need_townships(g: Guide) -> Iterator[Problem]:
    if any(getattr(s, "at_township", False) for s in g.steps) and g.region_count == 0:
        yield (
            "handling_regions",
            _("有由乡镇就近办理的环节，请在“可办理的乡镇（村）”中选择可以办理的乡镇。"),
        )


def application_form_valid(g: Guide) -> Iterator[Problem]:
    schema = getattr(g.version, "application_form", None)
    for message in form_schema_problems(schema, material_orders=[m.order for m in g.materials]):
        yield "application_form", message


def free_means_no_fees(g: Guide) -> Iterator[Problem]:
    if g.flag("is_free") and g.fees:
        yield "fees", _("事项标为不收费，却列有收费项目。")
    if not g.flag("is_free") and not g.fees:
        yield "fees", _("收费事项请列出收费项目（名称、标准和依据）。")


def free_means_no_online_payment(g: Guide) -> Iterator[Problem]:
    if g.flag("is_free") and g.flag("online_payment"):
        yield "online_payment", _("不收费的事项不能提供网上支付。")


_PLACE_MARKERS = ("窗口", "室", "号")


def place_precise(g: Guide) -> Iterator[Problem]:
    place = g.text("handling_place")
    if place and g.window_count == 0 and not any(m in place for m in _PLACE_MARKERS):
        yield "handling_place", _("办理地点须精确到窗口或房间（例如“县政务服务中心一楼12号窗口”），或关联办理窗口。")


RULES: tuple[Rule, ...] = (
    Rule(
        "required_fields",
        gettext_lazy("事项名称、设定依据、受理条件、办理地点、办理时间、审批结果名称和法定/承诺时限必须填写"),
        required_fields,
    ),
    Rule(
        "choices_valid",
        gettext_lazy("事项类型、办件类型、审查类型、网上办理深度、审批结果类型必须取自代码表"),
        choices_valid,
    ),
    Rule("materials_present", gettext_lazy("至少一项申请材料，或在受理条件中说明无需提交材料"), materials_present),
    Rule("steps_present", gettext_lazy("至少一个办理环节"), steps_present),
    Rule(
        "phones_present_and_different",
        gettext_lazy("咨询电话和监督投诉电话必须填写且不能相同"),
        phones_present_and_different,
    ),
    Rule(
        "phones_well_formed",
        gettext_lazy("电话号码格式有效（如 0943-5520000、12345、13800000000）"),
        phones_well_formed,
    ),
    Rule("promised_within_legal", gettext_lazy("承诺办结时限不超过法定办结时限"), promised_within_legal),
    Rule(
        "immediate_pairs",
        gettext_lazy("即办（承诺0个工作日）⇔ 即办件 ⇔ 即审即办；否则为承诺件、前审后批"),
        immediate_pairs,
    ),
    Rule("service_objects_valid", gettext_lazy("服务对象至少一类，且取自代码表"), service_objects_valid),
    Rule("handling_forms_valid", gettext_lazy("办理形式至少一种，且取自代码表"), handling_forms_valid),
    Rule(
        "fully_online_needs_no_visit",
        gettext_lazy("全程网办（Ⅳ级）须0次到现场，且办理形式包含网上办理"),
        fully_online_needs_no_visit,
    ),
    Rule(
        "zero_visits_needs_remote_form",
        gettext_lazy("到现场0次须支持网上办理或快递申请"),
        zero_visits_needs_remote_form,
    ),
    Rule("visits_need_reason", gettext_lazy("到现场1次及以上须说明必须现场办理的原因"), visits_need_reason),
    Rule(
        "steps_within_promised",
        gettext_lazy("各办理环节时限之和（并联环节取最长的一个）不超过承诺办结时限"),
        steps_within_promised,
    ),
    Rule(
        "process_runnable",
        gettext_lazy("办理流程以受理开始、送达结束，含审查和唯一的决定环节；只有相邻的审查环节可以并联，同组规则一致"),
        process_runnable,
    ),
    Rule("step_agencies_active", gettext_lazy("各办理环节的办理机构须为在用机构"), step_agencies_active),
    Rule(
        "township_steps_need_townships",
        gettext_lazy("有乡镇就近办理的环节时，须选择可办理的乡镇"),
        township_steps_need_townships,
    ),
    Rule(
        "application_form_valid",
        gettext_lazy("申请表单的字段、条件和材料规则有效（类型、名称、选项、条件所依据的字段、材料序号）"),
        application_form_valid,
    ),
    Rule("free_means_no_fees", gettext_lazy("不收费 ⇔ 没有收费项目"), free_means_no_fees),
    Rule("free_means_no_online_payment", gettext_lazy("不收费的事项不提供网上支付"), free_means_no_online_payment),
    Rule("place_precise", gettext_lazy("办理地点精确到窗口或房间（含“窗口”“室”或“号”，或关联窗口）"), place_precise),
)

#: (code, description) of every rule, for the documentation and the administrators' page.
CONSISTENCY_RULES: tuple[tuple[str, str | Promise], ...] = tuple((r.code, r.description) for r in RULES)


def guide_problems(guide: Guide) -> dict[str, list[str]]:
    """Every problem of the guide, by field (empty: the guide is consistent)."""
    problems: dict[str, list[str]] = {}
    for rule in RULES:
        for name, message in rule.check(guide):
            if message not in problems.setdefault(name, []):
                problems[name].append(message)
    return problems


def version_check(version: ItemVersion) -> None:
    """Raise ``ValidationError({field: [messages]})`` listing every inconsistency of ``version``."""
    problems = guide_problems(Guide.of(version))
    if problems:
        raise ValidationError(problems)
