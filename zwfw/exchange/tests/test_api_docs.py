"""The OpenAPI 3.1 document and the documentation page at /api/v1/docs."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def spec(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _refs(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                found.append(value)
            else:
                _refs(value, found)
    elif isinstance(node, list):
        for value in node:
            _refs(value, found)
    return found


def test_the_document_is_openapi_3_1_and_well_formed(spec):
    assert spec["openapi"].startswith("3.1.")
    assert spec["info"]["title"] == "景泰政务服务网 API" and spec["info"]["version"] == "1"
    assert "If-None-Match" in spec["info"]["description"]
    assert set(spec) <= {
        "openapi",
        "info",
        "jsonSchemaDialect",
        "servers",
        "paths",
        "webhooks",
        "components",
        "security",
        "tags",
        "externalDocs",
    }
    schemas = spec["components"]["schemas"]
    for ref in _refs(spec, []):
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.rsplit("/", 1)[1] in schemas, f"unresolved {ref}"
    operation_ids = []
    for path, methods in spec["paths"].items():
        assert path.startswith("/api/v1/")
        for placeholder in re.findall(r"{(\w+)}", path):
            for operation in methods.values():
                assert any(p["in"] == "path" and p["name"] == placeholder for p in operation["parameters"]), path
        for method, operation in methods.items():
            # Only the bearer-token endpoints (OIDC, test_api_auth.py) may be other than reads.
            assert method == "get" or operation.get("security"), f"{method} {path}: the public API only reads"
            operation_ids.append(operation["operationId"])
            for parameter in operation.get("parameters", []):
                assert parameter["in"] in {"query", "path", "header"} and "schema" in parameter
                # OpenAPI 3.1: a parameter's "examples" is a map of Example objects, never a list.
                assert not isinstance(parameter.get("examples"), list), (path, parameter["name"])
                if parameter["in"] == "path":
                    assert parameter["required"] is True
            for status, answer in operation["responses"].items():
                assert re.fullmatch(r"[1-5][0-9][0-9]", status)
                assert answer["description"]
    assert len(operation_ids) == len(set(operation_ids))


def test_every_endpoint_is_described_in_chinese_with_its_errors(spec):
    for path, methods in spec["paths"].items():
        for operation in methods.values():
            assert CJK.search(operation["summary"]), path
            assert CJK.search(operation["description"]) and len(operation["description"]) >= 20, path
            assert operation["tags"] and CJK.search(operation["tags"][0]), path
            assert any(s.startswith("2") for s in operation["responses"]), path
            if any(p["in"] == "query" and p["name"] != "q" for p in operation.get("parameters", [])) or "{" in path:
                errors = {s for s in operation["responses"] if s in {"404", "422"}}
                assert errors, f"{path} documents no error answer"
                for status in errors:
                    ref = operation["responses"][status]["content"]["application/json"]["schema"]["$ref"]
                    assert ref.endswith("/ErrorOut")


def test_parameters_are_documented_with_limits_and_examples(spec):
    items = {p["name"]: p for p in spec["paths"]["/api/v1/items"]["get"]["parameters"]}
    assert set(items) == {"q", "agency", "theme", "life_event", "audience", "region", "item_type", "page", "page_size"}
    assert items["page_size"]["schema"]["maximum"] == 100 and items["page_size"]["schema"]["minimum"] == 1
    assert items["page"]["schema"]["minimum"] == 1
    assert items["q"]["example"] == "营业执照"
    for parameter in items.values():
        assert CJK.search(parameter["description"]), parameter["name"]
    paged = spec["components"]["schemas"]["PagedItemSummaryOut"]
    assert {"count", "page", "page_size", "pages", "items", "approximate"} <= set(paged["properties"])
    error = spec["components"]["schemas"]["ErrorOut"]
    assert {"detail", "code", "errors"} == set(error["properties"]) and error["required"] == ["detail", "code"]
    assert spec["components"]["schemas"]["ItemSummaryOut"]["properties"]["name"]["examples"] == ["个体工商户设立登记"]


def test_the_docs_page_loads_swagger_ui_from_our_static_files_only(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="zh-Hans">' in page
    assert "景泰政务服务网 API" in page
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith(("/static/", "/api/v1/")) for s in sources), sources
    assert not re.search(r"https?://", page), "no remote URL in the docs page"
    for source in sources:
        if source.startswith("/static/"):
            assert finders.find(source.removeprefix("/static/")), f"{source} is not a local static file"
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    for attributes, _body in scripts:
        assert "src=" in attributes or 'type="application/json"' in attributes, "no inline script"
    assert not re.search(r"\sstyle=", page)
    assert '"validatorUrl": null' in page
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe" not in policy, "the site's CSP, without exception"
