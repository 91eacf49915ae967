"""The 权力事项管理系统 screens: item managers draft and revise (梳理), reviewers approve or return (审核),
operators publish (发布). Every write goes through :mod:`zwfw.catalog.services.item`; these views only
check who may see what, collect input and show the services' Chinese messages next to the fields.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zwfw.core.downloads import file_download
from zwfw.core.dynforms import (
    form_class,
    form_schema_problems,
    form_values_clean,
    materials_required,
    schema_fields,
    schema_material_rules,
)
from zwfw.core.permissions import permission_required_or_403
from zwfw.org.staff_session import active_agency_get

from ..choices import VersionStatus
from ..diff import version_diff
from ..forms import (
    ApproveForm,
    ItemCreateForm,
    RetireForm,
    ReturnForm,
    ReviseForm,
    VersionForm,
    application_form_data,
    child_data,
    child_formsets,
    form_fields_formset,
    form_fields_posted,
)
from ..models import ItemVersion, ServiceItem
from ..services.item import (
    item_create,
    item_retire,
    item_revise,
    version_approve,
    version_publish,
    version_return,
    version_submit,
    version_update,
)

PER_PAGE = 30


#: The back office is for staff (any active membership); each screen then checks its own role.
staff_only = permission_required_or_403("portal.use_staff_shell", _("此页面仅供工作人员使用。"))


def _drafting_agency(request: HttpRequest):
    agency = active_agency_get(request)
    if agency is None or not request.user.has_perm("catalog.draft_item", agency):
        raise PermissionDenied(_("您在当前机构没有事项管理员岗位。"))
    return agency


def _version_for_viewer(request: HttpRequest, pk: int) -> ItemVersion:
    version = get_object_or_404(ItemVersion.objects.select_related("item__agency", "created_by"), pk=pk)
    user = request.user
    if not user.has_perm("catalog.view_item_history", version):
        raise PermissionDenied(_("您无权查看该事项。"))
    return version


def _error_summary(exc: ValidationError, form: Any, formsets: dict[str, Any]) -> list[tuple[str, str]]:
    """Put each service message next to its field; return (label, message) pairs for the summary."""
    summary: list[tuple[str, str]] = []
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    for field, messages_ in errors.items():
        if form is not None and field in form.fields:
            for message in messages_:
                form.add_error(field, message)
            label = str(form.fields[field].label)
        elif field in formsets:
            formsets[field].service_errors = messages_
            label = str(formsets[field].legend)
        else:
            label = _("事项")
        summary += [(label, message) for message in messages_]
    return summary


# --- item manager: list, create, edit, submit, revise, retire ------------------------------------


@staff_only
def item_list(request: HttpRequest) -> HttpResponse:
    agency = _drafting_agency(request)
    versions = (
        ItemVersion.objects.filter(item__agency=agency)
        .select_related("item")
        .only(
            "id", "name", "number", "status", "updated_at", "item__id", "item__implementation_code", "item__retired_at"
        )
        .order_by("item_id", "-number")
    )
    latest: dict[int, ItemVersion] = {}
    published: dict[int, ItemVersion] = {}
    for version in versions:
        latest.setdefault(version.item_id, version)
        if version.status == VersionStatus.PUBLISHED:
            published[version.item_id] = version
    rows = sorted(latest.values(), key=lambda v: v.name)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "catalog/staff/item_list.html",
        {"agency": agency, "page": page, "published": published, "statuses": VersionStatus},
    )


def _editor_formsets(request: HttpRequest, version: ItemVersion | None = None) -> tuple[dict[str, Any], Any]:
    """The guide's four formsets and the application form's field rows (None when a POST has none)."""
    if request.method == "POST":
        fields = form_fields_formset(request.POST) if form_fields_posted(request.POST) else None
        return child_formsets(request.POST, files=request.FILES), fields
    return child_formsets(version=version), form_fields_formset(version=version)


def _editor_valid(form: Any, formsets: dict[str, Any], fields: Any) -> bool:
    valid = form.is_valid()
    valid = all([f.is_valid() for f in formsets.values()]) and valid
    return (fields is None or fields.is_valid()) and valid


def _editor_data(form: Any, formsets: dict[str, Any], fields: Any) -> dict[str, Any]:
    data = {**form.version_data(), **child_data(formsets)}
    if fields is not None:
        data["application_form"] = application_form_data(fields, formsets["materials"])
    return data


def _error_targets(formsets: dict[str, Any], fields: Any) -> dict[str, Any]:
    return {**formsets, "application_form": fields} if fields is not None else formsets


@staff_only
def item_new(request: HttpRequest) -> HttpResponse:
    agency = _drafting_agency(request)
    summary: list[tuple[str, str]] = []
    formsets, fields = _editor_formsets(request)
    if request.method == "POST":
        form = ItemCreateForm(request.POST, request.FILES, agency=agency)
        if _editor_valid(form, formsets, fields):
            try:
                version = item_create(
                    actor=request.user,
                    agency=agency,
                    basic_code=form.cleaned_data["basic_code"],
                    use_level=form.cleaned_data["use_level"],
                    data=_editor_data(form, formsets, fields),
                )
            except ValidationError as exc:
                summary = _error_summary(exc, form, _error_targets(formsets, fields))
            else:
                messages.success(request, _("事项已创建，当前为梳理中的草稿。"))
                return redirect("catalog:version_detail", pk=version.pk)
    else:
        form = ItemCreateForm(agency=agency)
    return render(
        request,
        "catalog/staff/version_form.html",
        {
            "agency": agency,
            "form": form,
            "formsets": formsets,
            "form_fields": fields or form_fields_formset(),
            "summary": summary,
            "creating": True,
            "file_url": "",
        },
    )


@staff_only
def version_edit(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version_for_viewer(request, pk)
    if not request.user.has_perm("catalog.draft_item", version.item.agency):
        raise PermissionDenied(_("只有本机构的事项管理员可以修改事项。"))
    if not version.is_editable:
        messages.error(request, _("该版本状态为“%(status)s”，不能修改。") % {"status": version.get_status_display()})
        return redirect("catalog:version_detail", pk=version.pk)
    summary: list[tuple[str, str]] = []
    saved = False
    formsets, fields = _editor_formsets(request, version)
    if request.method == "POST":
        form = VersionForm(request.POST, request.FILES, instance=ItemVersion.objects.get(pk=version.pk))
        if _editor_valid(form, formsets, fields):
            try:
                version_update(actor=request.user, version=version, data=_editor_data(form, formsets, fields))
                saved = True
                if "submit" in request.POST:
                    version_submit(actor=request.user, version=version)
                    messages.success(request, _("已提交审核。"))
                else:
                    messages.success(request, _("已保存。"))
            except ValidationError as exc:
                # What was typed is kept: a draft that saved but failed the consistency check stays saved.
                summary = _error_summary(exc, form, _error_targets(formsets, fields))
            else:
                return redirect("catalog:version_detail", pk=version.pk)
    else:
        form = VersionForm(instance=version)
    return render(
        request,
        "catalog/staff/version_form.html",
        {
            "version": version,
            "form": form,
            "formsets": formsets,
            "form_fields": fields or form_fields_formset(version=version),
            "summary": summary,
            "creating": False,
            "saved": saved,
            "file_url": reverse("catalog:version_file", args=[version.pk]),
        },
    )


@staff_only
def version_file(request: HttpRequest, pk: int) -> FileResponse:
    """A file of any version (draft included) for the staff who may see that version: the editor's and
    the reviewers' way to open a blank form, a sample or the result sample before it is published.
    ``?name=`` is the stored name; it is served only if this version references it."""
    version = _version_for_viewer(request, pk)
    name = request.GET.get("name", "")
    names = {version.result_sample.name} if version.result_sample else set()
    for blank, sample in version.materials.values_list("blank_form", "sample"):
        names |= {blank, sample}
    names.discard("")
    if not name or name not in names:
        raise Http404
    storage = ItemVersion._meta.get_field("result_sample").storage
    return file_download(partial(storage.open, name, "rb"), filename=name.rsplit("/", 1)[-1])


@staff_only
@require_POST
def version_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version_for_viewer(request, pk)
    try:
        version_submit(actor=request.user, version=version)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("已提交审核。"))
    return redirect("catalog:version_detail", pk=version.pk)


@staff_only
@require_POST
def item_revise_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(ServiceItem.objects.select_related("agency"), pk=pk)
    if not request.user.has_perm("catalog.draft_item", item.agency):
        raise PermissionDenied(_("只有本机构的事项管理员可以修订事项。"))
    form = ReviseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("修订说明不能超过300字。"))
        return redirect("catalog:version_detail", pk=item.published_version_id or item.versions.first().pk)
    try:
        draft = item_revise(actor=request.user, item=item, change_summary=form.cleaned_data["change_summary"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("catalog:item_list")
    messages.success(request, _("已创建修订草稿；修订发布前，门户继续显示当前已发布的版本。"))
    return redirect("catalog:version_edit", pk=draft.pk)


@staff_only
@require_POST
def item_retire_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(ServiceItem.objects.select_related("agency"), pk=pk)
    if not request.user.has_perm("catalog.retire_item", item):
        raise PermissionDenied(_("只有本机构的事项管理员或平台运营人员可以取消事项。"))
    form = RetireForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写取消理由。"))
    else:
        try:
            item_retire(actor=request.user, item=item, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("事项已取消，门户不再显示。"))
    return redirect("catalog:item_list")


# --- everyone with the right role: a version, its history and its difference ----------------------


@staff_only
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version_for_viewer(request, pk)
    item = version.item
    published = item.published_version
    compare_to = version.based_on if published is None or published.pk == version.pk else published
    user = request.user
    return render(
        request,
        "catalog/staff/version_detail.html",
        {
            "version": version,
            "item": item,
            "published": published,
            "compare_to": compare_to,
            "changes": version_diff(compare_to, version),
            "transitions": version.transitions.select_related("actor"),
            "other_versions": item.versions.exclude(pk=version.pk).only("id", "number", "status", "name"),
            "can_edit": version.is_editable and user.has_perm("catalog.draft_item", item.agency),
            "can_review": version.status == VersionStatus.REVIEW and user.has_perm("catalog.review_item"),
            "can_publish": version.status == VersionStatus.CATALOGUED and user.has_perm("catalog.publish_item"),
            "can_revise": published is not None
            and published.pk == version.pk
            and user.has_perm("catalog.draft_item", item.agency),
            "can_retire": published is not None
            and published.pk == version.pk
            and user.has_perm("catalog.retire_item", item),
            "files": _version_files(version),
            "approve_form": ApproveForm(),
            "return_form": ReturnForm(),
            "retire_form": RetireForm(),
            "revise_form": ReviseForm(),
        },
    )


def _version_files(version: ItemVersion) -> list[tuple[str, str]]:
    """(what, staff download URL) of every file of the version, for the reviewer to open."""
    base = reverse("catalog:version_file", args=[version.pk])
    files = []
    for material in version.materials.all():
        for field, kind in (("blank_form", _("空白表格")), ("sample", _("示例样表"))):
            name = getattr(material, field).name
            if name:
                files.append((f"{material.order}. {material.name}：{kind}", f"{base}?{urlencode({'name': name})}"))
    if version.result_sample:
        files.append((_("结果样本"), f"{base}?{urlencode({'name': version.result_sample.name})}"))
    return files


@staff_only
def version_form_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The application form of any version the viewer may see (draft included), as an applicant will see it,
    with the materials it asks for. A POST checks the typed values on the server (nothing is saved)."""
    version = _version_for_viewer(request, pk)
    schema = version.application_form or {}
    materials = list(version.materials.all())
    problems = form_schema_problems(schema, material_orders=[m.order for m in materials])
    checked = False
    values: dict[str, Any] = {}
    form = None
    if not problems:
        form_cls = form_class(schema)
        if request.method == "POST":
            form = form_cls(request.POST)
            values, errors = form_values_clean(schema, request.POST)
            form.is_valid()
            checked = not errors
        else:
            form = form_cls()
    return render(
        request,
        "catalog/staff/form_preview.html",
        {
            "version": version,
            "form": form,
            "problems": problems,
            "checked": checked,
            "materials": _preview_materials(schema, values, materials, checked=checked),
            "steps": version.steps.select_related("agency"),
        },
    )


