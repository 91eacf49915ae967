"""file_download: the one way a stored file is answered (name, type, nosniff, no caching, 404 when gone)."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.http import Http404

from zwfw.core.downloads import file_download


@pytest.fixture
def storage(tmp_path):
    return FileSystemStorage(location=tmp_path)


def test_a_private_file_is_an_attachment_with_its_name_nosniff_and_no_caching(storage):
    name = storage.save("generated-7f3a.pdf", ContentFile(b"%PDF-1.7 body"))
    response = file_download(
        lambda: storage.open(name, "rb"), filename="申报回执-001.pdf", content_type="application/pdf"
    )
    assert b"".join(response.streaming_content) == b"%PDF-1.7 body"
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=utf-8''%E7%94%B3" in disposition
    response.file_to_stream.close()  # not response.close(): that would signal the end of a request


def test_inline_and_public_files(storage):
    name = storage.save("sample.bin", ContentFile(b"x"))
    response = file_download(lambda: storage.open(name, "rb"), filename="样表.docx", inline=True, private=False)
    assert response["Content-Disposition"].startswith("inline;")
    assert response["Content-Type"] == "application/octet-stream"
    assert "Cache-Control" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    response.file_to_stream.close()  # not response.close(): that would signal the end of a request


def test_a_file_the_storage_no_longer_has_is_a_404_not_a_500(storage):
    with pytest.raises(Http404):
        file_download(lambda: storage.open("gone.pdf", "rb"), filename="gone.pdf")
