"""The two login entrances: Chinese labels and messages, no enumeration, the right people at each door."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client

from zwfw.core.models import AuditEvent
from zwfw.identity.services.phone import user_mobile_set
from zwfw.identity.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth's rate limits and axes' counters live in the cache: every test starts without them."""
    cache.clear()


def html(response) -> str:
    return response.content.decode()


def assert_csp_clean(page: str) -> None:
    assert "<script" not in page
    assert not re.search(r"\sstyle=", page)


@pytest.fixture
def person():
    user = UserFactory(username="zhangsan", full_name="张三")
    user_mobile_set(user=user, mobile="13800000001", verified=True)
    return user


def test_person_login_page_has_chinese_labels_and_links(client: Client):
    page = html(client.get("/login/"))
    assert ">手机号码</label>" in page and ">密码</label>" in page
    assert 'autocomplete="current-password"' in page
    assert "autofocus" not in page  # the first Tab stop stays the skip link
    assert "短信验证码登录" in page and 'href="/staff/login/"' in page
    assert_csp_clean(page)


def test_staff_login_page_has_username_and_links_back(client: Client):
    page = html(client.get("/staff/login/"))
    assert ">用户名</label>" in page and ">密码</label>" in page
    assert 'href="/login/"' in page
    assert_csp_clean(page)


def test_allauth_login_url_lands_on_ours(client: Client):
    response = client.get("/accounts/login/?next=/account/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/account/"


def test_person_logs_in_with_mobile_and_password(client: Client, person):
    response = client.post("/login/", {"login": "138 0000 0001", "password": TEST_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert client.get("/account/").status_code == 200
    event = AuditEvent.objects.filter(action="login.success").latest("id")
    assert event.actor_id == person.pk and event.detail["method"] == "password"


def test_wrong_password_and_unknown_number_read_the_same(client: Client, person):
    wrong = html(client.post("/login/", {"login": "13800000001", "password": "wrong-password"}))
    unknown = html(client.post("/login/", {"login": "13900000009", "password": "wrong-password"}))
    message = "手机号码或密码不正确，请检查后重新输入（密码区分大小写）。"
    assert message in wrong and message in unknown
    assert 'role="alert"' in wrong
    assert 'value="13800000001"' in wrong  # what was typed is kept
    failures = AuditEvent.objects.filter(action="login.failure")
    assert failures.count() == 2
    for event in failures:
        assert "13800000001" not in str(event.detail) and "13900000009" not in str(event.detail)
    assert {e.detail["login"] for e in failures} == {"138****0001", "139****0009"}


def test_required_fields_in_chinese(client: Client):
    page = html(client.post("/login/", {"login": "", "password": ""}))
    assert "请输入手机号码。" in page and "请输入密码。" in page
    assert 'aria-invalid="true"' in page
    page = html(client.post("/staff/login/", {"login": "", "password": ""}))
    assert "请输入用户名。" in page and "请输入密码。" in page


def test_person_without_mobile_logs_in_with_username_then_logs_out(client: Client, personas):
    response = client.post("/login/", {"login": "wangjianjun", "password": TEST_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/account/"
    page = html(client.get("/account/"))
    assert "王建军" in page
    assert client.post("/logout/").status_code == 302
    assert client.get("/account/").status_code == 302
    assert AuditEvent.objects.filter(action="logout", actor=personas.wang_jianjun).exists()


def test_staff_are_sent_to_their_entrance_and_persons_to_theirs(client: Client, personas):
    page = html(client.post("/login/", {"login": "wugang", "password": TEST_PASSWORD}))
    assert "工作人员账号请从工作人员入口登录。" in page and 'href="/staff/login/"' in page
    assert "_auth_user_id" not in client.session
    page = html(client.post("/staff/login/", {"login": "wangjianjun", "password": TEST_PASSWORD}))
    assert "此入口仅供工作人员使用。" in page
    assert "_auth_user_id" not in client.session
    # Where they were going (an OIDC authorisation, say) survives the detour.
    page = html(client.post("/login/?next=/o/authorize/", {"login": "wugang", "password": TEST_PASSWORD}))
    assert 'href="/staff/login/?next=%2Fo%2Fauthorize%2F"' in page
    page = html(client.post("/login/?next=https://evil.example/", {"login": "wugang", "password": TEST_PASSWORD}))
    assert 'href="/staff/login/"' in page


def test_logout_is_post_only(client: Client, personas):
    client.force_login(personas.wang_jianjun)
    assert client.get("/logout/").status_code == 405
    page = html(client.get("/"))
    assert 'action="/logout/"' in page and 'method="post"' in page


def test_csrf_failure_page_is_chinese(personas):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"login": "wangjianjun", "password": TEST_PASSWORD})
    assert response.status_code == 403
    assert "页面已过期" in html(response)


@pytest.mark.parametrize(
    "path",
    ["/accounts/login/code/", "/accounts/password/reset/", "/login/", "/staff/login/"],
)
def test_entrance_pages_use_the_portal_layout(client: Client, path):
    page = html(client.get(path))
    assert '<html lang="zh-CN">' in page and 'class="auth-card"' in page and 'id="main"' in page
    assert_csp_clean(page)


def test_security_pages_show_only_the_masked_number(client: Client, person):
    client.force_login(person)
    for path in ["/accounts/phone/change/", "/accounts/sessions/", "/accounts/2fa/", "/accounts/password/change/"]:
        response = client.get(path)
        page = html(response)
        assert response.status_code == 200, path
        assert "13800000001" not in page and 'class="account-layout"' in page, path
        assert_csp_clean(page)
    assert "138****0001" in html(client.get("/accounts/phone/change/"))


def test_a_second_code_request_within_a_minute_is_refused_alike_for_any_number(client: Client, person):
    """A repeated SMS-code request is a Chinese form error (never a server error), the same whether the
    number has an account or not, and no second message leaves."""
    from zwfw.notify.testing import sms_outbox

    first = client.post("/accounts/login/code/", {"phone": "13800000001"})
    assert first.status_code == 302
    assert len(sms_outbox(to="13800000001")) == 1
    answers = []
    for number in ("13800000001", "13800000099"):
        if number == "13800000099":
            Client().post("/accounts/login/code/", {"phone": number})  # the first request for the unknown number
        response = Client().post("/accounts/login/code/", {"phone": number})
        assert response.status_code == 200, number
        answers.append(re.search(r'id="id_phone_error">(.*?)<', html(response)).group(1))
    assert answers[0] == answers[1] == "尝试次数过多，请稍后再试。"
    assert len(sms_outbox(to="13800000001")) == 1
