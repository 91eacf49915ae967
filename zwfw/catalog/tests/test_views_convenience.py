"""The 便民服务 staff screens: only the operator maintains the navigation; what they do shows on /bmfw/."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from zwfw.catalog.choices import ConvenienceCategory
from zwfw.catalog.models import ConvenienceService
from zwfw.catalog.services.classification import life_event_upsert
from zwfw.catalog.services.convenience import convenience_service_upsert
from zwfw.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def entries(personas):
    life_event_upsert(actor=None, code="jiuye", name="就业", audience="person", sort_order=30)
    water, _ = convenience_service_upsert(
        actor=personas.ma_qiang,
        code="shuifei",
        name="水费查询缴纳",
        category=ConvenienceCategory.UTILITIES,
        provider="景泰县自来水公司",
        phone="0943-5521111",
    )
    fund, _ = convenience_service_upsert(
        actor=personas.ma_qiang,
        code="gongjijin",
        name="住房公积金查询",
        category=ConvenienceCategory.HOUSING_FUND,
        url="https://example.gov.cn/gjj",
        is_external=True,
        life_event_codes=["jiuye"],
    )
    return {"water": water, "fund": fund}


def new_post(**overrides) -> dict:
    return {
        "code": "dianfei",
        "name": "电费查询缴纳",
        "category": ConvenienceCategory.UTILITIES,
        "audience": "",
        "provider": "国网景泰县供电公司",
        "phone": "95598",
        "url": "",
        "sort_order": "5",
        "life_events": ["jiuye"],
        "is_active": "on",
        **overrides,
    }


def test_the_operator_lists_and_filters_the_entries(personas, entries):
    operator = login(personas.ma_qiang)
    page = operator.get(reverse("catalog:convenience_list")).content.decode()
    assert "水费查询缴纳" in page and "住房公积金查询" in page and "外部链接" in page
    page = operator.get(reverse("catalog:convenience_list"), {"category": "housing_fund"}).content.decode()
    assert "住房公积金查询" in page and "水费查询缴纳" not in page
    page = operator.get(reverse("catalog:convenience_list"), {"q": "水费"}).content.decode()
    assert "水费查询缴纳" in page and "住房公积金查询" not in page
    page = operator.get(reverse("catalog:convenience_list"), {"state": "inactive"}).content.decode()
    assert "没有符合筛选条件的便民服务" in page
    # The menu of the back office offers the screen to the operator.
    assert reverse("catalog:convenience_list") in operator.get("/staff/").content.decode()


@pytest.mark.parametrize("who", ["sun_li", "wu_gang", "chen_jing", "outsider"])
def test_everyone_but_the_operator_gets_403(personas, entries, who):
    client = login(getattr(personas, who))
    pk = entries["water"].pk
    for url in (
        reverse("catalog:convenience_list"),
        reverse("catalog:convenience_new"),
        reverse("catalog:convenience_edit", args=[pk]),
    ):
        assert client.get(url).status_code == 403
    assert client.post(reverse("catalog:convenience_new"), new_post()).status_code == 403
    assert client.post(reverse("catalog:convenience_deactivate", args=[pk])).status_code == 403
    assert not ConvenienceService.objects.filter(code="dianfei").exists()
    assert ConvenienceService.objects.get(pk=pk).is_active


def test_anonymous_visitors_are_sent_to_the_login_page(entries):
    response = Client().get(reverse("catalog:convenience_list"))
    assert response.status_code == 302 and "/login/" in response.url


def test_the_operator_creates_an_entry_that_shows_on_bmfw(personas, entries):
    operator = login(personas.ma_qiang)
    response = operator.post(reverse("catalog:convenience_new"), new_post())
    assert response.status_code == 302
    created = ConvenienceService.objects.get(code="dianfei")
    assert created.created_by == personas.ma_qiang and list(created.life_events.values_list("code", flat=True)) == [
        "jiuye"
    ]
    assert AuditEvent.objects.filter(action="convenience_service.create", object_id=str(created.pk)).exists()
    assert "电费查询缴纳" in Client().get("/bmfw/").content.decode()


def test_a_used_code_or_an_unsafe_link_is_refused_and_nothing_is_written(personas, entries):
    operator = login(personas.ma_qiang)
    response = operator.post(reverse("catalog:convenience_new"), new_post(code="shuifei"))
    assert response.status_code == 200 and "代码“shuifei”已被使用" in response.content.decode()
    assert ConvenienceService.objects.get(code="shuifei").name == "水费查询缴纳"  # not overwritten

    for bad, message in (("javascript:alert(1)", "链接地址只能是"), ("http://example.com", "链接地址只能是")):
        response = operator.post(reverse("catalog:convenience_new"), new_post(url=bad))
        page = response.content.decode()
        assert response.status_code == 200 and message in page and "未能保存" in page
    assert not ConvenienceService.objects.filter(code="dianfei").exists()


def test_the_operator_edits_an_entry_and_an_unchanged_save_writes_nothing(personas, entries):
    operator = login(personas.ma_qiang)
    water = entries["water"]
    url = reverse("catalog:convenience_edit", args=[water.pk])
    page = operator.get(url).content.decode()
    assert "水费查询缴纳" in page and 'name="code"' not in page  # the code is fixed
    events = AuditEvent.objects.count()
    unchanged = {
        "name": water.name,
        "category": water.category,
        "provider": water.provider,
        "phone": water.phone,
        "sort_order": "0",
        "is_active": "on",
    }
    assert operator.post(url, unchanged).status_code == 302
    assert AuditEvent.objects.count() == events
    operator.post(url, {**unchanged, "name": "水费查询", "phone": "0943-5521112"})
    water.refresh_from_db()
    assert water.name == "水费查询" and water.phone == "0943-5521112" and water.updated_by == personas.ma_qiang
    response = operator.post(url, {**unchanged, "phone": "abc"})
    assert response.status_code == 200 and "服务电话只能包含数字" in response.content.decode()
    water.refresh_from_db()
    assert water.phone == "0943-5521112"


def test_deactivating_hides_the_entry_from_bmfw_and_editing_brings_it_back(personas, entries):
    operator = login(personas.ma_qiang)
    fund = entries["fund"]
    assert "住房公积金查询" in Client().get("/bmfw/").content.decode()
    assert operator.get(reverse("catalog:convenience_deactivate", args=[fund.pk])).status_code == 405
    response = operator.post(reverse("catalog:convenience_deactivate", args=[fund.pk]))
    assert response.status_code == 302
    fund.refresh_from_db()
    assert not fund.is_active
    assert "住房公积金查询" not in Client().get("/bmfw/").content.decode()
    # A second click changes nothing.
    events = AuditEvent.objects.count()
    operator.post(reverse("catalog:convenience_deactivate", args=[fund.pk]))
    assert AuditEvent.objects.count() == events
    operator.post(
        reverse("catalog:convenience_edit", args=[fund.pk]),
        {
            "name": fund.name,
            "category": fund.category,
            "url": fund.url,
            "is_external": "on",
            "sort_order": "0",
            "life_events": ["jiuye"],
            "is_active": "on",
        },
    )
    assert "住房公积金查询" in Client().get("/bmfw/").content.decode()


def test_an_unknown_entry_is_404(personas):
    operator = login(personas.ma_qiang)
    assert operator.get(reverse("catalog:convenience_edit", args=[999999])).status_code == 404
