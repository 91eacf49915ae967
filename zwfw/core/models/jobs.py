"""Background jobs (后台任务): long imports and exports that a person starts and comes back to.

A :class:`BackgroundJob` is the visible record of one piece of background work: who started it,
for which agency, how far it has got (``done`` of ``total``), how it ended (``message``, a JSON
``report`` and an optional ``result`` file in the default storage under a generated name).
The work itself runs as a django-tasks task (``manage.py db_worker``); the task only knows the
job's id and reports through :mod:`zwfw.core.services.jobs`, the only writer of this table.

Imports are idempotent by content: ``input_sha256`` with the kind and agency is unique among jobs
that are queued, running or done (a partial unique index), so uploading the same workbook again
while it runs or after it succeeded finds the existing job instead of importing twice.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from .. import clock


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("进行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


#: Statuses that hold an input's content hash (a running or successful job).
HOLDS_INPUT = [JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.DONE]


def _job_file_path(folder: str, instance: BackgroundJob, filename: str) -> str:
    """A generated name: the client's file name never reaches the disk (QUALITY.md, uploads)."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    if not extension.isalnum() or len(extension) > 5:
        extension = "bin"
    return f"jobs/{folder}/{clock.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


def job_input_path(instance: BackgroundJob, filename: str) -> str:
    return _job_file_path("in", instance, filename)


def job_result_path(instance: BackgroundJob, filename: str) -> str:
    return _job_file_path("out", instance, filename)


class BackgroundJob(models.Model):
    """One import or export running (or run) in the background, with its progress and result."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("类型"), max_length=60, help_text=_("如 catalog.item_import"))
    title = models.CharField(_("名称"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发起人"), on_delete=models.PROTECT, related_name="+"
    )
    #: The agency the owner acted for (an ``org.Agency`` id; core keeps no foreign key to org).
    agency_id = models.PositiveIntegerField(_("机构"), null=True, blank=True)
    #: Besides the owner, holders of this permission may see the job (for example the operators).
    viewer_permission = models.CharField(_("可查看的权限"), max_length=100, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    params = models.JSONField(_("参数"), default=dict, blank=True)
    total = models.PositiveIntegerField(_("总数"), default=0)
    done = models.PositiveIntegerField(_("已处理"), default=0)
    message = models.CharField(_("说明"), max_length=500, blank=True)
    report = models.JSONField(_("报告"), default=dict, blank=True)
    input_file = models.FileField(_("上传文件"), upload_to=job_input_path, blank=True, max_length=200)
    input_sha256 = models.CharField(_("上传文件摘要"), max_length=64, blank=True)
    result = models.FileField(_("结果文件"), upload_to=job_result_path, blank=True, max_length=200)
    result_name = models.CharField(_("结果文件名"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=clock.now, editable=False)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        ordering = ["-created_at"]
        constraints = [
            # Coalesce: a job without an agency is still one per input (NULLs would all be distinct).
            models.UniqueConstraint(
                "kind",
                Coalesce("agency_id", models.Value(0)),
                "input_sha256",
                condition=Q(status__in=HOLDS_INPUT) & ~Q(input_sha256=""),
                name="core_job_one_live_per_input",
            ),
        ]
        indexes = [models.Index(fields=["owner", "-created_at"], name="core_job_owner_idx")]

    def __str__(self) -> str:
        return f"{self.title}（{self.get_status_display()}）"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)

    def visible_to(self, user: object) -> bool:
        """The owner, or a holder of ``viewer_permission``."""
        if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
            return False
        if self.owner_id == user.pk:  # type: ignore[attr-defined]
            return True
        return bool(self.viewer_permission) and user.has_perm(self.viewer_permission)  # type: ignore[attr-defined]
