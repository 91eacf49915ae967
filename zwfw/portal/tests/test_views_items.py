"""The item catalogue on the portal: the guide page, the 行政审批 / 便民服务 lists, sub-sites.

Items are built directly with the ORM here (``published_item``) while the catalogue's services are
being written; what matters is that only a published version of an item that is not retired is
ever visible, and that the pages run a bounded number of queries.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from itertools import count

import pytest
from django.test import Client

from zwfw.catalog.choices import (
    Audience,
    CaseType,
    ItemType,
    MaterialSource,
    OnlineDepth,
    ResultType,
    ReviewKind,
    UseLevel,
    VersionStatus,
)
from zwfw.catalog.models import (
    ItemFaq,
    ItemFee,
    ItemVersion,
    LifeEvent,
    MaterialRequirement,
    ProcessStep,
    ServiceItem,
    Theme,
)
from zwfw.org.choices import AgencyKind
from zwfw.org.models import Agency, ServiceCentre
from zwfw.org.tests.factories import AgencyFactory, RegionFactory, ServiceCentreFactory, WindowFactory

pytestmark = pytest.mark.django_db

_serial = count(1)


def html(response) -> str:
    return response.content.decode()


def assert_csp_clean(page: str) -> None:
    assert "<script" not in page
    assert not re.search(r"\sstyle=", page)


def item_version(item: ServiceItem, *, number: int, status: str, name: str, **fields) -> ItemVersion:
    """One version of ``item`` with a complete guide's scalar fields (children added by the caller)."""
    persons = fields.pop("for_persons", True)
    organisations = fields.pop("for_organisations", False)
    objects = (["1"] if persons else []) + (["2"] if organisations else [])
    values = {
        "item_type": ItemType.LICENSING,
        "service_objects": objects,
        "case_type": CaseType.PROMISED,
        "review_kind": ReviewKind.EXAMINE_THEN_APPROVE,
        "legal_basis": "《中华人民共和国食品安全法》第三十五条",
        "conditions": "申请人应当具有与经营的食品品种、数量相适应的经营场所。",
        "legal_limit_days": 20,
        "legal_limit_explain": "自受理之日起二十个工作日内作出决定",
        "promised_limit_days": 5,
        "promised_limit_explain": "材料齐全的，五个工作日内办结",
        "is_free": True,
        "handling_forms": ["window", "online"],
        "visits_required": 1,
        "online_depth": OnlineDepth.ONLINE_PRE_REVIEW,
        "handling_place": "景泰县政务服务中心二楼 12 号窗口",
        "handling_hours": "工作日 上午 8:30-12:00，下午 14:30-18:00",
        "consult_phone": "0943-5521234",
        "complaint_phone": "0943-12345",
        "result_type": ResultType.CERTIFICATE,
        "result_name": "食品经营许可证",
        "published_at": datetime(2026, 3, 2, 9, 30, tzinfo=UTC) if status == VersionStatus.PUBLISHED else None,
        **fields,
    }
    version = ItemVersion(item=item, number=number, status=status, name=name, **values)
    version.for_persons = persons
    version.for_organisations = organisations
    version.save()
    return version


def published_item(
    agency: Agency,
    name: str,
    *,
    status: str = VersionStatus.PUBLISHED,
    themes=(),
    life_events=(),
    regions=(),
    **fields,
) -> ServiceItem:
    """A ServiceItem with one version in ``status`` (published by default, linked as published_version)."""
    n = next(_serial)
    basic = f"{n:012d}"
    item = ServiceItem.objects.create(
        basic_code=basic,
        implementation_code=f"{agency.uscc}{UseLevel.COUNTY}{basic}",
        agency=agency,
        use_level=UseLevel.COUNTY,
    )
    version = item_version(item, number=1, status=status, name=name, **fields)
    version.themes.set(themes)
    version.life_events.set(life_events)
    version.handling_regions.set(regions)
    if status == VersionStatus.PUBLISHED:
        item.published_version = version
        item.save()
    return item


