"""Organisations (法人) and their agents (经办人): registration, verification, agents and roles, and
whom a person is acting for in this session.

A person who registers an organisation becomes its first 单位管理员; the organisation is 待核验 until
a window clerk has seen its licence (``organisation_verify``). The 单位管理员 adds registered persons
as agents by their mobile number, changes their roles and removes them — never the last 单位管理员.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from zwfw.core.services.audit import audit_record, audit_record_refusal
from zwfw.org.uscc import uscc_validate

from ..choices import AgentRole, OrganisationKind, OrganisationStatus, UserKind
from ..models import Organisation, OrganisationAgent, User
from .phone import user_by_mobile

MANAGE_AGENTS_PERM = "identity.manage_organisation_agents"
VERIFY_PERM = "identity.verify_in_person"
ACTING_FOR_SESSION_KEY = "identity.acting_for"


def _reason(exc: Exception) -> str:
    return "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


def organisation_register(*, actor: User, uscc: str, name: str, kind: str, legal_representative: str) -> Organisation:
    """A person registers an organisation and becomes its 单位管理员 (status 待核验)."""
    try:
        with transaction.atomic():
            if actor.kind != UserKind.PERSON or not actor.mobile_verified:
                raise PermissionDenied(_("请使用已验证手机号码的个人账号登记单位。"))
            code = uscc_validate((uscc or "").strip().upper())
            if kind not in OrganisationKind.values:
                raise ValidationError(_("请选择单位类型。"), code="invalid_kind")
            if not name.strip() or not legal_representative.strip():
                raise ValidationError(_("请填写单位名称和法定代表人（负责人）。"), code="required")
            if Organisation.objects.filter(uscc=code).exists():
                raise ValidationError(
                    _(
                        "统一社会信用代码“%(code)s”已登记。如需代办该单位的事项，请联系该单位的单位管理员将您添加为经办人。"
                    ),
                    code="duplicate_uscc",
                    params={"code": code},
                )
            organisation = Organisation.objects.create(
                uscc=code, name=name.strip(), kind=kind, legal_representative=legal_representative.strip()
            )
            OrganisationAgent.objects.create(organisation=organisation, user=actor, role=AgentRole.ADMIN)
            audit_record(
                actor=actor,
                action="organisation.register",
                obj=organisation,
                detail={"uscc": code, "kind": kind},
            )
    except (PermissionDenied, ValidationError) as exc:
        audit_record_refusal(actor=actor, action="organisation.register", reason=_reason(exc))
        raise
    return organisation


def organisation_verify(*, actor: User, organisation: Organisation) -> Organisation:
    """A window clerk saw the organisation's licence: 已核验."""
    try:
        with transaction.atomic():
            if not actor.has_perm(VERIFY_PERM):
                raise PermissionDenied(_("只有窗口工作人员可以核验单位。"))
            organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
            if organisation.status == OrganisationStatus.VERIFIED:
                raise ValidationError(_("该单位已核验。"), code="already_verified")
            organisation.status = OrganisationStatus.VERIFIED
            organisation.verified_at = timezone.now()
            organisation.save(update_fields=["status", "verified_at", "updated_at"])
            audit_record(
                actor=actor, action="organisation.verify", obj=organisation, detail={"uscc": organisation.uscc}
            )
    except (PermissionDenied, ValidationError) as exc:
        audit_record_refusal(actor=actor, action="organisation.verify", reason=_reason(exc), obj=organisation)
        raise
    return organisation


def _manage_check(actor: User, organisation: Organisation) -> None:
    if not actor.has_perm(MANAGE_AGENTS_PERM, organisation):
        raise PermissionDenied(_("只有单位管理员可以管理经办人。"))


def _admins_left(organisation: Organisation, *, without: OrganisationAgent) -> int:
    return (
        organisation.agent_links.filter(role=AgentRole.ADMIN, is_active=True)
        .exclude(pk=without.pk)
        .select_for_update()
        .count()
    )


