"""Persons: registration details (name, resident ID number), corrections before the ID check, and
registration at a window by a clerk.

The mobile number and its confirmation are in ``services.phone``; levels in ``services.assurance``.
"""

from __future__ import annotations

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zwfw.core.pii import mask_id_number, pii_blind_index
from zwfw.core.services.audit import audit_record, audit_record_refusal

from ..choices import AssuranceLevel, UserKind
from ..fields import id_number_normalise
from ..models import User

ID_NUMBER_PURPOSE = "id_number"


def id_number_index(id_number: str) -> str:
    return pii_blind_index(id_number_normalise(id_number), purpose=ID_NUMBER_PURPOSE)


def id_number_taken(id_number: str, *, exclude: User | None = None) -> bool:
    """Whether another account holds this (valid) ID number. Invalid input → False."""
    try:
        index = id_number_index(id_number)
    except ValidationError:
        return False
    qs = User.objects.filter(id_number_index=index)
    if exclude is not None and exclude.pk:
        qs = qs.exclude(pk=exclude.pk)
    return qs.exists()


def _duplicate_id_error() -> ValidationError:
    return ValidationError(
        _("该身份证号码已注册账号，请直接登录或找回密码；如不是您本人注册的，请携带身份证到政务服务窗口处理。"),
        code="duplicate_id_number",
    )


def _id_number_apply(user: User, full_name: str, id_number: str) -> None:
    number = id_number_normalise(id_number)
    name = full_name.strip()
    if not name:
        raise ValidationError(_("请填写姓名。"), code="full_name_required")
    if id_number_taken(number, exclude=user):
        raise _duplicate_id_error()
    user.full_name = name
    user.id_number = number
    user.id_number_index = pii_blind_index(number, purpose=ID_NUMBER_PURPOSE)
    user.id_number_masked = mask_id_number(number)


def person_register_complete(*, user: User, full_name: str, id_number: str) -> User:
    """The name and ID number of a person who has just signed up (allauth created the account).

    The account starts at level 1; it counts once the mobile number is confirmed by the SMS code
    (``services.phone.user_mobile_confirm`` then asks the ID verifier for level 2).
    """
    with transaction.atomic():
        _id_number_apply(user, full_name, id_number)
        user.kind = UserKind.PERSON
        user.assurance_level = AssuranceLevel.PHONE
        user.assurance_changed_at = timezone.now()
        user.save()
        audit_record(
            actor=user,
            action="person.register",
            obj=user,
            detail={"id_number": user.id_number_masked, "mobile": user.mobile_masked},
        )
    return user


def person_id_number_set(*, actor: User, user: User, full_name: str, id_number: str) -> User:
    """Correct the name or ID number of a person below level 2 (before it has been checked)."""
    try:
        with transaction.atomic():
            if actor.pk != user.pk:
                raise PermissionDenied(_("只能修改自己的身份信息。"))
            if user.assurance_level >= AssuranceLevel.ID_CHECKED:
                raise ValidationError(
                    _("身份证号码已核验，不能在网上修改；如需更正，请携带身份证到政务服务窗口办理。"),
                    code="id_number_locked",
                )
            before = user.id_number_masked
            _id_number_apply(user, full_name, id_number)
            user.save(update_fields=["full_name", "id_number", "id_number_index", "id_number_masked"])
            audit_record(
                actor=actor,
                action="person.id_number_set",
                obj=user,
                detail={"from": before, "to": user.id_number_masked},
            )
    except (PermissionDenied, ValidationError) as exc:
        user.refresh_from_db()
        reason = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        audit_record_refusal(actor=actor, action="person.id_number_set", reason=reason, obj=user)
        raise
    return user


