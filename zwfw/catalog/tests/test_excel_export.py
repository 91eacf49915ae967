"""Exports of the staff list views (item list with its filters, review queue, publish queue) in XLSX,
CSV and JSON, directly or as a background job with progress, and who may export what."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from zwfw.catalog.excel import export
from zwfw.catalog.services.item import version_submit
from zwfw.catalog.tests.builders import dibao_create
from zwfw.core.models import BackgroundJob
from zwfw.core.models.jobs import JobStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def parse(fmt: str, content: bytes) -> list[dict[str, Any]]:
    if fmt == "xlsx":
        rows = list(load_workbook(io.BytesIO(content)).active.values)
        return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    data = json.loads(content)
    labels = {c["key"]: c["label"] for c in data["columns"]}
    return [{labels[k]: v for k, v in row.items()} for row in data["rows"]]


def body(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def three_drafts(personas):
    versions = [
        dibao_create(actor=personas.sun_li, agency=personas.civil_affairs, basic_code=f"00020500{i}000", name=name)
        for i, name in enumerate(["最低生活保障审批", "特困人员认定", "临时救助审批"], start=1)
    ]
    version_submit(actor=personas.sun_li, version=versions[0])
    return versions


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_item_list_exports_in_each_format(client, personas, three_drafts, fmt):
    login(client, personas.sun_li)
    response = client.get(reverse("catalog_excel:list_export", args=["items"]), {"format": fmt})
    assert response.status_code == 200
    assert f".{fmt}" in response["Content-Disposition"]
    rows = parse(fmt, body(response))
    assert sorted(r["事项名称"] for r in rows) == ["临时救助审批", "最低生活保障审批", "特困人员认定"]
    first = next(r for r in rows if r["事项名称"] == "最低生活保障审批")
    assert first["状态"] == "待审核" and first["实施编码"] == three_drafts[0].item.implementation_code


def test_item_list_export_keeps_the_filters(client, personas, three_drafts):
    login(client, personas.sun_li)
    url = reverse("catalog_excel:list_export", args=["items"])
    rows = parse("json", client.get(url, {"format": "json", "status": "draft"}).content)
    assert sorted(r["事项名称"] for r in rows) == ["临时救助审批", "特困人员认定"]
    rows = parse("json", client.get(url, {"format": "json", "q": "救助"}).content)
    assert [r["事项名称"] for r in rows] == ["临时救助审批"]


def test_queues_export_for_their_roles_only(client, personas, three_drafts):
    reviewer = login(Client(), personas.wu_gang)
    rows = parse("csv", reviewer.get(reverse("catalog_excel:list_export", args=["review"]), {"format": "csv"}).content)
    assert [(r["事项名称"], r["实施主体"]) for r in rows] == [("最低生活保障审批", "县民政局")]
    operator = login(Client(), personas.ma_qiang)
    rows = parse(
        "json", operator.get(reverse("catalog_excel:list_export", args=["publish"]), {"format": "json"}).content
    )
    assert rows == []
    examiner = login(Client(), personas.chen_jing)
    assert examiner.get(reverse("catalog_excel:list_export", args=["review"])).status_code == 403
    assert examiner.get(reverse("catalog_excel:list_export", args=["items"])).status_code == 403
    assert reviewer.get(reverse("catalog_excel:list_export", args=["publish"])).status_code == 403
    assert reviewer.get(reverse("catalog_excel:list_export", args=["nothing"])).status_code == 404


def test_a_big_export_runs_in_the_background_with_progress(client, personas, three_drafts, monkeypatch):
    monkeypatch.setattr(export, "DIRECT_LIMIT", 2)
    from zwfw.catalog.views import excel as views

    monkeypatch.setattr(views, "DIRECT_LIMIT", 2)
    login(client, personas.sun_li)
    response = client.get(reverse("catalog_excel:list_export", args=["items"]), {"format": "xlsx", "q": "审批"})
    assert response.status_code == 200  # only two rows match: answered at once
    response = client.get(reverse("catalog_excel:list_export", args=["items"]), {"format": "xlsx"})
    job = BackgroundJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("core:job_detail", args=[job.pk])
    assert job.status == JobStatus.DONE and job.total == 3 and job.done == 3 and job.percent == 100
    assert job.owner == personas.sun_li and job.params["list"] == "items"
    page = client.get(response.url).content.decode()
    assert "已导出 3 行" in page and 'http-equiv="refresh"' not in page
    download = client.get(reverse("core:job_result", args=[job.pk]))
    assert download["X-Content-Type-Options"] == "nosniff"
    assert len(parse("xlsx", body(download))) == 3
    # someone else's job does not exist for them
    other = login(Client(), personas.chen_jing)
    assert other.get(reverse("core:job_detail", args=[job.pk])).status_code == 404
    assert other.get(reverse("core:job_result", args=[job.pk])).status_code == 404


def test_item_list_page_shows_the_toolbar(client, personas, three_drafts):
    login(client, personas.sun_li)
    page = client.get(reverse("catalog:item_list"), {"page": "1"}).content.decode()
    assert reverse("catalog_excel:item_import") in page
    assert reverse("catalog_excel:list_export", args=["items"]) + "?format=csv&amp;page=1" in page
    reviewer = login(Client(), personas.wu_gang)
    page = reviewer.get(reverse("catalog:review_queue")).content.decode()
    assert reverse("catalog_excel:list_export", args=["review"]) + "?format=xlsx" in page
    assert reverse("catalog_excel:item_import") not in page
