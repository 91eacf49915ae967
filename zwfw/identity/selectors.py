"""Reads of persons, organisations and agents, and whom the signed-in person acts for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from zwfw.core.models import AuditEvent

from .choices import AgentRole, AssuranceLevel
from .models import Organisation, OrganisationAgent, User
from .services.organisation import ACTING_FOR_SESSION_KEY
from .services.person import id_number_index


def user_by_id_number(id_number: str) -> User | None:
    """The account with this resident ID number (looked up by its blind index), or None."""
    try:
        index = id_number_index(id_number)
    except ValidationError:
        return None
    return User.objects.filter(id_number_index=index).first()


def agent_links_of(user: Any) -> QuerySet[OrganisationAgent]:
    """The organisations ``user`` acts for (active links), with the organisation loaded."""
    if not getattr(user, "is_authenticated", False):
        return OrganisationAgent.objects.none()
    return (
        OrganisationAgent.objects.filter(user=user, is_active=True)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def organisation_for_agent(user: Any, pk: int) -> Organisation:
    """The organisation ``pk`` if ``user`` acts for it; otherwise 404 (its existence is not revealed)."""
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None or not user.has_perm("identity.act_for_organisation", organisation):
        raise Http404
    return organisation


def agent_link_for_admin(user: Any, organisation: Organisation, link_pk: int) -> OrganisationAgent:
    """An active agent link of ``organisation`` that ``user`` (its 单位管理员) may change; else 404."""
    if not user.has_perm("identity.manage_organisation_agents", organisation):
        raise Http404
    link = organisation.agent_links.filter(pk=link_pk, is_active=True).select_related("user").first()
    if link is None:
        raise Http404
    return link


def agents_of(organisation: Organisation) -> QuerySet[OrganisationAgent]:
    return organisation.agent_links.filter(is_active=True).select_related("user").order_by("-role", "user__full_name")


def is_organisation_admin(user: Any, organisation: Organisation) -> bool:
    return organisation.agent_links.filter(user=user, is_active=True, role=AgentRole.ADMIN).exists()


def acting_for(request: HttpRequest) -> Organisation | None:
    """The organisation the signed-in person acts for now (chosen in the user centre), or None when
    they act as themselves. A stale choice (the link was removed) is dropped."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    pk = request.session.get(ACTING_FOR_SESSION_KEY)
    if pk is None:
        return None
    cached = getattr(request, "_identity_acting_for", None)
    if cached is not None and cached.pk == pk:
        return cached
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None or not user.has_perm("identity.act_for_organisation", organisation):
        request.session.pop(ACTING_FOR_SESSION_KEY, None)
        return None
    request._identity_acting_for = organisation  # type: ignore[attr-defined]
    return organisation


@dataclass(frozen=True)
class IdCheckRecord:
    at: Any
    outcome: str  # success / failure
    result: str  # match / mismatch / unavailable


def last_id_check(user: User) -> IdCheckRecord | None:
    """The person's latest level-2 check (from the audit log), for the user centre's explanation."""
    event = (
        AuditEvent.objects.filter(
            object_type="identity.user",
            object_id=str(user.pk),
            action__in=["person.id_verify", "person.assurance_raise"],
        )
        .order_by("-id")
        .first()
    )
    if event is None:
        return None
    if event.action == "person.assurance_raise":
        return IdCheckRecord(at=event.occurred_at, outcome=event.outcome, result="match")
    return IdCheckRecord(at=event.occurred_at, outcome=event.outcome, result=event.detail.get("result", ""))


def level_meets(user: Any, level: int) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return int(getattr(user, "assurance_level", 0) or 0) >= int(level or AssuranceLevel.PHONE) and bool(
        getattr(user, "mobile_verified", False) or getattr(user, "kind", "") != "person"
    )