def full_guide(item: ServiceItem, *, materials: int = 3) -> ItemVersion:
    """Fill the published version's children: materials (the first from the licence library), a fee,
    three steps, two FAQs, a window."""
    version = item.published_version
    for i in range(materials):
        MaterialRequirement.objects.create(
            version=version,
            order=i + 1,
            name="申请人身份证" if i == 0 else f"第{i + 1}项申请材料",
            is_required=i != 2,
            source=MaterialSource.LICENCE_LIBRARY if i == 0 else MaterialSource.APPLICANT,
            acceptance_standard="内容完整、清晰",
        )
    ItemFee.objects.create(
        version=version, order=1, name="工本费", standard="每证10元", legal_basis="甘价费〔2019〕1号"
    )
    for i, (step, days) in enumerate((("受理", 1), ("审查", 3), ("决定", 1))):
        ProcessStep.objects.create(
            version=version, order=i + 1, name=step, time_limit_days=days, handler="窗口工作人员"
        )
    ItemFaq.objects.create(version=version, order=1, question="可以委托他人办理吗？", answer="可以，需提供授权委托书。")
    ItemFaq.objects.create(version=version, order=2, question="需要现场核查吗？", answer="首次申请需要。")
    centre = ServiceCentre.objects.filter(name="景泰县政务服务中心").first() or ServiceCentreFactory(
        name="景泰县政务服务中心"
    )
    window = WindowFactory(number=f"{12 + centre.windows.count()}", name="市场准入窗口", centre=centre)
    version.windows.set([window])
    return version


@pytest.fixture
def catalogue(personas):
    """Two themes, a life event, and items of 县市场监管局, 县民政局 and 芦阳镇 in every state."""
    market, civil, luyang = personas.market, personas.civil_affairs, personas.luyang
    food = Theme.objects.create(code="shipin", name="食品经营", audience=Audience.ORGANISATION)
    marriage = Theme.objects.create(code="hunyin", name="婚姻登记", audience=Audience.PERSON)
    opening = LifeEvent.objects.create(code="kaiban", name="开办企业", audience=Audience.ORGANISATION)
    caowotan = RegionFactory(code="620423102", name="草窝滩镇", slug="caowotan")
    AgencyFactory(
        slug="caowotan",
        name="景泰县草窝滩镇人民政府",
        short_name="草窝滩镇",
        kind=AgencyKind.TOWNSHIP_GOVERNMENT,
        region=caowotan,
    )
    items = {
        "food": published_item(
            market,
            "食品经营许可",
            themes=[food],
            life_events=[opening],
            for_organisations=True,
            for_persons=False,
            regions=[personas.luyang.region],
        ),
        "marriage": published_item(civil, "结婚登记", item_type=ItemType.CONFIRMATION, themes=[marriage]),
        "dibao": published_item(luyang, "最低生活保障初审", item_type=ItemType.BENEFIT),
        "water": published_item(market, "计量器具检定查询", item_type=ItemType.PUBLIC_SERVICE),
        "caowotan": published_item(civil, "草窝滩镇临时救助", item_type=ItemType.BENEFIT, regions=[caowotan]),
        "draft": published_item(market, "梳理中的事项", status=VersionStatus.DRAFT),
        "returned": published_item(market, "被退回的事项", status=VersionStatus.RETURNED),
        "catalogued": published_item(market, "已入库未发布的事项", status=VersionStatus.CATALOGUED),
        "review": published_item(market, "待审核的事项", status=VersionStatus.REVIEW),
        "retired": published_item(market, "已取消的事项"),
    }
    retired = items["retired"]
    retired.retired_at = datetime(2026, 4, 1, tzinfo=UTC)
    retired.save()
    full_guide(items["food"])
    return items


def guide_url(item: ServiceItem) -> str:
    return f"/items/{item.implementation_code}/"


# --- The guide page ------------------------------------------------------------------------------


