"""个人注册 through allauth's signup and phone-verification stage, with the SMS code read from the
phone simulator; the ID verifier's outcomes; refusals that create nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zwfw.core.models import AuditEvent
from zwfw.identity.choices import AssuranceLevel, UserKind
from zwfw.identity.models import User
from zwfw.notify.testing import sms_last_code, sms_outbox

from .verifier_service import verifier_service_fixture  # noqa: F401 - the verifier_service fixture

pytestmark = pytest.mark.django_db

ID_OK = "620423199309090079"
MOBILE = "13909431234"
PASSWORD = "Noodle-Shop-2026!"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts codes per number in the cache; every test starts afresh."""
    cache.clear()


def signup(client, **overrides):
    data = {
        "full_name": "王小军",
        "id_number": ID_OK,
        "phone": MOBILE,
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }
    return client.post(reverse("account_signup"), data)


def confirm_code(client, mobile=MOBILE):
    return client.post(reverse("account_verify_phone"), {"code": sms_last_code(mobile)})


def no_full_pii_in_audit(*values):
    for event in AuditEvent.objects.all():
        text = f"{event.detail} {event.object_repr}"
        for value in values:
            assert value not in text, f"{event.action} has a full number in its detail"


def test_the_signup_page_asks_for_name_id_mobile_and_password(client):
    page = client.get(reverse("account_signup")).content.decode()
    for label in ("姓名", "居民身份证号码", "手机号码", "设置密码", "确认密码", "个人注册"):
        assert label in page


