"""The shell in a real browser: axe-core on every page, phone and desktop, keyboard, no sideways scroll.

``visit`` runs axe-core (WCAG 2.1 AA + best practices) on every page it opens and fails on any
violation; the harness also fails a test that loaded a page without checking it.
"""

from __future__ import annotations

from typing import Any

import pytest

from zwfw.identity.tests.factories import TEST_PASSWORD
from zwfw.org.tests.factories import ServiceCentreFactory, WindowFactory
from zwfw.testing.browser import DESKTOP, PHONE, axe_check, login_through_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

sizes = pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])

#: What the focused element is, in words a failing assertion can show.
FOCUSED = """() => {
  const el = document.activeElement;
  return {tag: el.tagName.toLowerCase(), id: el.id || "", text: (el.innerText || el.value || "").trim(),
          nav: el.closest("nav") ? el.closest("nav").getAttribute("aria-label") : ""};
}"""


@pytest.fixture
def cluster(personas):
    """The personas' agencies, with 芦阳镇's centre and windows filled in."""
    luyang = personas.luyang
    luyang.complaint_phone = "0943-5611002"
    luyang.office_hours = "工作日 8:30-12:00，14:30-18:00"
    luyang.save()
    centre = ServiceCentreFactory(name="芦阳镇便民服务中心", agency=luyang, address="景泰县芦阳镇政府一楼")
    comprehensive = WindowFactory(centre=centre, number="01", name="综合受理窗口")
    comprehensive.agencies.set([luyang, personas.civil_affairs])
    social = WindowFactory(centre=centre, number="02", name="社会保障窗口", is_comprehensive=False)
    social.agencies.set([luyang])
    return personas


