"""Fixtures of the applying tests (imported by test_apply_*, test_window_*, test_uploads_*, test_browser_apply*).

- ``online_item`` — 最低生活保障审批 of 县民政局, published with an application form (prefill, a conditional
  material), a process the engine runs (受理 → 审查 → 决定 → 送达), and 芦阳镇 as a township where it can be handled;
- ``centres`` — the county centre and 芦阳镇便民服务中心 (run by the 芦阳镇 government, 刘洋's agency);
- ``media`` — MEDIA_ROOT in a temporary folder; ``frozen`` — county time frozen at 2026-02-10 10:00.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zwfw.cases.tests.handling_builders import FREIGHT_STEPS, Freezer, item_published
from zwfw.catalog.models import ItemVersion
from zwfw.catalog.tests.builders import dibao_data
from zwfw.org.choices import CentreKind
from zwfw.org.models import Region, ServiceCentre
from zwfw.org.tests.factories import jingtai_county

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde" + b"\x00" * 64
)

DIBAO_FORM = {
    "fields": [
        {
            "name": "applicant_name",
            "label": "申请人姓名",
            "type": "text",
            "required": True,
            "prefill": "applicant.name",
        },
        {
            "name": "household_size",
            "label": "共同生活家庭人口",
            "type": "integer",
            "required": True,
            "min": 1,
            "max": 20,
        },
        {"name": "income", "label": "家庭月收入（元）", "type": "decimal", "required": True, "min": 0},
        {"name": "has_disability", "label": "家庭成员有残疾或重病", "type": "boolean"},
        {"name": "promise", "label": "本人承诺所填内容真实", "type": "boolean", "required": True},
    ],
    # 第5项 残疾证或重大疾病诊断证明 is required only when a family member is disabled or ill.
    "materials": [{"order": 5, "required_if": {"field": "has_disability", "equals": True}}],
}

#: Form values that pass (raw, as a browser posts them).
GOOD_VALUES = {
    "applicant_name": "王建军",
    "household_size": "3",
    "income": "1200",
    "has_disability": "",
    "promise": "on",
}


def pdf_file(name: str = "申请书.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@dataclass
class Centres:
    county: ServiceCentre
    luyang: ServiceCentre
    luyang_region: Region


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def frozen(monkeypatch):
    return Freezer(monkeypatch)


@pytest.fixture
def centres(personas) -> Centres:
    luyang_region = Region.objects.get(code="620423101")
    county = ServiceCentre.objects.create(
        name="景泰县政务服务中心",
        kind=CentreKind.COUNTY,
        region=jingtai_county(),
        agency=personas.county_office,
        address="景泰县一条山镇长城路",
        phone="0943-5520000",
        office_hours="工作日 8:30-18:00",
        sort_order=1,
    )
    luyang = ServiceCentre.objects.create(
        name="芦阳镇便民服务中心",
        kind=CentreKind.TOWNSHIP,
        region=luyang_region,
        agency=personas.luyang,
        address="景泰县芦阳镇芦阳村",
        phone="0943-5600000",
        office_hours="工作日 8:30-18:00",
        sort_order=10,
    )
    return Centres(county=county, luyang=luyang, luyang_region=luyang_region)


def online_version(personas: Any, centres: Centres, *, form: dict | None = None, **overrides: Any) -> ItemVersion:
    version = item_published(
        agency=personas.civil_affairs,
        name="最低生活保障审批",
        basic_code="000205001000",
        steps=FREIGHT_STEPS,
        materials=dibao_data()["materials"],
    )
    ItemVersion.objects.filter(pk=version.pk).update(
        application_form=form if form is not None else DIBAO_FORM, **overrides
    )
    version.handling_regions.add(centres.luyang_region)
    version.refresh_from_db()
    return version


@pytest.fixture
def online_item(personas, centres, calendar_2025_2026, frozen, media) -> ItemVersion:
    return online_version(personas, centres)
