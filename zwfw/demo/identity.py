"""Demonstration identity data: the SCENARIOS.md public people's (fictional, GB 11643-valid) ID
numbers, mobile numbers and real-name levels, and two organisations 赵敏 acts for.

The same people and numbers are the test personas' (zwfw/testing/personas.py). Staff get no TOTP
here: they enrol at their first login. Everything goes through identity's services; running the seed
again changes nothing.
"""

from __future__ import annotations

from typing import Any

from zwfw.identity.choices import AgentRole, AssuranceLevel, OrganisationKind, OrganisationStatus
from zwfw.identity.models import Organisation, User
from zwfw.identity.services.organisation import organisation_agent_add, organisation_register, organisation_verify
from zwfw.identity.services.person import person_identity_set

#: username → (full name, ID number, mobile, level). Fictional numbers that pass GB 11643; 李秀英
#: (born 1958) has a pre-1985 code of 景泰县 (622324), as her real card would.
PUBLIC_PEOPLE: dict[str, tuple[str, str, str, int]] = {
    "wangjianjun": ("王建军", "620423198503120011", "13909430001", AssuranceLevel.ID_CHECKED),
    "lixiuying": ("李秀英", "622324195809060022", "13909430002", AssuranceLevel.IN_PERSON),
    "zhaomin": ("赵敏", "620423199007180044", "13909430003", AssuranceLevel.ID_CHECKED),
}
#: 景泰县绿源枸杞种植专业合作社 (工商 9, 农民专业合作社 3, 景泰县 620423).
GREEN_COOP_USCC = "93620423052340015T"
#: A second organisation of 赵敏's, so that switching whom she acts for can be shown.
ORGANISATIONS: tuple[dict[str, Any], ...] = (
    {
        "uscc": GREEN_COOP_USCC,
        "name": "景泰县绿源枸杞种植专业合作社",
        "kind": OrganisationKind.COOPERATIVE,
        "legal_representative": "赵敏",
        "admin": "zhaomin",
        "agents": (),
        "verified_by": "liuyang",
    },
    {
        "uscc": "93620423052340031G",
        "name": "景泰县草窝滩镇绿源枸杞烘干专业合作社",
        "kind": OrganisationKind.COOPERATIVE,
        "legal_representative": "赵敏",
        "admin": "zhaomin",
        "agents": (("wangjianjun", AgentRole.AGENT),),
        "verified_by": None,  # 待核验: shows the pending state
    },
)


def identity_seed_default() -> dict[str, int]:
    """Fill in the public people (who must exist) and the organisations. Returns counts of changes."""
    counts = {"person": 0, "organisation": 0, "agent": 0}
    users = {u.username: u for u in User.objects.filter(username__in=[*PUBLIC_PEOPLE, "liuyang"])}
    for username, (_name, id_number, mobile, level) in PUBLIC_PEOPLE.items():
        user = users.get(username)
        if user is None:
            continue
        before = (user.id_number_index, user.mobile_index, user.assurance_level)
        person_identity_set(actor=None, user=user, id_number=id_number, mobile=mobile, level=level)
        counts["person"] += before != (user.id_number_index, user.mobile_index, user.assurance_level)
    for spec in ORGANISATIONS:
        admin = users.get(spec["admin"])
        if admin is None:
            continue
        organisation = Organisation.objects.filter(uscc=spec["uscc"]).first()
        if organisation is None:
            organisation = organisation_register(
                actor=admin,
                uscc=spec["uscc"],
                name=spec["name"],
                kind=spec["kind"],
                legal_representative=spec["legal_representative"],
            )
            counts["organisation"] += 1
        clerk = users.get(spec["verified_by"] or "")
        if clerk is not None and organisation.status != OrganisationStatus.VERIFIED:
            organisation_verify(actor=clerk, organisation=organisation)
        for username, role in spec["agents"]:
            agent = users.get(username)
            if agent is None or organisation.agent_links.filter(user=agent, is_active=True).exists():
                continue
            organisation_agent_add(actor=admin, organisation=organisation, mobile=agent.mobile, role=role)
            counts["agent"] += 1
    return counts
