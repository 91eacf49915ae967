"""便民服务: the services (audit, idempotence, permission, URL rules), search, and the /bmfw/ navigation."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client

from zwfw.catalog.choices import ConvenienceCategory
from zwfw.catalog.models import ConvenienceService, LifeEvent
from zwfw.catalog.search import SearchKind, search, search_rebuild
from zwfw.catalog.selectors import convenience_services_grouped
from zwfw.catalog.services.classification import life_event_upsert
from zwfw.catalog.services.convenience import convenience_service_deactivate, convenience_service_upsert
from zwfw.core.choices import Outcome as AuditOutcome
from zwfw.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _events() -> None:
    life_event_upsert(actor=None, code="jiuye", name="就业", audience="person", sort_order=30)
    life_event_upsert(actor=None, code="anju", name="置业安居", audience="person", sort_order=70)
    life_event_upsert(actor=None, code="tuixiu", name="退休", audience="person", sort_order=110)


def _fund(actor, **overrides):
    spec = {
        "code": "gongjijin-chaxun",
        "name": "住房公积金查询",
        "category": ConvenienceCategory.HOUSING_FUND,
        "provider": "白银市住房公积金管理中心",
        "description": "住房公积金账户余额、缴存明细和贷款进度查询。",
        "phone": "12329",
        "life_event_codes": ["jiuye", "anju"],
        "sort_order": 10,
        **overrides,
    }
    return convenience_service_upsert(actor=actor, **spec)


def _last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-id").first()


# --- services ------------------------------------------------------------------------------------


def test_upsert_creates_with_an_audit_event_and_is_idempotent(personas):
    _events()
    service, outcome = _fund(personas.ma_qiang)
    assert outcome == "created"
    assert sorted(service.life_events.values_list("code", flat=True)) == ["anju", "jiuye"]
    assert service.created_by == personas.ma_qiang and service.is_active
    event = _last_event()
    assert event.action == "convenience_service.create" and event.actor == personas.ma_qiang
    assert event.detail["code"] == "gongjijin-chaxun" and event.detail["phone"] == "12329"

    before = (AuditEvent.objects.count(), ConvenienceService.objects.get().updated_at)
    again, outcome = _fund(personas.ma_qiang)
    assert outcome == "unchanged" and again.pk == service.pk
    assert (AuditEvent.objects.count(), ConvenienceService.objects.get().updated_at) == before


def test_upsert_updates_only_what_changed(personas):
    _events()
    _fund(None)
    service, outcome = _fund(personas.ma_qiang, name="住房公积金查询和提取", life_event_codes=["anju", "tuixiu"])
    assert outcome == "updated" and service.name == "住房公积金查询和提取"
    event = _last_event()
    assert event.action == "convenience_service.update"
    assert event.detail["changes"] == {"name": "住房公积金查询和提取"}
    assert event.detail["life_events"] == {"from": ["anju", "jiuye"], "to": ["anju", "tuixiu"]}
    assert service.updated_by == personas.ma_qiang


def test_deactivate_is_audited_and_idempotent(personas):
    _events()
    service, _ = _fund(None)
    convenience_service_deactivate(actor=personas.ma_qiang, service=service)
    service.refresh_from_db()
    assert not service.is_active
    assert _last_event().action == "convenience_service.deactivate"
    count = AuditEvent.objects.count()
    convenience_service_deactivate(actor=personas.ma_qiang, service=service)
    assert AuditEvent.objects.count() == count
    assert convenience_services_grouped() == []
    # A reload of the same data keeps it off the portal; an explicit is_active brings it back.
    assert _fund(None)[1] == "unchanged"
    assert _fund(personas.ma_qiang, is_active=True)[0].is_active


@pytest.mark.parametrize("who", ["sun_li", "wu_gang", "chen_jing", "he_jun", "outsider"])
def test_only_the_operator_or_the_system_may_write(personas, who):
    _events()
    user = getattr(personas, who)
    with pytest.raises(PermissionDenied, match="平台运营人员"):
        _fund(user)
    assert not ConvenienceService.objects.exists()
    refusal = _last_event()
    assert refusal.action == "convenience_service.upsert" and refusal.outcome == AuditOutcome.DENIED

    service, _ = _fund(None)
    with pytest.raises(PermissionDenied):
        convenience_service_deactivate(actor=user, service=service)
    service.refresh_from_db()
    assert service.is_active


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "http://example.com/",
        "//example.com/",
        "/\\example.com/",
        "ftp://example.com/",
        "data:text/html,x",
        "https://",
        "bmfw/",
    ],
)
def test_bad_links_are_refused_in_chinese_and_nothing_changes(personas, url):
    _events()
    count = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        _fund(personas.ma_qiang, url=url, is_external=url.startswith("https"))
    message = "；".join(caught.value.messages)
    assert re.search(r"[\u4e00-\u9fff]", message), message
    assert "链接" in message or "网址" in message
    assert not ConvenienceService.objects.exists()
    assert AuditEvent.objects.count() == count + 1  # only the refusal
    assert _last_event().outcome == AuditOutcome.DENIED


def test_http_and_javascript_messages_say_what_is_accepted(personas):
    _events()
    for url in ("http://example.com/", "javascript:alert(1)"):
        with pytest.raises(ValidationError) as caught:
            _fund(personas.ma_qiang, url=url)
        assert "https://" in caught.value.messages[0] and "不接受" in caught.value.messages[0]


def test_good_links_external_flag_and_phone(personas):
    _events()
    service, _ = _fund(personas.ma_qiang, url="/items/?theme=huji")
    assert service.url == "/items/?theme=huji" and not service.is_external
    service, _ = _fund(personas.ma_qiang, code="tielu", name="铁路客票", url="https://www.12306.cn/", is_external=True)
    assert service.is_external
    with pytest.raises(ValidationError, match="外部可信网站"):
        _fund(personas.ma_qiang, code="x1", name="x", url="https://www.12306.cn/", is_external=False)
    with pytest.raises(ValidationError, match="https://"):
        _fund(personas.ma_qiang, code="x2", name="x", url="/bmfw/", is_external=True)
    with pytest.raises(ValidationError, match="服务电话"):
        _fund(personas.ma_qiang, code="x3", name="x", phone="tel:12345")
    with pytest.raises(ValidationError, match="生命周期事件不存在"):
        _fund(personas.ma_qiang, code="x4", name="x", life_event_codes=["nope"])


def test_the_database_refuses_unsafe_links_too(personas):
    for url in ("javascript:alert(1)", "http://example.com/", "//example.com/"):
        with pytest.raises(IntegrityError), transaction.atomic():
            ConvenienceService.objects.create(code="raw", name="raw", category="other", url=url)


# --- search --------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_search_finds_them_and_follows_upsert_and_deactivate(personas):
    _events()
    service, _ = _fund(personas.ma_qiang)
    hits = search("公积金").group(SearchKind.CONVENIENCE).hits
    assert [h.title for h in hits] == ["住房公积金查询"]
    assert hits[0].url == "/bmfw/#bmfw-gongjijin-chaxun"
    assert search("12329").group(SearchKind.CONVENIENCE) is not None

    _fund(personas.ma_qiang, name="住房公积金业务查询")
    assert [h.title for h in search("公积金").hits] == ["住房公积金业务查询"]

    convenience_service_deactivate(actor=personas.ma_qiang, service=service)
    assert search("公积金").group(SearchKind.CONVENIENCE) is None


@pytest.mark.django_db(transaction=True)
def test_search_rebuild_uses_the_registered_source(personas):
    from zwfw.catalog.models import SearchDocument

    _events()
    _fund(None)
    SearchDocument.objects.filter(kind=SearchKind.CONVENIENCE).delete()
    assert search_rebuild([SearchKind.CONVENIENCE]) == {SearchKind.CONVENIENCE: 1}
    assert search("公积金").group(SearchKind.CONVENIENCE).hits[0].title == "住房公积金查询"


@pytest.mark.django_db(transaction=True)
def test_demo_data_loads_idempotently_and_is_searchable(personas):
    from zwfw.catalog.data import classifications, convenience
    from zwfw.demo.catalog import convenience_seed

    for spec in classifications.LIFE_EVENTS:
        life_event_upsert(actor=None, **spec)
    # The demo references the county's agencies by slug; the personas hold a few of them.
    needed = {s["agency"] for s in convenience.SERVICES if s.get("agency")}
    from zwfw.org.models import Agency
    from zwfw.org.tests.factories import AgencyFactory

    for slug in needed - set(Agency.objects.values_list("slug", flat=True)):
        AgencyFactory(slug=slug)
    tally = convenience_seed(services=convenience.SERVICES)
    assert tally["convenience_created"] == len(convenience.SERVICES) >= 20
    assert convenience_seed(services=convenience.SERVICES) == {"convenience_unchanged": len(convenience.SERVICES)}
    expected = {"公积金": "住房公积金查询", "电费": "电费缴纳", "法律援助": "法律援助", "天气": "天气预报"}
    for query, title in expected.items():
        group = search(query).group(SearchKind.CONVENIENCE)
        assert group is not None and title in [h.title for h in group.hits], query
    # Every external link is https and marked; no phone is anything but digits.
    for service in ConvenienceService.objects.all():
        assert not service.url or service.url.startswith(("/", "https://"))
        assert service.is_external == service.url.startswith("https://")


# --- the /bmfw/ page -----------------------------------------------------------------------------


@pytest.fixture
def navigation(personas):
    _events()
    _fund(None)
    convenience_service_upsert(
        actor=None,
        code="shebao",
        name="社保缴费查询",
        category=ConvenienceCategory.SOCIAL_SECURITY,
        phone="12333",
        agency=personas.civil_affairs,
        life_event_codes=["jiuye", "tuixiu"],
        sort_order=5,
    )
    convenience_service_upsert(
        actor=None,
        code="tielu",
        name="铁路客票",
        category=ConvenienceCategory.TRANSPORT,
        url="https://www.12306.cn/",
        is_external=True,
    )
    gone, _ = convenience_service_upsert(actor=None, code="gone", name="已停用的服务", category="other")
    convenience_service_deactivate(actor=None, service=gone)


def _section(html: str) -> str:
    """The navigation's part of the page (it stands before the item filters)."""
    return html[html.index('id="convenience"') : html.index('id="filters-title"')]


