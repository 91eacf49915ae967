import pytest

pytestmark = pytest.mark.django_db


def test_each_administrator_has_only_their_own_permission(personas):
    p = personas
    assert p.he_jun.has_perm("core.manage_calendar")
    assert not p.he_jun.has_perm("core.view_audit_log") and not p.he_jun.has_perm("org.manage_memberships")
    assert p.gao_min.has_perm("org.manage_memberships")
    assert not p.gao_min.has_perm("core.manage_calendar") and not p.gao_min.has_perm("core.view_audit_log")
    assert p.lin_feng.has_perm("core.view_audit_log")
    assert not p.lin_feng.has_perm("core.manage_calendar") and not p.lin_feng.has_perm("org.manage_memberships")


def test_citizens_and_business_staff_hold_no_admin_permission(personas):
    for user in (personas.wang_jianjun, personas.chen_jing, personas.zheng_hua):
        for perm in ("core.manage_calendar", "core.view_audit_log", "org.manage_memberships"):
            assert not user.has_perm(perm)


def test_staff_shell_is_for_members_only(personas):
    assert personas.chen_jing.has_perm("portal.use_staff_shell")
    assert not personas.wang_jianjun.has_perm("portal.use_staff_shell")


def test_acting_for_an_agency_needs_a_membership_there(personas):
    assert personas.chen_jing.has_perm("org.act_for_agency", personas.market)
    assert not personas.chen_jing.has_perm("org.act_for_agency", personas.civil_affairs)
    assert personas.wu_gang.has_perm("org.act_for_agency", personas.establishment)
    assert personas.wu_gang.has_perm("org.act_for_agency", personas.justice)


def test_permission_questions_cost_a_fixed_number_of_queries(personas, django_assert_num_queries):
    from zwfw.identity.models import User

    user = User.objects.get(pk=personas.wu_gang.pk)
    # One query for the roles (org.rules) and two for Django's ModelBackend (user and group
    # permissions), each cached on the user object: never one per question.
    with django_assert_num_queries(3):
        for perm in ("portal.use_staff_shell", "core.manage_calendar", "core.view_audit_log"):
            user.has_perm(perm)
        user.has_perm("org.act_for_agency", personas.justice)


def test_an_inactive_agency_cannot_be_acted_for(personas):
    from zwfw.identity.models import User

    personas.justice.is_active = False
    personas.justice.save(update_fields=["is_active"])
    user = User.objects.get(pk=personas.wu_gang.pk)
    assert not user.has_perm("org.act_for_agency", personas.justice)
    assert user.has_perm("org.act_for_agency", personas.establishment)
