"""/api/v1/items: only published guides, the filters, keyword search, paging, the guide, errors, queries."""

import pytest
from django.core.files.base import ContentFile

from zwfw.catalog.models import MaterialRequirement

from .conftest import LUYANG_CODE

pytestmark = pytest.mark.django_db

URL = "/api/v1/items"


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["items"]]


def test_the_list_holds_exactly_the_published_items(client, catalogue):
    response = client.get(URL)
    body = response.json()
    assert body["count"] == 6
    assert sorted(names(response)) == sorted(v.name for v in catalogue.published)
    # Never a draft, a revision in progress or a retired item.
    assert {"殡葬补助金申领", "草稿改名", "临时救助审批"}.isdisjoint(names(response))
    row = next(r for r in body["items"] if r["name"] == "个体工商户设立登记")
    code = catalogue.getihu.item.implementation_code
    assert row["implementation_code"] == code
    assert row["item_type"] == {"code": "01", "label": "行政许可"}
    assert row["agency"] == {"slug": "scjgj", "name": "景泰县市场监督管理局", "short_name": "县市场监管局"}
    assert row["url"] == f"/items/{code}/"
    assert row["api_url"] == f"/api/v1/items/{code}"
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "个体工商户设立登记" in response.content.decode()  # Chinese as characters, not \u escapes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("agency=scjgj", {"个体工商户设立登记", "食品经营许可"}),
        ("theme=hunyin", {"内地居民结婚登记"}),
        ("life_event=kaiban", {"个体工商户设立登记", "食品经营许可"}),
        ("audience=organisation", {"食品经营许可"}),
        ("item_type=11", {"社会保障卡申领"}),
        ("item_type=07", {"内地居民结婚登记"}),
        (f"region={LUYANG_CODE}", {"农村宅基地审批"}),
        ("agency=mzj&theme=shehui-jiuzhu", {"最低生活保障审批"}),
        ("agency=scjgj&audience=organisation&life_event=kaiban", {"食品经营许可"}),
    ],
)
def test_filters(client, catalogue, query, expected):
    assert set(names(client.get(f"{URL}?{query}"))) == expected


def test_region_of_the_county_gives_the_county_level_items(client, catalogue):
    found = set(names(client.get(f"{URL}?region=620423&page_size=100")))
    assert "最低生活保障审批" in found
    assert "农村宅基地审批" not in found  # 芦阳镇's own item


@pytest.mark.parametrize("query", ["营业执照", "yyzz", "个体户"])
def test_keyword_search_ranks_the_right_item_first(client, catalogue, query):
    response = client.get(URL, {"q": query})
    assert names(response)[0] == "个体工商户设立登记"
    assert response.json()["approximate"] is False


def test_keyword_search_combines_with_filters_and_pages(client, catalogue):
    assert names(client.get(URL, {"q": "许可", "agency": "scjgj"})) == ["食品经营许可"]
    assert names(client.get(URL, {"q": "营业执照", "theme": "hunyin"})) == []
    # A draft's name is not found; the published name of a revised item still is.
    assert names(client.get(URL, {"q": "草稿改名"})) == []
    assert names(client.get(URL, {"q": "殡葬补助"})) == []
    assert "最低生活保障审批" in names(client.get(URL, {"q": "低保"}))
    body = client.get(URL, {"q": "登记", "page_size": 1, "page": 2}).json()
    assert body["count"] >= 2 and len(body["items"]) == 1


def test_a_typo_gives_approximate_results(client, catalogue):
    body = client.get(URL, {"q": "食品经营许哥"}).json()
    assert body["approximate"] is True
    assert body["items"][0]["name"] == "食品经营许可"


def test_hostile_keywords_are_just_text(client, catalogue):
    for query in ["\x00营业执照", "' OR 1=1 --", '"*', "营业执照" * 30, "<script>"]:
        response = client.get(URL, {"q": query[:100]})
        assert response.status_code == 200, (query, response.content)


def test_pagination(client, catalogue):
    body = client.get(URL, {"page_size": 4}).json()
    assert (body["count"], body["page"], body["page_size"], body["pages"], len(body["items"])) == (6, 1, 4, 2, 4)
    second = client.get(URL, {"page_size": 4, "page": 2}).json()
    assert len(second["items"]) == 2
    assert {r["name"] for r in body["items"]}.isdisjoint(r["name"] for r in second["items"])
    past = client.get(URL, {"page": 3, "page_size": 4}).json()
    assert past["items"] == [] and past["count"] == 6


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("page=0", "page", "不能小于 1"),
        ("page=abc", "page", "必须是整数"),
        ("page=10001", "page", "不能大于 10000"),
        ("page_size=101", "page_size", "不能大于 100"),
        ("page_size=0", "page_size", "不能小于 1"),
        ("audience=alien", "audience", "取值无效"),
        ("item_type=99", "item_type", "取值无效"),
        ("agency=nowhere", "agency", "没有标识为“nowhere”的机构"),
        ("theme=nope", "theme", "没有代码为“nope”的主题"),
        ("life_event=nope", "life_event", "没有代码为“nope”的生命周期事件"),
        ("region=620423999", "region", "没有区划代码为“620423999”的县或乡镇"),
    ],
)
def test_bad_parameters_are_a_422_in_chinese(client, catalogue, query, field, message):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert body["detail"].startswith("请求参数有误：") and message in body["detail"]
    assert [e["field"] for e in body["errors"]] == [field]
    assert message in body["errors"][0]["message"]