def _preview_materials(
    schema: dict[str, Any], values: dict[str, Any], materials: list[Any], *, checked: bool
) -> list[tuple[Any, str]]:
    """(material, what the applicant is told) for every material: required, optional or on a condition;
    after a successful check, only the materials those values ask for."""
    if checked:
        return [
            (m, _("必需") if required else _("可选")) for m, required in materials_required(schema, values, materials)
        ]
    rules = schema_material_rules(schema)
    labels = {f["name"]: f["label"] for f in schema_fields(schema)}
    options = {f["name"]: dict(map(tuple, f.get("options") or [])) for f in schema_fields(schema)}
    rows = []
    for material in materials:
        rule = rules.get(material.order)
        if rule is None:
            rows.append((material, _("必需") if material.is_required else _("可选")))
            continue
        condition = rule.get("required_if") or {}
        field = condition.get("field", "")
        wanted = condition["in"] if "in" in condition else [condition.get("equals")]
        shown = [
            (_("是") if v else _("否")) if isinstance(v, bool) else options.get(field, {}).get(v, str(v))
            for v in wanted
        ]
        rows.append(
            (
                material,
                _("仅当“%(field)s”为“%(values)s”时必需")
                % {"field": labels.get(field, field), "values": "”或“".join(map(str, shown))},
            )
        )
    return rows