def test_bmfw_shows_the_navigation_grouped_by_category(client: Client, navigation):
    html = client.get("/bmfw/").content.decode()
    part = _section(html)
    headings = re.findall(r"<h3 id=\"convenience-[a-z_]+\">([^<]+)</h3>", part)
    assert headings == ["社会保障", "住房公积金", "交通出行"]  # the categories' fixed order
    assert '<a href="tel:12329">12329</a>' in part
    assert '<a href="tel:12333">12333</a>' in part
    assert 'href="https://www.12306.cn/" rel="noopener noreferrer external"' in part
    assert "外部链接" in part
    assert "已停用的服务" not in html
    assert 'id="bmfw-gongjijin-chaxun"' in part
    assert "<script" not in part and not re.search(r"\sstyle=", part)


def test_bmfw_filters_by_life_event(client: Client, navigation):
    part = _section(client.get("/bmfw/?life_event=tuixiu").content.decode())
    assert "社保缴费查询" in part and "住房公积金查询" not in part and "铁路客票" not in part
    assert '<option value="tuixiu" selected>' in part
    assert "与“退休”相关的便民服务" in part
    # Only life events with services are offered; an unknown value shows everything.
    assert 'value="anju"' in part and 'value="chusheng"' not in part
    part = _section(client.get("/bmfw/?life_event=nope").content.decode())
    assert "社保缴费查询" in part and "住房公积金查询" in part and "铁路客票" in part


def test_navigation_is_only_on_the_county_bmfw_page(client: Client, navigation):
    assert "便民服务导航" not in client.get("/xzsp/").content.decode()
    assert "便民服务导航" not in client.get("/xz/luyang/bmfw/").content.decode()


def test_bmfw_query_count_is_bounded(client: Client, navigation, personas, django_assert_max_num_queries):
    for n in range(20):
        convenience_service_upsert(
            actor=None, code=f"extra-{n}", name=f"服务{n}", category="other", life_event_codes=["jiuye"]
        )
    with django_assert_max_num_queries(14):
        response = client.get("/bmfw/?life_event=jiuye")
    assert response.content.decode().count('id="bmfw-') == 22


def test_life_event_model_has_the_reverse_relation(navigation):
    assert LifeEvent.objects.get(code="tuixiu").convenience_services.get().code == "shebao"
