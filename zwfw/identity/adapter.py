"""allauth adapters: where allauth's account flows meet our user model and SMS backend.

The mobile number is stored encrypted with a blind index (``services.phone``); allauth asks
for it through ``get_phone``/``set_phone``/``get_user_by_phone``, and hands verification and login
codes to ``send_verification_code_sms``, which sends them through ``zwfw.notify`` (rate-limited per
number and per address, never logged in clear).
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _

from zwfw.core.pii import pii_decrypt, pii_encrypt
from zwfw.notify.choices import SmsPurpose
from zwfw.notify.services import sms_send

from .choices import UserKind
from .fields import MobileField, mobile_normalise
from .models import User
from .services.phone import user_by_mobile, user_mobile_confirm, user_mobile_set


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Persons register themselves; staff accounts are created only by the 安全管理员.
        return True

    # --- phone numbers -------------------------------------------------------------------
    def phone_form_field(self, **kwargs: Any) -> Any:
        return MobileField(**kwargs)

    def clean_phone(self, phone: str) -> str:
        return mobile_normalise(phone)

    def get_phone(self, user: Any) -> tuple[str, bool] | None:
        return (user.mobile, user.mobile_verified) if user.mobile else None

    def set_phone(self, user: Any, phone: str, verified: bool) -> None:
        user_mobile_set(user=user, mobile=phone, verified=verified)

    def set_phone_verified(self, user: Any, phone: str) -> None:
        user_mobile_confirm(user=user)

    def get_user_by_phone(self, phone: str) -> Any:
        return user_by_mobile(phone)

    def send_verification_code_sms(self, user: Any, phone: str, code: str, **kwargs: Any) -> None:
        # Staff sign in with a password and TOTP, never with an SMS code alone.
        if getattr(user, "kind", None) == UserKind.STAFF and not kwargs.get("signup"):
            return
        purpose = SmsPurpose.VERIFY_PHONE if kwargs.get("signup") or user is None else SmsPurpose.LOGIN_CODE
        text = _("【%(sign)s】验证码 %(code)s，%(minutes)d 分钟内有效。请勿告诉他人。") % {
            "sign": settings.ZWFW_SMS_SIGN,
            "code": code,
            "minutes": settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT // 60,
        }
        sms_send(to=phone, purpose=purpose, text=text, code=code)

    def send_unknown_account_sms(self, phone: str, **kwargs: Any) -> None:
        # Enumeration prevention: no message, the page looks the same either way.
        return


class MfaAdapter(DefaultMFAAdapter):
    # The TOTP seed is a secret: stored encrypted (AES-256-GCM with the personal-data key), bound to its use.
    def encrypt(self, text: str) -> str:
        return pii_encrypt(text, aad="mfa.authenticator")

    def decrypt(self, encrypted_text: str) -> str:
        return pii_decrypt(encrypted_text, aad="mfa.authenticator")

    def get_totp_label(self, user: Any) -> str:
        return user.get_username()

    def get_totp_issuer(self) -> str:
        return settings.ZWFW_SITE_NAME


__all__ = ["AccountAdapter", "MfaAdapter", "User"]
