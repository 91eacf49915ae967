"""Forms of the item editor (梳理). They only collect input; the services validate and write.

The editor posts the guide's main fields (:class:`VersionForm`) and four formsets for the guide's
lists (materials, fees, steps, FAQ). :func:`version_data_from_forms` turns them into the ``data``
mapping that :func:`zwfw.catalog.services.item.version_update` accepts.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from .choices import (
    HandlingForm,
    MaterialFormat,
    MaterialSource,
    ServiceObject,
    UseLevel,
)
from .choices import (
    MaterialForm as MaterialOriginal,
)
from .models import ItemVersion, LifeEvent, Theme

#: The ItemVersion fields the editor shows, in the order of the guide.
VERSION_FIELDS = [
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
    "handling_place",
    "handling_hours",
    "consult_phone",
    "complaint_phone",
    "special_procedures",
    "result_type",
    "result_name",
    "keywords",
    "themes",
    "life_events",
    "change_summary",
]


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

    field_order = ["basic_code", "use_level", *VERSION_FIELDS]


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


class FeeForm(forms.Form):
    name = forms.CharField(label=_("收费项目"), max_length=200)
    standard = forms.CharField(label=_("收费标准"), max_length=300)
    legal_basis = forms.CharField(label=_("收费依据"), max_length=300)
    exemptions = forms.CharField(label=_("减免情形"), max_length=300, required=False)


class StepForm(forms.Form):
    name = forms.CharField(label=_("环节名称"), max_length=60)
    handler = forms.CharField(label=_("办理人员"), max_length=100, required=False)
    time_limit_days = forms.IntegerField(label=_("时限（工作日）"), min_value=0, max_value=999)
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

_CHILD_FIELDS = {
    "materials": list(MaterialRowForm.base_fields),
    "steps": list(StepForm.base_fields),
    "fees": list(FeeForm.base_fields),
    "faqs": list(FaqForm.base_fields),
}


def child_formsets(data: Any = None, version: ItemVersion | None = None) -> dict[str, Any]:
    """The four formsets, bound to POST ``data`` or filled from ``version``'s current children."""
    formsets = {}
    for name, (formset_class, legend) in CHILD_FORMSETS.items():
        initial = None
        if data is None and version is not None:
            initial = list(getattr(version, name).values(*_CHILD_FIELDS[name]))
        formset = formset_class(data=data, initial=initial, prefix=name)
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
            rows.append({key: cleaned[key] for key in _CHILD_FIELDS[name]})
        result[name] = rows
    return result


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
