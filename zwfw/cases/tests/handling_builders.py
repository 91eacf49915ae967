"""Builders for the handling tests: items with a real process, submitted cases, frozen time.

- :func:`transport` — 景泰县交通运输局 with its clerk, examiner and decider (story 4's agency);
- :func:`item_published` — an item with materials and a process (kinds, agencies, roles, parallel groups)
  published through the catalogue services by the system;
- :func:`case_submitted` — an application with one file per required material, opened as a case by the engine
  (what ``application_submit`` does, without depending on the applying part);
- :func:`freeze` — freeze ``timezone.now`` (hence ``clock.now/today``) at a county-local moment.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from zwfw.cases.models import Application, ApplicationMaterial, Case, Upload
from zwfw.cases.services import engine
from zwfw.catalog.choices import UseLevel
from zwfw.catalog.services.item import item_create, version_approve, version_publish, version_submit
from zwfw.catalog.tests.builders import dibao_data
from zwfw.core import clock
from zwfw.core.pii import mask_id_number, mask_mobile, mask_name
from zwfw.identity.tests.factories import StaffUserFactory
from zwfw.org.choices import Role
from zwfw.org.models import Membership
from zwfw.org.tests.factories import AgencyFactory
from zwfw.workflow.choices import JoinRule, StepKind


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Files of these tests go to a temporary folder (import this fixture into each test module)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Transport:
    agency: Any
    clerk: Any
    examiner: Any
    examiner2: Any
    head: Any


def staff(username: str, full_name: str, *grants: tuple[Any, str]) -> Any:
    user = StaffUserFactory(username=username, full_name=full_name)
    for agency, role in grants:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


def transport() -> Transport:
    agency = AgencyFactory(slug="jtj", name="景泰县交通运输局", short_name="县交通运输局")
    return Transport(
        agency=agency,
        clerk=staff("jt_clerk", "张敏", (agency, Role.WINDOW_CLERK)),
        examiner=staff("jt_examiner", "李伟", (agency, Role.EXAMINER)),
        examiner2=staff("jt_examiner2", "王芳", (agency, Role.EXAMINER)),
        head=staff("jt_head", "刘强", (agency, Role.DECIDER)),
    )


FREIGHT_STEPS = [
    {"name": "受理", "kind": StepKind.ACCEPT, "role": Role.WINDOW_CLERK, "time_limit_days": 1},
    {"name": "审查", "kind": StepKind.EXAMINE, "role": Role.EXAMINER, "time_limit_days": 8},
    {"name": "决定", "kind": StepKind.DECIDE, "role": Role.DECIDER, "time_limit_days": 3},
    {"name": "送达", "kind": StepKind.DELIVER, "role": Role.WINDOW_CLERK, "time_limit_days": 2},
]

FREIGHT_MATERIALS = [
    {"name": "道路货物运输经营申请表", "form": "original", "copies": 1},
    {"name": "负责人身份证明", "form": "copy", "copies": 1},
    {"name": "机动车辆行驶证", "form": "copy", "copies": 1},
    {"name": "车辆技术等级评定证明", "form": "original", "copies": 1},
    {"name": "安全生产管理制度文本", "form": "original", "copies": 1},
]


def item_published(
    *,
    agency: Any,
    name: str = "道路货物运输经营许可",
    basic_code: str = "000120103000",
    steps: list[dict[str, Any]] | None = None,
    materials: list[dict[str, Any]] | None = None,
    legal: int = 20,
    promised: int = 15,
) -> Any:
    """A published version whose process runs on the engine (steps: kind, role, agency, parallel group)."""
    steps = [dict(s) for s in (steps or FREIGHT_STEPS)]
    engine_fields = {}
    for order, step in enumerate(steps):
        engine_fields[order] = {
            k: step.pop(k)
            for k in ("kind", "role", "agency", "parallel_group", "join_rule", "at_township")
            if k in step
        }
    data = dibao_data(
        name=name,
        legal_limit_days=legal,
        legal_limit_explain=f"自受理之日起{legal}个工作日",
        promised_limit_days=promised,
        promised_limit_explain="",
        special_procedures="车辆检验、专家评审",
        result_name=f"{name}证",
        materials=materials or FREIGHT_MATERIALS,
        steps=steps,
        keywords=name,
    )
    version = item_create(actor=None, agency=agency, basic_code=basic_code, use_level=UseLevel.COUNTY, data=data)
    version_submit(actor=None, version=version)
    version_approve(actor=None, version=version, comment="同意")
    version_publish(actor=None, version=version)
    for order, row in enumerate(version.steps.order_by("order")):
        for key, value in engine_fields[order].items():
            setattr(row, key, value)
        row.save()
    version.refresh_from_db()
    return version


def joint_steps(first: Any, second: Any, *, rule: str = JoinRule.ALL) -> list[dict[str, Any]]:
    """受理 → 审查 by ``first`` ∥ 审查 by ``second`` → 决定 → 送达."""
    return [
        {"name": "受理", "kind": StepKind.ACCEPT, "role": Role.WINDOW_CLERK, "time_limit_days": 1},
        {
            "name": "审查",
            "kind": StepKind.EXAMINE,
            "role": Role.EXAMINER,
            "time_limit_days": 5,
            "agency": first,
            "parallel_group": 1,
            "join_rule": rule,
        },
        {
            "name": "会审",
            "kind": StepKind.EXAMINE,
            "role": Role.EXAMINER,
            "time_limit_days": 5,
            "agency": second,
            "parallel_group": 1,
            "join_rule": rule,
        },
        {"name": "决定", "kind": StepKind.DECIDE, "role": Role.DECIDER, "time_limit_days": 3},
        {"name": "送达", "kind": StepKind.DELIVER, "role": Role.WINDOW_CLERK, "time_limit_days": 1},
    ]


def upload_make(owner: Any, *, organisation: Any = None, name: str = "材料.pdf", content: bytes = PDF_BYTES) -> Upload:
    upload = Upload(
        owner=owner,
        organisation=organisation,
        uploaded_by=owner,
        original_name=name,
        extension="pdf",
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        created_at=clock.now(),
    )
    upload.file.save("upload.pdf", ContentFile(content), save=False)
    upload.save()
    return upload


def case_submitted(
    version: Any,
    applicant: Any,
    *,
    organisation: Any = None,
    region: Any = None,
    skip: tuple[str, ...] = (),
) -> Case:
    """An application by ``applicant`` (for ``organisation``) with a file per required material, submitted."""
    application = Application.objects.create(
        applicant=applicant,
        applicant_kind="organisation" if organisation else "person",
        organisation=organisation,
        item=version.item,
        version=version,
        region=region,
        status="submitted",
        submitted_at=clock.now(),
        created_by=applicant,
    )
    for requirement in version.materials.filter(is_required=True):
        if requirement.name in skip:
            continue
        ApplicationMaterial.objects.create(
            application=application,
            requirement=requirement,
            upload=upload_make(applicant, organisation=organisation, name=f"{requirement.name}.pdf"),
            added_at=clock.now(),
            added_by=applicant,
        )
    name = organisation.name if organisation else applicant.full_name
    doc = organisation.uscc if organisation else applicant.id_number
    snapshot = {
        "name": name,
        "name_masked": name if organisation else mask_name(name),
        "doc_type": "001" if organisation else "111",
        "doc_number": doc,
        "doc_masked": doc if organisation else mask_id_number(doc),
        "legal_representative": getattr(organisation, "legal_representative", "") if organisation else "",
        "contact_name": applicant.full_name,
        "contact_mobile": applicant.mobile,
        "contact_mobile_masked": mask_mobile(applicant.mobile),
    }
    with transaction.atomic():
        return engine.case_open(application=application, actor=applicant, applicant=snapshot)


def local(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=clock.COUNTY_TZ)


class Freezer:
    """``freezer.at(2026, 2, 10)`` moves frozen time (county-local 10:00 by default)."""

    def __init__(self, monkeypatch: Any) -> None:
        self.moment = local(2026, 2, 10)
        monkeypatch.setattr(timezone, "now", lambda: self.moment.astimezone(dt.UTC))

    def at(self, year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
        self.moment = local(year, month, day, hour, minute)
        return self.moment


def fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)
