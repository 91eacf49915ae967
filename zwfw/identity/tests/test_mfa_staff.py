"""Staff log in with a password and TOTP (等保 level 3); a staff member without TOTP must enrol first."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core.cache import cache
from django.test import Client

from zwfw.core.models import AuditEvent
from zwfw.identity.tests.factories import TEST_PASSWORD, StaffUserFactory, totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth's rate limits and axes' counters live in the cache: every test starts without them."""
    cache.clear()


def password_step(client: Client, username: str) -> str:
    response = client.post("/staff/login/", {"login": username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return response["Location"]


def test_staff_login_with_password_and_totp_works(client: Client, personas):
    assert password_step(client, "wugang") == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session  # not logged in after the password alone
    page = client.get("/accounts/2fa/authenticate/").content.decode()
    assert "动态口令验证" in page and ">动态口令</label>" in page
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(personas.wu_gang)})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200
    event = AuditEvent.objects.filter(action="login.success").latest("id")
    assert event.actor_id == personas.wu_gang.pk and event.detail["method"] == "mfa"


def test_staff_login_without_or_with_a_wrong_totp_fails(client: Client, personas):
    password_step(client, "wugang")
    assert client.get("/staff/").status_code == 302  # nothing without the second factor
    assert "_auth_user_id" not in client.session
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert "动态口令不正确" in response.content.decode()
    assert "_auth_user_id" not in client.session
    failure = AuditEvent.objects.filter(action="login.failure").latest("id")
    assert failure.detail["method"] == "totp" and failure.object_id == str(personas.wu_gang.pk)


def test_staff_without_totp_is_forced_to_enrol_and_reaches_nothing_else(
    client: Client, personas, django_capture_on_commit_callbacks
):
    newcomer = StaffUserFactory(username="xinren", full_name="新人", totp=False)
    assert password_step(client, "xinren") == "/account/"
    assert client.session["_auth_user_id"] == str(newcomer.pk)
    # Not even a token for another system (the OIDC provider reads the session).
    paths = ["/staff/", "/account/", "/", "/accounts/sessions/", "/accounts/password/change/", "/o/authorize/"]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/accounts/2fa/totp/activate/", path
    # allauth asks for the password again before a second factor is bound (reauthentication).
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/reauthenticate/")
    page = client.get(response["Location"]).content.decode()
    assert 'class="account-layout"' in page or 'class="auth-card"' in page
    response = client.post("/accounts/reauthenticate/?next=/accounts/2fa/totp/activate/", {"password": TEST_PASSWORD})
    assert response.status_code == 302
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 200, response.get("Location")
    page = response.content.decode()
    assert "绑定动态口令" in page and 'src="data:image/svg+xml;base64,' in page
    secret = response.context["form"].secret
    assert f'value="{secret}"' in page  # the secret as text, for typing it in by hand
    counters = list(yield_hotp_counters_from_time())
    code = format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/2fa/totp/activate/", {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=newcomer, type=Authenticator.Type.TOTP).exists()
    assert client.get("/account/").status_code == 200
    assert AuditEvent.objects.filter(action="mfa.authenticator_add", actor=newcomer).exists()


def test_staff_cannot_switch_totp_off(client: Client, personas):
    client.force_login(personas.wu_gang)
    response = client.post("/accounts/2fa/totp/deactivate/", {})
    assert Authenticator.objects.filter(user=personas.wu_gang, type=Authenticator.Type.TOTP).exists()
    assert response.status_code in (200, 302)


def test_staff_get_no_sms_login_code_and_the_page_says_why(client: Client, personas):
    from zwfw.identity.services.phone import user_mobile_set
    from zwfw.notify.testing import sms_outbox

    user_mobile_set(user=personas.wu_gang, mobile="13700000007", verified=True)
    page = client.get("/accounts/login/code/").content.decode()
    assert "工作人员账号不能使用短信验证码登录" in page
    response = client.post("/accounts/login/code/", {"phone": "13700000007"})
    assert response.status_code == 302  # the same next page as for any number
    assert sms_outbox("13700000007") == []
