"""Application forms as data (申请表单): a JSON schema turned into a Django form and checked on the server.

An item manager writes the form of an item as data (``catalog.ItemVersion.application_form``); nothing here
knows about items, cases or agencies, so any domain may keep forms this way. The server is always the judge:
the browser's JavaScript (``core/dynforms.js``) only shows and hides conditional fields.

The schema (a JSON object)::

    {
      "fields": [
        {"name": "shop_name", "label": "店铺名称", "type": "text", "required": true,
         "help": "与招牌一致", "max_length": 50, "prefill": "organisation.name"},
        {"name": "business_type", "label": "经营类别", "type": "choice", "required": true,
         "options": [["catering", "餐饮服务"], ["retail", "食品销售"]]},
        {"name": "seats", "label": "就餐座位数", "type": "integer", "min": 0, "max": 2000,
         "show_if": {"field": "business_type", "equals": "catering"}},
        {"name": "has_employees", "label": "是否雇工", "type": "boolean"},
        {"name": "employees", "label": "雇工人数", "type": "integer", "min": 1, "required": true,
         "show_if": {"field": "has_employees", "equals": true}}
      ],
      "materials": [
        {"order": 3, "required_if": {"field": "business_type", "in": ["catering"]}}
      ]
    }

Fields (``fields``, at most :data:`MAX_FIELDS`, in display order):

- ``name``: lower-case letters, digits and ``_``, starting with a letter, ≤ 40 characters, unique;
- ``label`` (required, ≤ 100 characters) and ``help`` (≤ 300 characters);
- ``type``: one of :data:`FIELD_TYPES` — ``text`` (one line), ``textarea``, ``integer``, ``decimal`` (two
  decimals, stored as a string), ``date`` (stored ``YYYY-MM-DD``), ``choice`` (one of ``options``),
  ``multichoice`` (a list of ``options`` values), ``boolean`` (a check box; ``required`` means it must be
  ticked, e.g. a 承诺), ``mobile`` (mainland mobile, normalised to 11 digits), ``id_number`` (GB 11643
  resident ID number), ``uscc`` (GB 32100 统一社会信用代码), ``email``;
- ``required`` (default false);
- ``max_length`` for ``text`` (default 200, ≤ 2000) and ``textarea`` (default 2000, ≤ 5000);
- ``min`` / ``max``: numbers for ``integer`` and ``decimal``, ``YYYY-MM-DD`` strings for ``date``;
- ``options``: for ``choice`` and ``multichoice`` only, a list of ``[value, label]`` pairs with unique values;
- ``prefill``: one of :data:`PREFILL_SOURCES` (text-like fields only); the form opens with the account's value
  (:func:`prefill_values`), which the applicant may change;
- ``show_if``: ``{"field": <an earlier field>, "equals": <value>}`` or ``{"field": …, "in": [<values>…]}``.
  The field is shown, asked for and (when ``required``) required only while the condition holds; a field whose
  controlling field is itself hidden is hidden too. Values compare as text (``true``/``false`` for booleans);
  for a ``multichoice`` controller the condition holds when any chosen value matches. A hidden field's value
  is dropped on the server, whatever the browser sent.

Material rules (``materials``) refer to the version's ``MaterialRequirement`` rows by ``order``:
``{"order": 3, "required_if": <condition as show_if>}``. A material with a rule is asked for — and then
required — only while its condition holds; a material without a rule is asked for with its own ``is_required``.

Functions: :func:`form_schema_problems` (the schema check, Chinese messages, all at once),
:func:`form_class` (a ``django.forms.Form`` class), :func:`form_values_clean` (the server-side check of
submitted values), :func:`form_visible_fields`, :func:`materials_required`, :func:`prefill_values`,
:func:`form_values_display` (label/value pairs for pages and PDFs, masked by default).

Type checks may be replaced by a domain through :func:`type_check_register`: org's ``OrgConfig.ready``
registers its full GB 32100 check (``org.uscc.uscc_validate``, which also verifies the embedded 组织机构代码), so
in the running project ``uscc`` fields get that check. Without a registration python-stdnum checks ID numbers
and USCCs (the final check digit only), and ``core.pii.mobile_normalise`` mobiles.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum.cn import ric as stdnum_ric
from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import ValidationError as StdnumError

from .pii import mask_id_number, mask_mobile, mobile_normalise

FIELD_TYPES: tuple[str, ...] = (
    "text",
    "textarea",
    "integer",
    "decimal",
    "date",
    "choice",
    "multichoice",
    "boolean",
    "mobile",
    "id_number",
    "uscc",
    "email",
)

#: Chinese names of the types, for editors.
FIELD_TYPE_LABELS: dict[str, Any] = {
    "text": gettext_lazy("单行文字"),
    "textarea": gettext_lazy("多行文字"),
    "integer": gettext_lazy("整数"),
    "decimal": gettext_lazy("金额/小数"),
    "date": gettext_lazy("日期"),
    "choice": gettext_lazy("单选"),
    "multichoice": gettext_lazy("多选"),
    "boolean": gettext_lazy("是/否（勾选）"),
    "mobile": gettext_lazy("手机号码"),
    "id_number": gettext_lazy("居民身份证号码"),
    "uscc": gettext_lazy("统一社会信用代码"),
    "email": gettext_lazy("电子邮箱"),
}

#: Where a field's first value may come from (the caller supplies these keys in :func:`prefill_values`).
PREFILL_SOURCES: dict[str, Any] = {
    "applicant.name": gettext_lazy("申请人姓名"),
    "organisation.name": gettext_lazy("单位名称"),
    "organisation.uscc": gettext_lazy("单位统一社会信用代码"),
    "organisation.legal_representative": gettext_lazy("单位法定代表人"),
}

MAX_FIELDS = 100
NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
TEXT_TYPES = frozenset({"text", "textarea", "mobile", "id_number", "uscc", "email"})
PREFILL_TYPES = frozenset({"text", "textarea", "uscc"})
OPTION_TYPES = frozenset({"choice", "multichoice"})
NUMBER_TYPES = frozenset({"integer", "decimal"})
_FIELD_KEYS = frozenset(
    {"name", "label", "type", "required", "help", "max_length", "min", "max", "options", "prefill", "show_if"}
)
_DEFAULT_MAX_LENGTH = {"text": 200, "textarea": 2000}
_MAX_MAX_LENGTH = {"text": 2000, "textarea": 5000}
DECIMAL_PLACES = 2


# --- type checks (replaceable) -----------------------------------------------------------------------


def _id_number_check(value: str) -> str:
    try:
        return stdnum_ric.validate(re.sub(r"\s", "", value).upper())
    except StdnumError as exc:
        raise ValidationError(
            _("居民身份证号码不正确，请核对后重新输入（18位，最后一位可能是X）。"), code="invalid_id_number"
        ) from exc


def _uscc_check(value: str) -> str:
    try:
        return stdnum_uscc.validate(re.sub(r"\s", "", value).upper())
    except StdnumError as exc:
        raise ValidationError(
            _("统一社会信用代码不正确：应为18位，由数字和大写字母组成，且校验位正确。"), code="invalid_uscc"
        ) from exc


_TYPE_CHECKS: dict[str, Callable[[str], str]] = {
    "mobile": mobile_normalise,
    "id_number": _id_number_check,
    "uscc": _uscc_check,
}


def type_check_register(field_type: str, check: Callable[[str], str]) -> None:
    """Replace the check of a text-like type (``mobile``, ``id_number``, ``uscc``): ``check(text)`` returns
    the normalised value or raises a ``ValidationError`` with a Chinese message. Called from an app's
    ``ready()``; core itself imports no domain."""
    if field_type not in _TYPE_CHECKS:
        raise ValueError(f"no replaceable check for type {field_type!r}")
    _TYPE_CHECKS[field_type] = check


# --- conditions --------------------------------------------------------------------------------------


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return str(value)


def _condition_values(condition: Mapping[str, Any]) -> list[str]:
    if "in" in condition:
        return [_as_text(v) for v in condition.get("in") or []]
    return [_as_text(condition.get("equals"))]


def _condition_holds(condition: Mapping[str, Any], value: Any) -> bool:
    wanted = set(_condition_values(condition))
    if isinstance(value, list | tuple):
        return any(_as_text(v) in wanted for v in value)
    return _as_text(value) in wanted


def _fields(schema: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    if not isinstance(schema, Mapping):
        return []
    fields = schema.get("fields") or []
    return [f for f in fields if isinstance(f, Mapping)] if isinstance(fields, list) else []


def _visibility(schema: Mapping[str, Any] | None, values: Mapping[str, Any]) -> dict[str, bool]:
    """``{name: visible}`` in schema order; a field is hidden when its controller is hidden or its condition fails."""
    visible: dict[str, bool] = {}
    for spec in _fields(schema):
        name = spec.get("name")
        condition = spec.get("show_if")
        if not condition:
            visible[name] = True
            continue
        controller = condition.get("field")
        visible[name] = bool(visible.get(controller)) and _condition_holds(condition, values.get(controller))
    return visible


def form_visible_fields(schema: Mapping[str, Any] | None, values: Mapping[str, Any]) -> list[str]:
    """The names of the fields asked for, given the (cleaned) ``values``, in schema order."""
    return [name for name, shown in _visibility(schema, values).items() if shown]


def _material_rules(schema: Mapping[str, Any] | None) -> dict[int, dict[str, Any]]:
    if not isinstance(schema, Mapping) or not isinstance(schema.get("materials"), list):
        return {}
    return {
        rule["order"]: rule
        for rule in schema["materials"]
        if isinstance(rule, Mapping) and isinstance(rule.get("order"), int)
    }


def materials_required(
    schema: Mapping[str, Any] | None, values: Mapping[str, Any], requirements: Iterable[Any]
) -> list[tuple[Any, bool]]:
    """The requirement rows asked for, each with whether it is required, in the rows' order.

    ``requirements`` are objects with ``order`` and ``is_required`` (``catalog.MaterialRequirement``).
    A row with a rule is asked for, as required, only while the rule's condition holds.
    """
    rules = _material_rules(schema)
    visible = _visibility(schema, values)
    asked: list[tuple[Any, bool]] = []
    for requirement in sorted(requirements, key=lambda r: r.order):
        rule = rules.get(requirement.order)
        if rule is None:
            asked.append((requirement, bool(requirement.is_required)))
            continue
        condition = rule.get("required_if") or {}
        controller = condition.get("field")
        if visible.get(controller) and _condition_holds(condition, values.get(controller)):
            asked.append((requirement, True))
    return asked


def prefill_values(schema: Mapping[str, Any] | None, context: Mapping[str, str]) -> dict[str, str]:
    """``{field name: value}`` for the fields whose ``prefill`` source is in ``context`` and not empty.

    ``context`` maps :data:`PREFILL_SOURCES` keys to the account's values (the applying part builds it).
    """
    values: dict[str, str] = {}
    for spec in _fields(schema):
        source = spec.get("prefill")
        if source and context.get(source):
            values[spec["name"]] = str(context[source])
    return values


# --- the schema check --------------------------------------------------------------------------------


def _condition_problems(
    condition: Any, *, where: str, earlier: Mapping[str, Mapping[str, Any]], known: set[str]
) -> list[str]:
    if not isinstance(condition, Mapping) or not condition.get("field"):
        return [_("%(where)s的条件格式不正确：应写明所依据的字段以及取值。") % {"where": where}]
    problems: list[str] = []
    controller = condition.get("field")
    unknown = set(condition) - {"field", "equals", "in"}
    if unknown:
        problems.append(
            _("%(where)s的条件含有不认识的项：%(keys)s。")
            % {"where": where, "keys": "、".join(sorted(map(str, unknown)))}
        )
    if ("equals" in condition) == ("in" in condition):
        problems.append(_("%(where)s的条件必须且只能写“等于”或“属于”其中一种。") % {"where": where})
    elif "in" in condition and (not isinstance(condition["in"], list) or not condition["in"]):
        problems.append(_("%(where)s的条件“属于”必须列出至少一个取值。") % {"where": where})
    if controller not in earlier:
        if controller in known:
            problems.append(
                _("%(where)s的条件所依据的字段“%(field)s”必须排在它前面。") % {"where": where, "field": controller}
            )
        else:
            problems.append(_("%(where)s的条件所依据的字段“%(field)s”不存在。") % {"where": where, "field": controller})
        return problems
    spec = earlier[controller]
    wanted = _condition_values(condition) if not problems else []
    if spec.get("type") in OPTION_TYPES:
        allowed = {_as_text(o[0]) for o in spec.get("options") or [] if isinstance(o, list | tuple) and o}
        bad = [w for w in wanted if w not in allowed]
        if bad:
            problems.append(
                _("%(where)s的条件取值“%(values)s”不是字段“%(field)s”的选项。")
                % {"where": where, "values": "、".join(bad), "field": controller}
            )
    elif spec.get("type") == "boolean":
        if any(w not in ("true", "false") for w in wanted):
            problems.append(
                _("%(where)s的条件所依据的“%(field)s”是勾选项，取值只能是“是”(true)或“否”(false)。")
                % {"where": where, "field": controller}
            )
    return problems


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | str) and not isinstance(value, bool) and _to_decimal(value) is not None


def _to_decimal(value: Any) -> Decimal | None:
    try:
        result = Decimal(str(value))
    except Exception:  # noqa: BLE001 - any unparsable text is "not a number"
        return None
    return result if result.is_finite() else None


def _to_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _field_problems(spec: Any, index: int, earlier: dict[str, dict[str, Any]], known: set[str]) -> list[str]:
    if not isinstance(spec, Mapping):
        return [_("第%(n)s个字段的格式不正确。") % {"n": index}]
    problems: list[str] = []
    name = spec.get("name")
    where = _("第%(n)s个字段“%(name)s”") % {"n": index, "name": name or ""}
    if not isinstance(name, str) or not NAME_RE.fullmatch(name):
        problems.append(
            _("%(where)s的字段名不正确：只能用小写英文字母、数字和下划线，以字母开头，不超过40个字符。")
            % {"where": where}
        )
    elif name in earlier:
        problems.append(_("字段名“%(name)s”重复了。") % {"name": name})
    unknown = set(spec) - _FIELD_KEYS
    if unknown:
        problems.append(
            _("%(where)s含有不认识的项：%(keys)s。") % {"where": where, "keys": "、".join(sorted(map(str, unknown)))}
        )
    label = spec.get("label")
    if not isinstance(label, str) or not label.strip():
        problems.append(_("%(where)s没有填写显示名称。") % {"where": where})
    elif len(label) > 100:
        problems.append(_("%(where)s的显示名称不能超过100个字。") % {"where": where})
    if "help" in spec and (not isinstance(spec["help"], str) or len(spec["help"]) > 300):
        problems.append(_("%(where)s的填写说明必须是不超过300字的文字。") % {"where": where})
    if "required" in spec and not isinstance(spec["required"], bool):
        problems.append(_("%(where)s的“必填”只能是是或否。") % {"where": where})
    kind = spec.get("type")
    if kind not in FIELD_TYPES:
        problems.append(_("%(where)s的类型“%(type)s”不认识。") % {"where": where, "type": kind or ""})
        return problems
    if "max_length" in spec:
        limit = spec["max_length"]
        if kind not in _DEFAULT_MAX_LENGTH:
            problems.append(_("%(where)s：只有文字字段可以限制长度。") % {"where": where})
        elif not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= _MAX_MAX_LENGTH[kind]:
            problems.append(
                _("%(where)s的最大长度必须是1到%(max)s之间的整数。") % {"where": where, "max": _MAX_MAX_LENGTH[kind]}
            )
    for bound in ("min", "max"):
        if bound not in spec:
            continue
        value = spec[bound]
        if kind in NUMBER_TYPES:
            if not _is_number(value) or (kind == "integer" and _to_decimal(value) != int(_to_decimal(value))):
                problems.append(_("%(where)s的最小值/最大值必须是数字。") % {"where": where})
        elif kind == "date":
            if _to_date(value) is None:
                problems.append(_("%(where)s的最早/最晚日期必须写成YYYY-MM-DD。") % {"where": where})
        else:
            problems.append(_("%(where)s：只有数字和日期字段可以设最小值/最大值。") % {"where": where})
    if "min" in spec and "max" in spec and not problems:
        low, high = spec["min"], spec["max"]
        if kind == "date":
            low, high = _to_date(low), _to_date(high)
        else:
            low, high = _to_decimal(low), _to_decimal(high)
        if low is not None and high is not None and low > high:
            problems.append(_("%(where)s的最小值大于最大值。") % {"where": where})
    options = spec.get("options")
    if kind in OPTION_TYPES:
        if not isinstance(options, list) or not options:
            problems.append(_("%(where)s是选择题，必须列出选项。") % {"where": where})
        else:
            seen: set[str] = set()
            for option in options:
                if (
                    not isinstance(option, list | tuple)
                    or len(option) != 2
                    or not all(isinstance(part, str) and part.strip() for part in option)
                    or len(option[0]) > 60
                    or len(option[1]) > 100
                ):
                    problems.append(
                        _("%(where)s的选项必须是“取值、显示文字”两项文字（取值不超过60字）。") % {"where": where}
                    )
                    break
                if option[0] in seen:
                    problems.append(_("%(where)s的选项“%(value)s”重复了。") % {"where": where, "value": option[0]})
                seen.add(option[0])
    elif options not in (None, []):
        problems.append(_("%(where)s不是选择题，不能有选项。") % {"where": where})
    prefill = spec.get("prefill")
    if prefill:
        if prefill not in PREFILL_SOURCES:
            problems.append(_("%(where)s的预填来源“%(source)s”不认识。") % {"where": where, "source": prefill})
        elif kind not in PREFILL_TYPES:
            problems.append(_("%(where)s的类型不能从账号预填。") % {"where": where})
    condition = spec.get("show_if")
    if condition:
        if isinstance(condition, Mapping) and condition.get("field") == name:
            problems.append(_("%(where)s的显示条件不能依据它自己。") % {"where": where})
        else:
            problems.extend(_condition_problems(condition, where=where, earlier=earlier, known=known))
    return problems


def form_schema_problems(schema: Any, *, material_orders: Iterable[int] | None = None) -> list[str]:
    """Every reason ``schema`` is not a usable form, in Chinese, all at once (empty when it is usable).

    ``material_orders`` are the ``order`` numbers of the version's materials; given, a material rule must name
    one of them (``None``: material rules are checked for their form only). An empty schema (``{}``) is a
    valid form without fields.
    """
    if schema in (None, {}):
        return []
    if not isinstance(schema, Mapping):
        return [_("申请表单的格式不正确。")]
    problems: list[str] = []
    unknown = set(schema) - {"fields", "materials"}
    if unknown:
        problems.append(_("申请表单含有不认识的项：%(keys)s。") % {"keys": "、".join(sorted(map(str, unknown)))})
    fields = schema.get("fields", [])
    if not isinstance(fields, list):
        return [*problems, _("申请表单的字段必须是一个列表。")]
    if len(fields) > MAX_FIELDS:
        problems.append(_("申请表单最多%(max)s个字段。") % {"max": MAX_FIELDS})
    known = {f.get("name") for f in fields if isinstance(f, Mapping)}
    earlier: dict[str, dict[str, Any]] = {}
    for index, spec in enumerate(fields, start=1):
        problems.extend(_field_problems(spec, index, earlier, known))
        if isinstance(spec, Mapping) and isinstance(spec.get("name"), str) and spec["name"] not in earlier:
            earlier[spec["name"]] = dict(spec)
    rules = schema.get("materials", [])
    if not isinstance(rules, list):
        return [*problems, _("申请表单的材料规则必须是一个列表。")]
    orders = None if material_orders is None else set(material_orders)
    seen_orders: set[int] = set()
    for rule in rules:
        if (
            not isinstance(rule, Mapping)
            or not isinstance(rule.get("order"), int)
            or isinstance(rule.get("order"), bool)
        ):
            problems.append(_("材料规则必须写明材料序号。"))
            continue
        order = rule["order"]
        where = _("第%(order)s号材料的规则") % {"order": order}
        if set(rule) - {"order", "required_if"}:
            problems.append(_("%(where)s含有不认识的项。") % {"where": where})
        if order in seen_orders:
            problems.append(_("%(where)s重复了。") % {"where": where})
        seen_orders.add(order)
        if orders is not None and order not in orders:
            problems.append(_("材料规则所指的第%(order)s号材料不存在。") % {"order": order})
        # "第N号材料的条件…", not "第N号材料的规则的条件…".
        material = _("第%(order)s号材料") % {"order": order}
        problems.extend(_condition_problems(rule.get("required_if"), where=material, earlier=earlier, known=known))
    return problems


# --- the Django form ---------------------------------------------------------------------------------


class _CheckedText(forms.CharField):
    """A text field whose value passes a replaceable type check (mobile, ID number, USCC)."""

    def __init__(self, *args: Any, check_type: str, **kwargs: Any) -> None:
        self.check_type = check_type
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        return _TYPE_CHECKS[self.check_type](value) if value else value


def _condition_help(
    condition: Mapping[str, Any], labels: Mapping[str, str], options: Mapping[str, Mapping[str, str]]
) -> str:
    controller = condition.get("field")
    shown = []
    for value in _condition_values(condition):
        if value in ("true", "false") and controller not in options:
            shown.append(_("是") if value == "true" else _("否"))
        else:
            shown.append(options.get(controller, {}).get(value, value))
    return _("（仅当“%(field)s”为“%(value)s”时填写）") % {
        "field": labels.get(controller, controller),
        "value": "”或“".join(shown),
    }


def _django_field(spec: Mapping[str, Any], *, help_text: str) -> forms.Field:
    kind = spec["type"]
    label = spec["label"]
    required = bool(spec.get("required")) and not spec.get("show_if")
    common: dict[str, Any] = {"label": label, "required": required, "help_text": help_text}
    if kind == "text":
        return forms.CharField(max_length=spec.get("max_length", _DEFAULT_MAX_LENGTH["text"]), **common)
    if kind == "textarea":
        return forms.CharField(
            max_length=spec.get("max_length", _DEFAULT_MAX_LENGTH["textarea"]),
            widget=forms.Textarea(attrs={"rows": 4}),
            **common,
        )
    if kind == "integer":
        low, high = _to_decimal(spec.get("min")), _to_decimal(spec.get("max"))
        return forms.IntegerField(
            min_value=int(low) if "min" in spec and low is not None else None,
            max_value=int(high) if "max" in spec and high is not None else None,
            **common,
        )
    if kind == "decimal":
        return forms.DecimalField(
            min_value=_to_decimal(spec["min"]) if "min" in spec else None,
            max_value=_to_decimal(spec["max"]) if "max" in spec else None,
            max_digits=14,
            decimal_places=DECIMAL_PLACES,
            widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
            **common,
        )
    if kind == "date":
        attrs: dict[str, str] = {"type": "date"}
        validators = []
        if "min" in spec:
            attrs["min"] = spec["min"]
            validators.append(_date_bound(_to_date(spec["min"]), low=True))
        if "max" in spec:
            attrs["max"] = spec["max"]
            validators.append(_date_bound(_to_date(spec["max"]), low=False))
        return forms.DateField(widget=forms.DateInput(attrs=attrs, format="%Y-%m-%d"), validators=validators, **common)
    if kind == "choice":
        choices = [("", _("请选择"))] + [(v, text) for v, text in spec["options"]]
        return forms.ChoiceField(choices=choices, **common)
    if kind == "multichoice":
        return forms.MultipleChoiceField(
            choices=[(v, text) for v, text in spec["options"]], widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == "boolean":
        return forms.BooleanField(**common)
    if kind == "email":
        return forms.EmailField(max_length=254, **common)
    widget_attrs = {
        "mobile": {"type": "tel", "inputmode": "numeric", "autocomplete": "tel"},
        "id_number": {"autocomplete": "off", "spellcheck": "false"},
        "uscc": {"autocomplete": "off", "spellcheck": "false"},
    }[kind]
    max_length = {"mobile": 20, "id_number": 20, "uscc": 20}[kind]
    return _CheckedText(check_type=kind, max_length=max_length, widget=forms.TextInput(attrs=widget_attrs), **common)


def _date_bound(bound: dt.date | None, *, low: bool) -> Callable[[dt.date], None]:
    def check(value: dt.date) -> None:
        if bound is None or value is None:
            return
        if low and value < bound:
            raise ValidationError(_("日期不能早于%(date)s。") % {"date": bound.isoformat()}, code="min_value")
        if not low and value > bound:
            raise ValidationError(_("日期不能晚于%(date)s。") % {"date": bound.isoformat()}, code="max_value")

    return check


class DynamicForm(forms.Form):
    """Base of the generated forms: conditional fields are required only while shown, hidden ones dropped."""

    schema: dict[str, Any] = {}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        values: dict[str, Any] = {}
        for spec in _fields(self.schema):
            name = spec["name"]
            values[name] = cleaned[name] if name in cleaned else self._raw(name)
        visible = _visibility(self.schema, values)
        for spec in _fields(self.schema):
            name = spec["name"]
            if not visible.get(name):
                self._errors.pop(name, None)
                cleaned.pop(name, None)
                continue
            empty = name in cleaned and cleaned[name] in (None, "", [], False)
            if spec.get("required") and spec.get("show_if") and empty:
                message = _("请勾选此项。") if spec["type"] == "boolean" else _("请填写此项。")
                self.add_error(name, ValidationError(message, code="required"))
        return cleaned

    def _raw(self, name: str) -> Any:
        field = self.fields[name]
        return field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))


def form_class(schema: Mapping[str, Any] | None, *, prefill: Mapping[str, Any] | None = None) -> type[DynamicForm]:
    """A ``Form`` class for ``schema`` (assumed to pass :func:`form_schema_problems`).

    ``prefill`` gives first values by field name (see :func:`prefill_values`). Conditional fields are not
    HTML-required; their widgets carry ``data-show-if-field`` / ``data-show-if-values`` for ``core/dynforms.js``
    and their help says when they apply, so the form works without JavaScript too.
    """
    schema = dict(schema or {})
    prefill = dict(prefill or {})
    labels = {f["name"]: f["label"] for f in _fields(schema)}
    option_labels = {
        f["name"]: dict(map(tuple, f.get("options") or [])) for f in _fields(schema) if f.get("type") in OPTION_TYPES
    }
    attrs: dict[str, Any] = {"schema": schema}
    for spec in _fields(schema):
        help_text = spec.get("help", "")
        condition = spec.get("show_if")
        if condition:
            help_text = f"{help_text}{_condition_help(condition, labels, option_labels)}"
            if spec.get("required"):
                help_text = f"{help_text}{_('（此时必填）')}"
        field = _django_field(spec, help_text=help_text)
        if condition:
            field.widget.attrs["data-show-if-field"] = condition["field"]
            field.widget.attrs["data-show-if-values"] = json.dumps(_condition_values(condition), ensure_ascii=False)
        if spec["name"] in prefill:
            field.initial = prefill[spec["name"]]
        attrs[spec["name"]] = field
    return type("ApplicationForm", (DynamicForm,), attrs)


def _json_value(kind: str, value: Any) -> Any:
    if value is None:
        return None if kind in ("integer", "decimal", "date") else ([] if kind == "multichoice" else "")
    if kind == "decimal":
        return str(value.quantize(Decimal(1).scaleb(-DECIMAL_PLACES)))
    if kind == "date":
        return value.isoformat()
    if kind == "multichoice":
        return list(value)
    return value


def form_values_clean(
    schema: Mapping[str, Any] | None, data: Mapping[str, Any], *, prefix: str | None = None
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """``(values, errors)``: the submitted ``data`` checked on the server against ``schema``.

    ``data`` is a ``QueryDict`` or a plain dict (JSON: lists for ``multichoice``, ``true``/``false`` for
    ``boolean``). ``values`` holds every shown field (empty ones as ``""``, ``None``, ``[]`` or ``false``),
    JSON-serialisable (decimals and dates as strings); fields hidden by their condition are dropped and never
    required. ``errors`` maps field names to every Chinese message at once (empty when the data is clean);
    values of fields with errors are left out.
    """
    form = form_class(schema)(data=data, prefix=prefix)
    form.is_valid()
    kinds = {f["name"]: f["type"] for f in _fields(schema)}
    errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
    values = {name: _json_value(kinds[name], value) for name, value in form.cleaned_data.items() if name in kinds}
    return values, errors


def form_values_display(
    schema: Mapping[str, Any] | None, values: Mapping[str, Any], *, mask: bool = True
) -> list[tuple[str, str]]:
    """``[(label, text)]`` of the shown fields for pages and PDFs; ID and mobile numbers masked unless ``mask``."""
    shown = set(form_visible_fields(schema, values))
    rows: list[tuple[str, str]] = []
    for spec in _fields(schema):
        name = spec["name"]
        if name not in shown:
            continue
        value = values.get(name)
        kind = spec["type"]
        if kind == "boolean":
            text = _("是") if value else _("否")
        elif kind in OPTION_TYPES:
            labels = dict(map(tuple, spec.get("options") or []))
            chosen = value if isinstance(value, list) else ([value] if value not in (None, "") else [])
            text = "、".join(labels.get(v, str(v)) for v in chosen)
        elif kind == "id_number" and mask:
            text = mask_id_number(value) if value else ""
        elif kind == "mobile" and mask:
            text = mask_mobile(value) if value else ""
        else:
            text = "" if value is None else str(value)
        rows.append((spec["label"], text))
    return rows


def schema_fields(schema: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """The field specs of ``schema`` (dicts, in order); an empty list for an empty or malformed schema."""
    return [dict(f) for f in _fields(schema)]


def schema_material_rules(schema: Mapping[str, Any] | None) -> dict[int, dict[str, Any]]:
    """``{material order: rule}`` of ``schema``."""
    return _material_rules(schema)


__all__: Sequence[str] = (
    "FIELD_TYPES",
    "FIELD_TYPE_LABELS",
    "PREFILL_SOURCES",
    "DynamicForm",
    "form_class",
    "form_schema_problems",
    "form_values_clean",
    "form_values_display",
    "form_visible_fields",
    "materials_required",
    "prefill_values",
    "schema_fields",
    "schema_material_rules",
    "type_check_register",
)
