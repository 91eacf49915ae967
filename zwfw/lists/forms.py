"""Forms of the list editor. They only collect input; :mod:`zwfw.lists.services.entries` validates and writes.

:func:`entry_form_class` builds the ModelForm of a kind from its spec (``kinds.SPECS``); the poverty
editor adds a formset of beneficiary rows (:func:`beneficiary_formset`). Stored households are shown
masked; leaving their name and ID number empty keeps what is stored.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from zwfw.catalog.models import ServiceItem
from zwfw.org.choices import RegionLevel
from zwfw.org.models import Agency, Region

from .choices import ListKind
from .kinds import spec_for
from .models import ListEntry, PovertyProject

_TEXTAREA = forms.Textarea(attrs={"rows": 3})


class _EntryForm(forms.ModelForm):
    """Common behaviour: the lock version travels with the form; ``entry_data`` is the services' ``data``."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    kind: str = ""

    def entry_data(self) -> dict[str, Any]:
        spec = spec_for(self.kind)
        relations = {r.name: r.lookup for r in spec.relations}
        data: dict[str, Any] = {}
        for name in spec.fields:
            if name not in self.cleaned_data:
                continue
            value = self.cleaned_data[name]
            if name in relations:
                data[name] = [getattr(o, relations[name]) for o in (value or [])]
            elif name in spec.foreign_keys:
                data[name] = getattr(value, spec.foreign_keys[name]) if value is not None else ""
            else:
                data[name] = value
        return data


def _relation_field(kind: str, name: str, agency: Agency | None) -> forms.Field:
    if name == "items":
        qs = ServiceItem.objects.filter(published_version__isnull=False, retired_at__isnull=True)
        if agency is not None:
            qs = qs.filter(agency=agency)
        return forms.ModelMultipleChoiceField(
            label=_("涉及事项"),
            queryset=qs.select_related("published_version").order_by("published_version__name"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("本机构已发布的事项"),
        )
    return forms.ModelMultipleChoiceField(
        label=_("协作部门"),
        queryset=Agency.objects.filter(is_active=True).order_by("sort_order", "pk"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


@cache
def _base_form_class(kind: str) -> type[_EntryForm]:
    spec = spec_for(kind)
    text_fields = [n for n in spec.fields if spec.model._meta.get_field(n).get_internal_type() == "TextField"]
    meta = type(
        "Meta",
        (),
        {"model": spec.model, "fields": list(spec.fields), "widgets": dict.fromkeys(text_fields, _TEXTAREA)},
    )
    return type(f"{spec.model.__name__}Form", (_EntryForm,), {"Meta": meta, "kind": kind})


def entry_form(
    kind: str,
    *,
    data: Any = None,
    entry: ListEntry | None = None,
    agency: Agency | None = None,
    agency_choice: bool = False,
) -> _EntryForm:
    """The editor form of ``kind``, bound to POST ``data`` or filled from ``entry``.

    ``agency_choice``: the platform operator picks the agency of a new entry.
    """
    form_class = _base_form_class(kind)
    initial = {"lock_version": entry.lock_version} if entry is not None else {}
    form = form_class(data=data, instance=entry, initial=initial)
    spec = spec_for(kind)
    scope = entry.agency if entry is not None else agency
    for relation in spec.relations:
        form.fields[relation.name] = _relation_field(kind, relation.name, scope)
        if entry is not None and data is None:
            form.initial[relation.name] = list(getattr(entry, relation.name).values_list("pk", flat=True))
    if "township" in form.fields:
        form.fields["township"].queryset = Region.objects.filter(level=RegionLevel.TOWNSHIP).order_by(
            "sort_order", "code"
        )
    if agency_choice and entry is None:
        form.fields["agency"] = forms.ModelChoiceField(
            label=spec.model._meta.get_field("agency").verbose_name,
            queryset=Agency.objects.filter(is_active=True).order_by("sort_order", "pk"),
            initial=agency.pk if agency is not None else None,
        )
        form.order_fields(["agency", *spec.fields])
    return form


# --- beneficiaries ----------------------------------------------------------------------------------


class BeneficiaryForm(forms.Form):
    """One household. For a stored row (``ref``), empty name / ID number keep the stored values."""

    ref = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("姓名"), max_length=30, required=False)
    id_number = forms.CharField(
        label=_("居民身份证号码"),
        max_length=18,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text", "spellcheck": "false"}),
    )
    household_size = forms.IntegerField(label=_("家庭人口"), min_value=1, max_value=30, required=False)
    assistance_amount = forms.DecimalField(
        label=_("帮扶金额（元）"), min_value=0, max_digits=14, decimal_places=2, required=False
    )
    assistance = forms.CharField(label=_("帮扶内容"), max_length=300, required=False)

    def has_content(self) -> bool:
        data = self.cleaned_data
        return bool(
            data.get("ref")
            or data.get("name")
            or data.get("id_number")
            or data.get("assistance")
            or data.get("assistance_amount") is not None
        )


BeneficiaryFormSet = formset_factory(BeneficiaryForm, extra=3, can_delete=True, max_num=300, validate_max=True)


def beneficiary_formset(*, data: Any = None, project: PovertyProject | None = None) -> Any:
    """The households of ``project`` (masked, as hints) plus three empty rows."""
    initial = None
    masked: list[tuple[str, str]] = []
    if data is None and project is not None and project.pk:
        rows = list(project.beneficiaries.order_by("order").defer("name", "id_number"))
        initial = [
            {
                "ref": r.pk,
                "household_size": r.household_size,
                "assistance_amount": r.assistance_amount,
                "assistance": r.assistance,
            }
            for r in rows
        ]
        masked = [(r.name_masked, r.id_number_masked) for r in rows]
    formset = BeneficiaryFormSet(data=data, initial=initial, prefix="beneficiaries")
    if data is not None and project is not None and project.pk:
        stored = dict(project.beneficiaries.values_list("pk", "name_masked"))
        ids = dict(project.beneficiaries.values_list("pk", "id_number_masked"))
        for form in formset.forms:
            raw = form.data.get(form.add_prefix("ref"), "")
            if str(raw).isdigit() and int(raw) in stored:
                form.masked = (stored[int(raw)], ids[int(raw)])
    for form, pair in zip(formset.forms, masked, strict=False):
        form.masked = pair
    return formset


def beneficiary_rows(formset: Any) -> list[dict[str, Any]]:
    """Rows filled in and not marked for deletion, in their order, as the services' ``beneficiaries``."""
    rows = []
    for form in formset.forms:
        if not hasattr(form, "cleaned_data") or not form.cleaned_data:
            continue
        if form.cleaned_data.get("DELETE") or not form.has_content():
            continue
        row = {
            k: form.cleaned_data.get(k)
            for k in ("name", "id_number", "household_size", "assistance_amount", "assistance")
        }
        row["ref"] = form.cleaned_data.get("ref")
        rows.append(row)
    return rows


class BeneficiaryLookupForm(forms.Form):
    id_number = forms.CharField(
        label=_("居民身份证号码"),
        max_length=18,
        min_length=18,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("查询该人员在哪些扶贫项目中列为受益户。查询会记入审计日志。"),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("撤销理由"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


KIND_CHOICES = [(k, str(label)) for k, label in ListKind.choices if k != ListKind.POWER]