def test_guide_page_shows_every_section(client: Client, catalogue):
    response = client.get(guide_url(catalogue["food"]))
    assert response.status_code == 200
    page = html(response)
    for heading in (
        "基本信息",
        "受理条件",
        "申请材料",
        "办理流程",
        "办理时限",
        "收费标准",
        "设定依据",
        "办理地点和时间",
        "咨询和投诉",
        "办理方式",
        "办理结果",
        "可办理的乡镇",
        "常见问题",
    ):
        assert f">{heading}</h2>" in page, heading
    item = catalogue["food"]
    assert '<h1 id="guide-title">食品经营许可</h1>' in page
    assert item.implementation_code in page and item.basic_code in page
    assert "景泰县市场监督管理局" in page and "法定机关" in page and "区县级" in page and "法定本级行使" in page
    assert "企业法人" in page and "承诺件" in page
    # Materials: an accessible table with the licence-library material marked 免提交.
    assert '<caption id="materials-caption">申请材料清单</caption>' in page
    assert '<th scope="col">原件/复印件</th>' in page and "受理标准" in page
    assert re.search(r"申请人身份证\s*<span class=\"tag tag-ok\">免提交</span>", page)
    assert "非必需" in page
    # Steps with their limits, the two limits in working days with their explanations.
    assert "受理" in page and "审查" in page and "3 个工作日" in page
    assert "20 个工作日" in page and "自受理之日起二十个工作日内作出决定" in page
    assert "5 个工作日" in page and "材料齐全的，五个工作日内办结" in page
    # is_free → 不收费 even though a fee row exists.
    assert "不收费" in page
    assert "《中华人民共和国食品安全法》第三十五条" in page
    assert "景泰县政务服务中心" in page and "12号窗口（市场准入窗口）" in page
    assert 'href="tel:0943-5521234"' in page and 'href="tel:0943-12345"' in page
    assert "Ⅲ级：在线预审" in page and "窗口办理、网上办理" in page and "1 次" in page
    assert "出证办结" in page and "食品经营许可证" in page
    assert "<li>芦阳镇</li>" in page
    assert "<summary>可以委托他人办理吗？</summary>" in page and "<details" in page
    assert "第1版" in page and "2026年3月2日" in page
    # Printable: the print stylesheet and the page's full address for paper.
    assert 'href="/static/portal/print.css" media="print"' in page or re.search(r'print\.css[^"]*" media="print"', page)
    assert f"本页地址：http://testserver{guide_url(item)}" in page
    assert_csp_clean(page)


def test_guide_page_lists_fees_when_the_item_charges(client: Client, catalogue):
    item = published_item(catalogue["food"].agency, "特种设备使用登记", is_free=False)
    ItemFee.objects.create(
        version=item.published_version,
        order=1,
        name="登记费",
        standard="每台50元",
        legal_basis="甘发改收费〔2020〕3号",
        exemptions="小微企业免收",
    )
    page = html(client.get(guide_url(item)))
    assert "登记费" in page and "每台50元" in page and "甘发改收费〔2020〕3号" in page and "小微企业免收" in page
    assert ">不收费<" not in page.split('id="fees"')[1].split("</section>")[0]


@pytest.mark.parametrize("state", ["draft", "returned", "catalogued", "review"])
def test_unpublished_versions_are_invisible(client: Client, catalogue, state):
    response = client.get(guide_url(catalogue[state]))
    assert response.status_code == 404
    assert "页面不存在" in html(response)
    for url in ("/xzsp/", "/bmfw/", "/bm/scjgj/xzsp/"):
        assert catalogue[state].published_version is None
        assert "的事项</a>" not in html(client.get(url))


def test_retired_item_is_gone(client: Client, catalogue):
    response = client.get(guide_url(catalogue["retired"]))
    assert response.status_code == 404
    assert "页面不存在" in html(response)
    assert "已取消的事项" not in html(client.get("/xzsp/"))
    assert "已取消的事项" not in html(client.get("/bm/scjgj/xzsp/"))


def test_unknown_code_is_404_in_chinese(client: Client, catalogue):
    response = client.get("/items/NOSUCHCODE000/")
    assert response.status_code == 404
    assert "页面不存在" in html(response)


