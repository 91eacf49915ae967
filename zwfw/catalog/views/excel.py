"""Excel in and out of the 权力事项管理系统 (/staff/catalog/excel/).

- ``template.xlsx`` — the import template for the active agency (its 事项管理员);
- ``import/`` — upload a filled workbook: the file is checked at once (type by content, size), then
  a background job checks every row and, only if all are clean, creates every draft in one transaction;
  the same file uploaded again while its job runs or after it succeeded is not imported twice;
- ``export/<list>/?format=xlsx|csv|json`` — the item list (with its filters), the review queue and the
  publish queue; up to :data:`~zwfw.catalog.excel.export.DIRECT_LIMIT` rows answer at once, more run
  as a background job with progress and a download link.
"""

from __future__ import annotations

from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from zwfw.core.permissions import permission_required_or_403
from zwfw.core.services.jobs import job_create, sha256_of
from zwfw.core.tabular import TableFormat, table_format_parse, table_response
from zwfw.org.staff_session import active_agency_get

from ..excel.export import DIRECT_LIMIT, LIST_PERMISSIONS, LISTS, filters_clean, list_export
from ..excel.reader import MAX_UPLOAD_BYTES, upload_check
from ..excel.tasks import EXPORT_KIND, IMPORT_KIND, VIEWER_PERMISSION, item_export_task, item_import_task
from ..excel.template import template_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

staff_only = permission_required_or_403("portal.use_staff_shell", gettext_lazy("此页面仅供工作人员使用。"))


def _drafting_agency(request: HttpRequest):
    agency = active_agency_get(request)
    if agency is None or not request.user.has_perm("catalog.draft_item", agency):
        raise PermissionDenied(_("您在当前机构没有事项管理员岗位。"))
    return agency


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    extension = filename.rsplit(".", 1)[-1]
    response["Content-Disposition"] = (
        f"attachment; filename=\"download.{extension}\"; filename*=UTF-8''{quote(filename)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_only
@require_GET
def template_download(request: HttpRequest) -> HttpResponse:
    agency = _drafting_agency(request)
    content = template_workbook(agency_name=agency.name, agency_uscc=agency.uscc)
    return _attachment(content, XLSX, _("事项导入模板-%(agency)s.xlsx") % {"agency": agency.short_name})


class ImportForm(forms.Form):
    workbook = forms.FileField(
        label=gettext_lazy("填好的工作簿"),
        help_text=gettext_lazy("Excel 工作簿（.xlsx），不超过 10 MB。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx," + XLSX}),
        error_messages={
            "required": gettext_lazy("请选择要上传的工作簿。"),
            "empty": gettext_lazy("上传的文件是空的。"),
        },
    )

    def clean_workbook(self):
        upload = self.cleaned_data["workbook"]
        upload.seek(0)
        head = upload.read(8192)
        upload.seek(0)
        upload_check(head, upload.size)
        return upload


@staff_only
def item_import(request: HttpRequest) -> HttpResponse:
    agency = _drafting_agency(request)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["workbook"]
            digest = sha256_of(upload)
            job, created = job_create(
                owner=request.user,
                kind=IMPORT_KIND,
                title=_("导入事项：%(name)s") % {"name": (upload.name or "")[:80]},
                agency_id=agency.pk,
                input_file=upload,
                input_sha256=digest,
                viewer_permission=VIEWER_PERMISSION,
                params={"file_name": (upload.name or "")[:200]},
            )
            if created:
                item_import_task.enqueue(str(job.pk))
                return redirect("core:job_detail", pk=job.pk)
            when = timezone.localtime(job.created_at).strftime("%Y-%m-%d %H:%M")
            if job.status == "done":
                text = _("同一文件已于%(when)s导入成功，没有重复导入。") % {"when": when}
            else:
                text = _("同一文件已于%(when)s上传，正在处理中，没有重复导入。") % {"when": when}
            messages.info(request, text)
            if job.visible_to(request.user):
                return redirect("core:job_detail", pk=job.pk)
            return redirect("catalog_excel:item_import")
        status = 400
    else:
        form = ImportForm()
        status = 200
    return render(
        request,
        "catalog/staff/excel/import.html",
        {"agency": agency, "form": form, "max_mb": MAX_UPLOAD_BYTES // 1024 // 1024},
        status=status,
    )


@staff_only
@require_GET
def list_export_view(request: HttpRequest, name: str) -> HttpResponse:
    if name not in LISTS:
        raise Http404
    fmt = table_format_parse(request.GET.get("format")) or TableFormat.XLSX
    permission = LIST_PERMISSIONS[name]
    if name == "items":
        agency = _drafting_agency(request)
        agency_id = agency.pk
    else:
        if not request.user.has_perm(permission):
            raise PermissionDenied(_("您没有该岗位。"))
        agency = active_agency_get(request)
        agency_id = None
    export = list_export(name, agency_id=agency_id, filters=request.GET)
    total = export.count()
    if total <= DIRECT_LIMIT:
        return table_response(fmt, export.columns, export.rows(), filename=export.title)
    job, _created = job_create(
        owner=request.user,
        kind=EXPORT_KIND,
        title=_("导出%(title)s（%(format)s，%(n)d 行）") % {"title": export.title, "format": fmt.label, "n": total},
        agency_id=agency_id if agency_id is not None else (agency.pk if agency else None),
        params={"list": name, "format": fmt.value, "filters": filters_clean(request.GET), "permission": permission},
        viewer_permission=VIEWER_PERMISSION,
        total=total,
    )
    item_export_task.enqueue(str(job.pk))
    return redirect("core:job_detail", pk=job.pk)