def test_registration_end_to_end_with_the_sms_code(client):
    response = signup(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_verify_phone")
    user = User.objects.get(full_name="王小军")
    # Created, but not yet logged in and the number not yet confirmed.
    assert user.kind == UserKind.PERSON
    assert not user.mobile_verified
    assert user.id_number == ID_OK and user.id_number_masked == "620423********0079"
    assert user.mobile_masked == "139****1234"
    assert "_auth_user_id" not in client.session

    # A wrong code is refused; the right one logs the person in.
    wrong = client.post(reverse("account_verify_phone"), {"code": "000000"})
    assert wrong.status_code == 200
    response = confirm_code(client)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    user.refresh_from_db()
    assert user.mobile_verified
    # The "checksum" verifier accepts a GB 11643-valid number: level 2 at once.
    assert user.assurance_level == AssuranceLevel.ID_CHECKED
    actions = list(AuditEvent.objects.filter(object_id=str(user.pk)).values_list("action", flat=True))
    assert "person.register" in actions and "user.mobile_confirm" in actions and "person.assurance_raise" in actions
    raise_event = AuditEvent.objects.get(action="person.assurance_raise", object_id=str(user.pk))
    assert raise_event.detail["to"] == AssuranceLevel.ID_CHECKED
    assert raise_event.detail["id_number"] == "620423********0079"
    no_full_pii_in_audit(ID_OK, MOBILE)
    # The user centre shows the level.
    page = client.get(reverse("identity:account")).content.decode()
    assert "二级：身份证号码已核验" in page
    assert ID_OK not in page and MOBILE not in page


def test_the_person_can_log_in_with_mobile_and_password_afterwards(client):
    signup(client)
    confirm_code(client)
    client.logout()
    response = client.post(reverse("identity:login"), {"login": MOBILE, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(full_name="王小军").pk)


@pytest.mark.parametrize(
    "bad",
    ["620423199309090078", "62042319930909007", "abc", "620423199313090079"],
    ids=["check digit", "17 digits", "letters", "month 13"],
)
def test_an_invalid_id_number_is_refused_with_a_clear_message_and_nothing_is_created(client, bad):
    response = signup(client, id_number=bad)
    assert response.status_code == 200
    page = response.content.decode()
    assert "居民身份证号码不正确" in page or "至少" in page
    assert not User.objects.exists()
    assert sms_outbox() == []


def test_a_duplicate_id_number_is_refused_on_the_form(client):
    signup(client)
    confirm_code(client)
    client.logout()
    response = signup(client, phone="13909435555", full_name="冒名者")
    assert response.status_code == 200
    assert "该身份证号码已注册账号" in response.content.decode()
    assert User.objects.count() == 1
    assert sms_outbox("13909435555") == []


def test_a_duplicate_mobile_creates_nothing_and_tells_the_numbers_holder_by_sms(client, sms_limits_off):
    signup(client)
    confirm_code(client)
    client.logout()
    cache.clear()  # a minute later (allauth allows one code a minute per number)
    response = signup(client, id_number="620423199508080092", full_name="另一人")
    # The page looks the same as for a new number (enumeration prevention) ...
    assert response.status_code == 302
    assert response["Location"] == reverse("account_verify_phone")
    # ... but no account was created, and the holder of the number got a notice, not a code.
    assert User.objects.count() == 1
    last = sms_outbox(MOBILE)[-1]
    assert "已注册账号" in last["text"]


def test_a_mismatch_from_the_http_verifier_keeps_level_one_with_an_explanation(client, settings, verifier_service):
    verifier_service.answer = {"match": False}
    settings.ZWFW_ID_VERIFIER = "http"
    settings.ZWFW_ID_VERIFIER_URL = verifier_service.url
    signup(client)
    confirm_code(client)
    user = User.objects.get(full_name="王小军")
    assert user.mobile_verified and user.assurance_level == AssuranceLevel.PHONE
    event = AuditEvent.objects.get(action="person.id_verify", object_id=str(user.pk))
    assert event.outcome == "failure" and event.detail["result"] == "mismatch"
    assert event.detail["id_number"] == "620423********0079"
    page = client.get(reverse("identity:account_level")).content.decode()
    assert "核验未通过" in page
    assert verifier_service.received == [{"name": "王小军", "id_number": ID_OK}]


def test_a_match_from_the_http_verifier_gives_level_two(client, settings, verifier_service):
    verifier_service.answer = {"match": True}
    settings.ZWFW_ID_VERIFIER = "http"
    settings.ZWFW_ID_VERIFIER_URL = verifier_service.url
    signup(client)
    confirm_code(client)
    assert User.objects.get(full_name="王小军").assurance_level == AssuranceLevel.ID_CHECKED


def test_the_verifier_being_down_keeps_level_one_and_says_try_later(client, settings):
    settings.ZWFW_ID_VERIFIER = "http"
    settings.ZWFW_ID_VERIFIER_URL = "http://127.0.0.1:9/verify"  # nothing listens on the discard port
    signup(client)
    confirm_code(client)
    user = User.objects.get(full_name="王小军")
    assert user.assurance_level == AssuranceLevel.PHONE
    assert AuditEvent.objects.get(action="person.id_verify").detail["result"] == "unavailable"
    assert "核验服务暂时无法使用" in client.get(reverse("identity:account_level")).content.decode()


def test_password_rules_apply_at_registration(client):
    response = signup(client, password1="12345678", password2="12345678")
    assert response.status_code == 200
    assert not User.objects.exists()


def test_an_abandoned_registration_does_not_block_the_number_owner(client, sms_limits_off):
    # Someone typed the ID number and mobile but never entered the code ...
    signup(client, full_name="半途而废")
    abandoned = User.objects.get(full_name="半途而废")
    client.get(reverse("account_login"))  # leave the verification stage
    cache.clear()
    # ... while the code is still valid, the number stays taken:
    fresh = Client().post(
        reverse("account_signup"),
        {
            "full_name": "王小军",
            "id_number": ID_OK,
            "phone": "13909435656",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert "该身份证号码已注册账号" in fresh.content.decode()
    # ... once it has expired, the real owner registers; the abandoned account is deactivated, kept, audited.
    User.objects.filter(pk=abandoned.pk).update(date_joined=timezone.now() - timedelta(hours=1))
    response = signup(Client(), phone=MOBILE)
    assert response.status_code == 302
    abandoned.refresh_from_db()
    assert not abandoned.is_active and abandoned.id_number_index is None and abandoned.mobile_index is None
    assert User.objects.get(full_name="王小军").id_number == ID_OK
    event = AuditEvent.objects.get(action="person.abandoned_release")
    assert event.detail == {"id_number": "620423********0079", "mobile": "139****1234"}
