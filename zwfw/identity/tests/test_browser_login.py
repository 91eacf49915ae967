"""The login pages in a real browser, with axe-core on every page: the person form (password and SMS
code), the staff form with TOTP, TOTP set-up with the QR code, the security pages."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core.cache import cache

from zwfw.identity.services.phone import user_mobile_set
from zwfw.identity.tests.factories import TEST_PASSWORD, StaffUserFactory, UserFactory
from zwfw.notify.testing import sms_last_code
from zwfw.testing.browser import PHONE, axe_check, login_through_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOBILE = "13800000004"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def person():
    user = UserFactory(username="sunqi", full_name="孙七")
    user_mobile_set(user=user, mobile=MOBILE, verified=True)
    return user


def submit(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()
    axe_check(page)


def test_person_logs_in_with_mobile_and_password(page, visit, person):
    page.set_viewport_size(PHONE)
    visit("/login/")
    page.get_by_label("手机号码").fill("13800000009")
    page.get_by_label("密码", exact=True).fill("wrong-password")
    submit(page, "登录")
    assert page.get_by_role("alert").inner_text() == "手机号码或密码不正确，请检查后重新输入（密码区分大小写）。"
    page.get_by_label("手机号码").fill(MOBILE)
    page.get_by_label("密码", exact=True).fill(TEST_PASSWORD)
    submit(page, "登录")
    assert page.url.endswith("/account/")


def test_person_logs_in_with_an_sms_code(page, visit, person):
    visit("/login/")
    with page.expect_navigation():
        page.get_by_role("link", name="短信验证码登录").click()
    axe_check(page)
    page.get_by_label("手机号码").fill(MOBILE)
    submit(page, "获取验证码")
    assert "/accounts/login/code/confirm/" in page.url
    assert page.get_by_role("status").inner_text() == "验证码已发送到 138****0004。"
    page.get_by_label("短信验证码").fill(sms_last_code(MOBILE))
    submit(page, "确认")
    assert page.url.endswith("/account/")


def test_staff_log_in_with_password_and_totp(page, visit, live_server, personas):
    login_through_form(page, live_server, "chenjing", TEST_PASSWORD)
    assert page.url.endswith("/account/")
    visit("/staff/")
    visit("/accounts/sessions/")
    assert page.get_by_role("heading", level=1, name="已登录的设备").is_visible()
    assert page.get_by_text("本设备").is_visible()
    visit("/accounts/2fa/")
    assert page.get_by_role("heading", level=1).is_visible()
    visit("/accounts/password/change/")
    visit("/accounts/logout/")  # allauth's confirmation page, in our layout


def test_new_staff_set_up_totp_with_the_qr_code(page, visit, live_server, personas):
    StaffUserFactory(username="xinren", full_name="新人", totp=False)
    visit("/staff/login/")
    page.get_by_label("用户名").fill("xinren")
    page.get_by_label("密码", exact=True).fill(TEST_PASSWORD)
    submit(page, "下一步")
    # Sent to the TOTP set-up, which first asks for the password again (allauth's reauthentication).
    assert "/accounts/reauthenticate/" in page.url
    page.get_by_label("密码", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button").filter(has_text="确认").first.click()
    page.wait_for_load_state("load")
    axe_check(page)
    assert page.url.endswith("/accounts/2fa/totp/activate/")
    assert page.get_by_role("heading", level=1, name="绑定动态口令（TOTP）").is_visible()
    qr = page.get_by_role("img", name="动态口令绑定二维码（内容与下方密钥相同）")
    assert qr.is_visible() and qr.get_attribute("src").startswith("data:image/svg+xml;base64,")
    secret = page.get_by_label("密钥").input_value()
    counters = list(yield_hotp_counters_from_time())
    page.get_by_label("动态口令").fill(format_hotp_value(hotp_value(secret, counters[len(counters) // 2])))
    submit(page, "绑定")
    assert "/accounts/2fa/recovery-codes/" in page.url  # allauth shows the recovery codes next
    visit("/account/")
    assert page.url.endswith("/account/")  # no longer sent back to the set-up