def person_register_at_window(*, actor: User, full_name: str, id_number: str, mobile: str) -> User:
    """A window clerk registers a person who showed their ID card (STANDARDS.md §实名注册).

    The account gets a random password nobody knows (the person logs in with an SMS code, then may
    set a password), level 3 once the SMS code sent to the mobile is entered at the window
    (``person_window_confirm``). Until then the mobile is unconfirmed and the level is 1.
    """
    from .phone import user_mobile_set

    try:
        with transaction.atomic():
            if not actor.has_perm("identity.verify_in_person"):
                raise PermissionDenied(_("只有窗口工作人员可以在窗口注册账号。"))
            user = User(kind=UserKind.PERSON, username=f"p{secrets.token_hex(6)}")
            _id_number_apply(user, full_name, id_number)
            user_mobile_set(user=user, mobile=mobile, verified=False)
            user.set_password(secrets.token_urlsafe(24))
            user.assurance_level = AssuranceLevel.PHONE
            user.assurance_changed_at = timezone.now()
            user.save()
            audit_record(
                actor=actor,
                action="person.register_at_window",
                obj=user,
                detail={"id_number": user.id_number_masked, "mobile": user.mobile_masked},
            )
    except (PermissionDenied, ValidationError) as exc:
        reason = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        audit_record_refusal(
            actor=actor,
            action="person.register_at_window",
            reason=reason,
            detail={"id_number": mask_id_number(id_number)},
        )
        raise
    return user


def person_window_confirm(*, actor: User, user: User) -> User:
    """The person registered at the window read back the SMS code: the mobile is confirmed and, since
    the clerk checked the ID card, the account is at level 3 (窗口现场核验)."""
    from .assurance import assurance_raise_in_person
    from .phone import user_mobile_confirm

    if not actor.has_perm("identity.verify_in_person"):
        audit_record_refusal(actor=actor, action="person.window_confirm", reason="permission", obj=user)
        raise PermissionDenied(_("只有窗口工作人员可以在窗口注册账号。"))
    user_mobile_confirm(user=user, actor=actor)
    user.refresh_from_db()
    if user.assurance_level < AssuranceLevel.IN_PERSON:
        user = assurance_raise_in_person(actor=actor, user=user, id_card_checked=True)
    return user


def person_identity_set(*, actor: User | None, user: User, id_number: str, mobile: str, level: int) -> User:
    """Give a person an ID number, a confirmed mobile and a level at once: the system (``actor=None``,
    the demonstration seed) only. Idempotent: unchanged values write nothing."""
    from .phone import mobile_index, user_mobile_set

    if actor is not None:
        raise PermissionDenied(_("只有系统可以直接设置实名信息。"))
    number = id_number_normalise(id_number)
    changed = False
    with transaction.atomic():
        if user.id_number_index != pii_blind_index(number, purpose=ID_NUMBER_PURPOSE):
            _id_number_apply(user, user.full_name, number)
            user.save(update_fields=["id_number", "id_number_index", "id_number_masked"])
            changed = True
        if user.mobile_index != mobile_index(mobile) or not user.mobile_verified:
            user_mobile_set(user=user, mobile=mobile, verified=True, actor=actor)
            changed = True
        if user.assurance_level != level or user.kind != UserKind.PERSON:
            user.kind = UserKind.PERSON
            user.assurance_level = level
            user.assurance_changed_at = timezone.now()
            user.save(update_fields=["kind", "assurance_level", "assurance_changed_at"])
            changed = True
        if changed:
            audit_record(
                actor=None,
                action="person.identity_set",
                obj=user,
                detail={"id_number": user.id_number_masked, "mobile": user.mobile_masked, "level": level},
            )
    return user


def person_is_abandoned(user: User) -> bool:
    """A self-registration that never confirmed its mobile and never logged in, older than the code's
    lifetime: its ID number and mobile may be taken by a new registration."""
    from django.conf import settings

    age = timezone.now() - user.date_joined
    return (
        user.kind == UserKind.PERSON
        and not user.mobile_verified
        and user.last_login is None
        and age.total_seconds() > settings.ACCOUNT_PHONE_VERIFICATION_TIMEOUT
    )


def person_abandoned_release(*, user: User) -> bool:
    """Free the ID number and mobile of an abandoned registration (the account is deactivated, kept for
    the audit trail). Returns False, changing nothing, if the account is not abandoned."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if not person_is_abandoned(user):
            return False
        detail = {"id_number": user.id_number_masked, "mobile": user.mobile_masked}
        user.id_number, user.id_number_index, user.id_number_masked = "", None, ""
        user.mobile, user.mobile_index, user.mobile_masked = "", None, ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        audit_record(actor=None, action="person.abandoned_release", obj=user, detail=detail)
    return True
