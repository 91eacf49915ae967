"""The unified search in a real browser: header box → results → guide page; phone and desktop, axe-core."""

from __future__ import annotations

import pytest

from zwfw.catalog.search.items import item_search_document_refresh
from zwfw.catalog.tests.builders import published_dibao
from zwfw.testing.browser import DESKTOP, PHONE, axe_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def dibao(personas):
    version = published_dibao(personas)
    item_search_document_refresh(version.item)  # idempotent if the services already indexed it
    return version


def assert_fits_the_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways on a phone: {width}px wide"


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_search_from_the_header_to_the_guide(page, visit, dibao, size):
    page.set_viewport_size(size)
    visit("/")
    box = page.get_by_label("站内搜索")
    box.fill("低保")
    with page.expect_navigation():
        box.press("Enter")
    axe_check(page)
    assert "/search/?q=" in page.url
    assert page.get_by_role("search").count() == 1
    assert page.get_by_label("搜索关键词").input_value() == "低保"
    results = page.locator("#results-item")
    first = results.get_by_role("link").first
    assert first.inner_text() == "最低生活保障审批"
    assert results.locator("mark").count() >= 1
    assert page.get_by_label("服务对象").is_visible() and page.get_by_label("部门或乡镇").is_visible()
    if size == PHONE:
        assert_fits_the_phone(page)

    # The filter works without script: choose 法人 and submit the page's form.
    page.get_by_label("服务对象").select_option("organisation")
    with page.expect_navigation():
        page.get_by_label("搜索关键词").press("Enter")
    axe_check(page)
    assert "audience=organisation" in page.url
    assert page.get_by_text("没有找到与“低保”相关的结果。").is_visible()
    assert page.get_by_role("link", name="最低生活保障审批").count() >= 1  # offered as a suggestion
    if size == PHONE:
        assert_fits_the_phone(page)

    visit("/search/?q=低保")
    with page.expect_navigation():
        page.locator("#results-item").get_by_role("link", name="最低生活保障审批").click()
    axe_check(page)
    assert page.url.endswith(f"/items/{dibao.item.implementation_code}/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("最低生活保障审批")
    if size == PHONE:
        assert_fits_the_phone(page)
