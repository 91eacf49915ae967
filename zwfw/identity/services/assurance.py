"""实名等级 (real-name assurance levels): raised by the ID verifier (level 2) or by a window clerk
who checked the ID card (level 3). Every change and every failed check is audited, with the ID
number masked.

Level 1 (手机号码已验证) is where every person starts once their mobile number is confirmed by an
SMS code. Levels are never lowered by these services.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zwfw.core.choices import Outcome
from zwfw.core.services.audit import audit_record, audit_record_refusal

from ..choices import AssuranceLevel, UserKind
from ..models import User
from ..verifiers import Outcome as VerifierOutcome
from ..verifiers import VerifierResult, id_verifier
from .person import person_id_number_set

VERIFY_IN_PERSON_PERM = "identity.verify_in_person"


def _level_set(*, actor: User | None, user: User, level: int, method: str) -> None:
    """Raise ``user`` to ``level`` (inside the caller's transaction) and audit it."""
    before = user.assurance_level
    user.assurance_level = level
    user.assurance_changed_at = timezone.now()
    user.save(update_fields=["assurance_level", "assurance_changed_at"])
    audit_record(
        actor=actor,
        action="person.assurance_raise",
        obj=user,
        detail={"from": before, "to": level, "method": method, "id_number": user.id_number_masked},
    )


def assurance_verify_id(*, user: User, full_name: str | None = None, id_number: str | None = None) -> VerifierResult:
    """Ask the ID verifier whether the person's name and ID number belong together; on a match, raise
    the person to level 2. ``full_name``/``id_number`` correct what was typed at registration (only
    while the person is below level 2 — afterwards a window clerk changes them)."""
    if user.kind != UserKind.PERSON:
        raise ValidationError(_("只有个人账号需要实名核验。"), code="not_a_person")
    if user.assurance_level >= AssuranceLevel.ID_CHECKED:
        raise ValidationError(_("您的身份证号码已核验，无须再次提交。"), code="already_verified")
    if not user.mobile_verified:
        raise ValidationError(_("请先验证手机号码。"), code="mobile_unverified")
    if full_name is not None or id_number is not None:
        person_id_number_set(
            actor=user, user=user, full_name=full_name or user.full_name, id_number=id_number or user.id_number
        )
    if not user.id_number:
        raise ValidationError(_("请先填写居民身份证号码。"), code="id_number_required")
    result = id_verifier().verify(full_name=user.full_name, id_number=user.id_number)
    if result.ok:
        with transaction.atomic():
            _level_set(actor=user, user=user, level=AssuranceLevel.ID_CHECKED, method=f"verifier:{result.backend}")
    else:
        audit_record(
            actor=user,
            action="person.id_verify",
            obj=user,
            outcome=Outcome.FAILURE,
            detail={"result": result.outcome.value, "backend": result.backend, "id_number": user.id_number_masked},
        )
    return result


def assurance_after_phone_verified(*, user: User) -> VerifierResult | None:
    """Called when a person's mobile number has just been confirmed: try the ID check once.

    A failure keeps level 1; the user centre explains it and offers to submit again.
    """
    if user.kind != UserKind.PERSON or not user.id_number or user.assurance_level >= AssuranceLevel.ID_CHECKED:
        return None
    try:
        return assurance_verify_id(user=user)
    except ValidationError:
        return None


def verifier_outcome_message(result: VerifierResult) -> str:
    if result.outcome is VerifierOutcome.MATCH:
        return _("身份证号码核验通过，您的实名等级已提升为二级。")
    if result.outcome is VerifierOutcome.MISMATCH:
        return _("姓名与身份证号码核验未通过，实名等级仍为一级。请核对后重新提交，或携带身份证到政务服务窗口核验。")
    return _("实名核验服务暂时无法使用，实名等级仍为一级。请稍后再试。")


def person_view_full(*, actor: User, user: User) -> None:
    """A window clerk is shown ``user``'s full ID number and name: audited (who viewed whose record)."""
    if not actor.has_perm(VERIFY_IN_PERSON_PERM):
        audit_record_refusal(actor=actor, action="person.view_full", reason="permission", obj=user)
        raise PermissionDenied(_("只有窗口工作人员可以查看完整的身份证号码。"))
    audit_record(actor=actor, action="person.view_full", obj=user, detail={"id_number": user.id_number_masked})


def assurance_raise_in_person(*, actor: User, user: User, id_card_checked: bool) -> User:
    """A window clerk checked the person's ID card against the account: level 3 (窗口现场核验)."""
    try:
        with transaction.atomic():
            if not actor.has_perm(VERIFY_IN_PERSON_PERM):
                raise PermissionDenied(_("只有窗口工作人员可以进行现场实名核验。"))
            if actor.pk == user.pk:
                raise PermissionDenied(_("不能为自己进行现场实名核验。"))
            if user.kind != UserKind.PERSON or not user.id_number:
                raise ValidationError(_("该账号不是已登记身份证号码的个人账号。"), code="not_a_person")
            if not id_card_checked:
                raise ValidationError(_("请先核对居民身份证原件，并勾选确认。"), code="card_not_checked")
            if user.assurance_level >= AssuranceLevel.IN_PERSON:
                raise ValidationError(_("该账号已是三级实名，无须再次核验。"), code="already_in_person")
            user = User.objects.select_for_update().get(pk=user.pk)
            _level_set(actor=actor, user=user, level=AssuranceLevel.IN_PERSON, method="in_person")
    except (PermissionDenied, ValidationError) as exc:
        reason = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        audit_record_refusal(
            actor=actor,
            action="person.assurance_raise",
            reason=reason,
            obj=user,
            detail={"method": "in_person", "id_number": user.id_number_masked},
        )
        raise
    return user
