"""The user centre: its sections, the masked profile, that nobody sees another person's data, the
change of mobile number through allauth's SMS flow, and the section registry."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from zwfw.identity.account_sections import AccountSection, account_section_register, account_sections_for
from zwfw.identity.choices import AssuranceLevel
from zwfw.notify.testing import sms_last_code
from zwfw.testing.personas import PUBLIC_PEOPLE

pytestmark = pytest.mark.django_db

PAGES = [
    "identity:account",
    "identity:account_profile",
    "identity:account_level",
    "identity:account_organisations",
    "identity:account_security",
    "identity:organisation_register",
]


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", PAGES)
def test_user_centre_pages_need_a_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("name", PAGES)
def test_user_centre_pages_carry_no_user_id_and_show_only_the_signed_in_person(personas, name):
    url = reverse(name)
    for user in (personas.wang_jianjun, personas.zhao_min, personas.li_xiuying):
        assert str(user.pk) not in url.split("/")
    page = as_user(personas.wang_jianjun).get(url).content.decode()
    for other in ("zhaomin", "lixiuying", "outsider"):
        full_name, id_number, mobile, _ = PUBLIC_PEOPLE[other]
        assert id_number not in page and mobile not in page
        assert id_number[:6] + "********" + id_number[-4:] not in page
    # His own numbers appear only masked.
    own_id, own_mobile = PUBLIC_PEOPLE["wangjianjun"][1:3]
    assert own_id not in page and own_mobile not in page


def test_a_query_string_cannot_select_another_person(personas):
    zhao = personas.zhao_min
    page = as_user(personas.wang_jianjun).get(reverse("identity:account_profile"), {"user": zhao.pk, "id": zhao.pk})
    text = page.content.decode()
    assert "王建军" in text and "赵敏" not in text


def test_the_profile_shows_masked_numbers_and_the_level(personas):
    page = as_user(personas.wang_jianjun).get(reverse("identity:account_profile")).content.decode()
    assert "620423********0011" in page
    assert "139****0001" in page
    assert "二级：身份证号码已核验" in page
    assert reverse("account_change_phone") in page


def test_the_overview_lists_the_sections_and_the_placeholders_of_later_issues(personas):
    page = as_user(personas.zhao_min).get(reverse("identity:account")).content.decode()
    for title in ("个人资料", "实名等级", "我代办的单位", "账号安全", "我的办件", "我的证照"):
        assert title in page
    assert "电子证照开通后" in page and "网上申报开通后" not in page  # 我的办件 is live (cases.menu_applicant)
    # 我的岗位 is for staff only.
    assert "我的岗位" not in page
    staff_page = as_user(personas.chen_jing).get(reverse("identity:account")).content.decode()
    assert "我的岗位" in staff_page and "进入工作台" in staff_page
    posts = as_user(personas.chen_jing).get(reverse("identity:account_posts")).content.decode()
    assert "景泰县市场监督管理局" in posts


def test_the_level_page_explains_how_to_reach_level_three(personas):
    page = as_user(personas.wang_jianjun).get(reverse("identity:account_level")).content.decode()
    assert "二级：身份证号码已核验" in page and "现场核验" in page and "携带居民身份证原件" in page


def test_the_security_page_links_to_password_totp_and_sessions(personas):
    page = as_user(personas.wang_jianjun).get(reverse("identity:account_security")).content.decode()
    for name in ("account_change_password", "mfa_index", "usersessions_list"):
        assert reverse(name) in page
    assert "可选" in page
    staff = as_user(personas.chen_jing).get(reverse("identity:account_security")).content.decode()
    assert "工作人员必须设置" in staff


def test_the_security_page_lists_recent_logins(personas):
    from zwfw.identity.tests.factories import TEST_PASSWORD

    cache.clear()
    client = Client()
    client.post(reverse("identity:login"), {"login": PUBLIC_PEOPLE["wangjianjun"][2], "password": "wrong-password-1"})
    client.post(reverse("identity:login"), {"login": PUBLIC_PEOPLE["wangjianjun"][2], "password": TEST_PASSWORD})
    page = client.get(reverse("identity:account_security")).content.decode()
    assert "成功" in page and "失败" in page
    assert PUBLIC_PEOPLE["wangjianjun"][2] not in page


def test_a_section_registered_by_a_later_app_appears(personas):
    account_section_register(AccountSection("test-extra", "我的测试栏目", "说明", "identity:account_profile", 55))
    try:
        keys = [s["key"] for s in account_sections_for(personas.wang_jianjun)]
        assert keys.index("test-extra") == keys.index("cases") + 1
        assert "我的测试栏目" in as_user(personas.wang_jianjun).get(reverse("identity:account")).content.decode()
    finally:
        from zwfw.identity import account_sections

        account_sections._sections.pop("test-extra")


def test_changing_the_mobile_number_through_allauths_sms_flow(personas, settings, sms_limits_off):
    cache.clear()
    wang = personas.wang_jianjun
    client = as_user(wang)
    response = client.post(reverse("account_change_phone"), {"phone": "13909437777"})
    assert response.status_code == 302 and response["Location"] == reverse("account_verify_phone")
    client.post(reverse("account_verify_phone"), {"code": sms_last_code("13909437777")})
    wang.refresh_from_db()
    assert wang.mobile == "13909437777" and wang.mobile_masked == "139****7777" and wang.mobile_verified
    assert wang.assurance_level == AssuranceLevel.ID_CHECKED  # a new number changes no level
