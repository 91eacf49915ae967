"""Background jobs: the services (create with input idempotency, start, progress, finish, fail) and the
pages (owner or viewer permission only, refreshing on request while running, result as an attachment)."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from zwfw.core.models import AuditEvent, BackgroundJob
from zwfw.core.models.jobs import JobStatus
from zwfw.core.services.jobs import (
    job_create,
    job_fail,
    job_finish,
    job_progress,
    job_running,
    job_start,
    sha256_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def new_job(owner, **kwargs) -> BackgroundJob:
    job, created = job_create(owner=owner, kind="test.export", title="导出测试", **kwargs)
    assert created
    return job


def test_create_is_audited_and_the_input_is_stored_under_a_generated_name(personas):
    upload = ContentFile(b"workbook bytes", name="../../etc/事项.xlsx")
    digest = sha256_of(io.BytesIO(b"workbook bytes"))
    job = new_job(personas.sun_li, input_file=upload, input_sha256=digest, agency_id=personas.civil_affairs.pk)
    assert job.status == JobStatus.QUEUED and job.input_sha256 == digest
    assert job.input_file.name.startswith("jobs/in/") and job.input_file.name.endswith(".xlsx")
    assert "事项" not in job.input_file.name and ".." not in job.input_file.name
    assert job.input_file.read() == b"workbook bytes"
    assert AuditEvent.objects.filter(action="background_job.create", object_id=str(job.pk)).exists()


def test_same_input_gives_the_live_or_successful_job_back(personas):
    kwargs = {"input_sha256": "a" * 64, "agency_id": personas.civil_affairs.pk}
    first = new_job(personas.sun_li, **kwargs)
    again, created = job_create(owner=personas.sun_li, kind="test.export", title="再次", **kwargs)
    assert not created and again.pk == first.pk
    job_start(job_id=first.pk)
    job_finish(job_id=first.pk, message="完成")
    again, created = job_create(owner=personas.sun_li, kind="test.export", title="再次", **kwargs)
    assert not created and again.pk == first.pk
    # another agency, or another kind, is another job
    _, created = job_create(owner=personas.sun_li, kind="test.export", title="x", input_sha256="a" * 64, agency_id=999)
    assert created
    # after a failure the same input may run again
    other = new_job(personas.sun_li, input_sha256="b" * 64)
    job_fail(job_id=other.pk, message="坏文件")
    _, created = job_create(owner=personas.sun_li, kind="test.export", title="y", input_sha256="b" * 64)
    assert created


def test_the_database_refuses_two_live_jobs_for_one_input(personas):
    from django.db import IntegrityError, transaction

    new_job(personas.sun_li, input_sha256="c" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        BackgroundJob.objects.create(kind="test.export", title="t", owner=personas.sun_li, input_sha256="c" * 64)


def test_start_progress_finish_are_conditional(personas):
    job = new_job(personas.sun_li)
    job_progress(job_id=job.pk, done=5, total=10)  # not running yet: ignored
    job.refresh_from_db()
    assert job.done == 0
    assert job_start(job_id=job.pk, total=10) is not None
    assert job_start(job_id=job.pk) is None  # a second worker does not start it again
    job_progress(job_id=job.pk, done=4)
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.percent) == (JobStatus.RUNNING, 4, 10, 40)
    finished = job_finish(job_id=job.pk, message="已导出 10 行。", result=b"a,b\n", result_name="清单.csv")
    assert finished is not None and finished.status == JobStatus.DONE and finished.done == 10
    assert finished.result.name.startswith("jobs/out/") and finished.result.read() == b"a,b\n"
    assert job_fail(job_id=job.pk, message="迟到的失败") is None  # already finished: nothing changes
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.finished_at is not None
    assert AuditEvent.objects.filter(action="background_job.finish").count() == 1
    assert not AuditEvent.objects.filter(action="background_job.fail").exists()


def test_an_unexpected_error_fails_the_job_with_a_chinese_message(personas):
    job = new_job(personas.sun_li)
    with job_running(job.pk) as running:
        assert running is not None
        raise RuntimeError("boom")
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "意外错误" in job.message
    with job_running(job.pk) as again:  # run twice: the body is told to stop
        assert again is None


def test_a_body_that_forgets_to_finish_fails_the_job(personas):
    job = new_job(personas.sun_li)
    with job_running(job.pk):
        pass
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED


def test_the_page_refreshes_on_request_while_running_and_shows_the_result_when_done(personas):
    job = new_job(personas.sun_li)
    job_start(job_id=job.pk, total=200)
    job_progress(job_id=job.pk, done=50)
    owner = login(personas.sun_li)
    page = owner.get(reverse("core:job_detail", args=[job.pk])).content.decode()
    # Nothing moves unasked (WCAG 2.2.1): a refresh link, and automatic refresh only when chosen.
    assert 'http-equiv="refresh"' not in page and "已处理 50 / 200" in page and "刷新进度" in page
    assert 'value="25"' in page
    page = owner.get(reverse("core:job_detail", args=[job.pk]), {"refresh": "1"}).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page and "停止自动刷新" in page
    job_fail(
        job_id=job.pk,
        message="发现 1 处错误",
        report={"errors": [{"sheet": "事项", "row": 3, "column": "基本编码", "message": "基本编码应为12位"}]},
        result=b"PK",
        result_name="导入错误清单.xlsx",
    )
    page = owner.get(reverse("core:job_detail", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert "发现 1 处错误" in page and "基本编码应为12位" in page and "导入错误清单.xlsx" in page
    response = owner.get(reverse("core:job_result", args=[job.pk]))
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    assert "导出测试" in owner.get(reverse("core:job_list")).content.decode()


def test_only_the_owner_or_a_viewer_permission_holder_sees_a_job(personas):
    job = new_job(personas.sun_li, viewer_permission="catalog.publish_item")
    job_finish(job_id=job.pk, message="完成", result=b"x", result_name="a.csv")
    url = reverse("core:job_detail", args=[job.pk])
    result_url = reverse("core:job_result", args=[job.pk])
    for stranger in (personas.chen_jing, personas.wu_gang, personas.outsider):
        client = login(stranger)
        assert client.get(url).status_code == 404
        assert client.get(result_url).status_code == 404
        assert "导出测试" not in client.get(reverse("core:job_list")).content.decode()
    operator = login(personas.ma_qiang)  # 平台运营人员 holds catalog.publish_item
    assert operator.get(url).status_code == 200 and operator.get(result_url).status_code == 200
    assert Client().get(url).status_code == 302  # anonymous: to the login page
    no_result = new_job(personas.sun_li)
    assert login(personas.sun_li).get(reverse("core:job_result", args=[no_result.pk])).status_code == 404