def organisation_agent_add(*, actor: User, organisation: Organisation, mobile: str, role: str) -> OrganisationAgent:
    """Add the registered person with this mobile number as an agent with ``role``."""
    try:
        with transaction.atomic():
            _manage_check(actor, organisation)
            if role not in AgentRole.values:
                raise ValidationError(_("请选择角色。"), code="invalid_role")
            person = user_by_mobile(mobile)
            if person is None or person.kind != UserKind.PERSON or not person.mobile_verified or not person.is_active:
                raise ValidationError(
                    _("没有找到使用该手机号码注册并已验证的个人账号。请对方先在本网站注册，再添加。"),
                    code="unknown_person",
                )
            link, created = OrganisationAgent.objects.get_or_create(
                organisation=organisation, user=person, defaults={"role": role}
            )
            if not created:
                if link.is_active:
                    raise ValidationError(_("该用户已是本单位的经办人。"), code="already_agent")
                link.is_active = True
                link.role = role
                link.save(update_fields=["is_active", "role", "updated_at"])
            audit_record(
                actor=actor,
                action="organisation.agent_add",
                obj=organisation,
                detail={"agent": person.get_username(), "mobile": person.mobile_masked, "role": role},
            )
    except (PermissionDenied, ValidationError) as exc:
        audit_record_refusal(actor=actor, action="organisation.agent_add", reason=_reason(exc), obj=organisation)
        raise
    return link


def organisation_agent_role_set(*, actor: User, link: OrganisationAgent, role: str) -> OrganisationAgent:
    """Change an agent's role; the last 单位管理员 cannot be made a plain agent."""
    organisation = link.organisation
    try:
        with transaction.atomic():
            _manage_check(actor, organisation)
            if role not in AgentRole.values:
                raise ValidationError(_("请选择角色。"), code="invalid_role")
            link = OrganisationAgent.objects.select_for_update().get(pk=link.pk, is_active=True)
            if (
                link.role == AgentRole.ADMIN
                and role != AgentRole.ADMIN
                and _admins_left(organisation, without=link) == 0
            ):
                raise ValidationError(_("单位至少要有一名单位管理员。"), code="last_admin")
            before = link.role
            link.role = role
            link.save(update_fields=["role", "updated_at"])
            audit_record(
                actor=actor,
                action="organisation.agent_role_set",
                obj=organisation,
                detail={"agent": link.user.get_username(), "from": before, "to": role},
            )
    except (PermissionDenied, ValidationError, OrganisationAgent.DoesNotExist) as exc:
        audit_record_refusal(actor=actor, action="organisation.agent_role_set", reason=_reason(exc), obj=organisation)
        raise
    return link


def organisation_agent_remove(*, actor: User, link: OrganisationAgent) -> None:
    """End an agent's link (kept, inactive, for the record); never the last 单位管理员."""
    organisation = link.organisation
    try:
        with transaction.atomic():
            _manage_check(actor, organisation)
            link = OrganisationAgent.objects.select_for_update().get(pk=link.pk, is_active=True)
            if link.role == AgentRole.ADMIN and _admins_left(organisation, without=link) == 0:
                raise ValidationError(_("不能移除最后一名单位管理员。"), code="last_admin")
            link.is_active = False
            link.save(update_fields=["is_active", "updated_at"])
            audit_record(
                actor=actor,
                action="organisation.agent_remove",
                obj=organisation,
                detail={"agent": link.user.get_username(), "role": link.role},
            )
    except (PermissionDenied, ValidationError, OrganisationAgent.DoesNotExist) as exc:
        audit_record_refusal(actor=actor, action="organisation.agent_remove", reason=_reason(exc), obj=organisation)
        raise


def acting_for_switch(*, request: HttpRequest, organisation: Organisation | None) -> None:
    """Act for ``organisation`` from now on in this session (None: act as oneself)."""
    user = request.user
    if organisation is not None and not user.has_perm("identity.act_for_organisation", organisation):
        audit_record_refusal(actor=user, action="organisation.act_for", reason="not an agent", obj=organisation)
        raise PermissionDenied(_("您不是该单位的经办人。"))
    if organisation is None:
        request.session.pop(ACTING_FOR_SESSION_KEY, None)
    else:
        request.session[ACTING_FOR_SESSION_KEY] = organisation.pk
    audit_record(
        actor=user,
        action="organisation.act_for",
        obj=organisation,
        detail={"organisation": organisation.uscc if organisation else None},
    )
