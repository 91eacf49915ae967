"""/api/v1/lists and /api/v1/open-information: published entries only, masked households, history, errors."""

import pytest

from zwfw.lists.selectors import beneficiaries_masked
from zwfw.lists.services.entries import entry_create, entry_publish
from zwfw.lists.tests.builders import id_number, responsibility_data

from .conftest import LUYANG_CODE

pytestmark = pytest.mark.django_db


def test_the_index_names_the_five_lists_with_counts_and_columns(client, catalogue):
    rows = client.get("/api/v1/lists").json()
    assert [r["kind"] for r in rows] == ["power", "responsibility", "fee", "fund", "poverty"]
    counts = {r["kind"]: r["count"] for r in rows}
    assert counts == {"power": 5, "responsibility": 0, "fee": 1, "fund": 0, "poverty": 1}
    fee = rows[2]
    assert fee["label"] == "行政事业性收费清单"
    assert {"key": "standard", "label": "收费标准"} in fee["columns"]
    assert fee["url"] == "/ygzw/lists/fee/" and fee["api_url"] == "/api/v1/lists/fee"


def test_the_power_list_is_the_published_power_items(client, catalogue):
    body = client.get("/api/v1/lists/power", {"page_size": 100}).json()
    names = {e["name"] for e in body["items"]}
    assert names == {"最低生活保障审批", "内地居民结婚登记", "个体工商户设立登记", "食品经营许可", "农村宅基地审批"}
    entry = next(e for e in body["items"] if e["name"] == "食品经营许可")
    code = catalogue.food.item.implementation_code
    assert entry["id"] == code and entry["url"] == f"/items/{code}/"
    assert entry["fields"]["item_type"] == "行政许可"
    detail = client.get(entry["api_url"]).json()
    assert detail["id"] == code and detail["history"] == []
    assert client.get("/api/v1/lists/power/" + catalogue.sscard.item.implementation_code).status_code == 404
    assert {e["name"] for e in client.get("/api/v1/lists/power?agency=scjgj").json()["items"]} == {
        "个体工商户设立登记",
        "食品经营许可",
    }


def test_a_fee_entry_with_its_facts_and_history(client, catalogue):
    body = client.get("/api/v1/lists/fee").json()
    assert [e["name"] for e in body["items"]] == ["婚姻登记证工本费"]  # the draft is not listed
    entry = body["items"][0]
    assert entry["fields"]["standard"] == "每证9元"
    assert entry["fields"]["fund_management"] == "缴入国库"
    assert entry["beneficiaries"] is None
    detail = client.get(f"/api/v1/lists/fee/{catalogue.fee.pk}").json()
    assert {"label": "收费标准", "value": "每证9元"} in detail["facts"]
    assert [h["action"]["code"] for h in detail["history"]] == ["update", "publish"]
    assert {"label": "收费标准", "old": "首次申领、换领每证20元；丢失补领、损坏换领每证40元", "new": "每证9元"} in (
        detail["history"][0]["changes"]
    )
    assert "actor" not in detail["history"][0]


def test_poverty_households_are_masked_exactly_as_the_lists_domain_masks_them(client, catalogue):
    body = client.get("/api/v1/lists/poverty").json()
    entry = body["items"][0]
    expected = [
        {**row, "assistance_amount": f"{row['assistance_amount']:.2f}"}
        for row in beneficiaries_masked(catalogue.poverty)
    ]
    assert entry["beneficiaries"] == expected
    detail = client.get(f"/api/v1/lists/poverty/{catalogue.poverty.pk}")
    assert detail.json()["beneficiaries"] == expected
    for response in (client.get("/api/v1/lists/poverty"), detail):
        text = response.content.decode()
        for full in (id_number("19880101", "123"), id_number("19750505", "246"), "测试甲", "测试乙丙"):
            assert full not in text
    assert entry["fields"]["township"] == "芦阳镇"
    assert client.get(f"/api/v1/lists/poverty?township={LUYANG_CODE}").json()["count"] == 1
    assert client.get("/api/v1/lists/poverty?township=620423").json()["count"] == 0
    assert client.get("/api/v1/lists/poverty?year=2026").json()["count"] == 1
    assert client.get("/api/v1/lists/poverty?year=2025").json()["count"] == 0


