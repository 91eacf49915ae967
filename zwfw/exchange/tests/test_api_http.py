"""The API over real HTTP, with a real client library (the standard library's urllib: neither httpx nor
requests is a dependency of the project)."""

import json
import urllib.error
import urllib.request

import pytest

from zwfw.testing.personas import personas_create

from .conftest import catalogue_build

pytestmark = pytest.mark.django_db(transaction=True)


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the test server's http URL
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_the_api_over_http(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    catalogue = catalogue_build(personas_create())
    base = live_server.url + "/api/v1"

    status, headers, body = fetch(base + "/items?q=" + urllib.parse.quote("营业执照"))
    assert status == 200
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(body)
    assert data["items"][0]["name"] == "个体工商户设立登记"
    etag = headers["ETag"]
    assert headers["Cache-Control"] == "public, max-age=60"

    status, headers, body = fetch(base + "/items?q=" + urllib.parse.quote("营业执照"), {"If-None-Match": etag})
    assert (status, body) == (304, b"")

    code = catalogue.getihu.item.implementation_code
    status, _headers, body = fetch(f"{base}/items/{code}")
    assert status == 200 and json.loads(body)["implementation_code"] == code

    status, headers, body = fetch(base + "/items?page_size=1000")
    assert status == 422 and headers["Content-Type"].startswith("application/json")
    assert json.loads(body)["code"] == "invalid"

    status, _headers, body = fetch(base + "/openapi.json")
    assert status == 200 and json.loads(body)["openapi"].startswith("3.1")
