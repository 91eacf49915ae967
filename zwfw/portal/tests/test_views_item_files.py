"""Guide files (blank forms, samples) are downloaded through the published guide only."""

import pytest
from django.core.files.base import ContentFile

from zwfw.catalog.tests.builders import published_dibao

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_blank_form_of_a_published_guide_downloads_as_an_attachment(client, personas, media):
    version = published_dibao(personas)
    material = version.materials.get(order=1)
    material.blank_form.save("申请书.docx", ContentFile(b"PK\x03\x04 form"), save=True)  # test setup
    code = version.item.implementation_code
    page = client.get(f"/items/{code}/").content.decode()
    assert f"/items/{code}/files/blank/1/" in page
    response = client.get(f"/items/{code}/files/blank/1/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/octet-stream"
    assert b"".join(response.streaming_content) == b"PK\x03\x04 form"


@pytest.mark.parametrize(
    "path", ["files/blank/1/", "files/sample/1/", "files/blank/99/", "files/other/1/", "files/result/"]
)
def test_missing_files_and_unknown_kinds_are_404(client, personas, media, path):
    version = published_dibao(personas)
    assert client.get(f"/items/{version.item.implementation_code}/{path}").status_code == 404


def test_files_of_an_unpublished_item_are_not_served(client, personas, media):
    from zwfw.catalog.tests.builders import dibao_create

    draft = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    material = draft.materials.get(order=1)
    material.blank_form.save("草稿.docx", ContentFile(b"draft"), save=True)
    assert client.get(f"/items/{draft.item.implementation_code}/files/blank/1/").status_code == 404
