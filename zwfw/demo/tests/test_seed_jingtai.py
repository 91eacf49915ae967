"""``manage.py seed_jingtai``: the whole county through the services, idempotent, safe in production."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory, override_settings

from zwfw.core.audit_chain import audit_chain_verify
from zwfw.core.choices import Outcome
from zwfw.core.models import AuditEvent
from zwfw.demo.management.commands.seed_jingtai import DEMO_PASSWORD
from zwfw.identity.models import User
from zwfw.org.choices import ADMIN_ROLES, Role
from zwfw.org.data import jingtai
from zwfw.org.models import Agency, Membership, Region, ServiceCentre, Window
from zwfw.org.selectors import agency_get_by_slug, region_tree, roles_in
from zwfw.org.services.agency import agency_update
from zwfw.org.uscc import uscc_validate

pytestmark = pytest.mark.django_db

MODELS = (Region, Agency, ServiceCentre, Window, Window.agencies.through, User, Membership)


def seed(*args: str, catalog: bool = False) -> str:
    """Run the loader; the demonstration catalogue (slow) is tested on its own in test_seed_catalog.py."""
    out = StringIO()
    call_command("seed_jingtai", *args, *([] if catalog else ["--no-catalog"]), stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    """Row counts, every row's updated_at, the users' password hashes and the audit log's length."""
    state: dict = {model.__name__: model.objects.count() for model in MODELS}
    for model in (Region, Agency, ServiceCentre, Window, Membership):
        state[f"{model.__name__}.updated_at"] = dict(model.objects.values_list("pk", "updated_at"))
    state["User.password"] = dict(User.objects.values_list("pk", "password"))
    state["audit"] = AuditEvent.objects.count()
    return state


@override_settings(DEBUG=True)
def test_seed_loads_the_county_and_a_second_run_changes_nothing():
    first_output = seed()
    after_first = snapshot()
    assert after_first["Region"] == len(jingtai.REGIONS) == 14
    assert after_first["Agency"] == len(jingtai.AGENCIES)
    assert after_first["ServiceCentre"] == 12 and after_first["User"] == 20 and after_first["Membership"] == 18
    assert "机构：新建 32，更新 0，未变 0" in first_output

    second_output = seed()
    assert snapshot() == after_first
    assert "机构：新建 0，更新 0，未变 32" in second_output
    assert "岗位：新建 0，更新 0，未变 18" in second_output
    assert audit_chain_verify().ok


@override_settings(DEBUG=True)
def test_every_row_was_written_by_a_service_and_audited():
    seed()
    created = dict.fromkeys(["region", "agency", "centre", "window", "user", "membership"], 0)
    for action in AuditEvent.objects.filter(outcome=Outcome.SUCCESS).values_list("action", flat=True):
        entity, verb = action.split(".")
        if action in ("user.mobile_set", "user.mobile_confirm"):
            continue  # the demo persons' mobile numbers (zwfw.demo.identity), not a new row
        if entity in created:
            assert verb in ("create", "grant"), action
            created[entity] += 1
    assert created == {
        "region": Region.objects.count(),
        "agency": Agency.objects.count(),
        "centre": ServiceCentre.objects.count(),
        "window": Window.objects.count(),
        "user": User.objects.count(),
        "membership": Membership.objects.count(),
    }
    assert not AuditEvent.objects.exclude(outcome=Outcome.SUCCESS).exists()
    # The password never reaches the audit log.
    assert not any(DEMO_PASSWORD in str(e.detail) for e in AuditEvent.objects.all())


@override_settings(DEBUG=True)
def test_the_seeded_county_has_its_townships_agencies_and_centres():
    seed()
    tree = region_tree("620423")
    assert [n.region.name for n in tree.children] == [
        "一条山镇", "芦阳镇", "上沙沃镇", "喜泉镇", "草窝滩镇", "红水镇", "中泉镇", "正路镇",
        "寺滩乡", "五佛乡", "漫水滩乡",
    ]  # fmt: skip
    assert tree.region.full_name == "甘肃省白银市景泰县"
    for agency in Agency.objects.all():
        assert uscc_validate(agency.uscc) == agency.uscc
    luyang = agency_get_by_slug("luyang")
    assert luyang.region.name == "芦阳镇" and luyang.is_township
    assert agency_get_by_slug("sfj").duties_note == "承担原县政府法制办公室职责"
    hall = ServiceCentre.objects.get(name="景泰县政务服务中心")
    assert hall.agency.slug == "zfb" and hall.windows.filter(is_comprehensive=True).count() >= 3
    assert set(hall.windows.get(number="08").agencies.values_list("slug", flat=True)) == {"zrzyj", "swj"}


