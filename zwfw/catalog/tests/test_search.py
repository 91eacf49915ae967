"""Unified search: Chinese words, pinyin, typos, ranking, grouping, filters, hostile input, rebuild.

Runs on the configured engine: SQLite FTS5 by default, PostgreSQL tsvector with DATABASE_URL.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zwfw.catalog.models import ItemVersion, MaterialRequirement, SearchDocument, ServiceItem
from zwfw.catalog.search import (
    AUDIENCE_ORGANISATIONS,
    AUDIENCE_PERSONS,
    SearchKind,
    search,
    search_document_remove,
    search_document_upsert,
    search_rebuild,
    search_source_register,
    search_sources,
)
from zwfw.catalog.search.items import item_search_document_refresh
from zwfw.org.tests.factories import AgencyFactory, RegionFactory

pytestmark = pytest.mark.django_db

ITEM = SearchKind.ITEM

# (key, title, keywords, body, agency, persons, organisations)
CORPUS = [
    (
        "gt-001",
        "个体工商户设立登记",
        "开店 营业执照",
        "申请人提交经营者身份证明、经营场所证明，核发营业执照。",
        "market",
        True,
        False,
    ),
    ("qy-001", "企业设立登记", "公司", "有限责任公司设立登记，核发营业执照。", "market", False, True),
    ("qy-002", "企业注销登记", "公司注销", "企业申请注销登记，提交清算报告。", "market", False, True),
    (
        "sp-001",
        "食品经营许可",
        "餐饮 饭馆",
        "从事食品销售和餐饮服务，应当依法取得食品经营许可证。",
        "market",
        True,
        True,
    ),
    ("hy-001", "内地居民结婚登记", "结婚证", "男女双方共同到婚姻登记机关申请结婚登记。", "civil", True, False),
    (
        "db-001",
        "最低生活保障审批",
        "困难群众",
        "共同生活的家庭成员人均收入低于当地最低生活保障标准。",
        "civil",
        True,
        False,
    ),
    ("sb-001", "社会保障卡申领", "社保卡", "参保人员申领社会保障卡，用于就医结算。", "hrss", True, False),
    ("zj-001", "农村宅基地审批", "建房", "农村村民申请宅基地建住宅，经村民小组讨论同意。", "luyang", True, False),
    (
        "yl-001",
        "二级及以下医疗机构设置审批",
        "诊所",
        "申请设置医疗机构，提交设置可行性研究报告。",
        "health",
        False,
        True,
    ),
    (
        "dl-001",
        "道路货物运输经营许可",
        "货车",
        "申请从事道路货物运输经营，提交车辆情况和驾驶人员从业资格证。",
        "transport",
        False,
        True,
    ),
    ("gt-002", "个体工商户注销登记", "", "个体工商户申请注销登记，缴回营业执照正副本。", "market", True, False),
]


@pytest.fixture
def corpus(db):
    luyang_region = RegionFactory(code="620423101", name="芦阳镇", slug="luyang")
    agencies = {
        "market": AgencyFactory(slug="scjgj", name="景泰县市场监督管理局", short_name="县市场监管局"),
        "civil": AgencyFactory(slug="mzj", name="景泰县民政局", short_name="县民政局"),
        "hrss": AgencyFactory(slug="rsj", name="景泰县人力资源和社会保障局", short_name="县人社局"),
        "luyang": AgencyFactory(slug="luyang", name="景泰县芦阳镇人民政府", short_name="芦阳镇", region=luyang_region),
        "health": AgencyFactory(slug="wjj", name="景泰县卫生健康局", short_name="县卫健局"),
        "transport": AgencyFactory(slug="jtj", name="景泰县交通运输局", short_name="县交通局"),
    }
    for key, title, keywords, body, agency, persons, organisations in CORPUS:
        search_document_upsert(
            kind=ITEM,
            key=key,
            title=title,
            keywords=keywords,
            body=body + agencies[agency].name,
            url=f"/items/{key}/",
            agency_id=agencies[agency].id,
            region_code=agencies[agency].region.code,
            for_persons=persons,
            for_organisations=organisations,
        )
    search_document_upsert(
        kind=SearchKind.OPEN_INFO,
        key="oi-1",
        title="关于调整城乡最低生活保障标准的通知",
        body="自2026年1月起，全县城乡低保标准提高。",
        url="/ygzw/info/1/",
        agency_id=agencies["civil"].id,
    )
    search_document_upsert(
        kind=SearchKind.CONVENIENCE,
        key="cv-1",
        title="社保缴费查询",
        body="查询养老保险、医疗保险缴费记录。",
        url="https://example.gov.cn/sb",
    )
    return agencies


def first_item(query: str, **kwargs) -> str | None:
    results = search(query, kinds=[ITEM], **kwargs)
    hits = results.hits
    return hits[0].title if hits else None


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("营业执照", "个体工商户设立登记"),
        ("结婚", "内地居民结婚登记"),
        ("结婚登记", "内地居民结婚登记"),
        ("低保", "最低生活保障审批"),
        ("社保", "社会保障卡申领"),
        ("社保卡", "社会保障卡申领"),
        ("宅基地", "农村宅基地审批"),
        ("食品经营", "食品经营许可"),
        ("医疗机构", "二级及以下医疗机构设置审批"),
        ("货物运输", "道路货物运输经营许可"),
    ],
)
def test_chinese_words_find_the_right_item_first(corpus, query, title):
    assert first_item(query) == title


def test_two_character_word_zhuxiao_finds_both_deregistrations(corpus):
    titles = [h.title for h in search("注销", kinds=[ITEM]).hits]
    assert set(titles[:2]) == {"企业注销登记", "个体工商户注销登记"}
    assert not search("注销").approximate


def test_title_match_ranks_above_body_match(corpus):
    search_document_upsert(kind=ITEM, key="x-1", title="变更登记", body="营业执照" * 3, url="/x/")
    search_document_upsert(kind=ITEM, key="x-2", title="营业执照遗失补领", body="补领", url="/y/")
    assert first_item("营业执照") == "营业执照遗失补领"


def test_boost_raises_a_document(corpus):
    search_document_upsert(kind=ITEM, key="qy-001", title="企业设立登记", body="核发营业执照", url="/q/", boost=50)
    assert first_item("设立登记") == "企业设立登记"


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("yyzz", "个体工商户设立登记"),
        ("jhdj", "内地居民结婚登记"),
        ("zjd", "农村宅基地审批"),
        ("zhaijidi", "农村宅基地审批"),
        ("YYZZ", "个体工商户设立登记"),
    ],
)
def test_pinyin_initials_and_full_pinyin(corpus, query, title):
    if query.lower().startswith("yyzz"):
        search_document_upsert(kind=ITEM, key="yz-1", title="营业执照", body="", url="/yz/")
        title = "营业执照"
    assert first_item(query) == title


def test_full_pinyin_prefix(corpus):
    search_document_upsert(kind=ITEM, key="yz-1", title="营业执照遗失补领", body="", url="/yz/")
    assert first_item("yingye") == "营业执照遗失补领"


def test_results_are_grouped_by_kind_with_totals(corpus):
    results = search("低保")
    kinds = [g.kind for g in results.groups]
    assert kinds == [SearchKind.ITEM, SearchKind.OPEN_INFO]
    assert results.group(SearchKind.ITEM).total == 1
    assert results.group(SearchKind.OPEN_INFO).hits[0].url == "/ygzw/info/1/"
    social = search("社保")
    assert {g.kind for g in social.groups} == {SearchKind.ITEM, SearchKind.CONVENIENCE}
    assert str(social.groups[0].label) == "办事事项"


def test_hits_carry_highlighted_title_and_escaped_snippet(corpus):
    search_document_upsert(
        kind=ITEM, key="h-1", title="<b>营业执照</b>换发", body="<script>x</script> 换发营业执照", url="/h/"
    )
    hit = next(h for h in search("营业执照").hits if h.key == "h-1")
    assert "<mark>营业执照</mark>" in hit.title_html
    assert "<script>" not in hit.snippet and "</script>" not in hit.snippet
    assert "&lt;/script&gt;" in hit.snippet
    assert hit.score > 0


def test_paging_within_each_kind(corpus):
    all_hits = search("登记", kinds=[ITEM]).hits
    page2 = search("登记", kinds=[ITEM], limit=2, offset=2)
    assert page2.group(ITEM).total == len(all_hits)
    assert [h.key for h in page2.hits] == [h.key for h in all_hits[2:4]]


def test_filters_agency_audience_region(corpus):
    market = corpus["market"]
    assert {h.key for h in search("注销", agency_id=market.id).hits} == {"qy-002", "gt-002"}
    assert [h.key for h in search("注销", audience=AUDIENCE_PERSONS).hits] == ["gt-002"]
    assert [h.key for h in search("注销", audience=AUDIENCE_ORGANISATIONS).hits] == ["qy-002"]
    assert [h.key for h in search("审批", region_code="620423101").hits] == ["zj-001"]
    assert search("宅基地", agency_id=corpus["civil"].id).hits == []


def test_removal(corpus):
    assert search_document_remove(kind=ITEM, key="zj-001") is True
    assert search_document_remove(kind=ITEM, key="zj-001") is False
    assert all(h.key != "zj-001" for h in search("宅基地").hits)
    assert not SearchDocument.objects.filter(key="zj-001").exists()


def test_upsert_replaces_the_index_row(corpus):
    search_document_upsert(kind=ITEM, key="zj-001", title="农村集体土地使用审批", body="", url="/z/")
    assert all(h.key != "zj-001" for h in search("宅基地").hits)
    assert first_item("集体土地") == "农村集体土地使用审批"
    assert SearchDocument.objects.filter(kind=ITEM, key="zj-001").count() == 1


@pytest.mark.parametrize(
    ("query", "title"), [("营业执找", None), ("结昏登记", "内地居民结婚登记"), ("宅基第审批", "农村宅基地审批")]
)
def test_one_character_typo_still_finds_the_item(corpus, query, title):
    if title is None:
        search_document_upsert(kind=ITEM, key="yz-1", title="营业执照", body="", url="/yz/")
        title = "营业执照"
    results = search(query)
    assert results.hits and results.hits[0].title == title
    assert results.approximate and results.notice == "您是不是要找"
    assert results.hits[0].approximate


def test_empty_result_gives_suggestions(corpus):
    results = search("登记火星")
    assert results.total == 0 or results.approximate
    nothing = search("量子计算机")
    assert nothing.total == 0 and nothing.hits == []
    assert nothing.suggestions  # popular titles, never an empty page
    sharing = search("宅基地", agency_id=corpus["civil"].id)
    assert sharing.total == 0
    assert sharing.suggestions[0].title == "农村宅基地审批"
    assert search("婚姻火星").approximate  # a partial match comes before suggestions


def test_empty_and_symbol_only_queries(corpus):
    for query in ["", "   ", "😀😀", "***", '""', "()"]:
        results = search(query)
        assert results.total == 0


def test_long_query_is_capped(corpus):
    results = search("营业执照" * 100)
    assert len(results.query) == 50 and results.truncated
    assert results.hits


@pytest.mark.parametrize(
    "query",
    [
        '"营业执照',
        "营业 AND OR NOT 执照",
        "NEAR(营业 执照)",
        "营业*",
        "*",
        "-营业",
        "title:营业",
        "'; DROP TABLE catalog_searchdocument; --",
        "a & b | !c :* <->",
        "\x00营业",
        "营业执照" + "😀" * 30,
        "ＹＹＺＺ",
        "1",
        "^营业",
    ],
)
def test_hostile_inputs_never_raise(corpus, query):
    search(query)
    search(query, kinds=["nonsense"], audience="x", region_code="'", limit=-5, offset=-1)
    assert SearchDocument.objects.count() == len(CORPUS) + 2


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=80))
def test_arbitrary_text_never_raises(corpus, query):
    results = search(query)
    assert results.total >= 0


def test_rebuild_from_a_registered_source_is_idempotent(corpus):
    previous = search_sources().get(SearchKind.CONVENIENCE)
    docs = [
        {"key": "cv-2", "title": "水费缴纳", "body": "自来水公司缴费", "url": "/cv/2/"},
        {"key": "cv-3", "title": "公积金查询", "body": "住房公积金", "url": "/cv/3/"},
    ]
    try:
        search_source_register(SearchKind.CONVENIENCE, lambda: iter(docs))
        assert search_rebuild([SearchKind.CONVENIENCE]) == {SearchKind.CONVENIENCE: 2}
        first = sorted(SearchDocument.objects.filter(kind=SearchKind.CONVENIENCE).values_list("key", "title"))
        search_rebuild([SearchKind.CONVENIENCE])
        second = sorted(SearchDocument.objects.filter(kind=SearchKind.CONVENIENCE).values_list("key", "title"))
        assert first == second == [("cv-2", "水费缴纳"), ("cv-3", "公积金查询")]  # cv-1 was stale
        assert [h.key for h in search("水费").hits] == ["cv-2"]
        assert search("社保缴费", kinds=[SearchKind.CONVENIENCE]).total == 0 or search("社保缴费").approximate
        assert SearchDocument.objects.filter(kind=ITEM).count() == len(CORPUS)  # other kinds untouched
    finally:
        if previous is not None:
            search_source_register(SearchKind.CONVENIENCE, previous)


def test_unknown_kind_is_refused(db):
    with pytest.raises(ValueError):
        search_document_upsert(kind="nonsense", key="1", title="x", body="", url="/")


# --- the item source -------------------------------------------------------------------------------


def _published_item(agency, *, code: str, name: str, retired: bool = False) -> ServiceItem:
    """Test data straight through the ORM (the item services are written elsewhere)."""
    item = ServiceItem.objects.create(
        basic_code=code, implementation_code=agency.uscc + "1" + code, agency=agency, use_level="5"
    )
    version = ItemVersion.objects.create(
        item=item,
        number=1,
        status="published",
        name=name,
        item_type="01",
        case_type="2",
        review_kind="examine_then_approve",
        legal_basis="《中华人民共和国市场主体登记管理条例》",
        conditions="经营者具有完全民事行为能力。",
        legal_limit_days=15,
        promised_limit_days=3,
        online_depth="3",
        handling_place="县政务服务中心一楼3号窗口",
        handling_hours="工作日 9:00-17:00",
        consult_phone="0943-5521234",
        complaint_phone="12345",
        result_type="certificate",
        result_name="营业执照",
        keywords="开店 个体户",
        for_persons=True,
    )
    MaterialRequirement.objects.create(version=version, order=1, name="经营者身份证明")
    item.published_version = version
    if retired:
        from django.utils import timezone

        item.retired_at = timezone.now()
    item.save()
    return item


def test_item_refresh_indexes_the_published_version_and_removes_retired(db):
    agency = AgencyFactory(slug="scjgj", name="景泰县市场监督管理局", short_name="县市场监管局")
    item = _published_item(agency, code="000000000001", name="个体工商户登记")
    item_search_document_refresh(item)
    hit = search("个体工商户").hits[0]
    assert hit.url == f"/items/{item.implementation_code}/" and hit.agency_id == agency.id
    assert search("身份证明").hits[0].key == item.implementation_code  # materials are indexed
    assert search("gtgshdj").hits[0].key == item.implementation_code
    assert search("市场监督管理局").hits  # agency name
    item.retired_at = item.created_at
    item.save()
    item_search_document_refresh(item)
    assert search("个体工商户").total == 0


def test_item_rebuild_is_idempotent(db):
    agency = AgencyFactory(slug="scjgj", name="景泰县市场监督管理局", short_name="县市场监管局")
    _published_item(agency, code="000000000001", name="个体工商户登记")
    _published_item(agency, code="000000000002", name="食品经营许可")
    _published_item(agency, code="000000000003", name="已取消的事项", retired=True)
    search_document_upsert(kind=ITEM, key="gone", title="已删除事项", body="", url="/gone/")
    assert search_rebuild([ITEM]) == {ITEM: 2}
    assert search_rebuild()[ITEM] == 2
    assert SearchDocument.objects.filter(kind=ITEM).count() == 2
    assert search("食品经营").hits[0].title == "食品经营许可"
    assert search("已删除").total == 0


OPERATOR_SOUP = list("营业执照低保结婚登记\"*()-:^+{}[]~&|!<>%_\\' yzANDORNEARnot") + [
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "<->",
    ":*",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.sampled_from(OPERATOR_SOUP), max_size=30))
def test_fts_and_tsquery_operators_never_raise(corpus, parts):
    search("".join(parts), audience=AUDIENCE_PERSONS)


def test_quoted_and_operator_laden_queries_still_find(corpus):
    assert first_item('"营业执照"') == "个体工商户设立登记"
    assert first_item("营业执照 AND") == "个体工商户设立登记"
    assert not search("营业执照 AND").approximate  # operator words are ignored
    assert first_item("（宅基地）") == "农村宅基地审批"  # full-width brackets
