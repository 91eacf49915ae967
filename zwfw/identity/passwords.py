"""The configurable password policy (等保 profile for staff, ASVS profile for everyone else).

``PolicyValidator`` is one of ``AUTH_PASSWORD_VALIDATORS``, so every place that checks a new
password through Django's validators (allauth's signup, change and reset forms, the services'
``validate_password`` calls) applies the ``PasswordPolicy`` row of the user's profile: minimum
length, minimum character classes and "not one of the last N". Django calls ``password_changed``
after a user with a new password is saved; that writes the history and the change time
(``services.security.password_record``).
"""

from __future__ import annotations

import string
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def character_classes(password: str) -> int:
    """How many of upper-case letters, lower-case letters, digits and symbols the password uses."""
    upper = any(c.isupper() for c in password)
    lower = any(c.islower() for c in password)
    digit = any(c.isdigit() for c in password)
    # Anything else (punctuation, spaces, Chinese characters) counts as a symbol.
    symbol = any(not (c.isalnum() and c.isascii()) or c in string.punctuation for c in password)
    return sum((upper, lower, digit, symbol))


class PolicyValidator:
    """Checks a password against the policy of the user's profile (``PasswordPolicy`` rows)."""

    def validate(self, password: str, user: Any = None) -> None:
        from .services.security import password_policy_for, password_reused

        policy = password_policy_for(user)
        errors = []
        if len(password) < policy.min_length:
            errors.append(
                ValidationError(
                    _("密码太短，至少需要 %(min_length)d 个字符。"),
                    code="password_too_short",
                    params={"min_length": policy.min_length},
                )
            )
        if policy.min_classes and character_classes(password) < policy.min_classes:
            errors.append(
                ValidationError(
                    _("密码须至少包含大写字母、小写字母、数字、符号中的 %(min_classes)d 类。"),
                    code="password_too_simple",
                    params={"min_classes": policy.min_classes},
                )
            )
        if policy.history_count and password_reused(user, password, policy.history_count):
            errors.append(
                ValidationError(
                    ngettext(
                        "新密码不能与最近 %(count)d 次使用过的密码相同。",
                        "新密码不能与最近 %(count)d 次使用过的密码相同。",
                        policy.history_count,
                    ),
                    code="password_reused",
                    params={"count": policy.history_count},
                )
            )
        if errors:
            raise ValidationError(errors)

    def password_changed(self, password: str, user: Any = None) -> None:
        from .services.security import password_record

        if user is not None and getattr(user, "pk", None) is not None:
            password_record(user=user)

    def get_help_text(self) -> str:
        from .choices import PasswordProfile
        from .models import PasswordPolicy

        policies = {p.profile: p for p in PasswordPolicy.objects.all()}
        public = policies.get(PasswordProfile.ASVS) or PasswordPolicy(profile=PasswordProfile.ASVS)
        text = _("密码至少 %(min_length)d 个字符。") % {"min_length": public.min_length}
        staff = policies.get(PasswordProfile.DENGBAO)
        if staff is not None:
            text += _(
                "工作人员的密码至少 %(min_length)d 个字符，"
                "须包含大写字母、小写字母、数字、符号中的至少 %(min_classes)d 类。"
            ) % {
                "min_length": staff.min_length,
                "min_classes": staff.min_classes,
            }
        return text
