"""Organisations (法人) and their agents: registration with the GB 32100 check, agents added by
mobile number, roles, the last 单位管理员, switching whom one acts for, and 404 for outsiders."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from zwfw.core.models import AuditEvent
from zwfw.identity.choices import AgentRole, OrganisationKind, OrganisationStatus
from zwfw.identity.models import Organisation, OrganisationAgent
from zwfw.identity.selectors import acting_for
from zwfw.identity.services.organisation import (
    ACTING_FOR_SESSION_KEY,
    organisation_agent_add,
    organisation_agent_remove,
    organisation_agent_role_set,
    organisation_register,
    organisation_verify,
)
from zwfw.testing.personas import PUBLIC_PEOPLE

pytestmark = pytest.mark.django_db

NOODLE_USCC = "93620423052340023M"  # valid (GB 32100 and GB 11714)


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def register_form(**overrides):
    return {
        "uscc": NOODLE_USCC,
        "name": "景泰县一条山镇王记牛肉面馆",
        "kind": OrganisationKind.INDIVIDUAL_BUSINESS,
        "legal_representative": "王建军",
        **overrides,
    }


def test_a_person_registers_an_organisation_and_becomes_its_admin(personas):
    client = as_user(personas.wang_jianjun)
    response = client.post(reverse("identity:organisation_register"), register_form())
    organisation = Organisation.objects.get(uscc=NOODLE_USCC)
    assert response.status_code == 302
    assert response["Location"] == reverse("identity:organisation_detail", args=[organisation.pk])
    assert organisation.status == OrganisationStatus.PENDING
    link = OrganisationAgent.objects.get(organisation=organisation)
    assert link.user == personas.wang_jianjun and link.role == AgentRole.ADMIN
    assert AuditEvent.objects.filter(action="organisation.register", object_id=str(organisation.pk)).exists()
    page = client.get(response["Location"]).content.decode()
    assert "待核验" in page and "添加经办人" in page


@pytest.mark.parametrize("bad", ["93620423052340023N", "9362042305234002", "I3620423052340023M"])
def test_an_invalid_uscc_is_refused_with_a_clear_message(personas, bad):
    response = as_user(personas.wang_jianjun).post(reverse("identity:organisation_register"), register_form(uscc=bad))
    assert response.status_code == 200
    page = response.content.decode()
    assert "统一社会信用代码" in page and ("无效" in page or "18" in page)
    assert not Organisation.objects.filter(name="景泰县一条山镇王记牛肉面馆").exists()


def test_an_embedded_org_code_with_a_wrong_check_is_refused(personas):
    # Passes GB 32100's own check character but not the GB 11714 one inside it (zwfw.org.uscc).
    with pytest.raises(ValidationError):
        organisation_register(
            actor=personas.wang_jianjun,
            uscc="91620423000000001X",
            name="x",
            kind="enterprise",
            legal_representative="y",
        )


def test_a_duplicate_uscc_is_refused_with_a_message(personas):
    response = as_user(personas.wang_jianjun).post(
        reverse("identity:organisation_register"), register_form(uscc=personas.green_coop.uscc)
    )
    assert response.status_code == 200
    assert "已登记" in response.content.decode()
    assert Organisation.objects.filter(uscc=personas.green_coop.uscc).count() == 1
    assert AuditEvent.objects.filter(action="organisation.register", outcome="denied").exists()


def test_the_admin_adds_an_agent_by_mobile_number_and_sets_the_role(personas):
    coop = personas.green_coop
    client = as_user(personas.zhao_min)
    wang_mobile = PUBLIC_PEOPLE["wangjianjun"][2]
    response = client.post(
        reverse("identity:organisation_agent_add", args=[coop.pk]), {"mobile": wang_mobile, "role": AgentRole.AGENT}
    )
    assert response.status_code == 302
    link = OrganisationAgent.objects.get(organisation=coop, user=personas.wang_jianjun)
    assert link.role == AgentRole.AGENT and link.is_active
    event = AuditEvent.objects.get(action="organisation.agent_add")
    assert event.detail["mobile"] == "139****0001" and wang_mobile not in str(event.detail)
    # Make him an admin too, then remove him.
    client.post(reverse("identity:organisation_agent_role", args=[coop.pk, link.pk]), {"role": AgentRole.ADMIN})
    link.refresh_from_db()
    assert link.role == AgentRole.ADMIN
    client.post(reverse("identity:organisation_agent_remove", args=[coop.pk, link.pk]))
    link.refresh_from_db()
    assert not link.is_active
    # A removed agent loses access at once.
    assert (
        as_user(personas.wang_jianjun).get(reverse("identity:organisation_detail", args=[coop.pk])).status_code == 404
    )


def test_only_registered_persons_can_be_added(personas):
    coop = personas.green_coop
    response = as_user(personas.zhao_min).post(
        reverse("identity:organisation_agent_add", args=[coop.pk]), {"mobile": "13909439999", "role": AgentRole.AGENT}
    )
    assert response.status_code == 200
    assert "没有找到使用该手机号码注册" in response.content.decode()
    assert coop.agent_links.count() == 1


def test_the_last_admin_cannot_be_removed_or_demoted(personas):
    coop = personas.green_coop
    link = coop.agent_links.get(user=personas.zhao_min)
    with pytest.raises(ValidationError):
        organisation_agent_remove(actor=personas.zhao_min, link=link)
    with pytest.raises(ValidationError):
        organisation_agent_role_set(actor=personas.zhao_min, link=link, role=AgentRole.AGENT)
    link.refresh_from_db()
    assert link.is_active and link.role == AgentRole.ADMIN
    client = as_user(personas.zhao_min)
    response = client.post(reverse("identity:organisation_agent_remove", args=[coop.pk, link.pk]), follow=True)
    assert "不能移除最后一名单位管理员" in response.content.decode()


def test_a_plain_agent_cannot_manage_agents(personas):
    coop = personas.green_coop
    organisation_agent_add(
        actor=personas.zhao_min, organisation=coop, mobile=PUBLIC_PEOPLE["wangjianjun"][2], role=AgentRole.AGENT
    )
    with pytest.raises(PermissionDenied):
        organisation_agent_add(
            actor=personas.wang_jianjun, organisation=coop, mobile=PUBLIC_PEOPLE["lixiuying"][2], role=AgentRole.AGENT
        )
    client = as_user(personas.wang_jianjun)
    # He can see the organisation, but not the agent form, and his POSTs change nothing.
    assert client.get(reverse("identity:organisation_detail", args=[coop.pk])).status_code == 200
    assert client.get(reverse("identity:organisation_agent_add", args=[coop.pk])).status_code == 403
    zhao_link = coop.agent_links.get(user=personas.zhao_min)
    assert client.post(reverse("identity:organisation_agent_remove", args=[coop.pk, zhao_link.pk])).status_code == 404
    zhao_link.refresh_from_db()
    assert zhao_link.is_active


def test_every_organisation_url_is_404_for_a_person_who_does_not_act_for_it(personas):
    coop = personas.green_coop
    link = coop.agent_links.get(user=personas.zhao_min)
    client = as_user(personas.outsider)
    for name, args, method in [
        ("identity:organisation_detail", [coop.pk], "get"),
        ("identity:organisation_agent_add", [coop.pk], "get"),
        ("identity:organisation_agent_add", [coop.pk], "post"),
        ("identity:organisation_agent_role", [coop.pk, link.pk], "post"),
        ("identity:organisation_agent_remove", [coop.pk, link.pk], "post"),
    ]:
        response = getattr(client, method)(reverse(name, args=args), {"role": "agent", "mobile": "13909430009"})
        assert response.status_code == 404, name
    # Switching to it is refused the same way, and nothing changed.
    assert client.post(reverse("identity:acting_for_switch"), {"organisation": coop.pk}).status_code == 404
    assert ACTING_FOR_SESSION_KEY not in client.session
    link.refresh_from_db()
    assert link.is_active and link.role == AgentRole.ADMIN
    # An organisation that does not exist looks the same.
    assert client.get(reverse("identity:organisation_detail", args=[coop.pk + 999])).status_code == 404


def test_an_agent_of_two_organisations_switches_whom_she_acts_for(personas, rf):
    second = organisation_register(
        actor=personas.zhao_min,
        uscc=NOODLE_USCC,
        name="景泰县草窝滩镇赵氏农资店",
        kind=OrganisationKind.INDIVIDUAL_BUSINESS,
        legal_representative="赵敏",
    )
    client = as_user(personas.zhao_min)
    page = client.get(reverse("identity:account_organisations")).content.decode()
    assert "景泰县绿源枸杞种植专业合作社" in page and "景泰县草窝滩镇赵氏农资店" in page
    assert "当前身份：" in page and "<strong>个人</strong>" in page
    client.post(reverse("identity:acting_for_switch"), {"organisation": personas.green_coop.pk})
    assert client.session[ACTING_FOR_SESSION_KEY] == personas.green_coop.pk
    assert "景泰县绿源枸杞种植专业合作社（经办人）" in client.get(reverse("identity:account")).content.decode()
    client.post(reverse("identity:acting_for_switch"), {"organisation": second.pk})
    assert client.session[ACTING_FOR_SESSION_KEY] == second.pk
    client.post(reverse("identity:acting_for_switch"), {"organisation": "self"})
    assert ACTING_FOR_SESSION_KEY not in client.session


def test_acting_for_drops_a_stale_choice(personas, rf):
    coop = personas.green_coop
    wang_link = organisation_agent_add(
        actor=personas.zhao_min, organisation=coop, mobile=PUBLIC_PEOPLE["wangjianjun"][2], role=AgentRole.AGENT
    )
    request = rf.get("/")
    request.user = personas.wang_jianjun
    request.session = {ACTING_FOR_SESSION_KEY: coop.pk}
    assert acting_for(request) == coop
    organisation_agent_remove(actor=personas.zhao_min, link=wang_link)
    request = rf.get("/")
    request.user = personas.wang_jianjun
    request.session = {ACTING_FOR_SESSION_KEY: coop.pk}
    assert acting_for(request) is None
    assert ACTING_FOR_SESSION_KEY not in request.session


def test_a_window_clerk_verifies_an_organisation(personas):
    organisation = organisation_register(
        actor=personas.wang_jianjun,
        uscc=NOODLE_USCC,
        name="景泰县一条山镇王记牛肉面馆",
        kind=OrganisationKind.INDIVIDUAL_BUSINESS,
        legal_representative="王建军",
    )
    with pytest.raises(PermissionDenied):
        organisation_verify(actor=personas.wang_jianjun, organisation=organisation)
    client = as_user(personas.liu_yang)
    client.post(reverse("identity:organisation_verify"), {"uscc": NOODLE_USCC})
    organisation.refresh_from_db()
    assert organisation.status == OrganisationStatus.VERIFIED
    assert AuditEvent.objects.filter(action="organisation.verify", outcome="success").exists()
    assert (
        as_user(personas.wang_jianjun).post(reverse("identity:organisation_verify"), {"uscc": NOODLE_USCC}).status_code
        == 403
    )
