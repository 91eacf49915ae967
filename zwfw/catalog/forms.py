"""Forms of the item editor (梳理). They only collect input; the services validate and write.

The editor posts the guide's main fields (:class:`VersionForm`) and four formsets for the guide's
lists (materials, fees, steps, FAQ); :meth:`VersionForm.version_data` and :func:`child_data` turn
them into the ``data`` mapping that :func:`zwfw.catalog.services.item.version_update` accepts.

Files (a material's 空白表格 and 示例样表, the version's 结果样本) come as uploads with a "remove"
box; a material row carries the stored name of its current file in a hidden field, which the service
accepts only if the version really has that file. The services check the content and store the files.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from zwfw.core.dynforms import FIELD_TYPE_LABELS, PREFILL_SOURCES, schema_fields, schema_material_rules
from zwfw.org.choices import AgencyKind, RegionLevel, Role
from zwfw.org.models import Agency, Region, Window
from zwfw.org.selectors import window_list
from zwfw.workflow.choices import JoinRule, StepKind

from .choices import (
    Audience,
    ConvenienceCategory,
    HandlingForm,
    MaterialFormat,
    MaterialSource,
    ServiceObject,
    UseLevel,
)
from .choices import (
    MaterialForm as MaterialOriginal,
)
from .models import GUIDE_FIELDS, ItemVersion, LifeEvent, Theme
from .services._files import GUIDE_FILE_ACCEPT


def _file_input() -> forms.FileInput:
    return forms.FileInput(attrs={"accept": GUIDE_FILE_ACCEPT})


_FILE_HELP = _("PDF、Word、Excel、JPG 或 PNG，不超过 10 MB。")

#: The ItemVersion fields the editor shows, in the order of the guide.
VERSION_FIELDS = [*GUIDE_FIELDS, "themes", "life_events", "change_summary"]


def _editor_order(fields: list[str]) -> list[str]:
    """The editor's order: windows and townships after the hours, the result sample after its name."""
    order = []
    for name in fields:
        order.append(name)
        if name == "handling_hours":
            order += ["windows", "handling_regions"]
        elif name == "result_name":
            order += ["result_sample_upload", "result_sample_clear"]
    return order


