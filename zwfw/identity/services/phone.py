"""The mobile number on an account: set (encrypted, indexed, masked), confirm, find by number."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.core.pii import mask_mobile, pii_blind_index
from zwfw.core.services.audit import audit_record

from ..fields import mobile_normalise
from ..models import User

MOBILE_PURPOSE = "mobile"


def mobile_index(mobile: str) -> str:
    return pii_blind_index(mobile_normalise(mobile), purpose=MOBILE_PURPOSE)


def user_by_mobile(mobile: str) -> User | None:
    """The (active or not) account registered with this number, or None. Never raises on bad input."""
    try:
        index = mobile_index(mobile)
    except ValidationError:
        return None
    return User.objects.filter(mobile_index=index).first()


def user_mobile_set(*, user: User, mobile: str, verified: bool, actor: User | None = None) -> None:
    """Put ``mobile`` on ``user`` (saved if the user is). Refused if another account has the number."""
    number = mobile_normalise(mobile)
    index = pii_blind_index(number, purpose=MOBILE_PURPOSE)
    if User.objects.filter(mobile_index=index).exclude(pk=user.pk).exists():
        raise ValidationError(_("该手机号码已被其他账号使用。"), code="duplicate_mobile")
    user.mobile = number
    user.mobile_index = index
    user.mobile_masked = mask_mobile(number)
    user.mobile_verified = verified
    if user.pk:
        with transaction.atomic():
            user.save(update_fields=["mobile", "mobile_index", "mobile_masked", "mobile_verified"])
            audit_record(
                actor=actor or user,
                action="user.mobile_set",
                obj=user,
                detail={"mobile": user.mobile_masked, "verified": verified},
            )


def user_mobile_confirm(*, user: User, mobile: str | None = None, actor: User | None = None) -> None:
    """The user proved they hold the number (an SMS code was entered).

    A person who confirms their number for the first time is at level 1 (手机号码已验证); the ID
    verifier is then asked once for level 2 (``services.assurance``). A changed number that is
    confirmed again changes no level.
    """
    from .assurance import assurance_after_phone_verified

    if mobile and mobile_index(mobile) != user.mobile_index:
        # allauth's change-phone flow confirms the new number without setting it first.
        user_mobile_set(user=user, mobile=mobile, verified=True, actor=actor)
        return
    if user.mobile_verified:
        return
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(mobile_verified=True)
        user.mobile_verified = True
        audit_record(actor=actor or user, action="user.mobile_confirm", obj=user, detail={"mobile": user.mobile_masked})
    assurance_after_phone_verified(user=user)
