"""The portal's unified search page (/search/): real items published through the services,
ranked and grouped by kind, filters, paging, approximate results, suggestions, hostile input."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from zwfw.catalog.choices import ServiceObject
from zwfw.catalog.search import SearchKind, search_document_upsert
from zwfw.catalog.search.items import item_search_document_refresh
from zwfw.catalog.tests.builders import published_dibao

pytestmark = pytest.mark.django_db


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def publish(personas, **overrides):
    """Publish through the lifecycle services and make sure the item is in the search index.

    The services index on commit; a ``django_db`` test never commits, so index explicitly
    (idempotent: the same document either way).
    """
    version = published_dibao(personas, **overrides)
    item_search_document_refresh(version.item)
    return version


@pytest.fixture
def catalogue(personas):
    dibao = publish(personas)
    tekun = publish(
        personas,
        basic_code="000205002000",
        name="特困人员救助供养审批",
        keywords="特困 救助供养",
        result_name="特困人员救助供养证",
    )
    organisation = publish(
        personas,
        basic_code="000205003000",
        name="社会组织救助项目备案",
        service_objects=[ServiceObject.SOCIAL_ORGANISATION],
        keywords="社会组织 救助项目",
        result_name="备案回执",
    )
    return {"dibao": dibao, "tekun": tekun, "organisation": organisation}


def item_titles(response) -> list[str]:
    group = response.context["results"].group(SearchKind.ITEM)
    return [hit.title for hit in group.hits] if group else []


def test_dibao_finds_the_minimum_living_allowance_first_with_highlight_and_agency(client: Client, catalogue):
    response = client.get("/search/", {"q": "低保"})
    page = html(response)
    assert item_titles(response)[0] == "最低生活保障审批"
    code = catalogue["dibao"].item.implementation_code
    assert f'href="/items/{code}/"' in page
    assert "<mark>" in page  # the engine's highlight, not escaped
    assert "&lt;mark&gt;" not in page
    assert "县民政局" in page or catalogue["dibao"].item.agency.short_name in page
    assert "“低保”共找到" in page
    assert 'role="search"' in page and page.count('role="search"') == 1  # the header's only
    assert 'value="低保"' in page  # the query stays in the search field


def test_results_are_grouped_by_kind_items_first_with_counts(client: Client, catalogue):
    search_document_upsert(
        kind=SearchKind.OPEN_INFO,
        key="gk-1",
        title="关于调整救助标准的通知",
        body="县民政局关于调整城乡最低生活保障和特困人员救助供养标准的通知。",
        url="/ygzw/gk-1/",
    )
    response = client.get("/search/", {"q": "救助"})
    page = html(response)
    groups = response.context["results"].groups
    assert [g.kind for g in groups] == [SearchKind.ITEM, SearchKind.OPEN_INFO]
    assert groups[0].total == 3 and groups[1].total == 1
    assert page.index('id="results-item"') < page.index('id="results-open_info"')
    assert "（3 条）" in page and "（1 条）" in page
    assert 'href="#results-open_info"' in page
    assert "/ygzw/gk-1/" in page


def test_audience_filter_keeps_items_for_organisations_only(client: Client, catalogue):
    both = client.get("/search/", {"q": "救助"})
    assert len(item_titles(both)) == 3
    orgs = client.get("/search/", {"q": "救助", "audience": "organisation"})
    assert item_titles(orgs) == ["社会组织救助项目备案"]
    page = html(orgs)
    assert '<option value="organisation" selected>' in page
    assert "清除筛选条件" in page
    persons = client.get("/search/", {"q": "救助", "audience": "person"})
    assert set(item_titles(persons)) == {"最低生活保障审批", "特困人员救助供养审批"}


def test_agency_filter(client: Client, personas, catalogue):
    mine = client.get("/search/", {"q": "低保", "agency": personas.civil_affairs.pk})
    assert item_titles(mine)[0] == "最低生活保障审批"
    other = client.get("/search/", {"q": "低保", "agency": personas.luyang.pk})
    assert item_titles(other) == []
    page = html(other)
    assert "没有找到与“低保”相关的结果" in page and "减少筛选条件" in page
    assert f'<option value="{personas.luyang.pk}" selected>' in page
    # An unknown agency is ignored, not an error.
    assert item_titles(client.get("/search/", {"q": "低保", "agency": "99999x"}))[0] == "最低生活保障审批"


def test_filters_are_labelled_controls_of_a_plain_get_form(client: Client, catalogue):
    page = html(client.get("/search/", {"q": "低保"}))
    for control in ("search-page-q", "search-audience", "search-agency"):
        assert f'<label for="{control}">' in page and f'id="{control}"' in page
    assert re.search(r'<form class="search-form search-page-form" method="get" action="/search/">', page)


def test_typo_gives_did_you_mean(client: Client, catalogue):
    response = client.get("/search/", {"q": "最低生活保章审批"})
    page = html(response)
    assert response.context["results"].approximate
    assert "您是不是要找" in page
    assert item_titles(response)[0] == "最低生活保障审批"


def test_nonsense_query_says_nothing_found_and_suggests(client: Client, catalogue):
    response = client.get("/search/", {"q": "量子计算机"})
    page = html(response)
    assert response.context["results"].groups == []
    assert "没有找到与“量子计算机”相关的结果" in page
    suggestions = response.context["results"].suggestions
    assert suggestions
    assert "您可能要找" in page and f'href="{suggestions[0].url}"' in page
    assert 'href="/xzsp/"' in page and 'href="/bmfw/"' in page and 'href="/sites/"' in page


def test_blank_query_explains_without_error(client: Client, catalogue):
    for params in ({}, {"q": ""}, {"q": "   "}, {"q": "", "page": "abc", "agency": "x"}):
        page = html(client.get("/search/", params))
        assert "请输入要查找的内容" in page
        assert "没有找到" not in page


@pytest.mark.parametrize(
    "query",
    [
        '<script>alert("x")</script>',
        '"低保" OR NEAR(a b) * - : ^ AND NOT',
        "低保' ; DROP TABLE catalog_searchdocument; --",
        "<img src=x onerror=alert(1)>" * 20,
        "\x00\u202e低保\U0001f600",
    ],
)
def test_hostile_input_is_escaped_and_never_errors(client: Client, catalogue, query):
    page = html(client.get("/search/", {"q": query, "page": "-3"}))
    assert "<script>alert" not in page and "<img src=x" not in page
    if "<script>" in query:
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_long_query_is_cut_and_says_so(client: Client, catalogue):
    response = client.get("/search/", {"q": "低保" + "长" * 200})
    page = html(response)
    assert len(response.context["query"]) == 50
    assert "只按前 50 个字查找" in page


def test_paging_within_items_keeps_the_query_and_filters(client: Client, catalogue):
    for n in range(25):
        search_document_upsert(
            kind=SearchKind.ITEM, key=f"t{n:02}", title=f"低保测试事项{n:02}", body="低保", url=f"/items/t{n:02}/"
        )
    first = client.get("/search/", {"q": "低保", "audience": "person"})
    page = html(first)
    assert first.context["num_pages"] == 2
    assert len(item_titles(first)) == 20
    assert 'href="?q=%E4%BD%8E%E4%BF%9D&amp;audience=person&amp;page=2"' in page
    second = client.get("/search/", {"q": "低保", "audience": "person", "page": "2"})
    assert second.context["page_number"] == 2
    total = second.context["item_group"].total
    assert total >= 26  # the 25 above, 最低生活保障审批 and what else mentions 低保
    assert len(item_titles(second)) == total - 20
    assert set(item_titles(first)).isdisjoint(item_titles(second))
    assert 'aria-current="page">2<' in html(second)
    # Past the end: the last page, not an error.
    assert client.get("/search/", {"q": "低保", "page": "40"}).context["page_number"] == 2


def test_subsites_are_their_own_group(client: Client, catalogue):
    page = html(client.get("/search/", {"q": "民政"}))
    assert "部门和乡镇网站" in page
    assert 'id="results-sites"' in page


def test_search_page_query_count_is_bounded(client: Client, catalogue, django_assert_max_num_queries):
    client.get("/search/", {"q": "低保"})  # warm caches (directory, segmenter)
    with django_assert_max_num_queries(12):
        html(client.get("/search/", {"q": "救助", "audience": "person", "agency": catalogue["dibao"].item.agency_id}))
    with django_assert_max_num_queries(14):
        html(client.get("/search/", {"q": "量子计算机"}))  # every fallback and the suggestions
