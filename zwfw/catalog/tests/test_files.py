"""Guide files (空白表格, 示例样表, 结果样本): uploaded in the editor, checked from their content, stored under
generated names, immutable once submitted, public only through the published guide."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from zwfw.catalog.choices import VersionStatus
from zwfw.catalog.models import ItemVersion
from zwfw.catalog.services import _files
from zwfw.catalog.services.item import (
    item_revise,
    version_approve,
    version_publish,
    version_submit,
    version_update,
)
from zwfw.catalog.tests.builders import dibao_create, dibao_data, published_dibao
from zwfw.catalog.tests.editor_post import editor_post

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde" + b"\x00" * 64
)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return buffer.getvalue()


def pdf(name: str = "申请书.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def materials_with(files: dict[int, dict]) -> list[dict]:
    rows = dibao_data()["materials"]
    for index, extra in files.items():
        rows[index] = {**rows[index], **extra}
    return rows


# --- the service ----------------------------------------------------------------------------------


def test_an_upload_is_stored_under_a_generated_name_in_its_folder(personas, media):
    draft = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    changed = version_update(
        actor=personas.sun_li,
        version=draft,
        data={
            "materials": materials_with({0: {"blank_form": pdf("../../etc/申请书.pdf")}, 1: {"sample": pdf()}}),
            "result_sample": SimpleUploadedFile("证.png", PNG),
        },
    )
    assert changed == ["materials", "result_sample"]
    first = draft.materials.get(order=1)
    assert first.blank_form.name.startswith("catalog/forms/") and first.blank_form.name.endswith(".pdf")
    assert "申请书" not in first.blank_form.name and ".." not in first.blank_form.name
    assert draft.materials.get(order=2).sample.name.startswith("catalog/samples/")
    draft.refresh_from_db()
    assert draft.result_sample.name.startswith("catalog/results/") and draft.result_sample.name.endswith(".png")
    assert first.blank_form.read() == PDF
    assert len(stored_files(media)) == 3


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"<html><script>alert(1)</script></html>", "html"),
        (b"MZ\x90\x00" + b"\x00" * 200, "exe"),
        (b"PK\x03\x04" + b"\x00" * 100, "plain zip"),
        (b"just text pretending to be a pdf", "text"),
    ],
)
def test_a_file_that_is_not_an_allowed_type_by_content_is_refused_whatever_its_name(personas, media, content, kind):
    draft = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    with pytest.raises(ValidationError) as caught:
        version_update(
            actor=personas.sun_li,
            version=draft,
            data={"materials": materials_with({2: {"blank_form": pdf("授权书.pdf", content)}})},
        )
    message = " ".join(caught.value.messages)
    assert "申请材料第3项（家庭经济状况核对授权书）的“空白表格”" in message and "PDF" in message
    assert stored_files(media) == []  # nothing written: no file …
    assert not draft.materials.exclude(blank_form="").exists()  # … and no row changed


def test_a_file_over_the_size_cap_is_refused_and_nothing_changes(personas, media):
    draft = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    big = pdf("大文件.pdf", PDF + b"0" * _files.GUIDE_FILE_MAX_BYTES)
    with pytest.raises(ValidationError) as caught:
        version_update(actor=personas.sun_li, version=draft, data={"materials": materials_with({0: {"sample": big}})})
    assert "超过 10 MB" in " ".join(caught.value.messages)
    assert stored_files(media) == []


def test_an_empty_file_is_refused(personas, media):
    draft = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    with pytest.raises(ValidationError, match="空文件"):
        version_update(actor=personas.sun_li, version=draft, data={"result_sample": SimpleUploadedFile("a.pdf", b"")})


def test_word_excel_and_images_are_accepted(personas, media):
    import openpyxl

    workbook = io.BytesIO()
    openpyxl.Workbook().save(workbook)
    draft = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    version_update(
        actor=personas.sun_li,
        version=draft,
        data={
            "materials": materials_with(
                {
                    0: {"blank_form": SimpleUploadedFile("a.docx", docx_bytes())},
                    1: {"blank_form": SimpleUploadedFile("b.xlsx", workbook.getvalue())},
                    2: {"blank_form": SimpleUploadedFile("c.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64)},
                }
            )
        },
    )
    names = [m.blank_form.name.rsplit(".", 1)[-1] for m in draft.materials.all()[:3]]
    assert names == ["docx", "xlsx", "jpg"]


def test_a_stored_file_is_kept_by_its_name_and_a_foreign_name_is_refused(personas, media):
    draft = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    version_update(actor=personas.sun_li, version=draft, data={"materials": materials_with({0: {"blank_form": pdf()}})})
    name = draft.materials.get(order=1).blank_form.name
    # Moving the row down keeps its file (the editor sends the stored name back).
    rows = materials_with({0: {"blank_form": name}})
    rows.append(rows.pop(0))
    version_update(actor=personas.sun_li, version=draft, data={"materials": rows})
    assert draft.materials.get(order=5).blank_form.name == name

    other = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs, basic_code="000205001001")
    for foreign in (name, "catalog/forms/../../settings.py"):
        with pytest.raises(ValidationError, match="不是本版本已上传的文件"):
            version_update(
                actor=personas.sun_li, version=other, data={"materials": materials_with({0: {"blank_form": foreign}})}
            )
    assert not other.materials.exclude(blank_form="").exists()


def test_files_are_removed_again_when_the_write_fails_after_storing(personas, media, monkeypatch):
    draft = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)

    def boom(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr("zwfw.catalog.services.item.audit_record", boom)
    with pytest.raises(RuntimeError):
        version_update(actor=personas.sun_li, version=draft, data={"result_sample": pdf()})
    assert stored_files(media) == []
    draft.refresh_from_db()
    assert not draft.result_sample


def test_the_files_of_a_submitted_version_cannot_change(personas, media):
    draft = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    version_update(actor=personas.sun_li, version=draft, data={"result_sample": pdf()})
    version_submit(actor=personas.sun_li, version=draft)
    with pytest.raises(ValidationError, match="已提交审核"):
        version_update(actor=personas.sun_li, version=draft, data={"result_sample": ""})
    draft.refresh_from_db()
    assert draft.result_sample


# --- the editor and the portal --------------------------------------------------------------------


def test_the_editor_uploads_replaces_and_removes_files(personas, media):
    draft = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    manager = login(personas.sun_li)
    url = reverse("catalog:version_edit", args=[draft.pk])
    post = editor_post(
        dibao_data(), extra={"save": "1", "materials-0-blank_form": pdf(), "result_sample_upload": pdf()}
    )
    assert manager.post(url, post).status_code == 302
    first = draft.materials.get(order=1)
    assert first.blank_form.read() == PDF

    # The editor shows the current file with a link the staff can open, and keeps it on a plain save.
    page = manager.get(url).content.decode()
    assert 'enctype="multipart/form-data"' in page and first.blank_form.name in page
    file_url = reverse("catalog:version_file", args=[draft.pk]) + f"?name={first.blank_form.name}"
    response = manager.get(file_url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff" and response["Content-Disposition"].startswith("attachment")
    keep = editor_post(dibao_data(), extra={"save": "1", "materials-0-blank_form_current": first.blank_form.name})
    manager.post(url, keep)
    assert draft.materials.get(order=1).blank_form.name == first.blank_form.name

    # Replace with another file, then remove the result sample.
    new_pdf = PDF.replace(b"Catalog", b"Catalog2")
    replace = editor_post(
        dibao_data(),
        extra={
            "save": "1",
            "materials-0-blank_form_current": first.blank_form.name,
            "materials-0-blank_form": pdf("新表.pdf", new_pdf),
            "result_sample_clear": "on",
        },
    )
    manager.post(url, replace)
    assert draft.materials.get(order=1).blank_form.read() == new_pdf
    draft.refresh_from_db()
    assert not draft.result_sample


def test_the_editor_names_the_row_of_a_refused_file_and_saves_nothing(personas, media):
    draft = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    manager = login(personas.sun_li)
    post = editor_post(
        dibao_data(name="改过的名称"),
        extra={"save": "1", "materials-1-sample": pdf("身份证.pdf", b"<html>not a pdf</html>")},
    )
    response = manager.post(reverse("catalog:version_edit", args=[draft.pk]), post)
    assert response.status_code == 200
    page = response.content.decode()
    assert "未能保存" in page and "申请材料第2项（居民身份证和户口簿）的“示例样表”" in page
    draft.refresh_from_db()
    assert draft.name == "最低生活保障审批" and stored_files(media) == []


def test_someone_elses_draft_file_is_not_served_to_other_staff_or_the_public(personas, media):
    draft = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    version_update(actor=personas.sun_li, version=draft, data={"result_sample": pdf()})
    draft.refresh_from_db()
    file_url = reverse("catalog:version_file", args=[draft.pk]) + f"?name={draft.result_sample.name}"
    assert login(personas.chen_jing).get(file_url).status_code == 403  # another agency's examiner
    assert Client().get(file_url).status_code in (302, 403)  # anonymous: to the login page
    assert login(personas.wu_gang).get(file_url).status_code == 200  # a reviewer reads it
    assert login(personas.sun_li).get(file_url.replace("?name=", "?name=x")).status_code == 404
    code = draft.item.implementation_code
    assert Client().get(f"/items/{code}/files/result/").status_code == 404  # not published: not public


def test_published_files_are_served_on_the_guide_and_a_revision_replaces_them_only_when_published(personas, media):
    version = published_dibao(personas, result_sample=pdf("结果.pdf"))
    code = version.item.implementation_code
    public = Client()
    guide = public.get(f"/items/{code}/").content.decode()
    assert f"/items/{code}/files/result/" in guide
    response = public.get(f"/items/{code}/files/result/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "filename" in response["Content-Disposition"] and "catalog" not in response["Content-Disposition"]

    draft = item_revise(actor=personas.sun_li, item=version.item)
    new_pdf = PDF + b"% v2\n"
    version_update(actor=personas.sun_li, version=draft, data={"result_sample": pdf("新.pdf", new_pdf)})
    # The draft's new file is not public; the published one is still served.
    assert b"".join(public.get(f"/items/{code}/files/result/").streaming_content) == PDF
    version_submit(actor=personas.sun_li, version=draft)
    version_approve(actor=personas.wu_gang, version=draft)
    version_publish(actor=personas.ma_qiang, version=draft)
    assert b"".join(public.get(f"/items/{code}/files/result/").streaming_content) == new_pdf
    # The superseded version's file is untouched (every version stays readable).
    old = ItemVersion.objects.get(pk=version.pk)
    assert old.status == VersionStatus.SUPERSEDED and old.result_sample.read() == PDF


def test_a_material_file_downloads_under_a_readable_name(personas, media):
    version = published_dibao(personas, materials=materials_with({0: {"blank_form": pdf()}}))
    response = Client().get(f"/items/{version.item.implementation_code}/files/blank/1/")
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert "%E7%A9%BA%E7%99%BD%E8%A1%A8%E6%A0%BC" in disposition  # 空白表格, RFC 5987-encoded
    assert disposition.endswith(".pdf") or ".pdf" in disposition


def test_the_version_page_lists_the_files_for_the_reviewer(personas, media):
    draft = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    version_update(actor=personas.sun_li, version=draft, data={"materials": materials_with({0: {"blank_form": pdf()}})})
    version_submit(actor=personas.sun_li, version=draft)
    reviewer = login(personas.wu_gang)
    page = reviewer.get(reverse("catalog:version_detail", args=[draft.pk])).content.decode()
    assert "1. 最低生活保障申请书：空白表格" in page
    link = re.search(r'href="(/staff/catalog/versions/\d+/file/\?name=[^"]+)"', page).group(1)
    response = reviewer.get(link.replace("&amp;", "&"))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
