"""The demonstration seed leaves no files behind when a case's transaction rolls back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from zwfw.cases.models import Case, CaseDocument, Upload
from zwfw.core import clock
from zwfw.demo import cases as demo_cases
from zwfw.demo.tests.test_cases_seed import at, county  # noqa: F401 - the county with its people and items

pytestmark = pytest.mark.django_db


def files_on_disk() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def files_in_rows() -> set[str]:
    names = set(Upload.objects.values_list("file", flat=True))
    return names | set(CaseDocument.objects.values_list("file", flat=True))


def test_a_case_failing_mid_seed_leaves_neither_rows_nor_files(county, monkeypatch):  # noqa: F811
    at(monkeypatch, dt.datetime(2026, 11, 27, 10, tzinfo=clock.COUNTY_TZ))
    written_before_failure: list[int] = []

    def deliver_fails(**kwargs):
        # By now the seed has stored the papers, the receipt, the acceptance notice and the decision PDF.
        written_before_failure.append(len(files_on_disk()))
        raise RuntimeError("送达时磁盘已满")

    monkeypatch.setattr(demo_cases.handling, "case_deliver", deliver_fails)
    with pytest.raises(RuntimeError):
        demo_cases.cases_seed()
    assert written_before_failure and written_before_failure[0] >= 4
    assert not Case.objects.exists() and not Upload.objects.exists()
    assert files_on_disk() == set()  # the first case's files went with its rows
    assert "save" not in vars(default_storage._wrapped)  # the storage is itself again

    # The seed runs again, complete, once the fault is gone: every file on disk belongs to a row.
    monkeypatch.undo()
    at(monkeypatch, dt.datetime(2026, 11, 27, 10, tzinfo=clock.COUNTY_TZ))
    assert demo_cases.cases_seed()["created"] == 4
    assert files_on_disk() == files_in_rows() != set()


def test_a_case_skipped_for_a_missing_calendar_year_leaves_no_files(county, monkeypatch):  # noqa: F811
    # On 2026-12-28 the food permit's 10 working days run into 2027: that case is rolled back after its
    # papers, receipt and acceptance notice were written.
    at(monkeypatch, dt.datetime(2026, 12, 28, 10, tzinfo=clock.COUNTY_TZ))
    tally = demo_cases.cases_seed()
    assert tally["skipped_calendar"] >= 1
    assert files_on_disk() == files_in_rows()


def test_files_written_in_a_committed_block_stay(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with demo_cases.files_removed_on_rollback() as written:
        name = default_storage.save("cases/documents/kept.pdf", ContentFile(b"%PDF-1.4\n"))
    assert written == [name] and default_storage.exists(name)
    with pytest.raises(ValueError), demo_cases.files_removed_on_rollback() as written:
        gone = default_storage.save("cases/documents/gone.pdf", ContentFile(b"%PDF-1.4\n"))
        raise ValueError("失败")
    assert written == [gone] and not default_storage.exists(gone) and default_storage.exists(name)
    assert "save" not in vars(default_storage._wrapped)
