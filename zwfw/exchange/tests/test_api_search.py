"""/api/v1/search: the unified search, grouped by kind, pinyin initials, typos, suggestions, paging, errors."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/search"


def first_titles(body, kind="item"):
    group = next((g for g in body["groups"] if g["kind"] == kind), None)
    return [h["title"] for h in group["hits"]] if group else []


@pytest.mark.parametrize("query", ["营业执照", "yyzz"])
def test_the_business_licence_is_found_first(client, catalogue, query):
    body = client.get(URL, {"q": query}).json()
    assert first_titles(body)[0] == "个体工商户设立登记"
    assert body["approximate"] is False and body["notice"] == ""
    hit = body["groups"][0]["hits"][0]
    assert hit["url"] == f"/items/{catalogue.getihu.item.implementation_code}/"
    assert hit["key"] == catalogue.getihu.item.implementation_code
    assert "<" not in hit["snippet"]


def test_results_are_grouped_by_kind(client, catalogue):
    body = client.get(URL, {"q": "供暖"}).json()
    assert "open_info" in [g["kind"] for g in body["groups"]]
    assert first_titles(body, "open_info") == ["关于2026年冬季城区集中供暖的通知"]
    body = client.get(URL, {"q": "公积金"}).json()
    assert first_titles(body, "convenience") == ["住房公积金查询"]
    group = body["groups"][0]
    assert group["label"] == "便民服务" and group["total"] == 1
    assert body["total"] == sum(g["total"] for g in body["groups"])


def test_kind_audience_and_paging(client, catalogue):
    only_items = client.get(URL, {"q": "登记", "kind": "item"}).json()
    assert [g["kind"] for g in only_items["groups"]] == ["item"]
    total = only_items["groups"][0]["total"]
    assert total >= 2
    first = client.get(URL, {"q": "登记", "kind": "item", "page_size": 1}).json()
    second = client.get(URL, {"q": "登记", "kind": "item", "page_size": 1, "page": 2}).json()
    assert first_titles(first) != first_titles(second)
    assert first["groups"][0]["total"] == total
    organisations = client.get(URL, {"q": "许可", "audience": "organisation"}).json()
    assert first_titles(organisations) == ["食品经营许可"]


def test_drafts_are_not_found(client, catalogue):
    for query in ["草稿改名", "殡葬补助", "尚未发布", "草稿收费"]:
        body = client.get(URL, {"q": query}).json()
        assert all(
            "草稿" not in h["title"] and "殡葬" not in h["title"] and "尚未发布" not in h["title"]
            for g in body["groups"]
            for h in g["hits"]
        )


def test_a_typo_is_approximate_and_nothing_gives_suggestions(client, catalogue):
    body = client.get(URL, {"q": "食品经营许哥"}).json()
    assert body["approximate"] is True and body["notice"] == "您是不是要找"
    assert first_titles(body)[0] == "食品经营许可"
    nothing = client.get(URL, {"q": "火星移民签证"}).json()
    assert nothing["groups"] == [] and nothing["total"] == 0
    assert nothing["suggestions"], "an empty result suggests something"


@pytest.mark.parametrize(
    ("query", "field"),
    [("", "q"), ("q=", "q"), ("q=x&page=0", "page"), ("q=x&page_size=51", "page_size"), ("q=x&kind=alien", "kind")],
)
def test_bad_parameters(client, catalogue, query, field):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert response.json()["errors"][0]["field"] == field


def test_hostile_queries_are_just_text(client, catalogue):
    for query in ["\x00", "营业\x00执照", "' OR '1'='1", "NEAR(a b)", "*", "a" * 100]:
        response = client.get(URL, {"q": query})
        assert response.status_code == 200, (query, response.content)
