"""Background tasks of the Excel import and export (django-tasks; ``manage.py db_worker`` runs them).

Each task receives only a :class:`~zwfw.core.models.BackgroundJob` id and reports through
:mod:`zwfw.core.services.jobs`. A task that runs twice finds its job no longer queued and stops.
"""

from __future__ import annotations

import io
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from zwfw.core.models import BackgroundJob
from zwfw.core.services.jobs import job_fail, job_finish, job_progress, job_running
from zwfw.core.tabular import Column, TableFormat, table_write
from zwfw.org.models import Agency

from .export import list_export
from .importer import ImportRefused, items_import
from .reader import RowError, WorkbookRefused, workbook_read

IMPORT_KIND = "catalog.item_import"
EXPORT_KIND = "catalog.item_export"
#: Besides the owner, the operators (平台运营人员) may look at the catalogue's jobs.
VIEWER_PERMISSION = "catalog.publish_item"

ERROR_COLUMNS = [
    Column("sheet", gettext_lazy("工作表"), 12),
    Column("row", gettext_lazy("行号"), 8),
    Column("column", gettext_lazy("列"), 24),
    Column("message", gettext_lazy("问题"), 80),
]


def _error_report(errors: list[RowError]) -> bytes:
    buffer = io.BytesIO()
    table_write(TableFormat.XLSX, ERROR_COLUMNS, (e.as_dict() for e in errors), buffer, title=_("错误清单"))
    return buffer.getvalue()


def _refuse(job_id: Any, errors: list[RowError], *, stage: str) -> None:
    job_fail(
        job_id=job_id,
        message=_("发现 %(n)d 处错误，没有导入任何事项。请按错误清单改正后重新上传。") % {"n": len(errors)},
        report={
            "errors": [e.as_dict() for e in errors],
            "error_count": len(errors),
            "stage": stage,
            "links": [{"url": reverse("catalog_excel:item_import"), "label": _("改正后重新上传")}],
        },
        result=_error_report(errors),
        result_name=_("导入错误清单.xlsx"),
    )


@task()
def item_import_task(job_id: str) -> None:
    with job_running(job_id, message=_("正在读取并检查工作簿……")) as job:
        if job is None:
            return
        _import(job)


def _import(job: BackgroundJob) -> None:
    agency = Agency.objects.filter(pk=job.agency_id).first()
    actor = job.owner
    if agency is None or not actor.has_perm("catalog.draft_item", agency):
        job_fail(job_id=job.pk, message=_("您已不是该机构的事项管理员，不能导入事项。"))
        return
    with job.input_file.open("rb") as stream:
        data = stream.read()

    def progress(done: int, total: int) -> None:
        job_progress(job_id=job.pk, done=done, total=total)

    try:
        parsed = workbook_read(data, agency=agency, progress=progress)
    except WorkbookRefused as exc:
        errors = [RowError("", None, "", m) for m in exc.messages]
        _refuse(job.pk, errors, stage="workbook")
        return
    except ValidationError as exc:  # upload_check: the view checks first, this is the backstop
        _refuse(job.pk, [RowError("", None, "", m) for m in exc.messages], stage="file")
        return
    if parsed.errors:
        _refuse(job.pk, parsed.errors, stage="rows")
        return
    if not parsed.items:
        job_fail(job_id=job.pk, message=_("工作簿中没有要导入的事项（行键为“示例”的行不会导入）。"))
        return
    job_progress(
        job_id=job.pk,
        done=parsed.rows,
        total=parsed.rows,
        message=_("检查通过，正在写入 %(n)d 个事项……") % {"n": len(parsed.items)},
    )
    try:
        created = items_import(
            actor=actor, agency=agency, items=parsed.items, source={"job": str(job.pk), "sha256": job.input_sha256}
        )
    except ImportRefused as exc:
        _refuse(job.pk, exc.errors, stage="services")
        return
    rows = [
        {"implementation_code": v.item.implementation_code, "name": v.name, "status": v.get_status_display()}
        for v in created
    ]
    buffer = io.BytesIO()
    table_write(
        TableFormat.XLSX,
        [
            Column("implementation_code", _("实施编码"), 36),
            Column("name", _("事项名称"), 30),
            Column("status", _("状态"), 10),
        ],
        rows,
        buffer,
        title=_("已导入事项"),
    )
    job_finish(
        job_id=job.pk,
        message=_("已导入 %(n)d 个事项，均为“梳理中”的草稿。请逐一核对后提交审核。") % {"n": len(created)},
        report={
            "created": [v.pk for v in created],
            "links": [
                {
                    "url": reverse("catalog:version_detail", args=[v.pk]),
                    "label": f"{v.name}（{v.item.implementation_code}）",
                }
                for v in created[:200]
            ],
        },
        result=buffer.getvalue(),
        result_name=_("已导入事项.xlsx"),
    )


@task()
def item_export_task(job_id: str) -> None:
    with job_running(job_id, message=_("正在导出……")) as job:
        if job is None:
            return
        params = job.params
        fmt = TableFormat(params["format"])
        export = list_export(params["list"], agency_id=job.agency_id, filters=params.get("filters") or {})
        if not job.owner.has_perm(params.get("permission", "catalog.draft_item"), _agency_or_none(job.agency_id)):
            job_fail(job_id=job.pk, message=_("您已没有导出该列表的岗位。"))
            return
        total = export.count()
        job_progress(job_id=job.pk, done=0, total=total)
        buffer = io.BytesIO()
        count = table_write(
            fmt,
            export.columns,
            export.rows(),
            buffer,
            title=export.title,
            on_row=lambda n: job_progress(job_id=job.pk, done=min(n, total), total=total),
        )
        job_finish(
            job_id=job.pk,
            message=_("已导出 %(n)d 行。") % {"n": count},
            result=buffer.getvalue(),
            result_name=f"{export.title}.{fmt.value}",
        )


def _agency_or_none(agency_id: int | None) -> Agency | None:
    return Agency.objects.filter(pk=agency_id).first() if agency_id else None
