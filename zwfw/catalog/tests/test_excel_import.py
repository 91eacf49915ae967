"""Excel import of items (issue 3, item 3): template round-trip, every bad row reported and nothing
imported until the workbook is clean, file checks, another agency's code, duplicates, idempotent re-upload."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from zwfw.catalog.choices import VersionStatus
from zwfw.catalog.excel.reader import MAX_UPLOAD_BYTES
from zwfw.catalog.excel.schema import SHEETS
from zwfw.catalog.models import ItemVersion, ServiceItem
from zwfw.catalog.tests.builders import dibao_create
from zwfw.core.models import AuditEvent, BackgroundJob
from zwfw.core.models.jobs import JobStatus

pytestmark = pytest.mark.django_db

HEADERS = {sheet.name: {col.key: col.header for col in sheet.columns} for sheet in SHEETS}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def good_item(key: str, code: str, name: str, **extra: Any) -> dict[str, Any]:
    return {
        "row_key": key,
        "basic_code": code,
        "use_level": "区县级",
        "name": name,
        "item_type": "行政确认",
        "service_objects": "自然人、企业法人",
        "case_type": "承诺件",
        "review_kind": "前审后批",
        "legal_limit_days": 20,
        "promised_limit_days": 10,
        "is_free": "是",
        "handling_forms": "窗口办理、网上办理",
        "online_depth": "Ⅲ级：在线预审",
        "handling_place": "县政务服务中心二楼8号窗口",
        "handling_hours": "工作日 8:30-18:00",
        "consult_phone": "0943-5520001",
        "complaint_phone": "0943-5520002",
        "result_type": "出文办结",
        "result_name": "确认书",
        **extra,
    }


def fill(workbook_bytes: bytes, rows: dict[str, list[dict[str, Any]]]) -> bytes:
    """Append rows (by column key) to the sheets of a downloaded template, the way a person would."""
    workbook = load_workbook(io.BytesIO(workbook_bytes))
    for sheet_name, sheet_rows in rows.items():
        ws = workbook[sheet_name]
        headers = [c.value for c in ws[1]]
        start = max(c.row for row in ws.iter_rows() for c in row if c.value not in (None, "")) + 1
        for offset, row in enumerate(sheet_rows):
            for key, value in row.items():
                ws.cell(row=start + offset, column=headers.index(HEADERS[sheet_name][key]) + 1, value=value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def template(client: Client) -> bytes:
    response = client.get(reverse("catalog_excel:template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response.content


def upload(client: Client, content: bytes, name: str = "事项.xlsx") -> Any:
    return client.post(
        reverse("catalog_excel:item_import"), {"workbook": SimpleUploadedFile(name, content)}, follow=True
    )


def two_items() -> dict[str, list[dict[str, Any]]]:
    return {
        "事项": [
            good_item("1", "000207001000", "结婚登记预约确认"),
            good_item("2", "000207002000", "养老服务机构备案"),
        ],
        "申请材料": [
            {"row_key": "1", "name": "居民身份证", "is_required": "是", "form": "原件和复印件", "copies": 1},
            {"row_key": "1", "name": "户口簿", "form": "原件"},
            {"row_key": "2", "name": "备案书", "is_required": "否", "copies": 2, "source": "窗口提供"},
        ],
        "收费": [{"row_key": "2", "name": "工本费", "standard": "10元", "legal_basis": "某收费文件"}],
        "办理流程": [
            {"row_key": "1", "name": "受理", "handler": "窗口", "time_limit_days": 1},
            {"row_key": "1", "name": "决定", "time_limit_days": 5},
            {"row_key": "2", "name": "受理", "time_limit_days": 1},
        ],
        "常见问题": [{"row_key": "2", "question": "需要预约吗？", "answer": "不需要。"}],
    }


def test_template_has_the_sheets_headers_dropdowns_and_an_example(client, personas):
    login(client, personas.sun_li)
    workbook = load_workbook(io.BytesIO(template(client)))
    assert workbook.sheetnames[:6] == ["说明", "事项", "申请材料", "收费", "办理流程", "常见问题"]
    assert workbook["代码表"].sheet_state == "hidden"
    items = workbook["事项"]
    headers = [c.value for c in items[1]]
    for header in ("行键", "基本编码", "事项名称", "事项类型", "法定办结时限（工作日）", "咨询电话"):
        assert header in headers
    assert items.cell(row=2, column=1).value == "示例"
    ranges = {str(dv.sqref).split(":")[0][:-1]: dv.formula1 for dv in items.data_validations.dataValidation}
    type_letter = chr(ord("A") + headers.index("事项类型"))
    assert type_letter in ranges and "代码表" in ranges[type_letter]
    codes = workbook["代码表"]
    values = [c.value for col in codes.iter_cols() for c in col]
    assert "行政许可" in values and "公共服务" in values
    assert "景泰县民政局" in " ".join(str(c.value) for c in workbook["说明"]["A"])


def test_template_round_trip_creates_drafts_with_their_lists(client, personas):
    login(client, personas.sun_li)
    response = upload(client, fill(template(client), two_items()))
    job = BackgroundJob.objects.get()
    assert response.status_code == 200 and job.status == JobStatus.DONE, job.message
    assert "已导入 2 个事项" in response.content.decode()
    first = ItemVersion.objects.get(name="结婚登记预约确认")
    assert first.status == VersionStatus.DRAFT and first.item.agency == personas.civil_affairs
    assert first.item.basic_code == "000207001000" and first.created_by == personas.sun_li
    assert first.service_objects == ["1", "2"] and first.handling_forms == ["window", "online"]
    assert [(m.name, m.form) for m in first.materials.all()] == [("居民身份证", "both"), ("户口簿", "original")]
    assert [s.time_limit_days for s in first.steps.all()] == [1, 5]
    second = ItemVersion.objects.get(name="养老服务机构备案")
    assert second.materials.get().is_required is False and second.materials.get().copies == 2
    assert second.fees.get().standard == "10元" and second.faqs.get().answer == "不需要。"
    # the example rows were skipped; the audit log shows each draft and the import
    assert ServiceItem.objects.count() == 2
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count("item.create") == 2 and "item.import" in actions
    # the result lists what was imported
    result = client.get(reverse("core:job_result", args=[job.pk]))
    rows = list(load_workbook(io.BytesIO(b"".join(result.streaming_content))).active.values)
    assert {r[1] for r in rows[1:]} == {"结婚登记预约确认", "养老服务机构备案"}


def test_every_bad_row_is_reported_and_nothing_is_imported_until_clean(client, personas):
    dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)  # basic code 000205001000 exists
    login(client, personas.sun_li)
    blank = template(client)
    rows = two_items()
    rows["事项"] += [
        good_item("3", "000205001000", "重复的低保"),  # against an existing item
        good_item("4", "000207001000", "本文件内重复"),  # within the file
        good_item("5", "12AB", "编码太短", item_type="行政审批"),  # bad code, unknown type
        good_item("6", "000207006000", "", legal_limit_days="十天", promised_limit_days=30),
        good_item("7", "000207007000", "另一机构", agency_uscc=personas.market.uscc),
        good_item("8", "000207008000", "时限颠倒", legal_limit_days=5, promised_limit_days=9),
    ]
    rows["申请材料"].append({"row_key": "99", "name": "孤儿材料"})
    rows["办理流程"].append({"row_key": "2", "name": "", "time_limit_days": -1})
    response = upload(client, fill(blank, rows))
    job = BackgroundJob.objects.get()
    assert job.status == JobStatus.FAILED
    errors = job.report["errors"]
    found = {(e["sheet"], e["row"], e["column"]) for e in errors}
    # rows 2 and 3 of 事项 are the example and item 1; the bad ones start at row 5
    assert ("事项", 5, "基本编码") in found  # 000205001000 already exists
    assert ("事项", 6, "基本编码") in found  # duplicate of row 3
    assert ("事项", 7, "基本编码") in found and ("事项", 7, "事项类型") in found
    assert ("事项", 8, "事项名称") in found and ("事项", 8, "法定办结时限（工作日）") in found
    assert ("事项", 9, "实施主体统一社会信用代码") in found
    assert ("事项", 10, "承诺办结时限（工作日）") in found
    assert ("申请材料", 7, "行键") in found
    assert ("办理流程", 7, "环节名称") in found and ("办理流程", 7, "时限（工作日）") in found
    messages = " ".join(e["message"] for e in errors)
    assert "县市场监管局" in messages and "与第3行重复" in messages and "本机构已有基本编码为000205001000" in messages
    assert job.report["error_count"] == len(errors) >= 10
    # nothing of the good rows was imported
    assert ServiceItem.objects.count() == 1
    page = response.content.decode()
    assert "没有导入任何事项" in page and "另一机构" not in page and "县市场监管局" in page
    # the downloadable report holds every error
    report = load_workbook(
        io.BytesIO(b"".join(client.get(reverse("core:job_result", args=[job.pk])).streaming_content))
    )
    assert report.active.max_row == len(errors) + 1

    # fixed: only the good rows remain → imported
    response = upload(client, fill(blank, two_items()))
    assert ServiceItem.objects.count() == 3
    assert BackgroundJob.objects.filter(status=JobStatus.DONE).count() == 1


def test_a_service_refusal_rolls_back_every_draft(client, personas, monkeypatch):
    """The services are the last word: one refusal at write time and no draft of the file stays."""
    from zwfw.catalog.excel import importer

    real = importer.item_create
    calls = []

    def flaky(**kwargs):
        calls.append(kwargs["basic_code"])
        if len(calls) == 2:
            from django.core.exceptions import ValidationError

            raise ValidationError({"consult_phone": ["咨询电话格式不正确。"]})
        return real(**kwargs)

    monkeypatch.setattr(importer, "item_create", flaky)
    login(client, personas.sun_li)
    upload(client, fill(template(client), two_items()))
    job = BackgroundJob.objects.get()
    assert job.status == JobStatus.FAILED and len(calls) == 2
    assert job.report["errors"] == [
        {"sheet": "事项", "row": 4, "column": "咨询电话", "message": "咨询电话格式不正确。"}
    ]
    assert ServiceItem.objects.count() == 0 and not AuditEvent.objects.filter(action="item.import").exists()


def test_wrong_file_type_is_refused_by_content(client, personas):
    login(client, personas.sun_li)
    response = client.post(
        reverse("catalog_excel:item_import"),
        {"workbook": SimpleUploadedFile("事项.xlsx", b"name,code\n\xe4\xba\x8b,1\n", content_type=XLSX)},
    )
    assert response.status_code == 400 and "不是 Excel 工作簿" in response.content.decode()
    # a real zip that is not a workbook, named .xlsx
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    response = client.post(
        reverse("catalog_excel:item_import"), {"workbook": SimpleUploadedFile("a.xlsx", buffer.getvalue())}
    )
    assert response.status_code == 400
    assert not BackgroundJob.objects.exists()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_too_big_file_is_refused(client, personas):
    login(client, personas.sun_li)
    big = template(client) + b"\0" * (MAX_UPLOAD_BYTES + 1)
    response = client.post(reverse("catalog_excel:item_import"), {"workbook": SimpleUploadedFile("big.xlsx", big)})
    assert response.status_code == 400 and "文件过大" in response.content.decode()
    assert not BackgroundJob.objects.exists()


def test_missing_sheet_and_header_are_named(client, personas):
    login(client, personas.sun_li)
    workbook = load_workbook(io.BytesIO(template(client)))
    del workbook["常见问题"]
    workbook["事项"].cell(row=1, column=5).value = "名称"  # was 事项名称
    out = io.BytesIO()
    workbook.save(out)
    upload(client, out.getvalue())
    job = BackgroundJob.objects.get()
    messages = [e["message"] for e in job.report["errors"]]
    assert job.status == JobStatus.FAILED
    assert any("缺少工作表“常见问题”" in m for m in messages)
    assert any("“事项”缺少表头：事项名称" in m for m in messages)


def test_too_many_rows_is_refused(client, personas, monkeypatch):
    from zwfw.catalog.excel import reader

    monkeypatch.setattr(reader, "MAX_ITEM_ROWS", 3)
    login(client, personas.sun_li)
    rows = {"事项": [good_item(str(i), f"00020700{i}000", f"事项{i}") for i in range(1, 5)]}
    upload(client, fill(template(client), rows))
    job = BackgroundJob.objects.get()
    assert job.status == JobStatus.FAILED and "超过 3 行" in job.report["errors"][0]["message"]
    assert ServiceItem.objects.count() == 0


def test_same_file_is_not_imported_twice(client, personas):
    login(client, personas.sun_li)
    content = fill(template(client), two_items())
    upload(client, content)
    response = upload(client, content, name="再来一次.xlsx")
    assert "没有重复导入" in response.content.decode()
    assert BackgroundJob.objects.count() == 1 and ServiceItem.objects.count() == 2
    # another manager of the same agency uploading it is told too, and nothing is imported
    from zwfw.org.choices import Role
    from zwfw.org.models import Membership

    Membership.objects.create(user=personas.chen_jing, agency=personas.civil_affairs, role=Role.ITEM_MANAGER)
    other = login(Client(), personas.chen_jing)
    session = other.session
    session["zwfw_staff_agency_id"] = personas.civil_affairs.pk
    session.save()
    response = upload(other, content)
    assert "没有重复导入" in response.content.decode()
    assert ServiceItem.objects.count() == 2 and BackgroundJob.objects.count() == 1


def test_a_failed_file_may_be_uploaded_again(client, personas):
    login(client, personas.sun_li)
    rows = {"事项": [good_item("1", "BAD", "坏编码")]}
    content = fill(template(client), rows)
    upload(client, content)
    upload(client, content)
    assert BackgroundJob.objects.filter(status=JobStatus.FAILED).count() == 2


def test_only_the_agencys_item_manager_may_import(client, personas):
    login(client, personas.chen_jing)  # an examiner, not an item manager
    assert client.get(reverse("catalog_excel:item_import")).status_code == 403
    assert client.get(reverse("catalog_excel:template")).status_code == 403
    anonymous = Client()
    assert anonymous.get(reverse("catalog_excel:item_import")).status_code == 302


def test_reading_reports_progress_every_n_rows(client, personas):
    from zwfw.catalog.excel.reader import workbook_read

    login(client, personas.sun_li)
    rows = {"事项": [good_item(str(i), f"00020800{i:04d}", f"事项{i}") for i in range(1, 8)]}
    seen: list[tuple[int, int]] = []
    parsed = workbook_read(
        fill(template(client), rows), agency=personas.civil_affairs, progress=lambda d, t: seen.append((d, t)), every=3
    )
    # 7 items + 7 example rows of the template: 14 rows read, reported at 3, 6, 9, 12 and at the end
    assert parsed.errors == [] and len(parsed.items) == 7 and parsed.rows == 14
    assert seen == [(3, 14), (6, 14), (9, 14), (12, 14), (14, 14)]


def _queued_import(personas, content: bytes) -> BackgroundJob:
    from django.core.files.base import ContentFile

    from zwfw.catalog.excel.tasks import IMPORT_KIND
    from zwfw.core.services.jobs import job_create

    job, created = job_create(
        owner=personas.sun_li,
        kind=IMPORT_KIND,
        title="导入",
        agency_id=personas.civil_affairs.pk,
        input_file=ContentFile(content, name="a.xlsx"),
        input_sha256="d" * 64,
    )
    assert created
    return job


def test_the_task_rechecks_the_role_when_it_runs(client, personas):
    from zwfw.catalog.excel.tasks import item_import_task
    from zwfw.org.models import Membership

    login(client, personas.sun_li)
    job = _queued_import(personas, fill(template(client), two_items()))
    Membership.objects.filter(user=personas.sun_li).update(is_active=False)  # her role ends before the worker runs
    item_import_task.call(str(job.pk))
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "不是该机构的事项管理员" in job.message
    assert ServiceItem.objects.count() == 0


def test_a_task_run_twice_imports_once(client, personas):
    from zwfw.catalog.excel.tasks import item_import_task

    login(client, personas.sun_li)
    job = _queued_import(personas, fill(template(client), two_items()))
    item_import_task.call(str(job.pk))
    item_import_task.call(str(job.pk))  # a worker restarted and ran it again
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and ServiceItem.objects.count() == 2
