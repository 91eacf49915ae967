"""政务公开库: one published notice or document (:class:`OpenInfo`) and its files.

An entry belongs to the agency that publishes it (a county department or a township government,
both ``org.Agency``) and to one category. It is drafted (草稿), published (已发布: on the portal,
the agency's sub-site and in the unified search) and may be withdrawn (已撤回, with a reason).
The 索引号 is assigned once, when the entry is first published, from the agency's USCC, the
category code, the year and a per-agency, per-category, per-year sequence (:class:`OpenInfoSequence`);
a withdrawn entry that is published again keeps it.

The body is plain text in paragraphs: it is shown escaped, never as HTML.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zwfw.core import clock
from zwfw.core.models import AuditedModel

from ..choices import OpenInfoStatus, OpenInfoValidity
from ..constants import TITLE_MAX, WITHDRAW_REASON_MAX


class OpenInfo(AuditedModel):
    """One item of open information (政府信息) of one agency."""

    agency = models.ForeignKey(
        "org.Agency", verbose_name=_("发布机构"), on_delete=models.PROTECT, related_name="open_info"
    )
    category = models.ForeignKey(
        "openinfo.OpenInfoCategory", verbose_name=_("主题分类"), on_delete=models.PROTECT, related_name="entries"
    )
    title = models.CharField(_("标题"), max_length=TITLE_MAX)
    #: 索引号, e.g. ``11620423013938205X/11-2026-0003``; empty until first published.
    index_number = models.CharField(_("索引号"), max_length=64, unique=True, null=True, blank=True, editable=False)
    #: 文号, e.g. 景政办发〔2026〕12号; many notices have none.
    document_number = models.CharField(_("文号"), max_length=60, blank=True)
    written_on = models.DateField(_("成文日期"))
    published_on = models.DateField(_("发布日期"), null=True, blank=True, editable=False)
    #: When it was (last) published, for ordering entries of the same day.
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)
    subject_words = models.CharField(_("主题词"), max_length=100, blank=True)
    body = models.TextField(_("正文"), blank=True, help_text=_("纯文本，空一行分段。"))
    status = models.CharField(
        _("状态"), max_length=16, choices=OpenInfoStatus.choices, default=OpenInfoStatus.DRAFT, editable=False
    )
    validity = models.CharField(_("有效性"), max_length=16, choices=OpenInfoValidity.choices, default="valid")
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True, editable=False)
    withdraw_reason = models.CharField(_("撤回原因"), max_length=WITHDRAW_REASON_MAX, blank=True, editable=False)
    #: Optimistic concurrency: each change adds one; an edit made on an older number is refused.
    lock_version = models.PositiveIntegerField(_("修改次数"), default=1, editable=False)
    #: The create form's one-time key: a double-submitted form creates one entry, not two.
    submission_key = models.UUIDField(_("提交标识"), null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("公开信息")
        verbose_name_plural = _("公开信息")
        ordering = ["-published_on", "-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=OpenInfoStatus.PUBLISHED)
                | (Q(index_number__isnull=False) & Q(published_on__isnull=False)),
                name="openinfo_published_has_index_and_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=OpenInfoStatus.WITHDRAWN) | ~Q(withdraw_reason=""),
                name="openinfo_withdrawn_has_reason",
            ),
            models.CheckConstraint(condition=Q(status__in=OpenInfoStatus.values), name="openinfo_status_known"),
            models.CheckConstraint(condition=Q(validity__in=OpenInfoValidity.values), name="openinfo_validity_known"),
        ]
        indexes = [
            models.Index(fields=["status", "-published_on", "-published_at"], name="openinfo_pub_order"),
            models.Index(fields=["agency", "status"], name="openinfo_agency_status"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == OpenInfoStatus.PUBLISHED

    @property
    def paragraphs(self) -> list[str]:
        """The body split into paragraphs at blank lines (single line breaks are kept inside)."""
        text = (self.body or "").replace("\r\n", "\n").replace("\r", "\n")
        return [p.strip("\n") for p in text.split("\n\n") if p.strip()]


class OpenInfoSequence(models.Model):
    """The last sequence number used in index numbers of one agency, category and year.

    Locked (``SELECT … FOR UPDATE``) by the publish service, so two publications never get the
    same number; the unique index number on :class:`OpenInfo` is the last guard.
    """

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey("openinfo.OpenInfoCategory", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("索引号序列")
        verbose_name_plural = _("索引号序列")
        constraints = [
            models.UniqueConstraint(fields=["agency", "category", "year"], name="openinfo_sequence_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.category_id}-{self.year}: {self.last_number}"


def attachment_storage_name(instance: OpenInfoAttachment, filename: str) -> str:
    """A generated name (the uploader's name is never used on disk): ``openinfo/2026/<uuid>.pdf``."""
    return f"openinfo/{clock.today().year}/{uuid.uuid4().hex}.{instance.extension}"


class OpenInfoAttachment(AuditedModel):
    """A file attached to an entry, stored under a generated name, typed from its content."""

    info = models.ForeignKey(OpenInfo, verbose_name=_("公开信息"), on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=attachment_storage_name, max_length=200)
    #: The name the uploader's computer gave it, shown and offered on download.
    original_name = models.CharField(_("文件名"), max_length=200)
    #: The type found from the content (magic bytes), one of the allow-list; never the browser's claim.
    content_type = models.CharField(_("文件类型"), max_length=100)
    extension = models.CharField(_("扩展名"), max_length=8)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="openinfo_attachment_not_empty"),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def stem(self) -> str:
        return PurePosixPath(self.original_name).stem
