"""The staff back office shell: who may enter, the current agency, the switcher and its audit."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from zwfw.core import menu
from zwfw.core.choices import Outcome
from zwfw.core.menu import StaffMenuEntry
from zwfw.core.models import AuditEvent
from zwfw.org.models import Membership
from zwfw.org.staff_session import SESSION_KEY, SWITCH_ACTION

pytestmark = pytest.mark.django_db

DASHBOARD = "/staff/"
SWITCH = "/staff/agency/"


def html(response) -> str:
    return response.content.decode()


def test_anonymous_is_sent_to_the_login_page(client: Client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/staff/"


def test_anonymous_switch_is_sent_to_the_login_page(client: Client, personas):
    response = client.post(SWITCH, {"agency": personas.justice.pk})
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_citizen_gets_403_in_chinese(client: Client, personas):
    client.force_login(personas.wang_jianjun)
    response = client.get(DASHBOARD)
    assert response.status_code == 403
    page = html(response)
    assert "没有访问权限" in page and "跳到主要内容" in page


def test_staff_of_a_deactivated_membership_gets_403(client: Client, personas):
    Membership.objects.filter(user=personas.chen_jing).update(is_active=False)
    client.force_login(personas.chen_jing)
    assert client.get(DASHBOARD).status_code == 403


def test_dashboard_shows_user_current_agency_and_roles(client: Client, personas):
    client.force_login(personas.chen_jing)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    page = html(response)
    assert "陈静" in page
    assert "当前机构：" in page and "景泰县市场监督管理局" in page
    assert "审查人员" in page
    assert "切换机构" not in page  # one agency: no switcher
    assert 'aria-label="工作台菜单"' in page and 'aria-current="page">工作台首页' in page
    assert "<title>工作台首页 - 景泰政务服务网工作台</title>" in page


def test_switcher_lists_only_the_users_own_agencies(client: Client, personas):
    client.force_login(personas.wu_gang)
    page = html(client.get(DASHBOARD))
    assert "切换机构" in page
    assert f'<option value="{personas.establishment.pk}" selected>' in page
    assert f'<option value="{personas.justice.pk}">' in page
    assert f'<option value="{personas.market.pk}"' not in page
    assert 'action="/staff/agency/"' in page


def test_switch_agency_changes_the_header_and_is_audited(client: Client, personas):
    client.force_login(personas.wu_gang)
    response = client.post(SWITCH, {"agency": personas.justice.pk, "next": "/staff/"})
    assert response.status_code == 302 and response["Location"] == "/staff/"
    assert client.session[SESSION_KEY] == personas.justice.pk
    page = html(client.get(DASHBOARD))
    assert 'data-testid="current-agency">景泰县司法局<' in page
    assert "已切换到景泰县司法局" in page
    event = AuditEvent.objects.get(action=SWITCH_ACTION)
    assert event.actor == personas.wu_gang
    assert event.outcome == Outcome.SUCCESS
    assert event.object_type == "org.agency" and event.object_id == str(personas.justice.pk)
    assert event.detail == {"from_agency_id": personas.establishment.pk, "to_agency_id": personas.justice.pk}


def test_switch_to_a_foreign_agency_is_403_and_changes_nothing(client: Client, personas):
    client.force_login(personas.wu_gang)
    client.post(SWITCH, {"agency": personas.justice.pk})
    before = client.session[SESSION_KEY]
    response = client.post(SWITCH, {"agency": personas.market.pk})
    assert response.status_code == 403
    assert "没有访问权限" in html(response)
    assert client.session[SESSION_KEY] == before == personas.justice.pk
    refused = AuditEvent.objects.filter(action=SWITCH_ACTION, outcome=Outcome.DENIED).get()
    assert refused.object_id == str(personas.market.pk)
    assert refused.detail["reason"] == "not_a_member"
    assert AuditEvent.objects.filter(action=SWITCH_ACTION, outcome=Outcome.SUCCESS).count() == 1


@pytest.mark.parametrize("value", ["", "abc", "999999"])
def test_switch_to_no_agency_is_403(client: Client, personas, value):
    client.force_login(personas.wu_gang)
    response = client.post(SWITCH, {"agency": value})
    assert response.status_code == 403
    assert SESSION_KEY not in client.session


def test_switch_to_an_agency_whose_membership_ended_is_403(client: Client, personas):
    Membership.objects.filter(user=personas.wu_gang, agency=personas.justice).update(is_active=False)
    client.force_login(personas.wu_gang)
    assert client.post(SWITCH, {"agency": personas.justice.pk}).status_code == 403


def test_switch_is_post_only(client: Client, personas):
    client.force_login(personas.wu_gang)
    assert client.get(SWITCH).status_code == 405


def test_switch_does_not_redirect_off_site(client: Client, personas):
    client.force_login(personas.wu_gang)
    response = client.post(SWITCH, {"agency": personas.justice.pk, "next": "https://evil.example/"})
    assert response["Location"] == "/staff/"


def test_current_agency_falls_back_when_the_membership_ends(client: Client, personas):
    client.force_login(personas.wu_gang)
    client.post(SWITCH, {"agency": personas.justice.pk})
    Membership.objects.filter(user=personas.wu_gang, agency=personas.justice).update(is_active=False)
    page = html(client.get(DASHBOARD))
    assert 'data-testid="current-agency">中共景泰县委机构编制委员会办公室<' in page
    assert "切换机构" not in page


def test_side_menu_shows_only_permitted_entries(client: Client, personas, monkeypatch):
    monkeypatch.setattr(menu, "_entries", {})
    menu.staff_menu_register(
        StaffMenuEntry(label="我的账号", url_name="identity:account", permission="portal.use_staff_shell", group="个人")
    )
    menu.staff_menu_register(
        StaffMenuEntry(label="审计日志", url_name="portal:home", permission="core.view_audit_log", group="审计")
    )
    client.force_login(personas.wu_gang)
    page = html(client.get(DASHBOARD))
    assert "我的账号" in page and f'href="{reverse("identity:account")}"' in page
    assert ">审计日志</a>" not in page
    client.force_login(personas.lin_feng)  # 审计管理员
    assert ">审计日志</a>" in html(client.get(DASHBOARD))


def test_system_alerts_are_shown_to_the_sysadmin_only(client: Client, personas, monkeypatch):
    from zwfw.portal.system_alerts import SystemAlert

    monkeypatch.setattr(menu, "_entries", {})  # this test is about the alert slot, not the menu
    if SystemAlert is None:
        pytest.skip("core provides no SystemAlert")
    SystemAlert.objects.create(kind="calendar_year_missing", key="2099", message="缺少2099年工作日历", level="critical")
    SystemAlert.objects.create(
        kind="calendar_year_missing",
        key="2098",
        message="已处理的告警",
        level="warning",
        resolved_at="2026-01-01T00:00Z",
    )
    client.force_login(personas.he_jun)  # 系统管理员
    page = html(client.get(DASHBOARD))
    assert "系统提醒" in page and "缺少2099年工作日历" in page and "已处理的告警" not in page
    client.force_login(personas.chen_jing)
    assert "缺少2099年工作日历" not in html(client.get(DASHBOARD))


def test_staff_header_on_public_pages_links_to_the_back_office(client: Client, personas):
    client.force_login(personas.chen_jing)
    assert 'href="/staff/"' in html(client.get("/"))
    client.force_login(personas.wang_jianjun)
    assert 'href="/staff/"' not in html(client.get("/"))