def assert_fits_the_phone(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways on a phone: {width}px wide"


def assert_keyboard_reaches_search_and_nav(page: Any, nav_label: str = "主导航") -> None:
    """From the top of the page, Tab: the skip link first, then the search box, then the main nav."""
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert first["text"] == "跳到主要内容", f"first Tab stop is {first}"
    stops = []
    for _ in range(20):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
        if stops[-1]["nav"] == nav_label:
            break
    ids = [s["id"] for s in stops]
    assert "site-search-q" in ids, f"the search box is not reachable by Tab: {stops}"
    assert stops[-1]["nav"] == nav_label, f"the main navigation is not reachable by Tab: {stops}"
    assert ids.index("site-search-q") < len(stops) - 1
    # Every focused control shows a focus indicator.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def assert_skip_link_moves_focus_to_main(page: Any) -> None:
    page.get_by_role("link", name="跳到主要内容").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def check_size(page: Any, size: dict[str, int], nav_label: str = "主导航") -> None:
    if size == PHONE:
        assert_fits_the_phone(page)
        # The navigation is visible on the phone without any script: every item fits on screen.
        for link in page.get_by_role("navigation", name=nav_label).get_by_role("link").all():
            box = link.bounding_box()
            assert link.is_visible() and box is not None and box["x"] + box["width"] <= PHONE["width"]
    assert_keyboard_reaches_search_and_nav(page, nav_label)


@sizes
def test_portal_home(page, visit, cluster, size):
    page.set_viewport_size(size)
    visit("/")
    assert page.title() == "景泰政务服务网"
    assert page.get_by_role("heading", name="景泰政务服务网", level=1).is_visible()
    nav = page.get_by_role("navigation", name="主导航")
    for label in ("首页", "行政审批", "便民服务", "阳光政务"):
        assert nav.get_by_role("link", name=label, exact=True).is_visible()
    assert page.get_by_role("link", name="芦阳镇", exact=True).is_visible()
    assert page.get_by_role("link", name="县市场监管局", exact=True).is_visible()
    assert page.get_by_label("站内搜索").is_visible()
    check_size(page, size)
    assert_skip_link_moves_focus_to_main(page)


@sizes
def test_township_subsite(page, visit, cluster, size):
    page.set_viewport_size(size)
    visit("/xz/luyang/")
    assert page.get_by_role("heading", name="景泰县芦阳镇人民政府", level=1).is_visible()
    assert page.get_by_text("芦阳镇便民服务中心").is_visible()
    assert page.get_by_role("cell", name="综合受理窗口").is_visible()
    check_size(page, size, nav_label="子站导航")
    # The sub-site's theme page, reached through its own navigation.
    with page.expect_navigation():
        page.get_by_role("navigation", name="子站导航").get_by_role("link", name="行政审批").click()
    axe_check(page)
    assert page.url.endswith("/xz/luyang/xzsp/")
    assert page.get_by_text("暂无已发布的事项").is_visible()
    if size == PHONE:
        assert_fits_the_phone(page)


@sizes
def test_department_subsite(page, visit, cluster, size):
    page.set_viewport_size(size)
    visit("/bm/mzj/")
    assert page.get_by_role("heading", name="景泰县民政局", level=1).is_visible()
    assert page.get_by_role("cell", name="芦阳镇便民服务中心").is_visible()
    check_size(page, size, nav_label="子站导航")


@sizes
def test_theme_and_error_pages(page, visit, cluster, size):
    page.set_viewport_size(size)
    visit("/ygzw/")
    assert page.get_by_text("暂无已公开的清单").is_visible()
    if size == PHONE:
        assert_fits_the_phone(page)
    visit("/bm/no-such-agency/", status=404)
    assert page.get_by_role("heading", name="页面不存在").is_visible()
    if size == PHONE:
        assert_fits_the_phone(page)


@sizes
def test_login_page(page, visit, cluster, size):
    page.set_viewport_size(size)
    visit("/login/")
    check_size(page, size)
    page.get_by_label("手机号码").fill("13909430001")
    page.get_by_label("密码", exact=True).fill("wrong-password")
    with page.expect_navigation():
        page.get_by_role("button", name="登录").click()
    axe_check(page)
    assert page.get_by_role("alert").inner_text().startswith("手机号码或密码不正确")
    if size == PHONE:
        assert_fits_the_phone(page)


@sizes
def test_search_page(page, visit, cluster, size):
    page.set_viewport_size(size)
    visit("/")
    page.get_by_label("站内搜索").fill("芦阳<b>")
    with page.expect_navigation():
        page.get_by_label("站内搜索").press("Enter")
    axe_check(page)
    assert "/search/?q=" in page.url
    assert page.get_by_text("没有找到与“芦阳<b>”相关的结果").is_visible()  # echoed as text, not markup
    assert page.locator("main b").count() == 0
    visit("/search/?q=芦阳")
    assert page.get_by_role("link", name="景泰县芦阳镇人民政府").is_visible()
    assert page.get_by_role("link", name="按乡镇浏览").is_visible()
    check_size(page, size)


@sizes
def test_staff_shell_switches_agency(page, visit, live_server, cluster, size):
    page.set_viewport_size(size)
    login_through_form(page, live_server, "wugang", TEST_PASSWORD)
    assert page.url.endswith("/account/")
    visit("/staff/")
    current = page.get_by_test_id("current-agency")
    assert current.inner_text() == "中共景泰县委机构编制委员会办公室"
    assert page.get_by_role("navigation", name="工作台菜单").is_visible()
    assert page.get_by_role("cell", name="事项审核员").is_visible()
    if size == PHONE:
        assert_fits_the_phone(page)
    switcher = page.get_by_label("切换机构")
    options = switcher.locator("option").all_inner_texts()
    assert options == ["中共景泰县委机构编制委员会办公室", "景泰县司法局"]  # only wu_gang's own agencies
    switcher.select_option(label="景泰县司法局")
    with page.expect_navigation():
        page.get_by_role("button", name="切换").click()
    axe_check(page)
    assert page.url.endswith("/staff/"), page.locator("main").inner_text()
    assert page.get_by_test_id("current-agency").inner_text() == "景泰县司法局"
    assert page.get_by_role("status").inner_text() == "已切换到景泰县司法局。"
    if size == PHONE:
        assert_fits_the_phone(page)
