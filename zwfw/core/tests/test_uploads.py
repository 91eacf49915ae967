"""The one upload checker: type from the content against the caller's allow-list, size cap, names."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from zwfw.core.uploads import (
    FILE_TYPES,
    file_types_accept,
    file_types_label,
    stored_name,
    upload_check,
    upload_name_clean,
    upload_sha256,
    upload_sniff,
)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde" + b"\x00" * 64
)
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
ALL = tuple(FILE_TYPES)


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
OFD = zipped({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<ofd:Document/>"})


def up(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/html")  # the claimed type is never used


@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [
        ("a.pdf", PDF, "pdf"),
        ("a.png", PNG, "png"),
        ("a.jpeg", JPG, "jpg"),
        ("a.docx", DOCX, "docx"),
        ("a.xlsx", XLSX, "xlsx"),
        ("a.ofd", OFD, "ofd"),
        ("no-extension", PDF, "pdf"),
    ],
)
def test_allowed_types_are_known_by_their_content(name, content, extension):
    assert upload_check(up(name, content), allowed=ALL, max_bytes=1024 * 1024).extension == extension


def test_zip_formats_are_told_apart_by_their_members():
    assert upload_sniff(io.BytesIO(DOCX)) == "docx"
    assert upload_sniff(io.BytesIO(XLSX)) == "xlsx"
    assert upload_sniff(io.BytesIO(OFD)) == "ofd"
    assert upload_sniff(io.BytesIO(zipped({"a.txt": b"hello"}))) is None
    assert upload_sniff(io.BytesIO(b"PK\x03\x04" + b"\x00" * 100)) is None


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"<html><script>alert(1)</script></html>", "file_type"),
        (b"MZ\x90\x00" + b"\x00" * 200, "file_type"),
        (zipped({"a.txt": b"x"}), "file_type"),
        (b"", "file_empty"),
    ],
)
def test_anything_else_is_refused_with_a_chinese_message(content, code):
    with pytest.raises(ValidationError) as caught:
        upload_check(up("材料.pdf", content), allowed=ALL, max_bytes=1024 * 1024)
    assert caught.value.code == code
    assert "文件“材料.pdf”" in caught.value.messages[0]


def test_the_callers_allow_list_decides():
    with pytest.raises(ValidationError) as caught:
        upload_check(up("a.docx", DOCX), allowed=("pdf", "jpg", "png"), max_bytes=1024 * 1024)
    assert caught.value.code == "file_type"
    assert "只接受 PDF、JPG、PNG 文件" in caught.value.messages[0]


def test_a_name_that_disagrees_with_the_content_is_refused_unless_the_caller_allows_it():
    with pytest.raises(ValidationError) as caught:
        upload_check(up("通知.pdf", PNG), allowed=ALL, max_bytes=1024 * 1024)
    assert caught.value.code == "file_mismatch" and "与扩展名“.pdf”不符" in caught.value.messages[0]
    assert upload_check(up("通知.pdf", PNG), allowed=ALL, max_bytes=1024, name_must_match=False).extension == "png"


def test_the_size_cap_comes_before_reading_and_names_the_limit():
    big = up("大.pdf", PDF)
    big.size = 20 * 1024 * 1024 + 1
    with pytest.raises(ValidationError) as caught:
        upload_check(big, allowed=ALL, max_bytes=20 * 1024 * 1024, subject="申请书")
    assert caught.value.code == "file_too_big"
    assert caught.value.messages[0].startswith("申请书有 20.0 MB，超过了 20 MB 的上限")


def test_labels_accept_attribute_names_and_hashes():
    assert file_types_label(ALL) == "PDF、OFD、Word（doc/docx）、Excel（xls/xlsx）、JPG、PNG"
    assert file_types_accept(("pdf", "jpg")) == ".pdf,.jpg,.jpeg"
    assert upload_name_clean("../../etc/身份证\x00.PNG", "png") == "身份证.png"
    assert upload_name_clean("", "pdf") == "附件.pdf"
    assert len(upload_name_clean("长" * 300 + ".pdf", "pdf", max_length=50)) == 50
    name = stored_name("cases/x/", "pdf")
    assert name.startswith("cases/x/") and name.endswith(".pdf") and len(name) == len("cases/x/") + 32 + 4
    import hashlib

    assert upload_sha256(io.BytesIO(PDF)) == hashlib.sha256(PDF).hexdigest()
    with pytest.raises(ValueError):
        file_types_label(("exe",))
