"""Tracking in a real browser, axe-core on every page:

- story 3's grandson looks up 李秀英's case on his phone from the footer's 办件查询: number and query code in
  the form (never in the address bar), steps with dates and agencies, no staff names;
- 赵敏 follows her co-operative's case apart from her own in 我的办件, reads what to supplement, downloads the
  notice, and reads her messages.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache

from zwfw.identity.tests.browser_login import browser_login
from zwfw.notify.services import message_send
from zwfw.testing.browser import DESKTOP, PHONE, axe_check

from .track_support import STAFF_NAMES, accept, ask_supplement, case_for, dibao_with_process, frozen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _setup(settings, tmp_path, calendar_2025_2026, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    frozen(monkeypatch)
    cache.clear()
    yield
    cache.clear()


def go(page: Any, click: Any) -> Any:
    with page.expect_navigation():
        click()
    axe_check(page)
    return page


WIDE = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .filter(e => !e.closest('.table-scroll'))
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8)"""


def no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways: {width}px {page.evaluate(WIDE)}"


def test_the_public_progress_page_on_a_phone(page, live_server, visit, personas):
    version = dibao_with_process(personas)
    case = case_for(personas.li_xiuying, version, actor=personas.liu_yang)
    accept(case, clerk=personas.liu_yang)
    page.set_viewport_size(PHONE)
    visit("/")
    go(page, lambda: page.get_by_role("contentinfo").get_by_role("link", name="办件查询").click())
    assert page.get_by_role("heading", level=1, name="办件查询").is_visible()
    no_sideways_scroll(page)

    page.get_by_label("办件编号").fill(case.number)
    page.get_by_label("查询码").fill("WRONG123")
    go(page, lambda: page.get_by_role("button", name="查询").click())
    assert page.get_by_role("alert").get_by_text("办件编号或查询码不正确").is_visible()

    page.get_by_label("查询码").fill(case.query_code.lower())
    go(page, lambda: page.get_by_role("button", name="查询").click())
    assert page.get_by_role("heading", name="办理进度", exact=True).is_visible()
    assert case.query_code not in page.url and case.number not in page.url
    steps = page.get_by_role("table", name="办理环节")
    assert steps.get_by_role("row").count() == 5  # header + 受理 审核 审批 送达
    assert steps.get_by_text("已完成").is_visible()
    html = page.content()
    for name in STAFF_NAMES:
        assert name not in html, name
    assert "李秀英" not in html
    no_sideways_scroll(page)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_zhao_min_follows_the_cooperatives_case_apart_from_her_own(page, live_server, visit, personas, viewport):
    page.set_viewport_size(viewport)
    version = dibao_with_process(personas)
    zhao = personas.zhao_min
    own = case_for(zhao, version)
    coop = case_for(zhao, version, organisation=personas.green_coop)
    ask_supplement(coop, clerk=personas.liu_yang)
    link = f"/account/cases/{coop.number}/"
    message_send(recipient=zhao, title="请补正材料", body=f"办件编号 {coop.number}", link=link)
    browser_login(page, live_server, zhao)

    visit("/account/")
    go(page, lambda: page.get_by_role("navigation", name="用户中心栏目").get_by_role("link", name="我的办件").click())
    assert page.get_by_role("heading", level=1, name="我的办件").is_visible()
    assert page.get_by_role("link", name=own.number).is_visible()
    assert page.get_by_role("link", name=coop.number).is_visible()
    no_sideways_scroll(page)

    go(page, lambda: page.get_by_role("link", name="景泰县绿源枸杞种植专业合作社").click())
    assert page.get_by_role("link", name=coop.number).is_visible()
    assert page.get_by_role("link", name=own.number).count() == 0

    go(page, lambda: page.get_by_role("link", name=coop.number).click())
    assert page.get_by_role("heading", name="请补正材料").is_visible()
    assert page.get_by_text("复印件不清晰").first.is_visible()
    assert page.get_by_text("暂停计时：补正材料").first.is_visible()
    for name in STAFF_NAMES:
        assert name not in page.content(), name
    no_sideways_scroll(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="补正材料通知书").click()
    assert download.value.suggested_filename.endswith(".pdf")

    go(page, lambda: page.get_by_role("navigation", name="用户中心栏目").get_by_role("link", name="我的消息").click())
    assert page.get_by_text("1 条未读").is_visible()
    go(page, lambda: page.get_by_role("button", name="全部标为已读").click())
    assert page.get_by_text("条未读").count() == 0
    go(page, lambda: page.get_by_role("button", name=re.compile("查看详情")).click())
    assert coop.number in page.url
