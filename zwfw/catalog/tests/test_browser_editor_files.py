"""The editor's uploads and places, and the 便民服务 screen, in a real browser with axe-core on every page.

孙丽 (事项管理员) attaches a blank form to a material, ticks a window and a township, and saves; a file
that is not a PDF by its content is refused with the row named. 马强 (运营人员) creates a 便民服务
entry, finds it with the filters and deactivates it; /bmfw/ follows at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from zwfw.catalog.models import ConvenienceService
from zwfw.catalog.services.classification import life_event_upsert
from zwfw.catalog.tests.builders import dibao_create
from zwfw.identity.tests.factories import TEST_PASSWORD
from zwfw.org.choices import CentreKind
from zwfw.org.tests.factories import ServiceCentreFactory, WindowFactory
from zwfw.testing.browser import PHONE, axe_check, login_through_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def go(page: Any, click: Any) -> Any:
    with page.expect_navigation():
        click()
    axe_check(page)
    return page


def test_the_item_manager_uploads_a_blank_form_and_chooses_where_the_item_is_handled(
    page, visit, live_server, personas, media, tmp_path
):
    page.set_default_timeout(5000)
    hall = ServiceCentreFactory(name="景泰县政务服务中心", kind=CentreKind.COUNTY, agency=personas.county_office)
    window = WindowFactory(centre=hall, number="12", name="民政综合窗口")
    window.agencies.add(personas.civil_affairs)  # test setup of org data
    draft = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    login_through_form(page, live_server, personas.sun_li.username, TEST_PASSWORD)
    visit(f"/staff/catalog/versions/{draft.pk}/edit/")

    first_row = page.locator("#formset-materials .row-fieldset").first
    # A file that only pretends to be a PDF is refused, naming the row; nothing is saved.
    fake = tmp_path / "申请书.pdf"
    fake.write_bytes(b"<html>not a pdf</html>")
    first_row.get_by_label("空白表格", exact=True).set_input_files(str(fake))
    go(page, page.get_by_role("button", name="保存草稿").click)
    summary = page.get_by_role("alert").filter(has_text="未能保存")
    assert "申请材料第1项（最低生活保障申请书）的“空白表格”" in summary.inner_text()
    assert not draft.materials.exclude(blank_form="").exists()

    # A real PDF, a window (grouped under its centre) and a township.
    real = tmp_path / "申请书正式.pdf"
    real.write_bytes(PDF)
    page.locator("#formset-materials .row-fieldset").first.get_by_label("空白表格", exact=True).set_input_files(
        str(real)
    )
    windows = page.get_by_role("group", name="办理窗口")
    windows.get_by_role("group", name="景泰县政务服务中心").get_by_label("12号窗口 民政综合窗口").check()
    page.get_by_role("group", name="可办理的乡镇（村）").get_by_role("group", name="芦阳镇").get_by_label(
        "全乡镇"
    ).check()
    go(page, page.get_by_role("button", name="保存草稿").click)
    assert page.get_by_text("已保存。").is_visible()
    material = draft.materials.get(order=1)
    assert material.blank_form.read() == PDF
    assert list(draft.windows.all()) == [window]
    assert [r.name for r in draft.handling_regions.all()] == ["芦阳镇"]

    # The version page offers the file to open; the editor shows it as uploaded, with a box to remove it.
    link = page.get_by_role("link", name="1. 最低生活保障申请书：空白表格")
    assert "/file/?name=catalog/forms/" in link.get_attribute("href").replace("%2F", "/")
    visit(f"/staff/catalog/versions/{draft.pk}/edit/")
    first_row = page.locator("#formset-materials .row-fieldset").first
    assert first_row.get_by_role("link", name="下载查看当前空白表格").is_visible()
    assert first_row.get_by_label("删除已上传的空白表格").is_visible()
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the editor scrolls sideways on a phone: {width}px wide"


def test_the_operator_maintains_the_convenience_services(page, visit, live_server, personas):
    page.set_default_timeout(5000)
    life_event_upsert(actor=None, code="jiuye", name="就业", audience="person", sort_order=30)
    login_through_form(page, live_server, personas.ma_qiang.username, TEST_PASSWORD)
    visit("/staff/")
    go(page, page.get_by_role("navigation", name="工作台菜单").get_by_role("link", name="便民服务", exact=True).click)
    assert page.get_by_role("heading", level=1).inner_text() == "便民服务"
    go(page, page.get_by_role("link", name="新建便民服务").click)

    page.get_by_label("代码").fill("dianfei")
    page.get_by_label("名称").fill("电费查询缴纳")
    page.get_by_label("类别").select_option(label="水电气暖")
    page.get_by_label("服务提供方").fill("国网景泰县供电公司")
    page.get_by_label("链接地址").fill("javascript:alert(1)")
    page.get_by_label("服务电话").fill("95598")
    page.get_by_label("就业").check()
    go(page, page.get_by_role("button", name="保存").click)
    assert "链接地址只能是" in page.get_by_role("alert").inner_text()
    assert not ConvenienceService.objects.exists()
    page.get_by_label("链接地址").fill("https://www.95598.cn/")
    page.get_by_label("外部可信网站").check()
    go(page, page.get_by_role("button", name="保存").click)
    assert page.get_by_text("便民服务“电费查询缴纳”已创建。").is_visible()

    visit("/bmfw/")
    assert page.get_by_role("link", name="电费查询缴纳").first.is_visible()

    visit("/staff/catalog/convenience/")
    page.get_by_label("类别").select_option(label="水电气暖")
    go(page, page.get_by_role("button", name="筛选").click)
    row = page.get_by_role("row").filter(has_text="电费查询缴纳")
    go(page, row.get_by_role("button", name="停用").click)
    assert page.get_by_text("已停用，门户不再显示").is_visible()
    assert not ConvenienceService.objects.get(code="dianfei").is_active
    visit("/bmfw/")
    assert page.get_by_text("电费查询缴纳").count() == 0
