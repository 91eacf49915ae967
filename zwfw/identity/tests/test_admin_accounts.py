"""The 安全管理员's screens: staff accounts (账号管理) and roles (岗位授权), as 高敏 uses them."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zwfw.core.choices import Outcome
from zwfw.core.models import AuditEvent
from zwfw.identity.choices import UserKind
from zwfw.identity.models import User
from zwfw.identity.tests.factories import StaffUserFactory
from zwfw.org.choices import Role
from zwfw.org.models import Membership

pytestmark = pytest.mark.django_db
LIST = reverse("identity:admin_accounts")
CREATE = reverse("identity:admin_account_create")


@pytest.fixture
def secadmin(client, personas):
    client.force_login(personas.gao_min)
    return client


def _account(pk: int) -> str:
    return reverse("identity:admin_account", args=[pk])


def _fail_logins(username: str, times: int) -> None:
    from django.contrib.auth import authenticate

    for _ in range(times):
        request = RequestFactory().post("/login/", REMOTE_ADDR="10.0.0.7", HTTP_USER_AGENT="pytest")
        assert authenticate(request, username=username, password="wrong-password") is None


def _names(response) -> list[str]:
    return [u.username for u in response.context["page"].object_list]


def test_the_list_shows_staff_accounts_with_totp_lock_and_roles(secadmin, personas, settings):
    StaffUserFactory(username="newcomer", full_name="新来的", totp=False)
    _fail_logins("zhoutao", settings.AXES_FAILURE_LIMIT)
    response = secadmin.get(LIST)
    assert response.status_code == 200
    names = _names(response)
    assert "chenjing" in names and "wangjianjun" not in names  # persons are not managed here
    html = response.content.decode()
    assert "县市场监管局 审查人员" in html
    rows = {u.username: u for u in response.context["page"].object_list}
    assert rows["newcomer"].has_totp is False and rows["chenjing"].has_totp is True
    assert rows["zhoutao"].is_locked is True and rows["chenjing"].is_locked is False


def test_the_list_filters(secadmin, personas, settings):
    StaffUserFactory(username="newcomer", full_name="新来的", totp=False)
    _fail_logins("zhoutao", settings.AXES_FAILURE_LIMIT)
    User.objects.filter(username="sunli").update(is_active=False)
    assert _names(secadmin.get(LIST, {"q": "陈"})) == ["chenjing"]
    assert _names(secadmin.get(LIST, {"totp": "no"})) == ["newcomer"]
    assert _names(secadmin.get(LIST, {"locked": "yes"})) == ["zhoutao"]
    assert "zhoutao" not in _names(secadmin.get(LIST, {"locked": "no"}))
    assert _names(secadmin.get(LIST, {"status": "inactive"})) == ["sunli"]
    assert _names(secadmin.get(LIST, {"role": Role.ITEM_REVIEWER})) == ["wugang"]
    response = secadmin.get(LIST, {"role": "boss"})
    assert response.status_code == 400 and "请选择列表中的选项" in response.content.decode()


def test_the_list_runs_the_same_number_of_queries_for_10_or_40_accounts(secadmin, personas):

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert secadmin.get(LIST).status_code == 200
        return len(captured)

    secadmin.get(LIST)  # warm the session and the caches
    few = queries()
    for i in range(30):
        StaffUserFactory(username=f"bulk{i:02d}", full_name=f"批量{i}")
    assert queries() == few


def test_creating_an_account_shows_the_password_once(secadmin, personas):
    assert secadmin.get(CREATE).status_code == 200
    response = secadmin.post(CREATE, {"username": "zhangwei", "full_name": "张伟"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    password = re.search(r'id="temporary-password">([^<]+)<', html).group(1)
    user = User.objects.get(username="zhangwei")
    assert user.kind == UserKind.STAFF and user.must_change_password and user.check_password(password)
    assert "只显示这一次" in html
    # Never again: not on the account page, not in the audit log.
    assert password not in secadmin.get(_account(user.pk)).content.decode()
    assert not any(password in str(e.canonical()) for e in AuditEvent.objects.all())


def test_a_bad_new_account_is_refused_and_nothing_is_created(secadmin, personas):
    count = User.objects.count()
    response = secadmin.post(CREATE, {"username": "chenjing", "full_name": "又一个陈静"})
    assert response.status_code == 400
    assert "用户名“chenjing”已被使用" in response.content.decode()
    response = secadmin.post(CREATE, {"username": "", "full_name": ""})
    assert response.status_code == 400 and "请填写用户名" in response.content.decode()
    assert User.objects.count() == count


def test_the_account_page_of_a_person_is_not_found(secadmin, personas):
    assert secadmin.get(_account(personas.wang_jianjun.pk)).status_code == 404


def test_reset_password_shows_a_new_password_and_flags_a_change(secadmin, personas):
    response = secadmin.post(reverse("identity:admin_account_password_reset", args=[personas.chen_jing.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    password = re.search(r'id="temporary-password">([^<]+)<', response.content.decode()).group(1)
    chen = User.objects.get(pk=personas.chen_jing.pk)
    assert chen.check_password(password) and chen.must_change_password
    assert AuditEvent.objects.filter(action="user.password_reset", outcome=Outcome.SUCCESS).count() == 1


def test_reset_totp_then_the_person_must_enrol_again(secadmin, client, personas):
    response = secadmin.post(reverse("identity:admin_account_totp_reset", args=[personas.chen_jing.pk]))
    assert response.status_code == 302 and response["Location"] == _account(personas.chen_jing.pk)
    assert not Authenticator.objects.filter(user=personas.chen_jing).exists()
    page = secadmin.get(_account(personas.chen_jing.pk)).content.decode()
    assert "已重置陈静的动态口令" in page and "未设置（下次登录时须绑定）" in page


def test_unlock_clears_a_lockout(secadmin, personas, settings):
    _fail_logins("chenjing", settings.AXES_FAILURE_LIMIT)
    assert "已锁定" in secadmin.get(_account(personas.chen_jing.pk)).content.decode()
    response = secadmin.post(reverse("identity:admin_account_unlock", args=[personas.chen_jing.pk]), follow=True)
    html = response.content.decode()
    assert "已解锁陈静的账号" in html and "未锁定" in html
    response = secadmin.post(reverse("identity:admin_account_unlock", args=[personas.chen_jing.pk]))
    assert response.status_code == 400 and "无需解锁" in response.content.decode()


def test_deactivate_reactivate_and_rename(secadmin, personas):
    url = reverse("identity:admin_account_active", args=[personas.chen_jing.pk])
    assert secadmin.post(url, {"active": "0"}).status_code == 302
    assert not User.objects.get(pk=personas.chen_jing.pk).is_active
    assert secadmin.post(url, {"active": "1"}).status_code == 302
    assert User.objects.get(pk=personas.chen_jing.pk).is_active
    rename = reverse("identity:admin_account_rename", args=[personas.chen_jing.pk])
    assert secadmin.post(rename, {"full_name": "陈晶"}).status_code == 302
    assert User.objects.get(pk=personas.chen_jing.pk).full_name == "陈晶"
    response = secadmin.post(rename, {"full_name": ""})
    assert response.status_code == 400 and User.objects.get(pk=personas.chen_jing.pk).full_name == "陈晶"


def test_the_security_administrator_cannot_deactivate_themself_on_the_screen(secadmin, personas):
    page = secadmin.get(_account(personas.gao_min.pk)).content.decode()
    assert "这是您本人的账号" in page and "停用账号" not in page
    response = secadmin.post(reverse("identity:admin_account_active", args=[personas.gao_min.pk]), {"active": "0"})
    assert response.status_code == 403 and "不能停用或启用本人的账号" in response.content.decode()
    assert User.objects.get(pk=personas.gao_min.pk).is_active
    refusal = AuditEvent.objects.order_by("-id").first()
    assert (refusal.action, refusal.outcome) == ("user.deactivate", Outcome.DENIED)


def test_grant_and_revoke_a_role(secadmin, personas):
    url = reverse("identity:admin_membership_grant", args=[personas.chen_jing.pk])
    response = secadmin.post(url, {"agency": personas.market.pk, "role": Role.DECIDER, "title": "副局长"}, follow=True)
    assert "已授予陈静：县市场监管局 审批决定人" in response.content.decode()
    granted = Membership.objects.get(user=personas.chen_jing, role=Role.DECIDER)
    assert granted.is_active and granted.title == "副局长" and granted.created_by == personas.gao_min
    response = secadmin.post(reverse("identity:admin_membership_revoke", args=[granted.pk]), follow=True)
    html = response.content.decode()
    assert "已撤销陈静在县市场监管局的审批决定人岗位" in html and "已撤销的岗位" in html
    assert not Membership.objects.get(pk=granted.pk).is_active


def test_a_grant_with_bad_input_is_refused_with_a_message(secadmin, personas):
    url = reverse("identity:admin_membership_grant", args=[personas.chen_jing.pk])
    count = Membership.objects.count()
    response = secadmin.post(url, {"agency": "", "role": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "请选择机构" in html and "请选择岗位" in html
    response = secadmin.post(url, {"agency": personas.market.pk, "role": Role.EXAMINER})
    assert response.status_code == 400 and "陈静已在县市场监管局担任审查人员" in response.content.decode()
    assert Membership.objects.count() == count


def test_the_membership_list_filters(secadmin, personas):
    url = reverse("identity:admin_memberships")
    response = secadmin.get(url, {"role": Role.ITEM_REVIEWER})
    assert [m.user.username for m in response.context["page"].object_list] == ["wugang", "wugang"]
    response = secadmin.get(url, {"agency": personas.market.pk})
    assert {m.user.username for m in response.context["page"].object_list} == {"chenjing", "zhoutao", "yangfan"}
    assert secadmin.get(url, {"agency": "999999"}).status_code == 400
