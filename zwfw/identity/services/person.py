"""Persons: registration details and real-name assurance levels."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zwfw.core.pii import mask_id_number, pii_blind_index
from zwfw.core.services.audit import audit_record

from ..choices import AssuranceLevel, UserKind
from ..fields import id_number_normalise
from ..models import User

ID_NUMBER_PURPOSE = "id_number"


def person_register_complete(*, user: User, full_name: str, id_number: str) -> User:
    """The name and ID number of a person who has just signed up (allauth created the account)."""
    number = id_number_normalise(id_number)
    index = pii_blind_index(number, purpose=ID_NUMBER_PURPOSE)
    with transaction.atomic():
        if User.objects.filter(id_number_index=index).exclude(pk=user.pk).exists():
            raise ValidationError(_("该身份证号码已注册账号，请直接登录或找回密码。"), code="duplicate_id_number")
        user.full_name = full_name.strip()
        user.kind = UserKind.PERSON
        user.id_number = number
        user.id_number_index = index
        user.id_number_masked = mask_id_number(number)
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
