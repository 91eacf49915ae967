"""The case information library (办件信息库) in the exchange shape of STANDARDS.md §2.

One row per fact, written by :mod:`zwfw.cases.services.library` in the same transaction as the case change
that produced it, never updated in place: a correction is a new row with ``cd_operation = U`` and a higher
``version`` for the same ``row_guid`` lineage key (``project_no`` + table). The exchange issue sends these
rows upwards (``sent_at``); the city receives each ``row_guid`` exactly once.

Column names are the exchange's (``project_no``, ``applyer_name``…) so the export is a plain projection.
Personal data (the applicant's and contact's names, document number and mobile) is encrypted like everywhere
else; the export decrypts it only for the authorised upper node.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from zwfw.core.pii import EncryptedTextField

from ..choices import CdOperation


class LibraryRow(models.Model):
    """The columns every exchange row carries."""

    row_guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    project_no = models.CharField(_("办件编号"), max_length=52, db_index=True)
    cd_batch = models.CharField(max_length=40, blank=True, default="")
    cd_operation = models.CharField(max_length=1, choices=CdOperation.choices, default=CdOperation.INSERT)
    cd_time = models.DateTimeField()
    data_source = models.CharField(max_length=20, default="620423")
    version = models.PositiveIntegerField(default=1)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        abstract = True
        ordering = ["cd_time", "id"]

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.project_no} v{self.version}"


class UpProAccept(LibraryRow):
    """up_pro_accept 受理信息."""

    project_name = models.CharField(max_length=200)
    project_type = models.CharField(max_length=2)
    apply_type = models.CharField(max_length=16)
    apply_date = models.DateTimeField()
    accept_date = models.DateTimeField(null=True, blank=True)
    promise_date = models.DateField(null=True, blank=True)
    accept_doc_no = models.CharField(max_length=60, blank=True)
    task_code = models.CharField(max_length=40)
    catalog_code = models.CharField(max_length=12)
    task_handle_item = models.CharField(max_length=40, blank=True)
    task_name = models.CharField(max_length=200)
    task_version = models.PositiveIntegerField()
    applyer_name = EncryptedTextField()
    applyer_type = models.CharField(max_length=16)
    applyer_page_type = models.CharField(max_length=8)
    applyer_page_code = EncryptedTextField()
    legal = EncryptedTextField(blank=True, default="")
    contact_name = EncryptedTextField()
    contact_type = models.CharField(max_length=8, blank=True)
    contact_code = EncryptedTextField(blank=True, default="")
    contact_mobile = EncryptedTextField()
    org_code = models.CharField(max_length=18)
    org_name = models.CharField(max_length=100)
    handle_user_name = models.CharField(max_length=100, blank=True)


class UpProProcess(LibraryRow):
    """up_pro_process 过程信息: one row per action."""

    process_name = models.CharField(max_length=60)
    event_name = models.CharField(max_length=2)
    event_start_time = models.DateTimeField()
    event_end_time = models.DateTimeField(null=True, blank=True)
    handle_user_name = models.CharField(max_length=100, blank=True)
    handle_explain = models.TextField(blank=True)
    org_code = models.CharField(max_length=18, blank=True)
    org_name = models.CharField(max_length=100, blank=True)


class UpProResult(LibraryRow):
    """up_pro_result 结果信息."""

    result_type = models.CharField(max_length=2)
    result_date = models.DateTimeField()
    result_explain = models.TextField(blank=True)
    result_cetr_name = models.CharField(max_length=200, blank=True)
    result_cetr_no = models.CharField(max_length=100, blank=True)
    is_delivery_results = models.BooleanField(default=False)
    delivery_date = models.DateTimeField(null=True, blank=True)
    satisfaction = models.CharField(max_length=2, blank=True)


class UpProSpecialProcedure(LibraryRow):
    """up_pro_special_procedure 特别程序."""

    special_type = models.CharField(max_length=16)
    special_name = models.CharField(max_length=60)
    special_reason = models.TextField()
    special_time = models.DateTimeField()
    end_time = models.DateTimeField(null=True, blank=True)
    result = models.TextField(blank=True)


class UpProMaterial(LibraryRow):
    """up_pro_material 材料信息: one row per material received."""

    material_name = models.CharField(max_length=200)
    get_type = models.CharField(max_length=16)
    get_num = models.PositiveSmallIntegerField(default=1)
    file_sha256 = models.CharField(max_length=64, blank=True)
