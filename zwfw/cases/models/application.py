"""Applications (申请) before they become cases: drafts, uploaded files and the materials they satisfy.

A person (or an organisation's agent acting for it) starts an :class:`Application` from an item's guide.
The draft keeps the form's values (encrypted: they hold personal data), the materials chosen for each of the
item version's requirements, the township where the applicant wants to apply and collect, and the delivery
wish. A draft is saved with ``lock_version`` so that the same draft edited on a phone and a PC never silently
overwrites itself. Submitting turns it into exactly one :class:`~zwfw.cases.models.Case` (one-to-one), whatever
the number of clicks, retries or API calls (``submit_key`` = the ``Idempotency-Key`` and ``submit_fingerprint``
= what was submitted under it).

:class:`Upload` is a file the applicant (or a clerk scanning for them) uploaded: stored under a generated name
outside the web root, type from content, hash, size; reusable for later applications of the same owner.

Writers: :mod:`zwfw.cases.services.application` and :mod:`zwfw.cases.services.uploads` only.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zwfw.core.models import AuditedModel
from zwfw.core.pii import EncryptedTextField

from ..choices import ApplicantKind, ApplicationStatus, Channel, DeliveryMethod


def upload_storage_name(instance: Upload, filename: str) -> str:
    """``cases/uploads/<yyyy>/<mm>/<uuid4>.<ext>``: the client's name never reaches a path."""
    day = instance.created_at or None
    stamp = day.strftime("%Y/%m") if day else "undated"
    return f"cases/uploads/{stamp}/{uuid.uuid4().hex}.{instance.extension}"


class Upload(models.Model):
    """One uploaded file of an applicant (材料文件). Never changed after it is stored."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("所有人"), on_delete=models.PROTECT, related_name="case_uploads"
    )
    #: Set when uploaded while acting for an organisation: then its agents may reuse it too.
    organisation = models.ForeignKey(
        "identity.Organisation",
        verbose_name=_("所属单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("申请人本人，或代为扫描上传的窗口人员"),
    )
    file = models.FileField(_("文件"), upload_to=upload_storage_name, max_length=200)
    original_name = models.CharField(_("文件名"), max_length=200)
    extension = models.CharField(_("扩展名"), max_length=8)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("上传时间"))

    class Meta:
        verbose_name = _("材料文件")
        verbose_name_plural = _("材料文件")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="cases_upload_owner_idx")]
        constraints = [models.CheckConstraint(condition=Q(size__gt=0), name="cases_upload_not_empty")]

    def __str__(self) -> str:
        return self.original_name


class Application(AuditedModel):
    """申请: a draft until submitted; then the case's application (one-to-one)."""

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="applications"
    )
    applicant_kind = models.CharField(
        _("申请人类型"), max_length=16, choices=ApplicantKind.choices, default=ApplicantKind.PERSON
    )
    organisation = models.ForeignKey(
        "identity.Organisation",
        verbose_name=_("申请单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    item = models.ForeignKey(
        "catalog.ServiceItem", verbose_name=_("事项"), on_delete=models.PROTECT, related_name="applications"
    )
    #: The published version the draft was started (and, at submission, checked) against.
    version = models.ForeignKey(
        "catalog.ItemVersion", verbose_name=_("事项版本"), on_delete=models.PROTECT, related_name="applications"
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    channel = models.CharField(_("申报渠道"), max_length=16, choices=Channel.choices, default=Channel.ONLINE)
    #: The form's values as JSON, encrypted (they hold names, numbers, addresses).
    data = EncryptedTextField(_("表单内容"), blank=True, default="")
    #: 就近申报: the township (乡镇) where the applicant applies and collects; empty = the county.
    region = models.ForeignKey(
        "org.Region", verbose_name=_("办理乡镇"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    #: Where a window registration happened, or where the applicant will collect the result.
    centre = models.ForeignKey(
        "org.ServiceCentre",
        verbose_name=_("服务中心"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("代为登记的窗口人员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    delivery_method = models.CharField(
        _("送达方式"), max_length=16, choices=DeliveryMethod.choices, default=DeliveryMethod.WINDOW
    )
    delivery_address = EncryptedTextField(_("邮寄地址"), blank=True, default="")
    lock_version = models.PositiveIntegerField(_("修改次数"), default=1, editable=False)
    submit_key = models.CharField(_("幂等键"), max_length=80, null=True, blank=True, editable=False)
    submit_fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("申请")
        verbose_name_plural = _("申请")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["applicant", "status", "-updated_at"], name="cases_app_applicant_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "submit_key"],
                condition=Q(submit_key__isnull=False),
                name="cases_app_unique_submit_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version.name} · {self.get_status_display()}"


class ApplicationMaterial(models.Model):
    """A file given for one material requirement of the application's item version."""

    application = models.ForeignKey(
        Application, verbose_name=_("申请"), on_delete=models.CASCADE, related_name="materials"
    )
    requirement = models.ForeignKey(
        "catalog.MaterialRequirement", verbose_name=_("申请材料"), on_delete=models.PROTECT, related_name="+"
    )
    upload = models.ForeignKey(Upload, verbose_name=_("文件"), on_delete=models.PROTECT, related_name="uses")
    added_at = models.DateTimeField(_("添加时间"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("添加人"), on_delete=models.PROTECT, related_name="+"
    )
    #: Set when the file came in answer to a supplement request (补正).
    supplement = models.ForeignKey(
        "cases.CasePause",
        verbose_name=_("补正"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="materials",
    )
    #: Set when a later file replaced this one (a wrong material supplemented); kept for the record.
    replaced_at = models.DateTimeField(_("被替换时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("申请材料文件")
        verbose_name_plural = _("申请材料文件")
        ordering = ["application", "requirement__order", "added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "requirement", "upload"], name="cases_appmaterial_unique_upload"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requirement} · {self.upload}"
