"""Where an item is handled: the windows (down to the window, by service centre) and the townships or villages,
chosen in the editor, validated, and shown on the published guide."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from zwfw.catalog.services.item import version_approve, version_publish, version_submit, version_update
from zwfw.catalog.tests.builders import dibao_create, dibao_data
from zwfw.catalog.tests.editor_post import editor_post
from zwfw.org.choices import AgencyKind, CentreKind, RegionLevel
from zwfw.org.tests.factories import AgencyFactory, RegionFactory, ServiceCentreFactory, WindowFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(personas):
    hall = ServiceCentreFactory(name="景泰县政务服务中心", kind=CentreKind.COUNTY, agency=personas.county_office)
    civil_window = WindowFactory(centre=hall, number="12", name="民政综合窗口")
    civil_window.agencies.add(personas.civil_affairs)  # test setup of org data
    closed_window = WindowFactory(centre=hall, number="13", name="旧窗口", is_active=False)
    luyang_centre = ServiceCentreFactory(name="芦阳镇便民服务中心", agency=personas.luyang)
    luyang_window = WindowFactory(centre=luyang_centre, number="01", name="综合受理窗口")
    luyang_window.agencies.add(personas.civil_affairs)
    elsewhere = WindowFactory(centre=ServiceCentreFactory(name="草窝滩镇便民服务中心"), number="01")
    village = RegionFactory(
        code="620423101201", name="城关村", level=RegionLevel.VILLAGE, parent=personas.luyang.region
    )
    merged = RegionFactory(code="620423199", name="已撤并乡")
    AgencyFactory(slug="merged", kind=AgencyKind.TOWNSHIP_GOVERNMENT, region=merged, is_active=False)
    return {
        "civil_window": civil_window,
        "closed_window": closed_window,
        "luyang_window": luyang_window,
        "elsewhere": elsewhere,
        "luyang": personas.luyang.region,
        "village": village,
        "merged": merged,
    }


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_editor_offers_the_agencys_windows_by_centre_and_townships_with_their_villages(personas, places):
    draft = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    page = login(personas.sun_li).get(reverse("catalog:version_edit", args=[draft.pk])).content.decode()
    assert "<legend>办理窗口</legend>" in page and "<legend>可办理的乡镇（村）</legend>" in page
    assert "<legend>景泰县政务服务中心</legend>" in page and "<legend>芦阳镇便民服务中心</legend>" in page
    assert "12号窗口 民政综合窗口" in page
    assert f'name="windows" value="{places["closed_window"].pk}"' not in page  # inactive
    assert "旧窗口" not in page
    assert "草窝滩镇便民服务中心" not in page  # a centre the agency is not in
    assert "<legend>芦阳镇</legend>" in page and "城关村" in page and "已撤并乡" not in page


def test_chosen_windows_and_townships_are_saved_and_shown_on_the_published_guide(personas, places):
    draft = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    manager = login(personas.sun_li)
    post = editor_post(
        dibao_data(),
        extra={
            "save": "1",
            "windows": [str(places["civil_window"].pk), str(places["luyang_window"].pk)],
            "handling_regions": [str(places["luyang"].pk), str(places["village"].pk)],
        },
    )
    assert manager.post(reverse("catalog:version_edit", args=[draft.pk]), post).status_code == 302
    assert set(draft.windows.all()) == {places["civil_window"], places["luyang_window"]}
    assert set(draft.handling_regions.all()) == {places["luyang"], places["village"]}
    # The editor shows them ticked when it is opened again.
    page = manager.get(reverse("catalog:version_edit", args=[draft.pk])).content.decode()
    for pk in (places["civil_window"].pk, places["village"].pk):
        assert re.search(rf'value="{pk}"[^>]*checked', page)

    version_submit(actor=personas.sun_li, version=draft)
    version_approve(actor=personas.wu_gang, version=draft)
    version_publish(actor=personas.ma_qiang, version=draft)
    guide = Client().get(f"/items/{draft.item.implementation_code}/").content.decode()
    assert "景泰县政务服务中心" in guide and "12号窗口" in guide and "民政综合窗口" in guide
    assert "芦阳镇便民服务中心" in guide
    assert "城关村" in guide and "芦阳镇" in guide


def test_the_editor_refuses_windows_it_did_not_offer(personas, places):
    draft = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    for window in (places["closed_window"], places["elsewhere"]):
        post = editor_post(dibao_data(), extra={"save": "1", "windows": [str(window.pk)]})
        response = login(personas.sun_li).post(reverse("catalog:version_edit", args=[draft.pk]), post)
        assert response.status_code == 200 and "办理窗口" in response.content.decode()
        assert not draft.windows.exists()


def test_the_service_refuses_inactive_windows_closed_townships_and_unknown_ids(personas, places):
    draft = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    cases = [
        ({"windows": [places["closed_window"].pk]}, "不可选择的选项：景泰县政务服务中心13号窗口"),
        ({"windows": [999999]}, "不存在的值"),
        ({"windows": ["1; DROP TABLE"]}, "编号列表"),
        ({"handling_regions": [places["merged"].code]}, "不可选择的选项：已撤并乡"),
        ({"handling_regions": ["620423"]}, "不可选择的选项：景泰县"),  # the county is not a township
        ({"handling_regions": ["620423888"]}, "不存在的值"),
    ]
    for data, message in cases:
        with pytest.raises(ValidationError, match=message):
            version_update(actor=personas.sun_li, version=draft, data=data)
    assert not draft.windows.exists() and not draft.handling_regions.exists()