def test_the_guide_is_complete(client, catalogue):
    version = catalogue.food
    code = version.item.implementation_code
    response = client.get(f"{URL}/{code}")
    assert response.status_code == 200
    guide = response.json()
    assert guide["name"] == "食品经营许可"
    assert guide["version"] == 1
    assert guide["use_level"] == {"code": "4", "label": "区县级"}
    assert [o["code"] for o in guide["service_objects"]] == ["1", "2"]
    assert guide["is_free"] is False
    assert guide["fees"] == [
        {"order": 1, "name": "工本费", "standard": "每证 10 元", "legal_basis": "甘价费〔2020〕1号", "exemptions": ""}
    ]
    assert [s["name"] for s in guide["steps"]] == ["受理", "审查", "决定", "送达"]
    assert guide["materials"][0]["name"] == "最低生活保障申请书"  # dibao_data's materials
    assert guide["materials"][0]["form"] == {"code": "original", "label": "原件"}
    assert guide["materials"][0]["blank_form_url"] is None
    assert guide["faqs"][0]["question"] == "外出务工人员能否申请低保？"
    assert guide["windows"] == [{"centre": "景泰县政务服务中心", "number": "05", "name": "市场准入窗口"}]
    assert guide["themes"] == [{"code": "shichang-zhunru", "name": "市场准入"}]
    assert guide["life_events"] == [{"code": "kaiban", "name": "开办"}]
    assert guide["consult_phone"] == "0943-5523315"
    assert guide["result_sample_url"] is None
    for private in ("reviewed_by", "published_by", "review_comment", "change_summary"):
        assert private not in guide


def test_the_guide_lists_townships_and_file_links(client, catalogue):
    version = catalogue.homestead
    material = MaterialRequirement.objects.get(version=version, order=2)
    material.blank_form.save("shenqingbiao.docx", ContentFile(b"form"), save=True)  # files come with the guide
    code = version.item.implementation_code
    guide = client.get(f"{URL}/{code}").json()
    assert guide["townships"] == [{"code": LUYANG_CODE, "name": "芦阳镇"}]
    assert guide["materials"][1]["blank_form_url"] == f"/items/{code}/files/blank/2/"
    assert guide["materials"][1]["sample_url"] is None
    download = client.get(guide["materials"][1]["blank_form_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"form"


def test_a_revision_in_progress_does_not_change_the_guide(client, catalogue):
    guide = client.get(f"{URL}/{catalogue.dibao.item.implementation_code}").json()
    assert guide["name"] == "最低生活保障审批"
    assert guide["version"] == 1


@pytest.mark.parametrize("which", ["draft", "retired"])
def test_drafts_and_retired_items_are_404(client, catalogue, which):
    code = getattr(catalogue, which).item.implementation_code
    response = client.get(f"{URL}/{code}")
    assert response.status_code == 404
    assert response.json() == {"detail": f"未找到实施编码为“{code}”的已发布事项。", "code": "not_found"}


def test_unknown_item_unknown_path_and_wrong_method(client, catalogue):
    response = client.get(f"{URL}/nonexistent")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert "nonexistent" in response.json()["detail"]

    for path in ["/api/v1/nowhere", "/api/v1/", "/api/v1/items/x/y"]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["code"] == "not_found"
        assert "接口" in response.json()["detail"] or "未找到" in response.json()["detail"]

    response = client.post(URL, {"name": "x"})
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json() == {"detail": "不支持 POST 请求，本地址只接受 GET。", "code": "method_not_allowed"}
    assert client.delete(f"{URL}/{catalogue.food.item.implementation_code}").json()["code"] == "method_not_allowed"


def test_lists_run_a_fixed_number_of_queries(client, catalogue, django_assert_max_num_queries):
    client.get(URL)  # warm-up: content types, translations
    with django_assert_max_num_queries(2):  # count + one page with item, agency and region joined
        assert client.get(URL, {"page_size": 100}).status_code == 200
    with django_assert_max_num_queries(6):  # + the filters' checks
        assert client.get(URL, {"agency": "scjgj", "theme": "shichang-zhunru", "region": "620423"}).status_code == 200
    with django_assert_max_num_queries(8):  # search (ranked keys) + visible keys + one page
        assert client.get(URL, {"q": "登记"}).status_code == 200
    with django_assert_max_num_queries(10):  # the guide: version + eight prefetches
        assert client.get(f"{URL}/{catalogue.food.item.implementation_code}").status_code == 200


def test_malformed_identifiers_are_refused_before_the_database(client, catalogue):
    # PostgreSQL refuses NUL in text: a malformed value must never get that far.
    for path in ["/api/v1/items/%00", "/api/v1/items/abc%0A", "/api/v1/lists/power/%00", "/api/v1/lists/fee/%C2%B2"]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["code"] == "not_found"
    for query in ["agency=%00", "theme=a%00b", "region=62042x", "life_event=a%20b"]:
        response = client.get(f"{URL}?{query}")
        assert response.status_code == 422, query
        assert "格式不正确" in response.json()["detail"]
