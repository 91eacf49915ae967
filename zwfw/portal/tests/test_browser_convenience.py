"""The 便民服务 navigation on /bmfw/ in a real browser, on a phone and on a desktop, with axe-core.

Grouped by category under real headings, phone numbers as tel: links, external trusted sites
marked 外部链接 with rel="noopener", and the life-event filter working without any script.
"""

from __future__ import annotations

import pytest

from zwfw.catalog.data import classifications, convenience
from zwfw.catalog.models import ConvenienceService
from zwfw.catalog.services.classification import life_event_upsert
from zwfw.demo.catalog import convenience_seed
from zwfw.org.models import Agency
from zwfw.org.tests.factories import AgencyFactory
from zwfw.testing.browser import DESKTOP, PHONE, axe_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

sizes = pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])


@pytest.fixture
def demo_navigation(personas):
    """The demonstration 便民服务 (the personas plus the other agencies the data names)."""
    for spec in classifications.LIFE_EVENTS:
        life_event_upsert(actor=None, **spec)
    needed = {s["agency"] for s in convenience.SERVICES if s.get("agency")}
    for slug in needed - set(Agency.objects.values_list("slug", flat=True)):
        AgencyFactory(slug=slug)
    convenience_seed(services=convenience.SERVICES)


@sizes
def test_bmfw_navigation(page, visit, demo_navigation, size):
    page.set_default_timeout(5000)
    page.set_viewport_size(size)
    visit("/bmfw/")
    nav = page.locator("#convenience")
    assert nav.get_by_role("heading", name="便民服务导航", level=2).is_visible()
    headings = nav.get_by_role("heading", level=3).all_inner_texts()
    assert headings[:5] == ["水电气暖", "社会保障", "医疗保险", "住房公积金", "交通出行"]
    assert headings[-1] == "其他"
    # Each category is a list under its heading.
    fund = nav.get_by_role("region", name="住房公积金")
    assert fund.get_by_role("listitem").count() == 2
    phone = fund.get_by_role("link", name="12329").first
    assert phone.get_attribute("href") == "tel:12329"
    # An external trusted site says so and does not give the opened page a handle on ours.
    railway = nav.get_by_role("link", name="铁路客票（12306）")
    assert "外部链接" in railway.inner_text()
    assert railway.get_attribute("href") == "https://www.12306.cn/"
    assert "noopener" in railway.get_attribute("rel")
    assert nav.get_by_text("外部链接").first.is_visible()
    if size == PHONE:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the page scrolls sideways on a phone: {width}px wide"


def test_bmfw_filter_by_life_event_without_script(browser, live_server, demo_navigation):
    """Scripts off (so axe-core cannot run here; the same pages are checked by the other tests)."""
    context = browser.new_context(java_script_enabled=False, locale="zh-CN", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(5000)
    retired = ConvenienceService.objects.filter(life_events__code="tuixiu")
    try:
        page.goto(live_server.url + "/bmfw/")
        page.get_by_label("按生命周期查看").select_option(label=f"退休（{retired.count()}）")
        page.get_by_role("button", name="查看").click()
        page.wait_for_load_state("load")
        assert "life_event=tuixiu" in page.url and page.url.endswith("#convenience")
        nav = page.locator("#convenience")
        assert nav.get_by_text("与“退休”相关的便民服务").is_visible()
        names = nav.locator("li strong").all_inner_texts()
        expected = set(retired.values_list("name", flat=True))
        assert set(names) == expected and "电费缴纳" not in names
        nav.get_by_role("link", name="显示全部便民服务").click()
        page.wait_for_load_state("load")
        assert nav.get_by_text("电费缴纳").is_visible()
    finally:
        context.close()


def test_filtered_page_passes_axe(page, visit, demo_navigation):
    page.set_default_timeout(5000)
    visit("/bmfw/?life_event=jiuye#convenience")
    assert page.get_by_label("按生命周期查看").input_value() == "jiuye"
    # Opening the filter with the keyboard and applying it keeps the page accessible.
    page.get_by_label("按生命周期查看").select_option("anju")
    page.get_by_role("button", name="查看").click()
    page.wait_for_load_state("load")
    axe_check(page)
    assert "life_event=anju" in page.url