def test_a_revision_in_progress_does_not_change_the_guide(client: Client, catalogue):
    item = catalogue["food"]
    before = html(client.get(guide_url(item)))
    item_version(item, number=2, status=VersionStatus.DRAFT, name="食品经营许可（修订草稿）", promised_limit_days=1)
    after = html(client.get(guide_url(item)))
    assert "修订草稿" not in after and "第2版" not in after
    assert after == before
    assert "修订草稿" not in html(client.get("/xzsp/"))


def test_guide_query_count_is_bounded(client: Client, catalogue, django_assert_max_num_queries):
    item = published_item(catalogue["food"].agency, "十项材料的事项")
    full_guide(item, materials=10)
    with django_assert_max_num_queries(14):  # generation and version id (the cache keys), then the guide
        response = client.get(guide_url(item))
    assert html(response).count('<th scope="row" class="material-name">') == 10
    with django_assert_max_num_queries(4):  # rendered once per published version: now only the key
        again = client.get(guide_url(item))
    assert html(again) == html(response)


# --- Browse --------------------------------------------------------------------------------------


def names(response) -> list[str]:
    return re.findall(r'class="item-row-name" href="[^"]+">([^<]+)</a>', html(response))


def test_xzsp_lists_power_items_and_bmfw_public_services(client: Client, catalogue):
    xzsp = names(client.get("/xzsp/"))
    assert set(xzsp) == {"食品经营许可", "结婚登记", "最低生活保障初审", "草窝滩镇临时救助"}
    assert names(client.get("/bmfw/")) == ["计量器具检定查询"]
    page = html(client.get("/xzsp/"))
    assert f'href="{guide_url(catalogue["food"])}"' in page
    assert '<label for="filter-agency">实施部门</label>' in page
    assert_csp_clean(page)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme=shipin", {"食品经营许可"}),
        ("theme=hunyin", {"结婚登记"}),
        ("event=kaiban", {"食品经营许可"}),
        ("audience=organisation", {"食品经营许可"}),
        ("audience=person", {"结婚登记", "最低生活保障初审", "草窝滩镇临时救助"}),
        ("region=620423101", {"食品经营许可", "最低生活保障初审"}),
        ("region=620423102", {"草窝滩镇临时救助"}),
        ("region=620423", {"食品经营许可", "结婚登记", "草窝滩镇临时救助"}),
        ("audience=person&theme=hunyin", {"结婚登记"}),
    ],
)
def test_filters(client: Client, catalogue, query, expected):
    response = client.get(f"/xzsp/?{query}")
    assert response.status_code == 200
    assert set(names(response)) == expected


def test_filter_by_agency_and_selected_option(client: Client, catalogue, personas):
    response = client.get(f"/xzsp/?agency={personas.civil_affairs.pk}")
    assert set(names(response)) == {"结婚登记", "草窝滩镇临时救助"}
    assert f'<option value="{personas.civil_affairs.pk}" selected>景泰县民政局（2）</option>' in html(response)
    assert "清除筛选条件" in html(response)


def test_items_lists_every_published_item(client: Client, catalogue):
    response = client.get("/items/")
    assert response.status_code == 200
    assert set(names(response)) == {
        "食品经营许可",
        "结婚登记",
        "最低生活保障初审",
        "草窝滩镇临时救助",
        "计量器具检定查询",
    }
    assert "<h1>全部事项</h1>" in html(response)
    assert set(names(client.get("/items/?audience=organisation"))) == {"食品经营许可"}


def test_items_of_an_inactive_agency_are_hidden(client: Client, catalogue, personas):
    Agency.objects.filter(pk=personas.civil_affairs.pk).update(is_active=False)
    assert "结婚登记" not in names(client.get("/items/"))
    assert client.get(guide_url(catalogue["marriage"])).status_code == 404


def test_unknown_filter_values_are_ignored(client: Client, catalogue):
    response = client.get("/xzsp/?agency=abc&theme=nosuch&audience=x&region=1&page=999")
    assert response.status_code == 200
    assert len(names(response)) == 4


