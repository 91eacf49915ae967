"""Attachments: typed by content against the allow-list, capped in size, never half-written."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zwfw.core.choices import Outcome
from zwfw.core.models import AuditEvent
from zwfw.openinfo.constants import ATTACHMENT_MAX_BYTES
from zwfw.openinfo.models import OpenInfoAttachment
from zwfw.openinfo.services import attachment_add, attachment_remove, openinfo_publish, openinfo_withdraw
from zwfw.openinfo.services.files import attachment_name_clean

from .builders import docx_bytes, draft, ofd_bytes, pdf_bytes, png_bytes, upload, zip_bytes

pytestmark = pytest.mark.django_db


def _stored_files(media_root) -> list:
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


@pytest.mark.parametrize(
    ("name", "content", "extension", "content_type"),
    [
        ("供暖通知.pdf", pdf_bytes(), "pdf", "application/pdf"),
        ("现场照片.png", png_bytes(), "png", "image/png"),
        (
            "报名表.docx",
            docx_bytes(),
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("正式文件.ofd", ofd_bytes(), "ofd", "application/ofd"),
        ("没有扩展名", pdf_bytes(), "pdf", "application/pdf"),
    ],
)
def test_allowed_types_are_stored_under_a_generated_name(personas, media_root, name, content, extension, content_type):
    info = draft(personas.sun_li, personas.civil_affairs)
    attachment = attachment_add(
        actor=personas.sun_li, info=info, upload=upload(name, content, content_type="text/html")
    )
    assert attachment.content_type == content_type and attachment.extension == extension
    assert attachment.original_name == (name if "." in name else f"{name}.pdf")
    assert attachment.size == len(content) and attachment.sha256 == hashlib.sha256(content).hexdigest()
    stored = attachment.file.name
    assert stored.startswith("openinfo/") and stored.endswith(f".{extension}") and name not in stored
    assert (media_root / stored).read_bytes() == content
    event = AuditEvent.objects.get(action="openinfo.attachment_add")
    assert event.object_id == str(info.pk) and event.detail["name"] == attachment.original_name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("通知.pdf", b"<html><script>alert(1)</script></html>", "内容不是允许的类型"),
        ("通知.pdf", b"MZ\x90\x00" + b"\x00" * 200, "内容不是允许的类型"),
        ("通知.pdf", png_bytes(), "与扩展名“.pdf”不符"),
        ("材料.zip", zip_bytes({"a.txt": b"hello"}), "内容不是允许的类型"),
        ("材料.docx", zip_bytes({"a.txt": b"hello"}), "内容不是允许的类型"),
        ("空文件.pdf", b"", "是空文件"),
    ],
)
def test_refused_uploads_write_nothing(personas, media_root, name, content, message):
    info = draft(personas.sun_li, personas.civil_affairs)
    with pytest.raises(ValidationError) as caught:
        attachment_add(actor=personas.sun_li, info=info, upload=upload(name, content))
    assert list(caught.value.message_dict) == ["file"]
    assert message in caught.value.message_dict["file"][0]
    assert not OpenInfoAttachment.objects.exists()
    assert _stored_files(media_root) == []
    refusal = AuditEvent.objects.get(action="openinfo.attachment_add")
    assert refusal.outcome == Outcome.DENIED


def test_too_big_is_refused_before_anything_is_read_or_written(personas, media_root):
    info = draft(personas.sun_li, personas.civil_affairs)
    big = upload("年报.pdf", pdf_bytes())
    big.size = ATTACHMENT_MAX_BYTES + 1  # as Django reports it for a streamed upload
    with pytest.raises(ValidationError) as caught:
        attachment_add(actor=personas.sun_li, info=info, upload=big)
    assert "超过了 20 MB 的上限" in caught.value.messages[0]
    assert not OpenInfoAttachment.objects.exists() and _stored_files(media_root) == []


def test_a_failure_after_storing_removes_the_stored_file(personas, media_root, monkeypatch):
    info = draft(personas.sun_li, personas.civil_affairs)

    def broken(**kwargs):
        raise RuntimeError("audit unavailable")

    monkeypatch.setattr("zwfw.openinfo.services.attachment.audit_record", broken)
    with pytest.raises(RuntimeError):
        attachment_add(actor=personas.sun_li, info=info, upload=upload("通知.pdf", pdf_bytes()))
    assert not OpenInfoAttachment.objects.exists() and _stored_files(media_root) == []


def test_the_same_file_twice_is_one_attachment(personas):
    info = draft(personas.sun_li, personas.civil_affairs)
    first = attachment_add(actor=personas.sun_li, info=info, upload=upload("通知.pdf", pdf_bytes()))
    again = attachment_add(actor=personas.sun_li, info=info, upload=upload("通知.pdf", pdf_bytes()))
    assert first.pk == again.pk and OpenInfoAttachment.objects.count() == 1


def test_another_agency_cannot_attach_or_remove(personas, media_root):
    info = draft(personas.sun_li, personas.civil_affairs)
    with pytest.raises(PermissionDenied):
        attachment_add(actor=personas.chen_jing, info=info, upload=upload("通知.pdf", pdf_bytes()))
    attachment = attachment_add(actor=personas.sun_li, info=info, upload=upload("通知.pdf", pdf_bytes()))
    with pytest.raises(PermissionDenied):
        attachment_remove(actor=personas.chen_jing, attachment=attachment)
    assert OpenInfoAttachment.objects.count() == 1


def test_remove_deletes_row_and_file_after_commit_and_is_idempotent(
    personas, media_root, django_capture_on_commit_callbacks
):
    info = draft(personas.sun_li, personas.civil_affairs)
    attachment = attachment_add(actor=personas.sun_li, info=info, upload=upload("通知.pdf", pdf_bytes()))
    stored = media_root / attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        assert attachment_remove(actor=personas.sun_li, attachment=attachment)
    assert not OpenInfoAttachment.objects.exists() and not stored.exists()
    assert not attachment_remove(actor=personas.sun_li, attachment=attachment)
    assert AuditEvent.objects.filter(action="openinfo.attachment_remove", outcome=Outcome.SUCCESS).count() == 1


def test_the_only_content_of_a_published_entry_cannot_be_removed(personas):
    info = draft(personas.sun_li, personas.civil_affairs, body="")
    attachment = attachment_add(actor=personas.sun_li, info=info, upload=upload("年报.pdf", pdf_bytes()))
    openinfo_publish(actor=personas.sun_li, info=info, secrecy_reviewed=True)  # attachment only: allowed
    with pytest.raises(ValidationError, match="唯一内容"):
        attachment_remove(actor=personas.sun_li, attachment=attachment)
    openinfo_withdraw(actor=personas.sun_li, info=info, reason="重新整理")
    assert attachment_remove(actor=personas.sun_li, attachment=attachment)


def test_display_names_lose_folders_and_control_characters():
    assert attachment_name_clean("C:\\Users\\张三\\Desktop\\通知.PDF", "pdf") == "通知.pdf"
    assert attachment_name_clean("../../etc/passwd\x00.pdf", "pdf") == "passwd.pdf"
    assert attachment_name_clean("", "png") == "附件.png"
    long_name = "很" * 300 + ".docx"
    cleaned = attachment_name_clean(long_name, "docx")
    assert cleaned.endswith(".docx") and len(cleaned) == 120
