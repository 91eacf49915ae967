"""阳光政务 and the list editor in a real browser, axe-core on every page.

A citizen opens /ygzw/, each of the five lists (filtering one), an entry page; 孙丽 (事项管理员, 县民政局)
creates a fee in the staff editor, publishes it, corrects it and finds it on the portal.
"""

from __future__ import annotations

from typing import Any

import pytest

from zwfw.identity.tests.factories import TEST_PASSWORD
from zwfw.lists.services.entries import entry_create, entry_publish
from zwfw.lists.tests.builders import fee_data, fund_data, poverty_data, responsibility_data, township
from zwfw.testing.browser import axe_check, login_through_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _published(personas: Any) -> dict[str, Any]:
    from zwfw.catalog.tests.builders import published_dibao

    published_dibao(personas)
    entries = {
        "fee": entry_create(actor=personas.sun_li, kind="fee", agency=personas.civil_affairs, data=fee_data()),
        "responsibility": entry_create(
            actor=personas.sun_li, kind="responsibility", agency=personas.civil_affairs, data=responsibility_data()
        ),
        "fund": entry_create(actor=personas.sun_li, kind="fund", agency=personas.civil_affairs, data=fund_data()),
        "poverty": entry_create(
            actor=personas.sun_li, kind="poverty", agency=personas.civil_affairs, data=poverty_data(township())
        ),
    }
    for entry in entries.values():
        entry_publish(actor=personas.sun_li, entry=entry)
    return entries


def test_the_public_sees_the_hub_every_list_and_an_entry(personas, visit, page):
    entries = _published(personas)
    hub = visit("/ygzw/")
    assert hub.get_by_role("heading", name="五张清单").is_visible()
    assert hub.get_by_role("link", name="行政事业性收费清单").count() == 1

    for kind in ("power", "responsibility", "fee", "fund", "poverty"):
        listing = visit(f"/ygzw/lists/{kind}/")
        assert listing.locator("table.data-table tbody tr").count() == 1, kind
        assert listing.get_by_role("link", name="XLSX").count() == 1

    filtered = visit("/ygzw/lists/fee/?q=营业执照")
    assert "没有符合筛选条件的条目" in filtered.content()

    entry = visit(f"/ygzw/lists/poverty/{entries['poverty'].pk}/")
    text = entry.content()
    assert "测**" in text and "620423********" in text and "测试甲" not in text
    assert entry.get_by_role("heading", name="公开记录").is_visible()

    visit(f"/bm/{personas.civil_affairs.slug}/ygzw/")


def test_an_item_manager_creates_publishes_and_corrects_a_fee(personas, live_server, page, axe_guard):
    login_through_form(page, live_server, personas.sun_li.username, TEST_PASSWORD)
    page.goto(live_server.url + "/staff/lists/fee/")
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="新增条目").click()
    axe_check(page)
    page.get_by_label("收费项目").fill("残疾人证工本费")
    page.get_by_label("收费标准").fill("每证5元")
    page.get_by_label("立项依据").fill("《残疾人证管理办法》")
    page.get_by_label("标准依据").fill("演示依据")
    page.get_by_label("收费对象").fill("申领残疾人证的残疾人")
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()
    axe_check(page)
    assert "已保存为草稿" in page.content()

    with page.expect_navigation():
        page.get_by_role("button", name="发布到门户").click()
    axe_check(page)
    assert "已发布" in page.content()

    with page.expect_navigation():
        page.get_by_role("link", name="编辑").click()
    axe_check(page)
    page.get_by_label("收费标准").fill("免收")
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()
    axe_check(page)
    assert page.locator("table.diff-table").get_by_text("免收").count() == 1

    with page.expect_navigation():
        page.get_by_role("link", name="在门户查看").click()
    axe_check(page)
    assert page.get_by_role("heading", name="残疾人证工本费").is_visible()
    assert "更正" in page.content()


def test_the_poverty_editor_takes_households_and_shows_them_masked(personas, live_server, page, axe_guard):
    from zwfw.lists.tests.builders import id_number

    region = township()
    full = id_number("19920404", "357")
    login_through_form(page, live_server, personas.sun_li.username, TEST_PASSWORD)
    page.goto(live_server.url + "/staff/lists/poverty/new/")
    axe_check(page)
    page.get_by_label("项目名称").fill("草窝滩镇光伏帮扶电站项目")
    page.get_by_label("年度").fill("2026")
    page.get_by_label("乡镇").select_option(str(region.pk))
    page.get_by_label("项目类型").select_option("industry")
    page.get_by_label("建设内容").fill("建设村级光伏帮扶电站300千瓦。")
    page.get_by_label("资金规模（万元）").fill("150")
    page.get_by_label("资金来源").fill("中央衔接推进乡村振兴补助资金")
    page.get_by_label("带贫益贫机制").fill("发电收益用于公益岗位和小型公益事业。")
    first = page.locator("#formset-beneficiaries fieldset.row-fieldset").first
    first.get_by_label("姓名").fill("测试壬")
    first.get_by_label("居民身份证号码").fill(full)
    first.get_by_label("家庭人口").fill("4")
    first.get_by_label("帮扶内容").fill("公益岗位")
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()
    axe_check(page)
    text = page.content()
    assert "已保存为草稿" in text and "测**" in text and full[:6] + "********" + full[-4:] in text
    assert full not in text and "测试壬" not in text

    # 受益户查询 finds the household by its ID number, showing it masked.
    page.goto(live_server.url + "/staff/lists/poverty/lookup/")
    axe_check(page)
    page.get_by_label("居民身份证号码").fill(full)
    with page.expect_navigation():
        page.get_by_role("button", name="查询").click()
    axe_check(page)
    assert page.get_by_role("link", name="草窝滩镇光伏帮扶电站项目").count() == 1
    assert full not in page.content()
