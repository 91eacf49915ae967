"""The password policy per profile (等保 for staff, ASVS for persons), history, and expiry."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client

from zwfw.core import clock
from zwfw.identity.models import PasswordHistory, PasswordPolicy, User
from zwfw.identity.services.security import password_change_required, password_profile_for
from zwfw.identity.tests.factories import TEST_PASSWORD, StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db

STRONG = "Jingtai-2026-xyz!"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def messages_of(password: str, user) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return exc.messages
    return []


def test_profiles_follow_the_account(personas):
    assert password_profile_for(personas.chen_jing) == "dengbao"
    assert password_profile_for(personas.wang_jianjun) == "asvs"
    assert password_profile_for(None) == "asvs"


def test_staff_need_three_character_classes_persons_only_length(personas):
    assert "密码须至少包含大写字母、小写字母、数字、符号中的 3 类。" in messages_of(
        "alllowercaseletters", personas.chen_jing
    )
    assert messages_of("alllowercase-letters-ok", personas.wang_jianjun) == []
    assert "密码太短，至少需要 12 个字符。" in messages_of("Short-1a", personas.wang_jianjun)
    assert messages_of(STRONG, personas.chen_jing) == []


def test_an_edited_policy_applies_at_once(personas):
    PasswordPolicy.objects.filter(profile="asvs").update(min_length=20)
    assert "密码太短，至少需要 20 个字符。" in messages_of("a-long-enough-pass", personas.wang_jianjun)


def test_staff_may_not_reuse_recent_passwords(personas):
    user = personas.chen_jing
    for n in range(3):
        user.set_password(f"{STRONG}{n}")
        user.save()
    assert PasswordHistory.objects.filter(user=user).count() == 3
    assert "新密码不能与最近 5 次使用过的密码相同。" in messages_of(f"{STRONG}0", user)
    assert "新密码不能与最近 5 次使用过的密码相同。" in messages_of(f"{STRONG}2", user)  # the current one
    assert messages_of(f"{STRONG}9", user) == []
    user.refresh_from_db()
    assert user.password_changed_at is not None and not user.must_change_password


def test_an_expired_staff_password_leaves_only_the_password_page(client: Client, personas):
    user = personas.chen_jing
    User.objects.filter(pk=user.pk).update(password_changed_at=clock.now() - dt.timedelta(days=91))
    user.refresh_from_db()
    assert password_change_required(user)
    client.force_login(user)
    for path in ["/staff/", "/account/"]:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/accounts/password/change/", path
    page = client.get("/accounts/password/change/").content.decode()
    assert "您的密码已过期或须修改" in page and 'class="account-layout"' in page
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": TEST_PASSWORD, "password1": STRONG, "password2": STRONG},
    )
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200
    user.refresh_from_db()
    assert not password_change_required(user)


def test_persons_have_no_periodic_change_but_must_change_when_marked(client: Client, personas):
    person = personas.wang_jianjun
    User.objects.filter(pk=person.pk).update(password_changed_at=clock.now() - dt.timedelta(days=900))
    person.refresh_from_db()
    assert not password_change_required(person)
    User.objects.filter(pk=person.pk).update(must_change_password=True)
    client.force_login(person)
    assert client.get("/account/")["Location"] == "/accounts/password/change/"


def test_the_change_form_shows_the_policy_in_chinese(client: Client):
    user = UserFactory(username="zhaoliu", full_name="赵六")
    client.force_login(user)
    page = client.post(
        "/accounts/password/change/",
        {"oldpassword": TEST_PASSWORD, "password1": "short", "password2": "short"},
    ).content.decode()
    assert "密码太短，至少需要 12 个字符。" in page


def test_a_staff_account_made_without_totp_also_follows_the_dengbao_profile():
    user = StaffUserFactory(username="newstaff", totp=False)
    assert "密码须至少包含大写字母、小写字母、数字、符号中的 3 类。" in messages_of("lowercase-only-words", user)