class VersionForm(forms.ModelForm):
    service_objects = forms.MultipleChoiceField(
        label=_("服务对象"), choices=ServiceObject.choices, widget=forms.CheckboxSelectMultiple
    )
    handling_forms = forms.MultipleChoiceField(
        label=_("办理形式"), choices=HandlingForm.choices, widget=forms.CheckboxSelectMultiple
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("主题"), queryset=Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    life_events = forms.ModelMultipleChoiceField(
        label=_("生命周期事件"), queryset=LifeEvent.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    windows = forms.ModelMultipleChoiceField(
        label=_("办理窗口"),
        queryset=Window.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("勾选受理本事项的窗口（按服务中心分组），办事指南中按窗口列出地址和办公时间。"),
    )
    handling_regions = forms.ModelMultipleChoiceField(
        label=_("可办理的乡镇（村）"),
        queryset=Region.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("除实施主体外，还可以在哪些乡镇（村）便民服务中心办理。"),
    )
    result_sample_upload = forms.FileField(
        label=_("结果样本"), required=False, widget=_file_input(), help_text=_FILE_HELP
    )
    result_sample_clear = forms.BooleanField(label=_("删除已上传的结果样本"), required=False)

    field_order = _editor_order(VERSION_FIELDS)

    def __init__(self, *args: Any, agency: Agency | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._labels: dict[str, list[tuple[Any, str]]] = {}
        instance = self.instance if self.instance.pk else None
        if agency is None and instance is not None:
            agency = instance.item.agency
        chosen_windows = set(instance.windows.values_list("pk", flat=True)) if instance else set()
        chosen_regions = set(instance.handling_regions.values_list("pk", flat=True)) if instance else set()
        if instance is not None and not self.is_bound:
            self.initial.setdefault("windows", sorted(chosen_windows))
            self.initial.setdefault("handling_regions", sorted(chosen_regions))
        self.groups = {
            "windows": self._window_groups(agency, chosen_windows),
            "handling_regions": self._region_groups(chosen_regions),
        }
        for name, groups in self.groups.items():
            options = [option for _label, options in groups for option in options]
            field = self.fields[name]
            field.queryset = field.queryset.model.objects.filter(pk__in=[o.pk for o in options])
            labels = {o.pk: label for o, label in self._labels[name]}
            field.label_from_instance = lambda obj, labels=labels: labels.get(obj.pk, str(obj))
        if instance is None:
            del self.fields["result_sample_clear"]

    def _window_groups(self, agency: Agency | None, chosen: set[int]) -> list[tuple[str, list[Window]]]:
        """The active windows of the centres the agency sits in or runs (all centres when it has none),
        plus the windows already chosen, by centre."""
        windows = list(window_list())
        centres = {
            w.centre_id
            for w in windows
            if agency is not None and (w.centre.agency_id == agency.pk or agency in w.agencies.all())
        } or {w.centre_id for w in windows}
        offered = [w for w in windows if (w.is_active and w.centre_id in centres) or w.pk in chosen]
        groups: dict[int, tuple[str, list[Window]]] = {}
        for w in offered:
            groups.setdefault(w.centre_id, (w.centre.name, []))[1].append(w)
        self._labels["windows"] = [
            (
                w,
                _("%(number)s号窗口 %(name)s") % {"number": w.number, "name": w.name}
                + ("" if w.is_active else str(_("（已停用）"))),
            )
            for w in offered
        ]
        return list(groups.values())

    def _region_groups(self, chosen: set[int]) -> list[tuple[str, list[Region]]]:
        """Townships (but those whose government was deactivated) and their villages, by township."""
        governments = list(
            Agency.objects.filter(kind=AgencyKind.TOWNSHIP_GOVERNMENT).values_list("region_id", "is_active")
        )
        closed = {r for r, _a in governments} - {r for r, active in governments if active}
        regions = list(
            Region.objects.filter(level__in=[RegionLevel.TOWNSHIP, RegionLevel.VILLAGE]).order_by("sort_order", "code")
        )
        by_pk = {r.pk: r for r in regions}
        groups: dict[int, tuple[str, list[Region]]] = {}
        labels = []
        for r in regions:
            township_pk = r.pk if r.level == RegionLevel.TOWNSHIP else r.parent_id
            usable = township_pk not in closed
            if not usable and r.pk not in chosen:
                continue
            township = by_pk.get(township_pk)
            if township is None:
                continue
            groups.setdefault(township_pk, (township.name, []))[1].append(r)
            label = _("全乡镇") if r.level == RegionLevel.TOWNSHIP else r.name
            labels.append((r, f"{label}{'' if usable else _('（已停用）')}"))
        self._labels["handling_regions"] = labels
        return [groups[k] for k in groups]

    @property
    def window_groups(self) -> list[tuple[str, list[Any]]]:
        return self.grouped("windows")

    @property
    def region_groups(self) -> list[tuple[str, list[Any]]]:
        return self.grouped("handling_regions")

    @property
    def current_result_sample(self) -> str:
        return self.instance.result_sample.name if self.instance.pk and self.instance.result_sample else ""

    def grouped(self, name: str) -> list[tuple[str, list[Any]]]:
        """``(group label, [checkbox subwidgets])`` of a grouped field, for the template."""
        by_value = {str(w.data["value"]): w for w in self[name]}
        return [
            (label, [by_value[str(o.pk)] for o in options if str(o.pk) in by_value])
            for label, options in self.groups[name]
        ]

    class Meta:
        model = ItemVersion
        fields = VERSION_FIELDS
        widgets = {
            "conditions": forms.Textarea(attrs={"rows": 4}),
            "legal_basis": forms.Textarea(attrs={"rows": 4}),
            "special_procedures": forms.Textarea(attrs={"rows": 2}),
        }

    def version_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in VERSION_FIELDS if name not in {"themes", "life_events"}}
        data["themes"] = [t.code for t in self.cleaned_data["themes"]]
        data["life_events"] = [e.code for e in self.cleaned_data["life_events"]]
        data["windows"] = [w.pk for w in self.cleaned_data["windows"]]
        data["handling_regions"] = [r.code for r in self.cleaned_data["handling_regions"]]
        # The result sample changes only when a file is chosen or the box ticked; otherwise it stays.
        if self.cleaned_data.get("result_sample_upload"):
            data["result_sample"] = self.cleaned_data["result_sample_upload"]
        elif self.cleaned_data.get("result_sample_clear"):
            data["result_sample"] = ""
        return data


class ItemCreateForm(VersionForm):
    basic_code = forms.RegexField(
        label=_("基本编码"),
        regex=r"^[0-9A-Z]{12}$",
        max_length=12,
        help_text=_("12位数字或大写字母"),
        error_messages={"invalid": _("基本编码应为12位数字或大写字母。")},
    )
    use_level = forms.ChoiceField(label=_("行使层级"), choices=UseLevel.choices, initial=UseLevel.COUNTY)

    field_order = ["basic_code", "use_level", *_editor_order(VERSION_FIELDS)]


class MaterialRowForm(forms.Form):
    """One material row. Every field has an initial value, so a new row the user did not touch is
    unchanged and skipped, whatever the browser sends for its lists."""

    name = forms.CharField(label=_("材料名称"), max_length=200)
    is_required = forms.BooleanField(label=_("必需"), required=False, initial=True)
    form = forms.ChoiceField(
        label=_("原件/复印件"), choices=MaterialOriginal.choices, initial=MaterialOriginal.ORIGINAL
    )
    copies = forms.IntegerField(label=_("份数"), min_value=0, max_value=99, initial=1)
    material_format = forms.ChoiceField(
        label=_("材料形式"), choices=MaterialFormat.choices, initial=MaterialFormat.PAPER_OR_ELECTRONIC
    )
    source = forms.ChoiceField(label=_("来源渠道"), choices=MaterialSource.choices, initial=MaterialSource.APPLICANT)
    source_note = forms.CharField(label=_("来源说明"), max_length=200, required=False)
    acceptance_standard = forms.CharField(label=_("受理标准"), max_length=300, required=False)
    note = forms.CharField(label=_("备注"), max_length=300, required=False)
    blank_form = forms.FileField(label=_("空白表格"), required=False, widget=_file_input(), help_text=_FILE_HELP)
    blank_form_current = forms.CharField(required=False, widget=forms.HiddenInput, max_length=100)
    blank_form_clear = forms.BooleanField(label=_("删除已上传的空白表格"), required=False)
    sample = forms.FileField(label=_("示例样表"), required=False, widget=_file_input(), help_text=_FILE_HELP)
    sample_current = forms.CharField(required=False, widget=forms.HiddenInput, max_length=100)
    sample_clear = forms.BooleanField(label=_("删除已上传的示例样表"), required=False)
    required_if_field = forms.CharField(
        label=_("条件必需：依据的表单字段"),
        max_length=40,
        required=False,
        help_text=_("填写申请表单中的字段名（英文）。填写后，仅当该字段取下列值时才要求提交本材料。"),
    )
    required_if_values = forms.CharField(
        label=_("条件必需：字段取值"),
        max_length=200,
        required=False,
        help_text=_("多个取值用逗号或顿号分隔；勾选项填“是”或“否”。"),
    )

    FILE_FIELDS = ("blank_form", "sample")
    RULE_FIELDS = ("required_if_field", "required_if_values")

    @property
    def current_files(self) -> dict[str, str]:
        """The stored name of the row's current files (from the hidden fields), "" where there is none."""
        values = {name: self[f"{name}_current"].value() for name in self.FILE_FIELDS}
        return {name: value if isinstance(value, str) else "" for name, value in values.items()}


class FeeForm(forms.Form):
    name = forms.CharField(label=_("收费项目"), max_length=200)
    standard = forms.CharField(label=_("收费标准"), max_length=300)
    legal_basis = forms.CharField(label=_("收费依据"), max_length=300)
    exemptions = forms.CharField(label=_("减免情形"), max_length=300, required=False)


class _AgencyChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Agency) -> str:
        return obj.name if obj.is_active else f"{obj.name}{_('（已停用）')}"


#: The roles that handle steps of a case.
STEP_ROLE_CHOICES = [(r, Role(r).label) for r in (Role.WINDOW_CLERK, Role.EXAMINER, Role.DECIDER)]


class StepForm(forms.Form):
    name = forms.CharField(label=_("环节名称"), max_length=60)
    kind = forms.ChoiceField(
        label=_("环节类型"),
        choices=[("", _("按环节名称判断")), *StepKind.choices],
        required=False,
        help_text=_("受理 → 审查 → 决定 → 送达，每个流程都要有这四类环节。"),
    )
    handler = forms.CharField(label=_("办理人员"), max_length=100, required=False)
    agency = _AgencyChoice(
        label=_("办理机构"),
        queryset=Agency.objects.order_by("sort_order", "id"),
        required=False,
        empty_label=_("实施主体（本机构）"),
    )
    role = forms.ChoiceField(label=_("办理岗位"), choices=[("", _("按环节类型")), *STEP_ROLE_CHOICES], required=False)
    at_township = forms.BooleanField(
        label=_("由申请人所选乡镇就近办理"),
        required=False,
        help_text=_("勾选后由申请人选择的乡镇人民政府办理本环节（如乡镇代收、代发）。"),
    )
    time_limit_days = forms.IntegerField(label=_("时限（工作日）"), min_value=0, max_value=999)
    parallel_group = forms.IntegerField(
        label=_("并联组"),
        min_value=1,
        max_value=99,
        required=False,
        help_text=_("相邻的审查环节填同一编号即由各机构同时办理（并联审批）。"),
    )
    join_rule = forms.ChoiceField(
        label=_("并联完成规则"), choices=JoinRule.choices, initial=JoinRule.ALL, required=False
    )
    description = forms.CharField(label=_("办理标准和要求"), max_length=500, required=False)


class FaqForm(forms.Form):
    question = forms.CharField(label=_("问题"), max_length=300)
    answer = forms.CharField(label=_("解答"), widget=forms.Textarea(attrs={"rows": 2}))


#: name → (formset class, legend). ``extra`` rows let a manager add lines without JavaScript.
CHILD_FORMSETS = {
    "materials": (
        formset_factory(MaterialRowForm, extra=2, can_delete=True, max_num=60, validate_max=True),
        _("申请材料"),
    ),
    "steps": (formset_factory(StepForm, extra=1, can_delete=True, max_num=30, validate_max=True), _("办理流程")),
    "fees": (formset_factory(FeeForm, extra=1, can_delete=True, max_num=30, validate_max=True), _("收费项目")),
    "faqs": (formset_factory(FaqForm, extra=1, can_delete=True, max_num=30, validate_max=True), _("常见问题")),
}

#: The model fields of each list's rows (what ``data`` carries).
_CHILD_FIELDS = {
    "materials": [
        n
        for n in MaterialRowForm.base_fields
        if not n.endswith(("_current", "_clear"))
        and n not in MaterialRowForm.FILE_FIELDS
        and n not in MaterialRowForm.RULE_FIELDS
    ]
    + list(MaterialRowForm.FILE_FIELDS),
    "steps": list(StepForm.base_fields),
    "fees": list(FeeForm.base_fields),
    "faqs": list(FaqForm.base_fields),
}


def child_formsets(data: Any = None, version: ItemVersion | None = None, files: Any = None) -> dict[str, Any]:
    """The four formsets, bound to POST ``data`` (and ``files``) or filled from ``version``'s children."""
    formsets = {}
    for name, (formset_class, legend) in CHILD_FORMSETS.items():
        initial = None
        if data is None and version is not None:
            initial = list(getattr(version, name).values("order", *_CHILD_FIELDS[name]))
            rules = schema_material_rules(version.application_form) if name == "materials" else {}
            for row in initial:
                order = row.pop("order")
                for file_field in MaterialRowForm.FILE_FIELDS if name == "materials" else ():
                    row[f"{file_field}_current"] = row.pop(file_field) or ""
                if order in rules:
                    row.update(
                        _condition_initial(rules[order].get("required_if"), version.application_form, "required_if")
                    )
        formset = formset_class(data=data, files=files, initial=initial, prefix=name)
        formset.legend = legend
        formsets[name] = formset
    return formsets


def child_data(formsets: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Rows that were filled in and not marked for deletion, per list, in their order."""
    result: dict[str, list[dict[str, Any]]] = {}
    for name, formset in formsets.items():
        rows = []
        for form in formset.forms:
            cleaned = getattr(form, "cleaned_data", None) or {}
            if not cleaned or cleaned.get("DELETE"):
                continue
            row = {key: cleaned[key] for key in _CHILD_FIELDS[name] if key not in MaterialRowForm.FILE_FIELDS}
            if name == "materials":
                for key in MaterialRowForm.FILE_FIELDS:
                    # A new file replaces the current one; the box removes it; otherwise it stays.
                    if cleaned.get(key):
                        row[key] = cleaned[key]
                    elif cleaned.get(f"{key}_clear"):
                        row[key] = ""
                    else:
                        row[key] = cleaned.get(f"{key}_current") or ""
            rows.append(row)
        result[name] = rows
    return result


# --- the application form (申请表单), edited row by row --------------------------------------------


class FormFieldRowForm(forms.Form):
    """One field of the application form (zwfw.core.dynforms). The service checks the whole form."""

    name = forms.RegexField(
        label=_("字段名（英文）"),
        regex=r"^[a-z][a-z0-9_]{0,39}$",
        max_length=40,
        help_text=_("小写英文字母、数字和下划线，以字母开头，如 shop_name；条件和材料规则用它指代本字段。"),
        error_messages={"invalid": _("字段名只能用小写英文字母、数字和下划线，以字母开头。")},
    )
    label = forms.CharField(label=_("显示名称"), max_length=100)
    type = forms.ChoiceField(label=_("类型"), choices=list(FIELD_TYPE_LABELS.items()), initial="text")
    required = forms.BooleanField(label=_("必填"), required=False)
    help = forms.CharField(label=_("填写说明"), max_length=300, required=False)
    max_length = forms.IntegerField(label=_("最多字数"), min_value=1, max_value=5000, required=False)
    min = forms.CharField(
        label=_("最小值（或最早日期）"), max_length=20, required=False, help_text=_("数字；日期写成 2026-01-01")
    )
    max = forms.CharField(label=_("最大值（或最晚日期）"), max_length=20, required=False)
    options = forms.CharField(
        label=_("选项"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("单选、多选题填写，每行一项：取值=显示文字，例如 catering=餐饮服务"),
    )
    prefill = forms.ChoiceField(
        label=_("从账号预填"), choices=[("", _("不预填")), *PREFILL_SOURCES.items()], required=False
    )
    show_if_field = forms.CharField(
        label=_("显示条件：依据的字段"),
        max_length=40,
        required=False,
        help_text=_("填写排在前面的字段名；留空表示总是显示。"),
    )
    show_if_values = forms.CharField(
        label=_("显示条件：字段取值"),
        max_length=200,
        required=False,
        help_text=_("多个取值用逗号或顿号分隔；勾选项填“是”或“否”。"),
    )


FormFieldFormSet = formset_factory(FormFieldRowForm, extra=2, can_delete=True, max_num=100, validate_max=True)
FORM_FIELDS_PREFIX = "form_fields"

_TRUE_WORDS = {"是", "true", "1", "yes", "勾选"}
_FALSE_WORDS = {"否", "false", "0", "no", "不勾选"}


def _condition_initial(condition: Any, schema: Any, prefix: str) -> dict[str, str]:
    """A condition as the two editor columns ``<prefix>_field`` and ``<prefix>_values``."""
    if not isinstance(condition, dict):
        return {}
    types = {f.get("name"): f.get("type") for f in schema_fields(schema)}
    values = condition.get("in") if "in" in condition else [condition.get("equals")]
    shown = []
    for value in values or []:
        if isinstance(value, bool) or types.get(condition.get("field")) == "boolean":
            shown.append(str(_("是")) if value in (True, "true") else str(_("否")))
        else:
            shown.append(str(value))
    return {f"{prefix}_field": condition.get("field", ""), f"{prefix}_values": "、".join(shown)}


def _condition_from(field: str, values: str, types: dict[str, str]) -> dict[str, Any] | None:
    field = (field or "").strip()
    if not field:
        return None
    parts = [p for p in re.split(r"[,，、;；\s]+", values or "") if p]
    if types.get(field) == "boolean":
        converted: list[Any] = []
        for part in parts:
            word = part.lower()
            converted.append(True if word in _TRUE_WORDS else False if word in _FALSE_WORDS else part)
        parts = converted
    if len(parts) == 1:
        return {"field": field, "equals": parts[0]}
    return {"field": field, "in": parts}


def _number(text: str, kind: str) -> Any:
    """The editor's text of a bound as the schema wants it (int, a decimal string, a date string)."""
    text = (text or "").strip()
    if kind not in ("integer", "decimal"):
        return text
    try:
        value = Decimal(text)
    except InvalidOperation:
        return text  # the service names the problem
    return int(value) if value == value.to_integral_value() else str(value)


def form_fields_formset(data: Any = None, version: ItemVersion | None = None) -> Any:
    """The application form's field rows, bound to POST ``data`` or filled from ``version``'s form."""
    initial = None
    if data is None and version is not None:
        initial = []
        for spec in schema_fields(version.application_form):
            row = {k: spec.get(k, "") for k in ("name", "label", "type", "help", "max_length", "prefill")}
            row["required"] = bool(spec.get("required"))
            row["min"] = "" if spec.get("min") is None else str(spec["min"])
            row["max"] = "" if spec.get("max") is None else str(spec["max"])
            row["options"] = "\n".join(f"{v}={label}" for v, label in spec.get("options") or [])
            row.update(_condition_initial(spec.get("show_if"), version.application_form, "show_if"))
            initial.append(row)
    formset = FormFieldFormSet(data=data, initial=initial, prefix=FORM_FIELDS_PREFIX)
    formset.legend = _("申请表单")
    return formset


def form_fields_posted(data: Any) -> bool:
    """Whether a POST carries the application form's rows (older clients post the guide only)."""
    return data is not None and f"{FORM_FIELDS_PREFIX}-TOTAL_FORMS" in data


def application_form_data(field_formset: Any, materials_formset: Any) -> dict[str, Any]:
    """The form schema from the editor's field rows and the material rows' conditions."""
    rows = []
    for form in field_formset.forms:
        cleaned = getattr(form, "cleaned_data", None) or {}
        if cleaned and not cleaned.get("DELETE"):
            rows.append(cleaned)
    types = {row["name"]: row["type"] for row in rows}
    fields = []
    for row in rows:
        spec: dict[str, Any] = {"name": row["name"], "label": row["label"], "type": row["type"]}
        spec["required"] = bool(row.get("required"))
        for key in ("help", "prefill"):
            if row.get(key):
                spec[key] = row[key]
        if row.get("max_length"):
            spec["max_length"] = row["max_length"]
        for key in ("min", "max"):
            if (row.get(key) or "").strip():
                spec[key] = _number(row[key], row["type"])
        if (row.get("options") or "").strip():
            options = []
            for line in row["options"].splitlines():
                line = line.strip()
                if line:
                    value, _sep, label = line.partition("=") if "=" in line else line.partition("|")
                    options.append([value.strip(), (label or value).strip()])
            spec["options"] = options
        condition = _condition_from(row.get("show_if_field", ""), row.get("show_if_values", ""), types)
        if condition:
            spec["show_if"] = condition
        fields.append(spec)
    rules = []
    order = 0
    for form in materials_formset.forms:
        cleaned = getattr(form, "cleaned_data", None) or {}
        if not cleaned or cleaned.get("DELETE"):
            continue
        order += 1
        condition = _condition_from(cleaned.get("required_if_field", ""), cleaned.get("required_if_values", ""), types)
        if condition:
            rules.append({"order": order, "required_if": condition})
    if not fields and not rules:
        return {}
    return {"fields": fields, "materials": rules}


class ReturnForm(forms.Form):
    reasons = forms.CharField(
        label=_("退回理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("逐条写明需要修改的内容，事项管理员据此修改后重新提交。"),
    )


class ApproveForm(forms.Form):
    comment = forms.CharField(
        label=_("审核意见"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class RetireForm(forms.Form):
    reason = forms.CharField(label=_("取消理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ReviseForm(forms.Form):
    change_summary = forms.CharField(label=_("修订说明"), max_length=300, required=False)


# --- 便民服务 (convenience services), kept by the county office's operators ---------------------------


class ConvenienceFilterForm(forms.Form):
    """The filters of the staff list (GET); unknown values are ignored."""

    q = forms.CharField(label=_("名称或代码"), required=False, max_length=60)
    category = forms.ChoiceField(
        label=_("类别"), required=False, choices=[("", _("全部类别")), *ConvenienceCategory.choices]
    )
    state = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=[("", _("全部")), ("active", _("启用中")), ("inactive", _("已停用"))],
    )


class ConvenienceForm(forms.Form):
    """One entry of the 便民服务 navigation. The service checks links and phones and writes."""

    code = forms.SlugField(
        label=_("代码"),
        max_length=40,
        help_text=_("小写字母、数字和连字符，例如 water-bill；创建后不能修改。"),
        error_messages={"invalid": _("代码只能包含字母、数字、连字符和下划线。")},
    )
    name = forms.CharField(label=_("名称"), max_length=60)
    category = forms.ChoiceField(label=_("类别"), choices=ConvenienceCategory.choices)
    audience = forms.ChoiceField(label=_("面向"), required=False, choices=[("", _("个人和法人")), *Audience.choices])
    description = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    keywords = forms.CharField(
        label=_("检索关键词"), required=False, max_length=200, help_text=_("以空格分隔，例如：停水 水费")
    )
    agency = forms.ModelChoiceField(
        label=_("主管部门"), required=False, queryset=Agency.objects.none(), empty_label=_("（无）")
    )
    provider = forms.CharField(label=_("服务提供方"), required=False, max_length=100)
    url = forms.CharField(
        label=_("链接地址"),
        required=False,
        max_length=300,
        help_text=_("站内路径（以 / 开头）或以 https:// 开头的外部可信网站"),
    )
    is_external = forms.BooleanField(label=_("外部可信网站"), required=False)
    phone = forms.CharField(label=_("服务电话"), required=False, max_length=20)
    address = forms.CharField(label=_("线下办理地址"), required=False, max_length=200)
    hours = forms.CharField(label=_("办理时间"), required=False, max_length=100)
    sort_order = forms.IntegerField(label=_("排序"), min_value=0, max_value=99999, initial=0)
    life_events = forms.ModelMultipleChoiceField(
        label=_("生命周期事件"),
        queryset=LifeEvent.objects.order_by("sort_order", "id"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        to_field_name="code",
    )
    is_active = forms.BooleanField(label=_("启用（在门户显示）"), required=False, initial=True)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(is_active=True).order_by("sort_order", "id")
        if editing:
            del self.fields["code"]  # the code is the entry's identity

    @classmethod
    def initial_of(cls, service: Any) -> dict[str, Any]:
        names = [n for n in cls.base_fields if n not in ("life_events", "agency")]
        initial = {n: getattr(service, n) for n in names}
        initial["agency"] = service.agency_id
        initial["life_events"] = list(service.life_events.values_list("code", flat=True))
        return initial

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["life_event_codes"] = [e.code for e in data.pop("life_events")]
        data.pop("code", None)
        return data
