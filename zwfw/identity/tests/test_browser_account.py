"""The user centre, organisations and the window clerk's screens in a real browser, axe-core on every
page: 赵敏 looks through her user centre, switches to act for her co-operative, 王建军 registers his
noodle shop and adds an agent; 刘洋 verifies 王建军 in person and registers a walk-in person."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from zwfw.core.models import AuditEvent
from zwfw.identity.models import Organisation, OrganisationAgent, User
from zwfw.notify.testing import sms_last_code
from zwfw.testing.browser import PHONE, axe_check
from zwfw.testing.personas import PUBLIC_PEOPLE

from .browser_login import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def go(page: Any, click: Any) -> Any:
    with page.expect_navigation():
        click()
    axe_check(page)
    return page


def test_the_user_centre_sections_and_switching_whom_she_acts_for(page, live_server, visit, personas):
    browser_login(page, live_server, personas.zhao_min)
    visit("/account/")
    assert page.get_by_text("当前身份：").is_visible()
    for name in ("个人资料", "实名等级", "账号安全"):
        go(
            page,
            lambda name=name: (
                page.get_by_role("navigation", name="用户中心栏目").get_by_role("link", name=name).click()
            ),
        )
        assert page.get_by_role("heading", level=1, name=name).is_visible()
    assert PUBLIC_PEOPLE["zhaomin"][1] not in page.content()
    go(
        page,
        lambda: page.get_by_role("navigation", name="用户中心栏目").get_by_role("link", name="我代办的单位").click(),
    )
    page.get_by_label("景泰县绿源枸杞种植专业合作社（单位管理员）").check()
    go(page, lambda: page.get_by_role("button", name="切换身份").click())
    assert page.get_by_text("当前身份：景泰县绿源枸杞种植专业合作社（经办人）").first.is_visible()
    go(page, lambda: page.get_by_role("link", name="景泰县绿源枸杞种植专业合作社").click())
    assert page.get_by_role("heading", name="经办人").is_visible()


def test_the_user_centre_on_a_phone(page, live_server, visit, personas):
    page.set_viewport_size(PHONE)
    browser_login(page, live_server, personas.wang_jianjun)
    for path in ("/account/", "/account/profile/", "/account/level/", "/account/organisations/", "/account/security/"):
        visit(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} scrolls sideways on a phone: {width}px"
    assert PUBLIC_PEOPLE["wangjianjun"][1] not in page.content()


def test_registering_an_organisation_and_managing_its_agents(page, live_server, visit, personas):
    browser_login(page, live_server, personas.wang_jianjun)
    visit("/account/organisations/new/")
    page.get_by_label("统一社会信用代码").fill("93620423052340023N")
    page.get_by_label("单位名称").fill("景泰县一条山镇王记牛肉面馆")
    page.get_by_label("单位类型").select_option(label="个体工商户")
    page.get_by_label("法定代表人（负责人）").fill("王建军")
    go(page, lambda: page.get_by_role("button", name="登记单位").click())
    assert page.get_by_text("统一社会信用代码“93620423052340023N”无效").is_visible()
    page.get_by_label("统一社会信用代码").fill("93620423052340023M")
    go(page, lambda: page.get_by_role("button", name="登记单位").click())
    organisation = Organisation.objects.get(uscc="93620423052340023M")
    assert page.get_by_text("您是它的单位管理员").is_visible()

    go(page, lambda: page.get_by_role("link", name="添加经办人").click())
    page.get_by_label("经办人的手机号码").fill("13909439999")
    go(page, lambda: page.get_by_role("button", name="添加", exact=True).click())
    assert page.get_by_text("没有找到使用该手机号码注册").is_visible()
    page.get_by_label("经办人的手机号码").fill(PUBLIC_PEOPLE["lixiuying"][2])
    go(page, lambda: page.get_by_role("button", name="添加", exact=True).click())
    assert page.get_by_text("已添加经办人 李秀英").is_visible()
    link = OrganisationAgent.objects.get(organisation=organisation, user=personas.li_xiuying)
    page.get_by_label("李秀英的角色").select_option(label="单位管理员")
    go(page, lambda: page.locator(f"form[action$='/agents/{link.pk}/role/'] button").click())
    link.refresh_from_db()
    assert link.role == "admin"
    go(page, lambda: page.get_by_role("button", name="移除李秀英").click())
    link.refresh_from_db()
    assert not link.is_active
    # 赵敏 does not act for the shop: its page is a 404 for her.
    page.context.clear_cookies()
    browser_login(page, live_server, personas.zhao_min)
    visit(f"/account/organisations/{organisation.pk}/", status=404)


def test_the_clerk_verifies_a_person_in_person_and_registers_a_walk_in(page, live_server, visit, personas):
    cache.clear()
    browser_login(page, live_server, personas.liu_yang)
    visit("/staff/identity/verify/")
    page.get_by_label("居民身份证号码").fill(PUBLIC_PEOPLE["wangjianjun"][1])
    go(page, lambda: page.get_by_role("button", name="查找").click())
    assert page.get_by_text(PUBLIC_PEOPLE["wangjianjun"][1]).is_visible()
    go(page, lambda: page.get_by_role("button", name="确认核验，提升为三级").click())
    assert page.get_by_text("请先核对居民身份证原件").first.is_visible()
    page.get_by_label("我已核对居民身份证原件，证件上的姓名、号码和照片与本人一致。").check()
    go(page, lambda: page.get_by_role("button", name="确认核验，提升为三级").click())
    assert page.get_by_text("实名等级为三级").is_visible()
    assert User.objects.get(pk=personas.wang_jianjun.pk).assurance_level == 3
    assert AuditEvent.objects.filter(action="person.view_full", actor=personas.liu_yang).count() == 1
    # The number never went into a URL.
    assert PUBLIC_PEOPLE["wangjianjun"][1] not in page.url

    go(page, lambda: page.get_by_role("link", name="申请人还没有账号？在窗口注册").click())
    page.get_by_label("姓名").fill("张桂兰")
    page.get_by_label("居民身份证号码").fill("620423199201010057")
    page.get_by_label("手机号码").fill("13909438888")
    page.get_by_label("我已读取并核对居民身份证原件。").check()
    go(page, lambda: page.get_by_role("button", name="注册并发送验证码").click())
    page.get_by_label("短信验证码").fill(sms_last_code("13909438888"))
    go(page, lambda: page.get_by_role("button", name="确认").click())
    assert page.get_by_text("张桂兰 的账号已注册，实名等级为三级").is_visible()
