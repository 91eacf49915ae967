"""Granting and revoking staff roles (岗位) within agencies.

Rules enforced here (and, for the first, by the database as well):

- The three administrators (三员: 系统管理员, 安全管理员, 审计管理员) are three different people:
  a user holds at most one active administrator role, in any agency. The user's row is locked
  (``SELECT … FOR UPDATE``) before the check, so two concurrent grants cannot both pass; the
  partial unique constraint ``org_membership_one_admin_role`` is the last line of defence.
- Nobody grants, changes or revokes their own role.
- Only holders of ``org.manage_memberships`` (安全管理员) grant and revoke; ``actor=None`` is the
  system (the seed loader).
- Roles go to staff accounts only (the ones the 安全管理员 creates), never to a person's
  self-registered account.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zwfw.core.services.audit import audit_record

from ..choices import ADMIN_ROLES, Role
from ..models import Agency, Membership, Window
from ..rules import active_roles_forget
from ._common import Actor, apply_changes, field_changes, refusals_audited, require_perm

MEMBERSHIP_PERM = "org.manage_memberships"
MEMBERSHIP_FIELDS = frozenset({"window", "title"})
#: ``identity.UserKind.STAFF`` (org may not import identity: the user model is only known by its fields).
STAFF_KIND = "staff"


def _permission_check(actor: Actor, user: AbstractUser, *, own_message: str) -> None:
    require_perm(actor, MEMBERSHIP_PERM, _("只有安全管理员可以授予、变更或撤销岗位。"))
    if actor is not None and actor.pk == user.pk:
        raise PermissionDenied(own_message)


def _three_admins_message(user: AbstractUser, held: str, wanted: str) -> str:
    return _(
        "三员（系统管理员、安全管理员、审计管理员）不得由同一人兼任：%(name)s已担任%(held)s，不能再担任%(wanted)s。"
    ) % {"name": user.get_full_name(), "held": Role(held).label, "wanted": Role(wanted).label}


def _window_check(window: Window | None, agency: Agency) -> None:
    if window is None:
        return
    if not window.is_active:
        raise ValidationError(_("窗口“%(window)s”已停用。"), code="inactive_window", params={"window": window})
    if window.centre.agency_id != agency.pk and not window.agencies.filter(pk=agency.pk).exists():
        raise ValidationError(
            _("窗口“%(window)s”不受理%(agency)s的事项，不能在该机构的岗位上指定。"),
            code="window_not_of_agency",
            params={"window": window, "agency": agency.short_name},
        )


def membership_grant(
    *,
    actor: Actor,
    user: AbstractUser,
    agency: Agency,
    role: str,
    window: Window | None = None,
    title: str = "",
) -> Membership:
    """Give ``user`` the ``role`` in ``agency`` (re-activating a revoked membership of the same role)."""
    with refusals_audited(actor=actor, action="membership.grant", obj=user, agency=agency.slug, role=role):
        try:
            with transaction.atomic():
                _permission_check(actor, user, own_message=_("不能为本人授予岗位，须由另一名安全管理员办理。"))
                if role not in Role.values:
                    raise ValidationError(_("未知的角色“%(role)s”。"), code="invalid_role", params={"role": role})
                # Serialise every grant to this user: a concurrent grant waits here and then sees ours.
                locked_user = get_user_model().objects.select_for_update().get(pk=user.pk)
                if not locked_user.is_active:
                    raise ValidationError(
                        _("账号“%(user)s”已停用，不能授予岗位。"), code="inactive_user", params={"user": user}
                    )
                if getattr(locked_user, "kind", STAFF_KIND) != STAFF_KIND:
                    raise ValidationError(
                        _("“%(user)s”不是工作人员账号，不能授予岗位。工作人员账号由安全管理员创建。"),
                        code="not_staff",
                        params={"user": user},
                    )
                if not agency.is_active:
                    raise ValidationError(
                        _("机构“%(agency)s”已停用，不能授予岗位。"),
                        code="inactive_agency",
                        params={"agency": agency},
                    )
                _window_check(window, agency)
                existing = Membership.objects.filter(user=user, agency=agency, role=role).first()
                if existing is not None and existing.is_active:
                    raise ValidationError(
                        _("%(name)s已在%(agency)s担任%(role)s。"),
                        code="already_granted",
                        params={
                            "name": user.get_full_name(),
                            "agency": agency.short_name,
                            "role": Role(role).label,
                        },
                    )
                if role in ADMIN_ROLES:
                    held = Membership.objects.filter(user=user, role__in=ADMIN_ROLES, is_active=True).first()
                    if held is not None:
                        raise ValidationError(_three_admins_message(user, held.role, role), code="three_admins")
                if existing is not None:
                    membership = existing
                    membership.is_active, membership.window, membership.title = True, window, title
                    membership.stamp(actor)
                    membership.save(update_fields=["is_active", "window", "title", "updated_by", "updated_at"])
                else:
                    membership = Membership(user=user, agency=agency, role=role, window=window, title=title)
                    membership.full_clean(validate_constraints=False)
                    membership.stamp(actor)
                    membership.save()
                audit_record(
                    actor=actor,
                    action="membership.grant",
                    obj=membership,
                    detail={
                        "user": user.get_username(),
                        "agency": agency.slug,
                        "role": role,
                        "window": window.number if window else None,
                        "title": title,
                        "reactivated": existing is not None,
                    },
                )
                active_roles_forget(user)
                return membership
        except IntegrityError as exc:
            # Only a concurrent grant that slipped past the lock (or a bypassing writer) gets here.
            if role in ADMIN_ROLES:
                raise ValidationError(
                    _("三员（系统管理员、安全管理员、审计管理员）不得由同一人兼任。"), code="three_admins"
                ) from exc
            raise ValidationError(_("该岗位已存在。"), code="already_granted") from exc


def membership_update(*, actor: Actor, membership: Membership, data: Mapping[str, Any]) -> list[str]:
    """Change the window or title of a membership; return what changed (empty: nothing written)."""
    with refusals_audited(actor=actor, action="membership.update", obj=membership), transaction.atomic():
        _permission_check(actor, membership.user, own_message=_("不能变更本人的岗位，须由另一名安全管理员办理。"))
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        changes = field_changes(locked, data, MEMBERSHIP_FIELDS)
        if not changes:
            return []
        if "window" in changes:
            _window_check(changes["window"], locked.agency)
        diff = apply_changes(locked, changes)
        locked.stamp(actor)
        locked.save(update_fields=[*changes, "updated_by", "updated_at"])
        audit_record(actor=actor, action="membership.update", obj=locked, detail={"changes": diff})
    for name in changes:
        setattr(membership, name, getattr(locked, name))
    membership.updated_at, membership.updated_by_id = locked.updated_at, locked.updated_by_id
    return sorted(changes)


def membership_revoke(*, actor: Actor, membership: Membership) -> Membership:
    """End a membership. The row is kept (inactive) so the history of who held what stays readable."""
    with refusals_audited(actor=actor, action="membership.revoke", obj=membership), transaction.atomic():
        _permission_check(actor, membership.user, own_message=_("不能撤销本人的岗位，须由另一名安全管理员办理。"))
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if not locked.is_active:
            raise ValidationError(_("该岗位已经撤销。"), code="already_revoked")
        locked.is_active = False
        locked.stamp(actor)
        locked.save(update_fields=["is_active", "updated_by", "updated_at"])
        audit_record(
            actor=actor,
            action="membership.revoke",
            obj=locked,
            detail={"user": locked.user.get_username(), "agency": locked.agency.slug, "role": locked.role},
        )
    membership.is_active = False
    membership.updated_at, membership.updated_by_id = locked.updated_at, locked.updated_by_id
    active_roles_forget(membership.user)
    return membership
