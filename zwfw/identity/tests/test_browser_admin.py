"""The 三员 screens in a real browser, logged in through the staff form with TOTP, axe-core on every page.

- 高敏 (安全管理员) creates a staff account, reads its one-time password and grants it a role;
- 何军 (系统管理员) edits the 等保 password policy, and a bad value is refused with the reason;
- 林峰 (审计管理员) reads the login log and the audit log, and finds 高敏's grant in it.
"""

from __future__ import annotations

import importlib
import re

import pytest
from axes.models import AccessFailureLog

from zwfw.identity.models import PasswordPolicy, User
from zwfw.identity.tests.factories import TEST_PASSWORD
from zwfw.org.choices import Role
from zwfw.org.models import Membership
from zwfw.org.services.membership import membership_grant
from zwfw.testing.browser import DESKTOP, PHONE, axe_check, login_through_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _password_policies(db):
    """The two policy rows of migration 0003 (a transactional test starts from flushed tables)."""
    defaults = importlib.import_module("zwfw.identity.migrations.0003_password_policy_defaults").DEFAULTS
    for profile, values in defaults.items():
        PasswordPolicy.objects.get_or_create(profile=profile, defaults=values)


def _submit(page, name: str) -> None:
    """Click and wait for the next document (not just the current one's load state), then check it."""
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()
    page.wait_for_load_state("load")
    axe_check(page)


def _follow(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=name).click()
    page.wait_for_load_state("load")
    axe_check(page)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_security_administrator_creates_an_account_and_grants_a_role(page, live_server, visit, personas, viewport):
    page.set_viewport_size(viewport)
    login_through_form(page, live_server, personas.gao_min.username, TEST_PASSWORD)

    page = visit("/staff/security/accounts/")
    assert page.get_by_role("heading", level=1, name="账号管理").is_visible()
    assert page.get_by_role("link", name="陈静").is_visible()
    _follow(page, "新建工作人员账号")

    page.get_by_label("用户名").fill("zhangwei")
    page.get_by_label("姓名").fill("张伟")
    _submit(page, "创建账号")
    assert page.get_by_role("heading", level=1, name="账号已创建").is_visible()
    password = page.locator("#temporary-password").inner_text()
    assert len(password) >= 16 and User.objects.get(username="zhangwei").check_password(password)

    _follow(page, "继续：授予岗位")
    grant = page.get_by_role("form", name="授予岗位")
    grant.get_by_label("机构").select_option(label=personas.market.name)
    grant.get_by_label("岗位").select_option(label="审查人员")
    grant.get_by_label("职务").fill("科员")
    _submit(page, "授予")
    assert page.get_by_text("已授予张伟：县市场监管局 审查人员。").is_visible()
    assert Membership.objects.filter(user__username="zhangwei", role=Role.EXAMINER, is_active=True).exists()

    # The 三员 rule, on the screen: the auditor cannot also become the security administrator.
    page = visit(f"/staff/security/accounts/{personas.lin_feng.pk}/")
    grant = page.get_by_role("form", name="授予岗位")
    grant.get_by_label("机构").select_option(label=personas.county_office.name)
    grant.get_by_label("岗位").select_option(label="安全管理员")
    _submit(page, "授予")
    assert page.get_by_role("alert").get_by_text(re.compile("不得由同一人兼任")).is_visible()


def test_the_system_administrator_edits_the_password_policy(page, live_server, visit, personas):
    login_through_form(page, live_server, personas.he_jun.username, TEST_PASSWORD)
    page = visit("/staff/system/password-policy/")
    assert page.get_by_role("heading", level=1, name="密码策略").is_visible()
    staff = page.get_by_role("region", name="等保三级（工作人员）")
    staff.get_by_label("至少包含的字符种类").fill("2")
    _submit(page, "保存“等保三级（工作人员）”")
    assert page.get_by_text(re.compile("至少应包含 3 类字符")).is_visible()
    assert PasswordPolicy.objects.get(profile="dengbao").min_classes == 3

    staff = page.get_by_role("region", name="等保三级（工作人员）")
    staff.get_by_label("至少包含的字符种类").fill("4")
    staff.get_by_label("最小长度").fill("14")
    _submit(page, "保存“等保三级（工作人员）”")
    assert page.get_by_text("已保存“等保三级（工作人员）”密码策略").is_visible()
    policy = PasswordPolicy.objects.get(profile="dengbao")
    assert (policy.min_length, policy.min_classes) == (14, 4)


def test_the_auditor_reads_the_login_log_and_the_audit_log(page, live_server, visit, personas):
    AccessFailureLog.objects.create(
        username="zhoutao", ip_address="10.1.2.3", user_agent="pytest", http_accept="*/*", path_info="/staff/login/"
    )
    membership_grant(actor=personas.gao_min, user=personas.sun_li, agency=personas.market, role=Role.EXAMINER)
    login_through_form(page, live_server, personas.lin_feng.username, TEST_PASSWORD)

    page = visit("/staff/system/audit/logins/")
    assert page.get_by_role("heading", level=1, name="登录日志").is_visible()
    table = page.get_by_role("table")
    assert table.get_by_role("cell", name="zhoutao").is_visible()
    assert table.get_by_role("cell", name="linfeng").first.is_visible()  # this very login
    page.get_by_label("结果").select_option(label="登录失败")
    _submit(page, "筛选")
    assert page.get_by_role("table").get_by_role("cell", name="zhoutao").is_visible()
    assert page.get_by_role("table").get_by_role("cell", name="linfeng").count() == 0

    _follow(page, "查看审计日志")
    assert page.get_by_role("heading", level=1, name="审计日志").is_visible()
    assert page.get_by_role("cell", name="membership.grant").is_visible()
    assert page.get_by_role("cell", name="login_log.view").first.is_visible()
