"""Granting, changing and revoking staff roles: 三员 separation, no self-grants, only the 安全管理员."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from zwfw.core.choices import Outcome
from zwfw.core.models import AuditChainHead, AuditEvent
from zwfw.identity.tests.factories import StaffUserFactory
from zwfw.org.choices import ADMIN_ROLES, Role
from zwfw.org.models import Membership
from zwfw.org.services.membership import membership_grant, membership_revoke, membership_update
from zwfw.org.tests.factories import AgencyFactory, ServiceCentreFactory, WindowFactory

pytestmark = pytest.mark.django_db


def _last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-id").first()


def test_the_security_administrator_grants_a_role_and_it_is_audited(personas):
    newcomer = StaffUserFactory(username="xinren", full_name="新人")
    membership = membership_grant(
        actor=personas.gao_min, user=newcomer, agency=personas.market, role=Role.EXAMINER, title="科员"
    )
    assert membership.is_active and membership.created_by == personas.gao_min
    event = _last_event()
    assert (event.action, event.outcome, event.actor_label) == ("membership.grant", Outcome.SUCCESS, "gaomin")
    assert event.object_type == "org.membership" and event.object_id == str(membership.pk)
    assert event.detail["role"] == Role.EXAMINER and event.detail["agency"] == "scjgj"


def test_a_second_administrator_role_for_the_same_person_is_refused_and_changes_nothing(personas):
    before = list(Membership.objects.values_list("pk", "user_id", "agency_id", "role", "is_active"))
    with pytest.raises(ValidationError) as caught:
        membership_grant(actor=personas.gao_min, user=personas.he_jun, agency=personas.county_office, role=Role.AUDITOR)
    message = caught.value.messages[0]
    assert "三员" in message and "不得由同一人兼任" in message
    assert "何军已担任系统管理员" in message and "审计管理员" in message
    assert list(Membership.objects.values_list("pk", "user_id", "agency_id", "role", "is_active")) == before
    refusal = _last_event()
    assert (refusal.action, refusal.outcome, refusal.actor_label) == (
        "membership.grant",
        Outcome.DENIED,
        "gaomin",
    )
    assert "不得由同一人兼任" in refusal.detail["reason"] and refusal.detail["role"] == Role.AUDITOR
    assert not AuditEvent.objects.filter(action="membership.grant", outcome=Outcome.SUCCESS).exists()


def test_the_three_admin_rule_holds_across_agencies(personas):
    other = AgencyFactory(slug="sjzx", name="景泰县大数据中心", short_name="县大数据中心")
    with pytest.raises(ValidationError, match="不得由同一人兼任"):
        membership_grant(actor=personas.gao_min, user=personas.lin_feng, agency=other, role=Role.SYSADMIN)


def test_a_revoked_administrator_may_take_another_administrator_role(personas):
    he_jun_admin = Membership.objects.get(user=personas.he_jun, role=Role.SYSADMIN)
    membership_revoke(actor=personas.gao_min, membership=he_jun_admin)
    granted = membership_grant(
        actor=personas.gao_min, user=personas.he_jun, agency=personas.county_office, role=Role.AUDITOR
    )
    assert granted.is_active


def test_the_database_refuses_a_second_administrator_role_whatever_the_code_path(personas):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=personas.he_jun, agency=personas.market, role=Role.SECADMIN)


@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="needs concurrent transactions on separate connections (PostgreSQL)",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_administrator_grants_to_one_person_cannot_both_pass(personas):
    """Real commits in two connections: the row lock makes the second grant see the first."""
    AuditChainHead.objects.get_or_create(pk=1)  # a transactional test starts from emptied tables
    for attempt in range(5):
        user = StaffUserFactory(username=f"race{attempt}")
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def grant(role: str, user=user, barrier=barrier, outcomes=outcomes) -> None:
            try:
                barrier.wait()
                membership_grant(actor=None, user=user, agency=personas.county_office, role=role)
                outcomes.append("granted")
            except ValidationError as exc:
                assert "不得由同一人兼任" in exc.messages[0]
                outcomes.append("refused")
            finally:
                connection.close()

        threads = [threading.Thread(target=grant, args=(role,)) for role in (Role.SYSADMIN, Role.AUDITOR)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) == ["granted", "refused"]
        assert Membership.objects.filter(user=user, role__in=ADMIN_ROLES, is_active=True).count() == 1


def test_nobody_grants_a_role_to_themselves(personas):
    with pytest.raises(PermissionDenied, match="不能为本人授予岗位"):
        membership_grant(actor=personas.gao_min, user=personas.gao_min, agency=personas.market, role=Role.EXAMINER)
    assert not Membership.objects.filter(user=personas.gao_min, agency=personas.market).exists()
    refusal = _last_event()
    assert (refusal.action, refusal.outcome) == ("membership.grant", Outcome.DENIED)


@pytest.mark.parametrize("who", ["he_jun", "lin_feng", "chen_jing", "zhou_tao", "wang_jianjun"])
def test_only_the_security_administrator_may_grant(personas, who):
    actor = getattr(personas, who)
    with pytest.raises(PermissionDenied, match="只有安全管理员"):
        membership_grant(actor=actor, user=personas.sun_li, agency=personas.market, role=Role.EXAMINER)
    assert not Membership.objects.filter(user=personas.sun_li, agency=personas.market).exists()
    refusal = _last_event()
    assert (refusal.action, refusal.outcome, refusal.actor_id) == (
        "membership.grant",
        Outcome.DENIED,
        actor.pk,
    )


def test_the_system_may_grant(personas):
    membership = membership_grant(actor=None, user=personas.sun_li, agency=personas.market, role=Role.EXAMINER)
    assert membership.created_by is None and _last_event().actor_label == "system"


def test_granting_a_role_already_held_is_refused(personas):
    with pytest.raises(ValidationError, match="陈静已在县市场监管局担任审查人员"):
        membership_grant(actor=personas.gao_min, user=personas.chen_jing, agency=personas.market, role=Role.EXAMINER)


def test_an_unknown_role_is_refused(personas):
    with pytest.raises(ValidationError, match="未知的角色"):
        membership_grant(actor=personas.gao_min, user=personas.chen_jing, agency=personas.market, role="boss")


def test_a_window_of_another_agency_is_refused(personas):
    window = WindowFactory(centre=ServiceCentreFactory(agency=personas.luyang))
    with pytest.raises(ValidationError, match="不受理县市场监管局的事项"):
        membership_grant(
            actor=personas.gao_min,
            user=personas.sun_li,
            agency=personas.market,
            role=Role.EXAMINER,
            window=window,
        )


def test_a_window_of_the_agency_is_accepted(personas):
    window = WindowFactory(centre=ServiceCentreFactory(agency=personas.luyang))
    newcomer = StaffUserFactory(username="chuangkou", full_name="窗口新人")
    membership = membership_grant(
        actor=personas.gao_min, user=newcomer, agency=personas.luyang, role=Role.WINDOW_CLERK, window=window
    )
    assert membership.window == window


def test_revoking_keeps_the_row_and_is_audited(personas):
    membership = Membership.objects.get(user=personas.chen_jing, agency=personas.market)
    membership_revoke(actor=personas.gao_min, membership=membership)
    membership.refresh_from_db()
    assert not membership.is_active and membership.updated_by == personas.gao_min
    event = _last_event()
    assert (event.action, event.outcome, event.object_id) == (
        "membership.revoke",
        Outcome.SUCCESS,
        str(membership.pk),
    )
    assert not personas.chen_jing.has_perm("org.act_for_agency", personas.market)


def test_a_revoked_role_is_granted_again_on_the_same_row(personas):
    membership = Membership.objects.get(user=personas.chen_jing, agency=personas.market)
    membership_revoke(actor=personas.gao_min, membership=membership)
    again = membership_grant(
        actor=personas.gao_min, user=personas.chen_jing, agency=personas.market, role=Role.EXAMINER
    )
    assert again.pk == membership.pk and again.is_active
    assert _last_event().detail["reactivated"] is True


def test_revoke_is_refused_for_non_holders_for_oneself_and_twice(personas):
    membership = Membership.objects.get(user=personas.chen_jing, agency=personas.market)
    with pytest.raises(PermissionDenied, match="只有安全管理员"):
        membership_revoke(actor=personas.zhou_tao, membership=membership)
    own = Membership.objects.get(user=personas.gao_min)
    with pytest.raises(PermissionDenied, match="不能撤销本人的岗位"):
        membership_revoke(actor=personas.gao_min, membership=own)
    membership_revoke(actor=personas.gao_min, membership=membership)
    with pytest.raises(ValidationError, match="该岗位已经撤销"):
        membership_revoke(actor=personas.gao_min, membership=membership)
    assert AuditEvent.objects.filter(action="membership.revoke", outcome=Outcome.DENIED).count() == 3
    own.refresh_from_db()
    assert own.is_active


def test_update_changes_the_title_once_and_is_audited(personas):
    membership = Membership.objects.get(user=personas.zhou_tao, agency=personas.market)
    assert membership_update(actor=personas.gao_min, membership=membership, data={"title": "局长"}) == ["title"]
    count, stamp = AuditEvent.objects.count(), Membership.objects.get(pk=membership.pk).updated_at
    assert _last_event().detail["changes"] == {"title": ["", "局长"]}
    assert membership_update(actor=personas.gao_min, membership=membership, data={"title": "局长"}) == []
    assert AuditEvent.objects.count() == count
    assert Membership.objects.get(pk=membership.pk).updated_at == stamp


def test_a_role_goes_only_to_a_staff_account(personas):
    """A person's self-registered account never becomes staff by a grant: the 安全管理员 creates staff accounts."""
    with pytest.raises(ValidationError, match="不是工作人员账号"):
        membership_grant(actor=personas.gao_min, user=personas.wang_jianjun, agency=personas.market, role=Role.EXAMINER)
    assert not Membership.objects.filter(user=personas.wang_jianjun).exists()
    refusal = _last_event()
    assert (refusal.action, refusal.outcome) == ("membership.grant", Outcome.DENIED)