# --- reviewers and operators: queues and decisions ----------------------------------------------


def _queue(request: HttpRequest, *, status: str, permission: str, title: str) -> HttpResponse:
    if not request.user.has_perm(permission):
        raise PermissionDenied(_("您没有该岗位。"))
    versions = (
        ItemVersion.objects.filter(status=status)
        .select_related("item__agency", "created_by")
        .order_by("submitted_at", "id")
    )
    page = Paginator(versions, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "catalog/staff/queue.html", {"page": page, "title": title, "status": status})


@staff_only
def review_queue(request: HttpRequest) -> HttpResponse:
    return _queue(request, status=VersionStatus.REVIEW, permission="catalog.review_item", title=_("待审核事项"))


@staff_only
def publish_queue(request: HttpRequest) -> HttpResponse:
    return _queue(request, status=VersionStatus.CATALOGUED, permission="catalog.publish_item", title=_("待发布事项"))


def _decide(request: HttpRequest, pk: int, action: Callable[[ItemVersion], Any], done: str) -> HttpResponse:
    version = _version_for_viewer(request, pk)
    try:
        action(version)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("catalog:version_detail", pk=version.pk)


@staff_only
@require_POST
def version_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = ApproveForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return _decide(
        request, pk, lambda v: version_approve(actor=request.user, version=v, comment=comment), _("审核通过，已入库。")
    )


@staff_only
@require_POST
def version_return_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("退回时必须写明理由。"))
        return redirect("catalog:version_detail", pk=pk)
    reasons = form.cleaned_data["reasons"]
    return _decide(
        request, pk, lambda v: version_return(actor=request.user, version=v, reasons=reasons), _("已退回事项管理员。")
    )


@staff_only
@require_POST
def version_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, lambda v: version_publish(actor=request.user, version=v), _("已发布，门户即时更新。"))