def test_withdrawn_and_draft_entries_are_404(client, catalogue):
    for kind, entry in [("fund", catalogue.fund_withdrawn), ("fee", catalogue.fee_draft)]:
        response = client.get(f"/api/v1/lists/{kind}/{entry.pk}")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
        assert "没有编号为" in response.json()["detail"]
    # An entry of another list under the wrong kind, a non-number, an unknown kind.
    assert client.get(f"/api/v1/lists/fund/{catalogue.fee.pk}").status_code == 404
    assert client.get("/api/v1/lists/fee/abc").status_code == 404
    response = client.get("/api/v1/lists/secret")
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "kind"


def test_filters_and_bad_values(client, catalogue):
    assert client.get("/api/v1/lists/fee?q=婚姻").json()["count"] == 1
    assert client.get("/api/v1/lists/fee?q=火星").json()["count"] == 0
    assert client.get("/api/v1/lists/fee?agency=mzj").json()["count"] == 1
    assert client.get("/api/v1/lists/fee?agency=scjgj").json()["count"] == 0
    for bad, field in [("agency=nowhere", "agency"), ("township=123", "township"), ("year=1800", "year")]:
        response = client.get(f"/api/v1/lists/fee?{bad}")
        assert response.status_code == 422, bad
        assert response.json()["errors"][0]["field"] == field


def test_list_pages_run_a_fixed_number_of_queries(client, catalogue, django_assert_max_num_queries):
    personas = catalogue.personas
    for n in range(3):
        entry = entry_create(
            actor=personas.sun_li,
            kind="responsibility",
            agency=personas.civil_affairs,
            data=responsibility_data(name=f"职责{n}", cooperating_agencies=["scjgj"]),
        )
        entry_publish(actor=personas.sun_li, entry=entry)
    client.get("/api/v1/lists/responsibility")
    for url, most in [
        ("/api/v1/lists/responsibility", 4),  # count, page, cooperating agencies, items
        ("/api/v1/lists/poverty", 3),  # count, page, households
        ("/api/v1/lists/power", 2),
        ("/api/v1/lists", 6),
        ("/api/v1/open-information", 2),
    ]:
        with django_assert_max_num_queries(most):
            response = client.get(url)
        assert response.status_code == 200 and (url == "/api/v1/lists" or response.json()["count"] >= 1), url


# --- open information ---------------------------------------------------------------------------


def test_open_information_list_and_detail(client, catalogue):
    body = client.get("/api/v1/open-information").json()
    assert [i["title"] for i in body["items"]] == ["关于2026年冬季城区集中供暖的通知"]  # not the draft
    summary = body["items"][0]
    assert summary["attachment_count"] == 1
    assert summary["category"] == {"code": "11", "name": "通知公告"}
    assert summary["agency"]["slug"] == "mzj"
    assert summary["url"] == f"/ygzw/gk/{catalogue.notice.pk}/"
    detail = client.get(summary["api_url"]).json()
    assert detail["body"].startswith("各供热单位")
    (attachment,) = detail["attachments"]
    assert attachment["name"] == "供暖收费标准.pdf" and attachment["extension"] == "pdf"
    download = client.get(attachment["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_open_information_filters_and_errors(client, catalogue):
    assert client.get("/api/v1/open-information?category=11").json()["count"] == 1
    assert client.get("/api/v1/open-information?category=02").json()["count"] == 0
    assert client.get("/api/v1/open-information?level=township").json()["count"] == 0
    assert client.get("/api/v1/open-information?level=county&agency=mzj&q=供暖").json()["count"] == 1
    categories = {c["code"]: c["count"] for c in client.get("/api/v1/open-information/categories").json()}
    assert categories["11"] == 1 and categories["02"] == 0
    for bad, field in [
        ("category=99", "category"),
        ("agency=x", "agency"),
        ("level=city", "level"),
        ("year=1", "year"),
    ]:
        response = client.get(f"/api/v1/open-information?{bad}")
        assert response.status_code == 422, bad
        assert response.json()["errors"][0]["field"] == field
    draft = client.get(f"/api/v1/open-information/{catalogue.notice_draft.pk}")
    assert draft.status_code == 404 and draft.json()["code"] == "not_found"
    assert client.get("/api/v1/open-information/99999999999999999999999").status_code in (404, 422)
