"""政府信息公开 in a real browser, with axe-core on every page: the county list and its filters, a
document page and its download, a township's list, and 孙丽's editor from a new draft to publication
(a refused upload, a good one, the 保密审查 confirmation) — on a phone and on a desktop."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from zwfw.identity.tests.factories import TEST_PASSWORD
from zwfw.openinfo.choices import OpenInfoStatus
from zwfw.openinfo.models import OpenInfo
from zwfw.openinfo.services import attachment_add, openinfo_publish
from zwfw.org.choices import Role
from zwfw.org.models import Membership
from zwfw.testing.browser import DESKTOP, PHONE, axe_check, login_through_form

from .builders import draft, pdf_bytes, png_bytes, upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

sizes = pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])


def go(page: Any, click: Any) -> Any:
    """Click something that loads a new document, then check that document with axe-core."""
    with page.expect_navigation():
        click()
    axe_check(page)
    return page


def assert_fits(page: Any, size: dict[str, int]) -> None:
    if size == PHONE:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{page.url} scrolls sideways on a phone: {width}px wide"


@pytest.fixture
def notices(personas):
    Membership.objects.create(user=personas.liu_yang, agency=personas.luyang, role=Role.ITEM_MANAGER)
    heating = draft(
        personas.sun_li,
        personas.civil_affairs,
        title="关于做好城乡低保年审工作的通知",
        document_number="景民发〔2026〕8号",
        category="13",
        written_on=dt.date(2026, 2, 27),
    )
    attachment_add(actor=personas.sun_li, info=heating, upload=upload("年审登记表.pdf", pdf_bytes()))
    openinfo_publish(actor=personas.sun_li, info=heating, secrecy_reviewed=True, published_on=dt.date(2026, 3, 2))
    spring = draft(
        personas.liu_yang,
        personas.luyang,
        title="芦阳镇2026年春季植树造林工作安排",
        category="14",
        written_on=dt.date(2026, 3, 6),
    )
    openinfo_publish(actor=personas.liu_yang, info=spring, secrecy_reviewed=True, published_on=dt.date(2026, 3, 10))
    draft(personas.sun_li, personas.civil_affairs, title="不应出现的草稿")
    return {"dibao": heating, "spring": spring}


@sizes
def test_county_list_filter_document_and_download(page, visit, live_server, notices, size):
    page.set_default_timeout(5000)
    page.set_viewport_size(size)
    visit("/ygzw/gk/")
    rows = page.locator(".openinfo-list .item-row-name")
    assert rows.all_inner_texts() == ["芦阳镇2026年春季植树造林工作安排", "关于做好城乡低保年审工作的通知"]
    assert page.get_by_text("不应出现的草稿").count() == 0
    assert_fits(page, size)

    page.get_by_label("主题分类").select_option(label="民生保障（1）")
    go(page, page.get_by_role("button", name="筛选").click)
    assert "category=13" in page.url
    assert rows.all_inner_texts() == ["关于做好城乡低保年审工作的通知"]

    go(page, page.get_by_role("link", name="关于做好城乡低保年审工作的通知").click)
    assert page.get_by_role("heading", name="关于做好城乡低保年审工作的通知", level=1).is_visible()
    meta = page.get_by_role("table", name="信息索引")
    assert notices["dibao"].index_number in meta.inner_text()
    assert "景民发〔2026〕8号" in meta.inner_text() and "2026年3月2日" in meta.inner_text()
    assert_fits(page, size)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="年审登记表.pdf").click()
    download = download_info.value
    assert download.suggested_filename == "年审登记表.pdf"


def test_township_list(page, visit, notices):
    page.set_default_timeout(5000)
    visit("/xz/luyang/ygzw/gk/")
    assert page.get_by_role("heading", level=1).inner_text().endswith("政府信息公开")
    assert page.locator(".openinfo-list .item-row-name").all_inner_texts() == ["芦阳镇2026年春季植树造林工作安排"]
    go(page, page.get_by_role("link", name="芦阳镇2026年春季植树造林工作安排").click)
    assert "芦阳镇的其他公开信息" in page.content()


@sizes
def test_staff_editor_from_draft_to_publication_with_an_upload(page, live_server, personas, size):
    page.set_default_timeout(5000)
    page.set_viewport_size(size)
    page.context._zwfw_axe_checked = set()
    login_through_form(page, live_server, personas.sun_li.username, TEST_PASSWORD)
    page.goto(live_server.url + "/staff/")
    axe_check(page)
    go(page, page.get_by_role("navigation", name="工作台菜单").get_by_role("link", name="政务公开信息").click)
    go(page, page.get_by_role("link", name="新建信息").click)

    page.get_by_label("主题分类").select_option(label="通知公告")
    page.get_by_label("标题").fill("关于2026年冬季城区集中供暖的通知")
    page.get_by_label("成文日期").fill("2026-10-20")
    page.get_by_label("主题词").fill("供暖 通知")
    page.get_by_label("正文").fill("各供热单位：\n\n供暖时间为11月1日至次年3月31日。")
    go(page, page.get_by_role("button", name="保存草稿").click)
    assert page.get_by_text("已保存为草稿").is_visible()
    info = OpenInfo.objects.get()
    assert_fits(page, size)

    # A PNG called .pdf is refused in Chinese; nothing is attached.
    page.get_by_label("选择文件").set_input_files(
        {"name": "供暖通知.pdf", "mimeType": "application/pdf", "buffer": png_bytes()}
    )
    go(page, page.get_by_role("button", name="上传附件").click)
    assert "与扩展名“.pdf”不符" in page.get_by_role("alert").inner_text()
    assert info.attachments.count() == 0

    page.get_by_label("选择文件").set_input_files(
        {"name": "供暖时间安排.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    go(page, page.get_by_role("button", name="上传附件").click)
    assert page.get_by_role("link", name="供暖时间安排.pdf").is_visible()

    go(page, page.get_by_role("button", name="发布", exact=True).click)
    assert "保密审查" in page.get_by_role("alert").inner_text()
    page.get_by_label("本信息已按规定通过保密审查").check()
    go(page, page.get_by_role("button", name="发布", exact=True).click)
    info.refresh_from_db()
    assert info.status == OpenInfoStatus.PUBLISHED
    assert page.get_by_text(f"已发布，索引号 {info.index_number}").is_visible()
    history = page.get_by_role("heading", name="操作记录").locator("xpath=..").inner_text()
    assert "新建草稿" in history and "上传附件" in history and "未成功" in history

    go(page, page.get_by_role("link", name="在门户查看").click)
    assert page.get_by_role("heading", name="关于2026年冬季城区集中供暖的通知", level=1).is_visible()