@override_settings(DEBUG=True)
def test_demo_people_can_log_in_and_hold_their_roles():
    seed()
    for person in jingtai.PEOPLE:
        request = RequestFactory().post("/login/")
        assert authenticate(request, username=person.username, password=DEMO_PASSWORD) is not None, person.username
    users = {u.username: u for u in User.objects.all()}
    liu_yang = Membership.objects.get(user=users["liuyang"])
    assert (liu_yang.agency.slug, liu_yang.role) == ("luyang", Role.WINDOW_CLERK)
    assert (liu_yang.window.centre.name, liu_yang.window.number) == ("芦阳镇便民服务中心", "01")
    assert Membership.objects.get(user=users["zhoutao"]).title == "副局长"
    assert roles_in(users["wugang"], agency_get_by_slug("bb")) == {Role.ITEM_REVIEWER}
    assert roles_in(users["wugang"], agency_get_by_slug("sfj")) == {Role.ITEM_REVIEWER}
    admins = Membership.objects.filter(role__in=ADMIN_ROLES).values_list("user__username", "role")
    assert sorted(admins) == [("gaomin", Role.SECADMIN), ("hejun", Role.SYSADMIN), ("linfeng", Role.AUDITOR)]
    assert users["gaomin"].has_perm("org.manage_memberships")
    assert not users["hejun"].has_perm("org.manage_memberships")
    assert users["linfeng"].has_perm("core.view_audit_log")
    assert not Membership.objects.filter(user__username__in=["wangjianjun", "lixiuying", "zhaomin"]).exists()


def test_no_demo_users_loads_the_structure_only():
    output = seed("--no-demo-users")  # allowed with DEBUG=False: no demo password involved
    assert Agency.objects.count() == len(jingtai.AGENCIES) and Window.objects.count() == 35
    assert not User.objects.exists() and not Membership.objects.exists()
    assert "未创建演示账号" in output
    before = snapshot()
    seed("--no-demo-users")
    assert snapshot() == before


def test_demo_passwords_are_refused_when_debug_is_off():
    with pytest.raises(CommandError) as caught:
        seed()
    message = str(caught.value)
    assert "DEBUG=False" in message and "--allow-demo-passwords" in message and "--no-demo-users" in message
    assert not Region.objects.exists() and not User.objects.exists()
    assert not AuditEvent.objects.exists()


def test_demo_passwords_can_be_allowed_explicitly_when_debug_is_off():
    seed("--allow-demo-passwords")
    assert User.objects.count() == len(jingtai.PEOPLE)


@override_settings(DEBUG=True)
def test_a_drifted_row_is_brought_back_and_only_that_row_is_written():
    seed()
    market = agency_get_by_slug("scjgj")
    agency_update(actor=None, agency=market, data={"phone": "0943-0000000"})
    before = snapshot()
    output = seed()
    assert "机构：新建 0，更新 1，未变 31" in output
    assert agency_get_by_slug("scjgj").phone == "0943-5523315"
    after = snapshot()
    assert after["audit"] == before["audit"] + 1
    changed = [pk for pk, stamp in after["Agency.updated_at"].items() if stamp != before["Agency.updated_at"][pk]]
    assert changed == [market.pk]


def test_an_unknown_data_module_is_refused():
    with pytest.raises(CommandError, match="找不到数据模块"):
        seed("--no-demo-users", "--data", "zwfw.org.data.nowhere")


def test_a_missing_calendar_service_is_skipped_with_a_note(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "zwfw.core.services.calendar", None)  # import raises ImportError
    output = seed("--no-demo-users")
    assert "calendar_seed_from_chinesecalendar 尚不可用，已跳过" in output
    assert Agency.objects.count() == len(jingtai.AGENCIES)
