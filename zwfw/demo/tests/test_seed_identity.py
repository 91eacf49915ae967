"""The seed's identity part: the public people's numbers and levels, the organisations and agents,
no TOTP for staff, nothing in clear in the audit log, and a second run that changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.test import override_settings

from zwfw.core.models import AuditEvent
from zwfw.demo.identity import GREEN_COOP_USCC, PUBLIC_PEOPLE
from zwfw.identity.choices import AgentRole, AssuranceLevel, OrganisationStatus, UserKind
from zwfw.identity.models import Organisation, OrganisationAgent, User
from zwfw.identity.selectors import user_by_id_number
from zwfw.identity.services.phone import user_by_mobile

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = StringIO()
    call_command("seed_jingtai", "--no-catalog", stdout=out)
    return out.getvalue()


@override_settings(DEBUG=True)
def test_the_public_people_get_numbers_levels_and_organisations():
    output = seed()
    assert "实名信息" in output
    for username, (name, id_number, mobile, level) in PUBLIC_PEOPLE.items():
        user = User.objects.get(username=username)
        assert user.full_name == name and user.kind == UserKind.PERSON
        assert user_by_id_number(id_number) == user and user_by_mobile(mobile) == user
        assert user.mobile_verified and user.assurance_level == level
    assert User.objects.get(username="lixiuying").assurance_level == AssuranceLevel.IN_PERSON
    coop = Organisation.objects.get(uscc=GREEN_COOP_USCC)
    assert coop.status == OrganisationStatus.VERIFIED
    zhao = User.objects.get(username="zhaomin")
    assert OrganisationAgent.objects.filter(user=zhao, role=AgentRole.ADMIN, is_active=True).count() == 2
    dryer = Organisation.objects.exclude(pk=coop.pk).get(agent_links__user=zhao)
    assert dryer.status == OrganisationStatus.PENDING
    assert dryer.agent_links.filter(user__username="wangjianjun", role=AgentRole.AGENT).exists()
    # Staff enrol TOTP at their first login: the seed gives them none.
    assert not Authenticator.objects.filter(user__kind=UserKind.STAFF).exists()
    for event in AuditEvent.objects.all():
        for _name, id_number, mobile, _level in PUBLIC_PEOPLE.values():
            assert id_number not in str(event.detail) and mobile not in str(event.detail)


@override_settings(DEBUG=True)
def test_a_second_run_changes_no_identity_data():
    seed()
    events = AuditEvent.objects.count()
    output = seed()
    assert "实名信息：更新 0 人；单位：新建 0 个；经办人：新增 0 人。" in output
    assert not AuditEvent.objects.filter(pk__gt=events, action__startswith="person.").exists()
    assert not AuditEvent.objects.filter(pk__gt=events, action__startswith="organisation.").exists()
