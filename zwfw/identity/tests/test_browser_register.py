"""个人注册 in a real browser on a phone, axe-core on every page: a refused ID number, then the SMS
code step with the code read from the phone simulator, ending in the user centre at level 2."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from zwfw.identity.models import User
from zwfw.notify.testing import sms_last_code
from zwfw.testing.browser import PHONE, axe_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOBILE = "13909436666"


def go(page: Any, click: Any) -> Any:
    with page.expect_navigation():
        click()
    axe_check(page)
    return page


def test_registration_with_the_sms_code_on_a_phone(page, visit):
    cache.clear()
    page.set_viewport_size(PHONE)
    visit("/login/")
    go(page, lambda: page.get_by_role("link", name="没有账号？注册").click())
    assert page.get_by_role("heading", name="个人注册").is_visible()
    page.get_by_label("姓名").fill("马小燕")
    page.get_by_label("居民身份证号码").fill("620423199309090078")  # wrong check digit
    page.get_by_label("手机号码").fill(MOBILE)
    page.get_by_label("设置密码").fill("Gouqi-Harvest-2026")
    page.get_by_label("确认密码").fill("Gouqi-Harvest-2026")
    go(page, lambda: page.get_by_role("button", name="注册并获取短信验证码").click())
    assert page.get_by_text("居民身份证号码不正确").is_visible()
    assert not User.objects.exists()

    page.get_by_label("居民身份证号码").fill("620423199309090079")
    page.get_by_label("设置密码").fill("Gouqi-Harvest-2026")
    page.get_by_label("确认密码").fill("Gouqi-Harvest-2026")
    go(page, lambda: page.get_by_role("button", name="注册并获取短信验证码").click())
    assert "/accounts/phone/verify/" in page.url
    assert MOBILE not in page.content()

    page.get_by_role("textbox").first.fill(sms_last_code(MOBILE))
    go(page, lambda: page.get_by_role("button", name="确认").click())
    assert page.url.endswith("/account/")
    assert page.get_by_text("二级：身份证号码已核验").first.is_visible()
    assert "139****6666" in page.content() and MOBILE not in page.content()
    user = User.objects.get(full_name="马小燕")
    assert user.mobile_verified and user.assurance_level == 2
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the user centre scrolls sideways on a phone: {width}px"
