"""The filter values (agencies, themes, life events, regions) and 便民服务."""

import pytest

from .conftest import LUYANG_CODE

pytestmark = pytest.mark.django_db


def test_agencies_with_their_item_counts(client, catalogue):
    rows = client.get("/api/v1/agencies").json()
    by_slug = {r["slug"]: r for r in rows}
    assert by_slug["scjgj"]["item_count"] == 2
    assert by_slug["mzj"]["item_count"] == 3  # 低保, 结婚, 社保卡; not the draft, not the retired item
    assert by_slug["luyang"]["item_count"] == 1
    assert by_slug["luyang"]["kind"] == {"code": "township_government", "label": "乡镇人民政府"}
    assert by_slug["luyang"]["region"] == {"code": LUYANG_CODE, "name": "芦阳镇"}
    assert by_slug["bb"]["item_count"] == 0
    assert set(by_slug["scjgj"]) >= {"uscc", "name", "short_name", "phone", "complaint_phone", "address"}


def test_themes_and_life_events(client, catalogue):
    themes = client.get("/api/v1/themes").json()
    assert [(t["code"], t["item_count"]) for t in themes] == [
        ("shehui-jiuzhu", 1),
        ("hunyin", 1),
        ("shichang-zhunru", 2),
    ]
    assert themes[2]["audience"] == {"code": "organisation", "label": "法人办事"}
    events = {e["code"]: e["item_count"] for e in client.get("/api/v1/life-events").json()}
    assert events == {"jiehun": 1, "kaiban": 2, "jiuye": 1}


def test_regions_are_the_county_and_its_townships(client, catalogue):
    regions = client.get("/api/v1/regions").json()
    assert [(r["code"], r["name"], r["level"]["code"]) for r in regions] == [
        ("620423", "景泰县", "county"),
        (LUYANG_CODE, "芦阳镇", "township"),
    ]


def test_every_filter_value_offered_is_accepted_by_the_item_list(client, catalogue):
    offered = {
        "agency": [a["slug"] for a in client.get("/api/v1/agencies").json()],
        "theme": [t["code"] for t in client.get("/api/v1/themes").json()],
        "life_event": [e["code"] for e in client.get("/api/v1/life-events").json()],
        "region": [r["code"] for r in client.get("/api/v1/regions").json()],
    }
    for name, values in offered.items():
        for value in values:
            assert client.get("/api/v1/items", {name: value}).status_code == 200, (name, value)


def test_convenience_services(client, catalogue):
    body = client.get("/api/v1/convenience-services").json()
    assert body["count"] == 2  # the inactive entry is left out
    fund, water = body["items"]
    assert fund["code"] == "gongjijin-chaxun"
    assert fund["category"] == {"code": "housing_fund", "label": "住房公积金"}
    assert fund["life_events"] == [{"code": "jiuye", "name": "就业"}]
    assert fund["phone"] == "12329" and fund["is_external"] is False
    assert water["url"] == "https://example.gov.cn/water" and water["is_external"] is True

    assert [s["code"] for s in client.get("/api/v1/convenience-services?life_event=jiuye").json()["items"]] == [
        "gongjijin-chaxun"
    ]
    assert [s["code"] for s in client.get("/api/v1/convenience-services?category=utilities").json()["items"]] == [
        "shuifei"
    ]
    for bad in ["category=nope", "life_event=nope", "page_size=500"]:
        response = client.get(f"/api/v1/convenience-services?{bad}")
        assert response.status_code == 422, bad
        assert response.json()["code"] == "invalid"


def test_reference_lists_run_a_fixed_number_of_queries(client, catalogue, django_assert_max_num_queries):
    client.get("/api/v1/agencies")
    for url, most in [
        ("/api/v1/agencies", 2),
        ("/api/v1/themes", 2),
        ("/api/v1/life-events", 2),
        ("/api/v1/regions", 2),
        ("/api/v1/convenience-services", 3),
    ]:
        with django_assert_max_num_queries(most):
            assert client.get(url).status_code == 200
