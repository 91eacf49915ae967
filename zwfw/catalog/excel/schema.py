"""The import workbook's layout: sheets, their columns and how a cell becomes a ``data`` value.

One row of the 事项 sheet is one new item (its first version, 梳理中); the child sheets (申请材料,
收费, 办理流程, 常见问题) hold one row per line of the guide's lists, tied to their item by the
行键 (row key) column, in the order of the rows. Headers are the catalogue's own Chinese field
names (the models' ``verbose_name``), so the workbook, the editor and the guide use the same words.
Coded columns take the Chinese label of a code (or the code itself); lists of codes are separated
by 、 or a comma.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..choices import (
    AgencyNature,
    CaseType,
    HandlingForm,
    ItemType,
    OnlineDepth,
    PowerSource,
    ResultType,
    ReviewKind,
    ServiceObject,
    UseLevel,
)
from ..models import GUIDE_FIELDS, ItemFaq, ItemFee, ItemVersion, MaterialRequirement, ProcessStep

ROW_KEY = "row_key"
#: Rows whose 行键 is this are the template's examples and are never imported.
EXAMPLE_KEY = "示例"
YES, NO = "是", "否"
_SPLIT = re.compile(r"[、,，;；\n]+")


@dataclass(frozen=True)
class Col:
    """One column: ``key`` (a ``data`` key), its header, how a cell is read, whether it is required."""

    key: str
    header: str
    kind: str = "text"  # text | int | bool | choice | choices | names | code12
    required: bool = False
    choices: type[models.TextChoices] | None = None
    width: int = 18
    hint: str = ""

    def labels(self) -> list[str]:
        if self.kind == "bool":
            return [YES, NO]
        return [str(label) for label in self.choices.labels] if self.choices is not None else []


@dataclass(frozen=True)
class Sheet:
    name: str
    data_key: str  # "" for the item sheet, else the child list's ``data`` key
    columns: tuple[Col, ...]
    model: type[models.Model] | None = None
    example: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    def column(self, key: str) -> Col:
        return next(c for c in self.columns if c.key == key)


def _label(model: type[models.Model], name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _model_col(model: type[models.Model], name: str, *, required: bool | None = None, width: int = 18) -> Col:
    """A column read like the model field: integers, yes/no, a code list, or text."""
    f = model._meta.get_field(name)
    if required is None:
        required = not f.blank and not f.has_default()
    if isinstance(f, models.BooleanField):
        return Col(name, _label(model, name), "bool", required, width=10)
    if isinstance(f, models.IntegerField):
        return Col(name, _label(model, name), "int", required, width=12)
    if f.choices:
        choice_class = _CHOICE_CLASSES[(model, name)]
        return Col(name, _label(model, name), "choice", required, choice_class, width=width)
    return Col(name, _label(model, name), "text", required, width=30 if isinstance(f, models.TextField) else width)


_CHOICE_CLASSES: dict[tuple[type[models.Model], str], type[models.TextChoices]] = {
    (ItemVersion, "item_type"): ItemType,
    (ItemVersion, "agency_nature"): AgencyNature,
    (ItemVersion, "power_source"): PowerSource,
    (ItemVersion, "case_type"): CaseType,
    (ItemVersion, "review_kind"): ReviewKind,
    (ItemVersion, "online_depth"): OnlineDepth,
    (ItemVersion, "result_type"): ResultType,
}


def _child_choice_classes() -> None:
    from ..choices import MaterialForm, MaterialFormat, MaterialSource

    _CHOICE_CLASSES[(MaterialRequirement, "form")] = MaterialForm
    _CHOICE_CLASSES[(MaterialRequirement, "material_format")] = MaterialFormat
    _CHOICE_CLASSES[(MaterialRequirement, "source")] = MaterialSource


_child_choice_classes()

ROW_KEY_COL = Col(ROW_KEY, "行键", "text", True, width=8, hint=gettext_lazy("本文件内事项的编号，如 1、2、3"))

#: The guide's scalar fields on the 事项 sheet, in the editor's order (files and windows are added in the editor).
_ITEM_FIELDS = (*GUIDE_FIELDS, "themes", "life_events", "handling_regions")
#: Required on import (a draft needs these; the rest is checked when the draft is submitted for review).
_ITEM_REQUIRED = {"name", "item_type", "legal_limit_days", "promised_limit_days"}


def _item_columns() -> tuple[Col, ...]:
    columns = [
        ROW_KEY_COL,
        Col("basic_code", _label(ItemVersion.item.field.related_model, "basic_code"), "code12", True, width=16),
        Col("use_level", _label(ItemVersion.item.field.related_model, "use_level"), "choice", True, UseLevel, 12),
        Col(
            "agency_uscc",
            str(gettext_lazy("实施主体统一社会信用代码")),
            "text",
            False,
            width=22,
            hint=gettext_lazy("可不填；填写时必须是本机构的代码"),
        ),
    ]
    for name in _ITEM_FIELDS:
        if name == "service_objects":
            columns.append(Col(name, _label(ItemVersion, name), "choices", False, ServiceObject, 20))
        elif name == "handling_forms":
            columns.append(Col(name, _label(ItemVersion, name), "choices", False, HandlingForm, 20))
        elif name in ("themes", "life_events", "handling_regions"):
            columns.append(Col(name, _label(ItemVersion, name), "names", False, width=20))
        else:
            columns.append(_model_col(ItemVersion, name, required=name in _ITEM_REQUIRED))
    return tuple(columns)


def _child_columns(model: type[models.Model], names: Sequence[str]) -> tuple[Col, ...]:
    return (ROW_KEY_COL, *(_model_col(model, n) for n in names))


ITEM_SHEET = Sheet(
    name="事项",
    data_key="",
    columns=_item_columns(),
    model=ItemVersion,
    example=(
        {
            ROW_KEY: EXAMPLE_KEY,
            "basic_code": "000205001000",
            "use_level": UseLevel.COUNTY.label,
            "name": "最低生活保障审批",
            "item_type": ItemType.BENEFIT.label,
            "agency_nature": AgencyNature.STATUTORY_BODY.label,
            "power_source": PowerSource.STATUTORY.label,
            "service_objects": ServiceObject.PERSON.label,
            "case_type": CaseType.PROMISED.label,
            "review_kind": ReviewKind.EXAMINE_THEN_APPROVE.label,
            "conditions": "持有本县户籍，家庭人均收入低于当地最低生活保障标准。",
            "legal_basis": "《社会救助暂行办法》（国务院令第649号）第九条至第十一条",
            "legal_limit_days": 30,
            "promised_limit_days": 20,
            "is_free": YES,
            "online_payment": NO,
            "handling_forms": f"{HandlingForm.WINDOW.label}、{HandlingForm.ONLINE.label}",
            "visits_required": 1,
            "visits_reason": "需核验户口簿、身份证原件",
            "online_depth": OnlineDepth.ONLINE_PRE_REVIEW.label,
            "handling_place": "县政务服务中心一楼民政综合窗口（12号窗口）",
            "handling_hours": "工作日 上午8:30-12:00，下午14:30-18:00",
            "consult_phone": "0943-5521234",
            "complaint_phone": "0943-5522110",
            "result_type": ResultType.CERTIFICATE.label,
            "result_name": "最低生活保障证",
            "keywords": "低保 社会救助",
        },
    ),
)

CHILD_SHEETS = (
    Sheet(
        "申请材料",
        "materials",
        _child_columns(
            MaterialRequirement,
            (
                "name",
                "is_required",
                "form",
                "copies",
                "material_format",
                "source",
                "source_note",
                "acceptance_standard",
                "note",
            ),
        ),
        MaterialRequirement,
        (
            {ROW_KEY: EXAMPLE_KEY, "name": "最低生活保障申请书", "is_required": YES, "form": "原件", "copies": 1},
            {ROW_KEY: EXAMPLE_KEY, "name": "居民身份证和户口簿", "is_required": YES, "form": "原件和复印件"},
        ),
    ),
    Sheet(
        "收费",
        "fees",
        _child_columns(ItemFee, ("name", "standard", "legal_basis", "exemptions")),
        ItemFee,
        ({ROW_KEY: EXAMPLE_KEY, "name": "工本费", "standard": "10元/证", "legal_basis": "甘发改收费〔2019〕1号"},),
    ),
    Sheet(
        "办理流程",
        "steps",
        _child_columns(ProcessStep, ("name", "handler", "time_limit_days", "description")),
        ProcessStep,
        (
            {ROW_KEY: EXAMPLE_KEY, "name": "受理", "handler": "窗口工作人员", "time_limit_days": 1},
            {ROW_KEY: EXAMPLE_KEY, "name": "审批", "handler": "县民政局", "time_limit_days": 5},
        ),
    ),
    Sheet(
        "常见问题",
        "faqs",
        _child_columns(ItemFaq, ("question", "answer")),
        ItemFaq,
        ({ROW_KEY: EXAMPLE_KEY, "question": "外出务工人员能否申请？", "answer": "可由共同生活的家庭成员代为申请。"},),
    ),
)
SHEETS = (ITEM_SHEET, *CHILD_SHEETS)
INSTRUCTIONS_SHEET = "说明"
CODES_SHEET = "代码表"


# --- reading a cell ----------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A cell as text: numbers without a trailing .0, dates as ISO, None as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def _code_of(value: str, choices: type[models.TextChoices], header: str) -> str:
    for code, label in choices.choices:
        if value in (str(label), code):
            return code
    raise ValidationError(
        _("“%(value)s”不是“%(header)s”的可选值，请从下拉列表中选择：%(options)s。")
        % {"value": value, "header": header, "options": "、".join(str(x) for x in choices.labels)}
    )


def cell_read(col: Col, value: Any, *, names: Callable[[Col, list[str]], Any] | None = None) -> Any:
    """The ``data`` value of a cell, or None when the cell is empty; ValidationError with a Chinese message."""
    text = cell_text(value)
    if text == "":
        if col.required:
            raise ValidationError(_("“%(header)s”为必填项。") % {"header": col.header})
        return None
    if col.kind == "int":
        if isinstance(value, bool):
            raise ValidationError(_("“%(header)s”应为整数。") % {"header": col.header})
        if isinstance(value, float | decimal.Decimal) and not float(value).is_integer():
            raise ValidationError(_("“%(header)s”应为整数。") % {"header": col.header})
        if not re.fullmatch(r"\d+", text):
            raise ValidationError(
                _("“%(header)s”应为不小于0的整数，而不是“%(value)s”。") % {"header": col.header, "value": text}
            )
        number = int(text)
        if number > 32767:
            raise ValidationError(_("“%(header)s”的数值过大。") % {"header": col.header})
        return number
    if col.kind == "bool":
        lowered = text.lower()
        if lowered in (YES, "y", "yes", "true", "1", "√"):
            return True
        if lowered in (NO, "n", "no", "false", "0", "×"):
            return False
        raise ValidationError(_("“%(header)s”应填“是”或“否”。") % {"header": col.header})
    if col.kind == "choice":
        assert col.choices is not None
        return _code_of(text, col.choices, col.header)
    if col.kind == "choices":
        assert col.choices is not None
        return list(
            dict.fromkeys(
                _code_of(part.strip(), col.choices, col.header) for part in _SPLIT.split(text) if part.strip()
            )
        )
    if col.kind == "names":
        parts = [part.strip() for part in _SPLIT.split(text) if part.strip()]
        return names(col, parts) if names is not None else parts
    if col.kind == "code12":
        if isinstance(value, int | float) and not isinstance(value, bool):
            text = text.zfill(12)  # typed as a number: Excel dropped the leading zeros
        text = text.upper()
        if not re.fullmatch(r"[0-9A-Z]{12}", text):
            raise ValidationError(
                _("“%(header)s”应为12位数字或大写字母，而不是“%(value)s”。") % {"header": col.header, "value": text}
            )
        return text
    return text
