"""Writers of :class:`~zwfw.core.models.BackgroundJob`: create, start, progress, finish, fail.

A domain starts background work in two steps::

    job, created = job_create(owner=user, kind="catalog.item_import", title=..., agency_id=..., ...)
    if created:
        my_task.enqueue(str(job.pk))          # a django-tasks task; the worker runs it

and the task reports through :func:`job_start`, :func:`job_progress` (cheap: one UPDATE, safe to call
every N rows; it never moves a finished job), then :func:`job_finish` or :func:`job_fail`.
:func:`job_running` wraps a task body so that an unexpected exception fails the job with a
Chinese message instead of leaving it 进行中 for ever.

Creating, finishing and failing are audited (``background_job.*``); progress is not (it is not a
change anyone decides). Finishing and failing use conditional updates, so a task that is run twice
(a worker restarted mid-job) finishes the job once.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from django.core.files.base import ContentFile, File
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from .. import clock
from ..models.jobs import HOLDS_INPUT, BackgroundJob, JobStatus
from .audit import audit_record

logger = logging.getLogger(__name__)

#: Reports keep at most this many entries per list (the result file holds everything).
REPORT_LIMIT = 2000


def sha256_of(stream: IO[bytes]) -> str:
    """The hex SHA-256 of a (seekable) binary stream, read in chunks; the stream is rewound."""
    digest = hashlib.sha256()
    stream.seek(0)
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def job_create(
    *,
    owner: Any,
    kind: str,
    title: str,
    agency_id: int | None = None,
    params: dict[str, Any] | None = None,
    input_file: File | None = None,
    input_sha256: str = "",
    viewer_permission: str = "",
    total: int = 0,
) -> tuple[BackgroundJob, bool]:
    """A new queued job, or ``(existing, False)`` when a live or successful job has the same input.

    With ``input_sha256`` (an import), a job of the same kind and agency that is queued, running or
    done with that hash is returned instead of a new one: the same file is never imported twice,
    however often it is uploaded or however fast a button is double-clicked (the partial unique
    index decides between two concurrent requests).
    """
    if input_sha256:
        existing = _live_for_input(kind, agency_id, input_sha256)
        if existing is not None:
            return existing, False
    job = BackgroundJob(
        kind=kind,
        title=title[:200],
        owner=owner,
        agency_id=agency_id,
        params=params or {},
        input_sha256=input_sha256,
        viewer_permission=viewer_permission,
        total=total,
    )
    try:
        with transaction.atomic():
            if input_file is not None:
                input_file.seek(0)
                job.input_file.save(getattr(input_file, "name", None) or "upload.bin", input_file, save=False)
            job.save(force_insert=True)
            audit_record(
                actor=owner,
                action="background_job.create",
                obj=job,
                detail={"kind": kind, "agency_id": agency_id, "sha256": input_sha256, "params": params or {}},
            )
    except IntegrityError:
        if job.input_file:
            job.input_file.delete(save=False)
        existing = _live_for_input(kind, agency_id, input_sha256) if input_sha256 else None
        if existing is None:
            raise
        return existing, False
    return job, True


def _live_for_input(kind: str, agency_id: int | None, sha: str) -> BackgroundJob | None:
    return (
        BackgroundJob.objects.filter(kind=kind, agency_id=agency_id, input_sha256=sha, status__in=HOLDS_INPUT)
        .order_by("-created_at")
        .first()
    )


def job_start(*, job_id: Any, total: int | None = None, message: str = "") -> BackgroundJob | None:
    """排队中 → 进行中; returns the job, or None when it is not queued (already run or running)."""
    fields: dict[str, Any] = {"status": JobStatus.RUNNING, "started_at": clock.now(), "message": message[:500]}
    if total is not None:
        fields["total"] = total
    if not BackgroundJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(**fields):
        return None
    return BackgroundJob.objects.get(pk=job_id)


def job_progress(*, job_id: Any, done: int, total: int | None = None, message: str | None = None) -> None:
    """Record how far a running job has got: one UPDATE, nothing else (call it every N rows).

    Call it outside a long transaction, or the page that polls the job sees the figure only at commit.
    """
    fields: dict[str, Any] = {"done": max(0, done)}
    if total is not None:
        fields["total"] = max(0, total)
    if message is not None:
        fields["message"] = message[:500]
    BackgroundJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(**fields)


def _end(
    *,
    job_id: Any,
    status: str,
    message: str,
    report: dict[str, Any] | None,
    result: bytes | None,
    result_name: str,
) -> BackgroundJob | None:
    job = BackgroundJob.objects.get(pk=job_id)
    if job.is_finished:
        return None
    with transaction.atomic():
        fields: dict[str, Any] = {
            "status": status,
            "message": message[:500],
            "report": _bounded(report or {}),
            "finished_at": clock.now(),
        }
        if status == JobStatus.DONE:
            fields["done"] = models.F("total")
        if result is not None:
            extension = result_name.rsplit(".", 1)[-1] if "." in result_name else "bin"
            stored = job.result.storage.save(
                job.result.field.generate_filename(job, f"result.{extension}"), ContentFile(result)
            )
            fields["result"] = stored
            fields["result_name"] = result_name[:120]
        updated = BackgroundJob.objects.filter(pk=job_id, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).update(
            **fields
        )
        if not updated:
            if result is not None:
                job.result.storage.delete(fields["result"])
            return None
        job.refresh_from_db()
        audit_record(
            actor=job.owner,
            action="background_job.finish" if status == JobStatus.DONE else "background_job.fail",
            obj=job,
            detail={"kind": job.kind, "message": job.message, "done": job.done, "total": job.total},
        )
    return job


def _bounded(report: dict[str, Any]) -> dict[str, Any]:
    """Keep the stored report small: long lists are cut (the result file has them all)."""
    bounded: dict[str, Any] = {}
    for key, value in report.items():
        if isinstance(value, list) and len(value) > REPORT_LIMIT:
            bounded[key] = value[:REPORT_LIMIT]
            bounded[f"{key}_cut"] = len(value) - REPORT_LIMIT
        else:
            bounded[key] = value
    return bounded


def job_finish(
    *,
    job_id: Any,
    message: str,
    report: dict[str, Any] | None = None,
    result: bytes | None = None,
    result_name: str = "",
) -> BackgroundJob | None:
    """→ 已完成, with the message, the report and the result file (None if the job had already ended)."""
    return _end(
        job_id=job_id, status=JobStatus.DONE, message=message, report=report, result=result, result_name=result_name
    )


def job_fail(
    *,
    job_id: Any,
    message: str,
    report: dict[str, Any] | None = None,
    result: bytes | None = None,
    result_name: str = "",
) -> BackgroundJob | None:
    """→ 失败: the work could not be done (bad input or an error); the message says what to do."""
    return _end(
        job_id=job_id, status=JobStatus.FAILED, message=message, report=report, result=result, result_name=result_name
    )


@contextmanager
def job_running(job_id: Any, *, total: int | None = None, message: str = "") -> Iterator[BackgroundJob | None]:
    """Start the job for the ``with`` body; an unexpected exception fails it (and is logged, not raised).

    Yields None when the job was not queued (run twice, or already finished): the body should return.
    """
    job = job_start(job_id=job_id, total=total, message=message)
    try:
        yield job
    except Exception:
        logger.exception("background job %s failed", job_id)
        job_fail(job_id=job_id, message=_("处理过程中发生意外错误，没有作任何修改。请稍后重试，或联系系统管理员。"))
        return
    if job is not None:
        current = BackgroundJob.objects.filter(pk=job_id).values_list("status", flat=True).first()
        if current in (JobStatus.QUEUED, JobStatus.RUNNING):
            # The body forgot to finish: say so rather than spin for ever.
            job_fail(job_id=job_id, message=_("任务结束时没有给出结果，请重试。"))