def test_no_match_says_so_honestly(client: Client, catalogue):
    response = client.get("/bmfw/?theme=hunyin")  # 婚姻登记 has no public-service item: not an option there
    assert names(response) == ["计量器具检定查询"]
    response = client.get("/xzsp/?theme=hunyin&audience=organisation")
    assert names(response) == []
    assert "没有符合筛选条件的事项" in html(response)


def test_empty_catalogue_stays_honest(client: Client, personas):
    assert "暂无已发布的事项" in html(client.get("/xzsp/"))
    assert "暂无已发布的便民服务" in html(client.get("/bmfw/"))
    assert "暂无已公开的清单" in html(client.get("/ygzw/"))


def test_list_is_paginated(client: Client, personas):
    for n in range(25):
        published_item(personas.market, f"分页事项{n:02d}")
    first = client.get("/xzsp/")
    assert len(names(first)) == 20 and "共 25 个事项" in html(first) and "第 1 / 2 页" in html(first)
    second = client.get("/xzsp/?page=2")
    assert len(names(second)) == 5
    filtered = html(client.get(f"/xzsp/?agency={personas.market.pk}"))
    assert f'href="?agency={personas.market.pk}&amp;page=2"' in filtered


def test_list_query_count_does_not_grow_with_the_items(client: Client, personas, django_assert_max_num_queries):
    theme = Theme.objects.create(code="shichang", name="市场准入", audience=Audience.ORGANISATION)
    for n in range(50):
        agency = (personas.market, personas.civil_affairs, personas.luyang)[n % 3]
        published_item(agency, f"事项{n:02d}", themes=[theme], regions=[personas.luyang.region])
    with django_assert_max_num_queries(12):
        response = client.get("/xzsp/")
    assert len(names(response)) == 20
    with django_assert_max_num_queries(12):
        response = client.get("/xzsp/?theme=shichang&audience=person&region=620423101&page=2")
    assert len(names(response)) == 20


# --- Sub-sites -----------------------------------------------------------------------------------


def test_township_subsite_lists_its_items_and_those_handled_there(client: Client, catalogue):
    response = client.get("/xz/luyang/xzsp/")
    # The township government's own item, and a county item that can be handled in 芦阳镇.
    assert set(names(response)) == {"最低生活保障初审", "食品经营许可"}
    page = html(response)
    assert 'id="filter-agency"' not in page and 'id="filter-region"' not in page
    assert '<span class="title-prefix">芦阳镇</span>行政审批' in page
    assert names(client.get("/xz/luyang/bmfw/")) == []
    assert "暂无已发布的便民服务" in html(client.get("/xz/luyang/bmfw/"))
    assert_csp_clean(page)


def test_department_subsite_lists_its_own_items(client: Client, catalogue):
    assert set(names(client.get("/bm/scjgj/xzsp/"))) == {"食品经营许可"}
    assert names(client.get("/bm/scjgj/bmfw/")) == ["计量器具检定查询"]
    assert set(names(client.get("/bm/mzj/xzsp/"))) == {"结婚登记", "草窝滩镇临时救助"}
    assert set(names(client.get("/bm/mzj/xzsp/?theme=hunyin"))) == {"结婚登记"}
    assert client.get("/bm/nosuch/xzsp/").status_code == 404
    assert client.get("/xz/scjgj/xzsp/").status_code == 404  # a department is not a township


def test_subsite_list_query_count_is_bounded(client: Client, personas, django_assert_max_num_queries):
    for n in range(30):
        published_item(personas.luyang if n % 2 else personas.market, f"事项{n:02d}", regions=[personas.luyang.region])
    with django_assert_max_num_queries(12):
        response = client.get("/xz/luyang/xzsp/")
    assert len(names(response)) == 20


def test_ygzw_is_unchanged(client: Client, catalogue):
    page = html(client.get("/bm/scjgj/ygzw/"))
    assert "暂无已公开的清单" in page and "item-row" not in page
