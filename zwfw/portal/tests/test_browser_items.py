"""The item catalogue in a real browser: the guide page, a filtered 行政审批 list, sub-site item lists.

axe-core runs on every page (``visit`` / ``axe_check``); on a 360 px phone nothing scrolls sideways.
"""

from __future__ import annotations

from typing import Any

import pytest

from zwfw.testing.browser import DESKTOP, PHONE, axe_check

from .test_views_items import catalogue, full_guide, guide_url, published_item  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

sizes = pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])


def assert_fits_the_phone(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways on a phone: {width}px wide"


def item_names(page: Any) -> set[str]:
    return set(page.locator(".item-row-name").all_inner_texts())


@sizes
def test_guide_page(page, visit, catalogue, size):  # noqa: F811
    page.set_viewport_size(size)
    visit(guide_url(catalogue["food"]))
    assert page.title().startswith("食品经营许可 - 办事指南")
    assert page.get_by_role("heading", name="食品经营许可", level=1).is_visible()
    for section in ("基本信息", "申请材料", "办理流程", "办理时限", "常见问题"):
        assert page.get_by_role("heading", name=section, level=2).is_visible()
    table = page.get_by_role("table", name="申请材料清单")
    assert table.get_by_role("rowheader").count() == 3
    assert table.get_by_text("免提交", exact=True).is_visible()
    # The FAQ opens with the keyboard.
    question = page.get_by_text("可以委托他人办理吗？")
    question.focus()
    page.keyboard.press("Enter")
    assert page.get_by_text("可以，需提供授权委托书。").is_visible()
    assert page.get_by_role("link", name="0943-5521234").get_attribute("href") == "tel:0943-5521234"
    # The full address is only for paper.
    assert not page.get_by_text("本页地址：").is_visible()
    if size == PHONE:
        assert_fits_the_phone(page)
    # The table of contents jumps to a section.
    page.get_by_role("navigation", name="目录").get_by_role("link", name="办理地点和时间").click()
    assert page.url.endswith("#place")


def test_guide_page_in_print(page, visit, catalogue):  # noqa: F811
    visit(guide_url(catalogue["food"]))
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert not page.locator(".breadcrumbs").is_visible()
    assert page.get_by_text("本页地址：").is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).color") == "rgb(0, 0, 0)"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") in (
        "rgb(255, 255, 255)",
        "rgba(0, 0, 0, 0)",
    )


@sizes
def test_xzsp_list_with_a_filter(page, visit, catalogue, size):  # noqa: F811
    page.set_viewport_size(size)
    visit("/xzsp/")
    assert item_names(page) == {"食品经营许可", "结婚登记", "最低生活保障初审", "草窝滩镇临时救助"}
    if size == PHONE:
        assert_fits_the_phone(page)
    page.get_by_label("服务对象").select_option(label="个人办事")
    page.get_by_label("办理地区").select_option(label="草窝滩镇")
    with page.expect_navigation():
        page.get_by_role("button", name="筛选").click()
    axe_check(page)
    assert "audience=person" in page.url and "region=620423102" in page.url
    assert item_names(page) == {"草窝滩镇临时救助"}
    assert page.get_by_label("办理地区").input_value() == "620423102"  # the choice is kept
    if size == PHONE:
        assert_fits_the_phone(page)
    with page.expect_navigation():
        page.get_by_role("link", name="草窝滩镇临时救助").click()
    axe_check(page)
    assert page.get_by_role("heading", name="草窝滩镇临时救助", level=1).is_visible()


@sizes
def test_township_subsite_lists_its_items(page, visit, catalogue, size):  # noqa: F811
    page.set_viewport_size(size)
    visit("/xz/luyang/")
    with page.expect_navigation():
        page.get_by_role("navigation", name="子站导航").get_by_role("link", name="行政审批").click()
    axe_check(page)
    assert page.url.endswith("/xz/luyang/xzsp/")
    assert item_names(page) == {"最低生活保障初审", "食品经营许可"}
    assert page.get_by_role("heading", level=1).inner_text().replace("\n", "") == "芦阳镇行政审批"
    if size == PHONE:
        assert_fits_the_phone(page)


@sizes
def test_department_subsite_lists_its_items(page, visit, catalogue, size):  # noqa: F811
    page.set_viewport_size(size)
    visit("/bm/scjgj/xzsp/")
    assert item_names(page) == {"食品经营许可"}
    if size == PHONE:
        assert_fits_the_phone(page)
    visit("/bm/scjgj/bmfw/")
    assert item_names(page) == {"计量器具检定查询"}
    if size == PHONE:
        assert_fits_the_phone(page)
