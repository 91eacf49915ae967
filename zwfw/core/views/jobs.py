"""Pages of background jobs (/staff/system/jobs/): my jobs, one job's progress and result, its download.

A job is visible to its owner and to holders of the job's ``viewer_permission`` (for the catalogue's
jobs, the operators); to anyone else it does not exist (404, so ids cannot be probed). While a job
is queued or running its page offers a 刷新进度 link and, if the person asks for it (``?refresh=1``),
refreshes itself every two seconds with ``<meta http-equiv="refresh">`` — opt-in, so nothing on the
page moves unasked (WCAG 2.2.1; axe's meta-refresh rule) — and the person can leave and come back.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from ..downloads import file_download
from ..models.jobs import BackgroundJob, JobStatus

#: Errors shown on the page; the downloadable report always holds all of them.
PAGE_ERRORS = 500


def _job_for_viewer(request: HttpRequest, pk: Any) -> BackgroundJob:
    job = get_object_or_404(BackgroundJob.objects.select_related("owner"), pk=pk)
    if not job.visible_to(request.user):
        raise Http404
    return job


@login_required
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = BackgroundJob.objects.filter(owner=request.user).defer("report", "params")
    page = Paginator(jobs, 30).get_page(request.GET.get("page"))
    return render(request, "core/jobs/job_list.html", {"page": page})


@login_required
@require_GET
def job_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    job = _job_for_viewer(request, pk)
    report = job.report or {}
    errors = report.get("errors") or []
    running = job.status in (JobStatus.QUEUED, JobStatus.RUNNING)
    return render(
        request,
        "core/jobs/job_detail.html",
        {
            "job": job,
            "running": running,
            # WCAG 2.2.1: an automatic refresh only when the person turned it on.
            "auto_refresh": running and request.GET.get("refresh") == "1",
            "errors": errors[:PAGE_ERRORS],
            "error_count": report.get("error_count", len(errors)),
            "errors_cut": max(0, report.get("error_count", len(errors)) - min(len(errors), PAGE_ERRORS)),
            "notes": report.get("notes") or [],
            "links": report.get("links") or [],
            "statuses": JobStatus,
        },
    )


@login_required
@require_GET
def job_result(request: HttpRequest, pk: Any) -> FileResponse:
    """The result file as an attachment (``nosniff``, served only through this authorising view)."""
    job = _job_for_viewer(request, pk)
    if not job.result:
        raise Http404
    name = job.result_name or job.result.name.rsplit("/", 1)[-1]
    return file_download(job.result.open, filename=name, content_type=_type_of(name))


def _type_of(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower()
    return {
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "csv": "text/csv; charset=utf-8",
        "json": "application/json; charset=utf-8",
    }.get(extension, "application/octet-stream")
