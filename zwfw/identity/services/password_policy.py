"""Writes of the password policies (the 系统管理员's configuration).

There are two rows, one per :class:`~zwfw.identity.choices.PasswordProfile`: the 等保 level 3
profile for staff and the OWASP ASVS level 2 profile for everyone else. The validator
(``zwfw.identity.passwords.PolicyValidator``) reads them when a password is set.

Edits are optimistic: the form carries the row's ``updated_at`` as it was shown (its *version*,
:func:`password_policy_version`), and a save against a row that changed since is refused, so two
administrators never overwrite each other's edits without seeing them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.core.services.audit import audit_record
from zwfw.core.services.refusals import refusals_audited, require_perm

from ..choices import PasswordProfile
from ..models import PasswordPolicy, User

POLICY_PERM = "identity.manage_password_policy"

#: field → (lowest, highest) allowed value.
POLICY_LIMITS: dict[str, tuple[int, int]] = {
    "min_length": (8, 64),
    "min_classes": (0, 4),
    "max_age_days": (0, 365),
    "history_count": (0, 24),
}
POLICY_FIELDS = frozenset(POLICY_LIMITS)
#: The floors of the 等保 level 3 profile (GB/T 22239-2019 8.1.4.1 a: 口令具有复杂度要求并定期更换).
DENGBAO_MIN_CLASSES = 3


def password_policy_version(policy: PasswordPolicy) -> str:
    """The token a form carries to detect a stale edit (the row's ``updated_at``)."""
    return policy.updated_at.isoformat()


def _limits_check(profile: str, values: Mapping[str, int]) -> None:
    errors = []
    labels = {name: PasswordPolicy._meta.get_field(name).verbose_name for name in POLICY_FIELDS}
    for name, (low, high) in POLICY_LIMITS.items():
        value = values[name]
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            errors.append(
                ValidationError(
                    _("“%(label)s”应为 %(low)d 至 %(high)d 之间的整数。"),
                    code="out_of_range",
                    params={"label": labels[name], "low": low, "high": high},
                )
            )
    if errors:
        raise ValidationError(errors)
    if profile == PasswordProfile.DENGBAO:
        if values["min_classes"] < DENGBAO_MIN_CLASSES:
            errors.append(
                ValidationError(
                    _("等保三级要求口令具有复杂度：工作人员的密码至少应包含 %(n)d 类字符。"),
                    code="dengbao_classes",
                    params={"n": DENGBAO_MIN_CLASSES},
                )
            )
        if values["max_age_days"] == 0:
            errors.append(
                ValidationError(
                    _("等保三级要求定期更换口令：工作人员的密码有效期不能为 0（不限）。"), code="dengbao_max_age"
                )
            )
    if errors:
        raise ValidationError(errors)


def password_policy_update(
    *, actor: User | None, profile: str, data: Mapping[str, Any], version: str | None = None
) -> list[str]:
    """Change the policy of ``profile``; return the fields that changed (empty: nothing written).

    ``version`` is :func:`password_policy_version` of the row the editor saw; ``None`` skips the
    stale-edit check (the system). The audit event holds ``{field: [old, new]}``.
    """
    unknown = set(data) - POLICY_FIELDS
    if unknown:
        raise TypeError(f"fields that cannot be changed here: {sorted(unknown)}")
    with refusals_audited(actor=actor, action="password_policy.update", profile=profile):
        with transaction.atomic():
            require_perm(actor, POLICY_PERM, _("只有系统管理员可以修改密码策略。"))
            if profile not in PasswordProfile.values:
                raise ValidationError(
                    _("未知的密码策略“%(profile)s”。"), code="invalid_profile", params={"profile": profile}
                )
            locked = PasswordPolicy.objects.select_for_update().filter(profile=profile).first()
            if locked is None:
                raise ValidationError(_("密码策略“%(profile)s”不存在。"), code="missing", params={"profile": profile})
            if version is not None and version != password_policy_version(locked):
                raise ValidationError(
                    _("该密码策略在您打开页面后已被他人修改，您的修改没有保存。请查看最新设置后重新填写。"),
                    code="stale",
                )
            values = {name: data.get(name, getattr(locked, name)) for name in POLICY_FIELDS}
            _limits_check(profile, values)
            diff = {
                name: [getattr(locked, name), values[name]]
                for name in sorted(POLICY_FIELDS)
                if getattr(locked, name) != values[name]
            }
            if not diff:
                return []
            for name, (_old, new) in diff.items():
                setattr(locked, name, new)
            locked.save(update_fields=[*diff, "updated_at"])
            audit_record(
                actor=actor, action="password_policy.update", obj=locked, detail={"profile": profile, "changes": diff}
            )
    return sorted(diff)
