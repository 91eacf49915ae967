"""The open-information screens under /staff/openinfo/: an agency's 事项管理员 (or an operator, for any
agency) drafts, corrects, attaches files to, publishes and withdraws its 政务公开 information.

Every write goes through :mod:`zwfw.openinfo.services`; these views check who may see what, collect
input and put the services' Chinese messages next to the fields. Another agency's entry is 403.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zwfw.core.permissions import permission_required_or_403
from zwfw.org.models import Agency
from zwfw.org.selectors import agency_list
from zwfw.org.staff_session import active_agency_get

from ..choices import OpenInfoStatus
from ..forms import AttachmentForm, OpenInfoForm, PublishForm, WithdrawForm
from ..models import OpenInfo, OpenInfoAttachment
from ..selectors import MAINTAIN_PERM, open_info_for_viewer, open_info_history, open_info_staff_list
from ..services import (
    attachment_add,
    attachment_remove,
    openinfo_create,
    openinfo_publish,
    openinfo_update,
    openinfo_withdraw,
)

PER_PAGE = 30

#: How the entry's audit events read in its history.
ACTION_LABELS = {
    "openinfo.create": gettext_lazy("新建草稿"),
    "openinfo.update": gettext_lazy("修改"),
    "openinfo.publish": gettext_lazy("发布"),
    "openinfo.withdraw": gettext_lazy("撤回"),
    "openinfo.attachment_add": gettext_lazy("上传附件"),
    "openinfo.attachment_remove": gettext_lazy("删除附件"),
}

maintainers_only = permission_required_or_403(MAINTAIN_PERM, gettext_lazy("此页面仅供事项管理员和平台运营人员使用。"))


def _is_operator(request: HttpRequest) -> bool:
    return request.user.has_perm("openinfo.maintain_any_agency")


def _own_agency(request: HttpRequest) -> Agency:
    """The agency the user acts for, if they maintain its information; otherwise 403."""
    agency = active_agency_get(request)
    if agency is None or not request.user.has_perm(MAINTAIN_PERM, agency):
        raise PermissionDenied(_("您在当前机构没有事项管理员岗位，不能维护政务公开信息。"))
    return agency


def _info_for_maintainer(request: HttpRequest, pk: int) -> OpenInfo:
    info = OpenInfo.objects.select_related("agency", "category").filter(pk=pk).first()
    if info is None:
        raise Http404
    if not request.user.has_perm(MAINTAIN_PERM, info):
        raise PermissionDenied(_("这条信息属于其他机构，您不能查看或修改。"))
    return info


def _apply_errors(exc: ValidationError, *forms_: Any) -> list[str]:
    """Put each message next to its field on the first form that has it; return the rest."""
    rest: list[str] = []
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    for field, field_messages in errors.items():
        target = next((f for f in forms_ if f is not None and field in f.fields), None)
        for message in field_messages:
            if target is not None:
                target.add_error(field, message)
            else:
                rest.append(message)
    return rest


# --- list, create, edit ----------------------------------------------------------------------------


@maintainers_only
def info_list(request: HttpRequest) -> HttpResponse:
    operator = _is_operator(request)
    agencies = list(agency_list()) if operator else []
    agency: Agency | None
    if operator:
        chosen = request.GET.get("agency", "")
        agency = next((a for a in agencies if str(a.pk) == chosen), None)
    else:
        agency = _own_agency(request)
    status = request.GET.get("status", "")
    status = status if status in OpenInfoStatus.values else ""
    entries = open_info_staff_list(agency=agency, status=status or None)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "openinfo/staff/list.html",
        {
            "agency": agency,
            "operator": operator,
            "agencies": agencies,
            "statuses": OpenInfoStatus.choices,
            "status": status,
            "page": page,
            "query": "&".join(
                f"{k}={v}" for k, v in (("agency", agency.pk if agency else ""), ("status", status)) if v
            ),
        },
    )


def _form_agencies(request: HttpRequest) -> list[Agency] | None:
    return list(agency_list()) if _is_operator(request) else None


@maintainers_only
def info_new(request: HttpRequest) -> HttpResponse:
    agencies = _form_agencies(request)
    default_agency = active_agency_get(request)
    if agencies is None:
        default_agency = _own_agency(request)
    errors: list[str] = []
    if request.method == "POST":
        form = OpenInfoForm(request.POST, agencies=agencies)
        if form.is_valid():
            agency = default_agency
            if agencies is not None:
                agency = next((a for a in agencies if a.pk == form.cleaned_data["agency"]), None)
            try:
                if agency is None:
                    raise ValidationError({"agency": _("请选择发布机构。")})
                info = openinfo_create(
                    actor=request.user,
                    agency=agency,
                    submission_key=form.cleaned_data["submission_key"],
                    **form.service_data(),
                )
            except ValidationError as exc:
                errors = _apply_errors(exc, form)
            else:
                messages.success(request, _("已保存为草稿。可以继续上传附件，核对无误后发布。"))
                return redirect("openinfo:detail", pk=info.pk)
    else:
        initial: dict[str, Any] = {"submission_key": uuid.uuid4()}
        if agencies is not None and default_agency is not None:
            initial["agency"] = default_agency.pk
        form = OpenInfoForm(initial=initial, agencies=agencies)
    return render(
        request,
        "openinfo/staff/form.html",
        {"form": form, "errors": errors, "creating": True, "agency": default_agency},
        status=400 if request.method == "POST" else 200,
    )


@maintainers_only
def info_edit(request: HttpRequest, pk: int) -> HttpResponse:
    info = _info_for_maintainer(request, pk)
    errors: list[str] = []
    if request.method == "POST":
        form = OpenInfoForm(request.POST)
        if form.is_valid():
            try:
                changed = openinfo_update(
                    actor=request.user,
                    info=info,
                    data=form.service_data(),
                    expected_version=form.cleaned_data["lock_version"],
                )
            except ValidationError as exc:
                errors = _apply_errors(exc, form)
            else:
                if changed:
                    messages.success(request, _("已保存。"))
                else:
                    messages.info(request, _("内容没有变化，未作修改。"))
                return redirect("openinfo:detail", pk=info.pk)
    else:
        form = OpenInfoForm(
            initial={
                "category": info.category.code,
                "title": info.title,
                "document_number": info.document_number,
                "written_on": info.written_on,
                "subject_words": info.subject_words,
                "validity": info.validity,
                "body": info.body,
                "lock_version": info.lock_version,
            }
        )
    return render(
        request,
        "openinfo/staff/form.html",
        {"form": form, "errors": errors, "creating": False, "info": info, "agency": info.agency},
        status=400 if request.method == "POST" else 200,
    )


# --- the entry: metadata, attachments, publish, withdraw, history ----------------------------------


def _render_detail(
    request: HttpRequest,
    info: OpenInfo,
    *,
    upload_form: AttachmentForm | None = None,
    publish_form: PublishForm | None = None,
    withdraw_form: WithdrawForm | None = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    shown = open_info_for_viewer(info.pk, viewer=request.user)
    if shown is None:
        raise Http404
    history = open_info_history(shown)
    for event in history:
        event.label = ACTION_LABELS.get(event.action, event.action)
        event.note = _history_note(event)
    return render(
        request,
        "openinfo/staff/detail.html",
        {
            "info": shown,
            "attachments": list(shown.attachments.all()),
            "upload_form": upload_form or AttachmentForm(),
            "publish_form": publish_form or PublishForm(),
            "withdraw_form": withdraw_form or WithdrawForm(),
            "errors": errors or [],
            "history": history,
            "statuses": OpenInfoStatus,
        },
        status=status,
    )


def _history_note(event: Any) -> str:
    detail = event.detail or {}
    if event.outcome != "success":
        return _("未成功：%(reason)s") % {"reason": detail.get("reason", "")}
    if event.action == "openinfo.publish":
        return _("索引号 %(index)s，发布日期 %(day)s") % {
            "index": detail.get("index_number", ""),
            "day": detail.get("published_on", ""),
        }
    if event.action == "openinfo.withdraw":
        return _("原因：%(reason)s") % {"reason": detail.get("reason", "")}
    if event.action in ("openinfo.attachment_add", "openinfo.attachment_remove"):
        return str(detail.get("name", ""))
    if event.action == "openinfo.update":
        labels = {f.name: str(f.verbose_name) for f in OpenInfo._meta.fields}
        return "、".join(labels.get(k, k) for k in detail.get("changes", {}))
    return ""


@maintainers_only
def info_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _info_for_maintainer(request, pk))


@maintainers_only
@require_POST
def info_publish(request: HttpRequest, pk: int) -> HttpResponse:
    info = _info_for_maintainer(request, pk)
    form = PublishForm(request.POST)
    form.is_valid()
    try:
        changed = openinfo_publish(
            actor=request.user, info=info, secrecy_reviewed=form.cleaned_data.get("secrecy_reviewed", False)
        )
    except ValidationError as exc:
        return _render_detail(request, info, publish_form=form, errors=_apply_errors(exc, form), status=400)
    if changed:
        messages.success(request, _("已发布，索引号 %(index)s。") % {"index": info.index_number})
    else:
        messages.info(request, _("这条信息已经发布，未重复发布。"))
    return redirect("openinfo:detail", pk=info.pk)


@maintainers_only
@require_POST
def info_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    info = _info_for_maintainer(request, pk)
    form = WithdrawForm(request.POST)
    form.is_valid()
    try:
        changed = openinfo_withdraw(actor=request.user, info=info, reason=form.cleaned_data.get("reason", ""))
    except ValidationError as exc:
        return _render_detail(request, info, withdraw_form=form, errors=_apply_errors(exc, form), status=400)
    if changed:
        messages.success(request, _("已撤回，门户网站和搜索中不再显示。"))
    else:
        messages.info(request, _("这条信息已经撤回。"))
    return redirect("openinfo:detail", pk=info.pk)


@maintainers_only
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    info = _info_for_maintainer(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    form.is_valid()
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise ValidationError({"file": _("请选择要上传的文件。")})
        attachment = attachment_add(actor=request.user, info=info, upload=upload)
    except ValidationError as exc:
        return _render_detail(request, info, upload_form=form, errors=_apply_errors(exc, form), status=400)
    messages.success(request, _("已上传附件“%(name)s”。") % {"name": attachment.original_name})
    return redirect("openinfo:detail", pk=info.pk)


@maintainers_only
@require_POST
def attachment_delete(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    info = _info_for_maintainer(request, pk)
    attachment = OpenInfoAttachment.objects.select_related("info").filter(pk=attachment_pk, info=info).first()
    if attachment is None:
        messages.info(request, _("该附件已删除。"))
        return redirect("openinfo:detail", pk=info.pk)
    try:
        attachment_remove(actor=request.user, attachment=attachment)
    except ValidationError as exc:
        return _render_detail(request, info, errors=exc.messages, status=400)
    messages.success(request, _("已删除附件“%(name)s”。") % {"name": attachment.original_name})
    return redirect("openinfo:detail", pk=info.pk)
