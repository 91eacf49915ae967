"""HTTP caching of the public API: strong ETags from the body, 304 on If-None-Match, public Cache-Control,
no Vary: Cookie (the session is never read), and a new ETag as soon as a publication changes the data."""

import pytest

from zwfw.catalog.services.item import item_revise, version_approve, version_publish, version_submit, version_update
from zwfw.catalog.tests.builders import dibao_data

pytestmark = pytest.mark.django_db

GETS = [
    "/api/v1/items",
    "/api/v1/items?q=营业执照",
    "/api/v1/agencies",
    "/api/v1/themes",
    "/api/v1/life-events",
    "/api/v1/regions",
    "/api/v1/convenience-services",
    "/api/v1/search?q=低保",
    "/api/v1/lists",
    "/api/v1/lists/fee",
    "/api/v1/open-information",
    "/api/v1/open-information/categories",
    "/api/v1/openapi.json",
    "/api/v1/docs",
]


@pytest.mark.parametrize("url", GETS)
def test_every_get_has_an_etag_public_caching_and_answers_304(client, catalogue, url):
    response = client.get(url)
    assert response.status_code == 200
    etag = response["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/"), "a strong validator"
    assert response["Cache-Control"] == "public, max-age=60"
    assert "Cookie" not in response.get("Vary", "")
    assert client.get(url)["ETag"] == etag, "the same data gives the same ETag"

    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Cache-Control"] == "public, max-age=60"

    other = client.get(url, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200


def test_a_detail_has_its_own_etag(client, catalogue):
    code = catalogue.dibao.item.implementation_code
    response = client.get(f"/api/v1/items/{code}")
    assert response.status_code == 200 and response["Cache-Control"] == "public, max-age=60"
    assert client.get(f"/api/v1/items/{code}", headers={"If-None-Match": response["ETag"]}).status_code == 304


def test_a_signed_in_visitor_gets_the_same_public_answer(client, catalogue):
    client.force_login(catalogue.personas.sun_li)
    response = client.get("/api/v1/items")
    assert response["Cache-Control"] == "public, max-age=60", "not the private, no-store of signed-in pages"
    assert "Cookie" not in response.get("Vary", "")
    assert "Set-Cookie" not in response
    anonymous = client.__class__().get("/api/v1/items")
    assert anonymous["ETag"] == response["ETag"]


def test_errors_are_not_publicly_cached_and_never_304(client, catalogue):
    response = client.get("/api/v1/items/nonexistent")
    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")
    again = client.get("/api/v1/items/nonexistent", headers={"If-None-Match": response.get("ETag", '"x"')})
    assert again.status_code == 404
    assert client.get("/api/v1/items?page=0").status_code == 422


def test_publishing_a_revision_changes_the_etags(client, catalogue):
    personas = catalogue.personas
    code = catalogue.dibao.item.implementation_code
    detail = client.get(f"/api/v1/items/{code}")
    listing = client.get("/api/v1/items")

    # The revision in progress is edited and submitted: nothing public changes yet.
    revision = catalogue.revision
    version_update(actor=personas.sun_li, version=revision, data=dibao_data(name="最低生活保障待遇审批"))
    version_submit(actor=personas.sun_li, version=revision)
    assert client.get(f"/api/v1/items/{code}", headers={"If-None-Match": detail["ETag"]}).status_code == 304

    version_approve(actor=personas.wu_gang, version=revision)
    version_publish(actor=personas.ma_qiang, version=revision)
    fresh = client.get(f"/api/v1/items/{code}", headers={"If-None-Match": detail["ETag"]})
    assert fresh.status_code == 200
    assert fresh["ETag"] != detail["ETag"]
    assert fresh.json()["name"] == "最低生活保障待遇审批" and fresh.json()["version"] == 2
    relisted = client.get("/api/v1/items", headers={"If-None-Match": listing["ETag"]})
    assert relisted.status_code == 200 and relisted["ETag"] != listing["ETag"]


def test_a_new_draft_does_not_change_the_etag(client, catalogue):
    personas = catalogue.personas
    listing = client.get("/api/v1/items")
    item_revise(actor=personas.sun_li, item=catalogue.marriage.item, change_summary="草稿")
    assert client.get("/api/v1/items", headers={"If-None-Match": listing["ETag"]}).status_code == 304
