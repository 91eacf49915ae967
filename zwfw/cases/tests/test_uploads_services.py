# ruff: noqa: F811 - the fixtures imported from test_apply_builders are named as arguments
"""Applicants' files: checked by content before anything is written, stored under generated names, owned by the
applicant (a clerk scans for the person), never half-written, and viewable only by those allowed."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from zwfw.cases.models import Upload
from zwfw.cases.selectors import UPLOAD_MAX_BYTES, upload_get_for, uploads_reusable
from zwfw.cases.services.application import draft_create, material_attach
from zwfw.cases.services.uploads import upload_store
from zwfw.core.choices import Outcome
from zwfw.core.models import AuditEvent

from .test_apply_builders import PDF, PNG, centres, docx_bytes, frozen, media, online_item, pdf_file  # noqa: F401

pytestmark = pytest.mark.django_db


def stored(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [
        ("户口簿.pdf", PDF, "pdf"),
        ("照片.png", PNG, "png"),
        ("声明.docx", docx_bytes(), "docx"),
        ("无扩展名", PDF, "pdf"),
    ],
)
def test_allowed_files_are_stored_under_generated_names(personas, media, name, content, extension):
    upload = upload_store(actor=personas.wang_jianjun, file=pdf_file(name, content))
    assert upload.extension == extension and upload.owner == upload.uploaded_by == personas.wang_jianjun
    assert upload.file.name.startswith("cases/uploads/") and upload.file.name.endswith(f".{extension}")
    assert name not in upload.file.name and (media / upload.file.name).read_bytes() == content
    assert upload.original_name == (name if "." in name else f"{name}.pdf")
    event = AuditEvent.objects.get(action="case_upload.store")
    assert event.outcome == Outcome.SUCCESS and event.detail["sha256"] == upload.sha256


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("申请书.pdf", b"<html><script>alert(1)</script></html>", "内容不是允许的类型"),
        ("申请书.pdf", b"MZ\x90\x00" + b"\x00" * 200, "内容不是允许的类型"),
        ("申请书.pdf", PNG, "与扩展名“.pdf”不符"),
        ("空.pdf", b"", "是空文件"),
    ],
)
def test_refused_files_write_nothing_and_are_audited(personas, media, name, content, message):
    with pytest.raises(ValidationError) as caught:
        upload_store(actor=personas.wang_jianjun, file=pdf_file(name, content))
    assert message in caught.value.messages[0]
    assert not Upload.objects.exists() and stored(media) == []
    assert AuditEvent.objects.get(action="case_upload.store").outcome == Outcome.DENIED


def test_the_per_file_cap(personas, media):
    big = pdf_file("大.pdf")
    big.size = UPLOAD_MAX_BYTES + 1
    with pytest.raises(ValidationError) as caught:
        upload_store(actor=personas.wang_jianjun, file=big)
    assert "超过了 20 MB 的上限" in caught.value.messages[0]
    assert stored(media) == []


def test_a_failure_after_storing_removes_the_file(personas, media, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("audit unavailable")

    monkeypatch.setattr("zwfw.cases.services.uploads.audit_record", broken)
    with pytest.raises(RuntimeError):
        upload_store(actor=personas.wang_jianjun, file=pdf_file())
    assert not Upload.objects.exists() and stored(media) == []


def test_only_clerks_upload_for_someone_else_and_only_agents_for_an_organisation(personas, media):
    with pytest.raises(PermissionDenied):
        upload_store(actor=personas.outsider, file=pdf_file(), owner=personas.li_xiuying)
    with pytest.raises(PermissionDenied):
        upload_store(actor=personas.outsider, file=pdf_file(), organisation=personas.green_coop)
    scanned = upload_store(actor=personas.liu_yang, file=pdf_file(), owner=personas.li_xiuying)
    assert scanned.owner == personas.li_xiuying and scanned.uploaded_by == personas.liu_yang
    coop = upload_store(actor=personas.zhao_min, file=pdf_file(), organisation=personas.green_coop)
    assert coop.organisation == personas.green_coop


def test_who_may_open_a_file(personas, media):
    own = upload_store(actor=personas.wang_jianjun, file=pdf_file())
    assert upload_get_for(personas.wang_jianjun, own.pk) == own
    for other in (personas.outsider, personas.chen_jing, personas.liu_yang):
        with pytest.raises(Http404):
            upload_get_for(other, own.pk)
    scanned = upload_store(actor=personas.liu_yang, file=pdf_file(), owner=personas.li_xiuying)
    assert upload_get_for(personas.liu_yang, scanned.pk) == scanned
    assert upload_get_for(personas.li_xiuying, scanned.pk) == scanned
    with pytest.raises(Http404):
        upload_get_for(personas.wang_jianjun, "not-a-number")


def test_the_same_content_twice_is_one_material_and_offered_once(personas, online_item):
    draft = draft_create(actor=personas.wang_jianjun, item=online_item.item)
    requirement = online_item.materials.get(order=1)
    first = upload_store(actor=personas.wang_jianjun, file=pdf_file("a.pdf"))
    again = upload_store(actor=personas.wang_jianjun, file=pdf_file("a.pdf"))  # a double-posted upload
    material = material_attach(actor=personas.wang_jianjun, application=draft, requirement=requirement, upload=first)
    assert (
        material_attach(actor=personas.wang_jianjun, application=draft, requirement=requirement, upload=again).pk
        == material.pk
    )
    other_draft_offer = uploads_reusable(draft)
    assert first not in other_draft_offer and again not in other_draft_offer
