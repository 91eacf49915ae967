"""allauth adapters: where allauth's account flows meet our user model and SMS backend.

The mobile number is stored encrypted with a blind index (``services.phone``); allauth asks
for it through ``get_phone``/``set_phone``/``get_user_by_phone``, and hands verification and login
codes to ``send_verification_code_sms``, which sends them through ``zwfw.notify`` (rate-limited per
number and per address, never logged in clear).
"""

from __future__ import annotations

import logging
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.stages import PhoneVerificationStage as AllauthPhoneVerificationStage
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from zwfw.core.pii import mask_mobile, pii_decrypt, pii_encrypt
from zwfw.notify.choices import SmsPurpose
from zwfw.notify.services import SmsRateLimited, sms_send

from .choices import UserKind
from .fields import MobileField, mobile_normalise
from .models import User
from .services.phone import user_by_mobile, user_mobile_confirm, user_mobile_set

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    # allauth's messages that our pages show, worded in Chinese (its zh_Hans catalogue covers the
    # rest); a wrong password and an unknown login read the same (no enumeration).
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _l("该账号已停用。如有疑问，请联系政务服务中心。"),
        "phone_password_mismatch": _l("手机号码或密码不正确，请检查后重新输入（密码区分大小写）。"),
        "username_password_mismatch": _l("用户名或密码不正确，请检查后重新输入（密码区分大小写）。"),
        "invalid_login": _l("账号或密码不正确。"),
        "incorrect_code": _l("验证码不正确，请核对短信后重新输入。"),
        "incorrect_password": _l("密码不正确。"),
        "enter_current_password": _l("请输入当前密码。"),
        "too_many_login_attempts": _l("尝试次数过多，请稍后再试。"),
        "rate_limited": _l("操作过于频繁，请稍后再试。"),
        "phone_taken": _l("该手机号码已注册账号，请直接登录。"),
        "unknown_phone": _l("该手机号码未注册。"),
        "same_as_current": _l("新值不能与当前值相同。"),
    }

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: dict[str, Any] | None = None,
        extra_tags: str = "",
        message: str | None = None,
    ) -> None:
        # allauth puts the number a code was sent to into its messages: show only the masked form.
        if message_context:
            message_context = {
                key: mask_mobile(value) if key in {"phone", "recipient"} and isinstance(value, str) else value
                for key, value in message_context.items()
            }
        super().add_message(
            request,
            level,
            message_template=message_template,
            message_context=message_context,
            extra_tags=extra_tags,
            message=message,
        )

    def get_login_stages(self) -> list[str]:
        # allauth's phone verification stage refuses any login of an account without a number when the
        # number is a required signup field; staff and window-made accounts have none (see the stage).
        return [
            "zwfw.identity.adapter.PhoneVerificationStage" if path.endswith(".PhoneVerificationStage") else path
            for path in super().get_login_stages()
        ]

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
        user_mobile_confirm(user=user, mobile=phone)

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
        try:
            sms_send(to=phone, purpose=purpose, text=text, code=code)
        except SmsRateLimited:
            # allauth's own per-number limits (ACCOUNT_RATE_LIMITS) refuse first, uniformly for every
            # number; reaching this means another path sent to the number meanwhile. The refusal is
            # recorded by notify; the page stays the same (no hint whether an account exists).
            logger.info("SMS code not sent: the number's limit was reached")

    def send_account_already_exists_sms(self, phone: str) -> None:
        # Signing up with a number that has an account: no account is created and the page looks the
        # same; the holder of the number is told here (helper D, issue 4).
        text = _("【%(sign)s】该手机号码已注册账号，请直接登录；忘记密码可用短信验证码登录。如非本人操作，请忽略。") % {
            "sign": settings.ZWFW_SMS_SIGN
        }
        try:
            sms_send(to=phone, purpose=SmsPurpose.ACCOUNT_EXISTS, text=text)
        except SmsRateLimited:
            logger.info("Account-exists SMS not sent: the number's limit was reached")

    def send_unknown_account_sms(self, phone: str, **kwargs: Any) -> None:
        # Enumeration prevention: no message, the page looks the same either way.
        return


class PhoneVerificationStage(AllauthPhoneVerificationStage):
    """allauth's stage, except that an account without a mobile number (staff, accounts made at a
    window) logs in without one; a person with an unconfirmed number is still asked to confirm it."""

    def handle(self) -> tuple[Any, bool]:
        user = self.login.user
        if user is not None and not getattr(user, "mobile", ""):
            return None, True
        return super().handle()


class MfaAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _l("动态口令不正确，请输入验证器应用中当前显示的 6 位数字。"),
        "cannot_delete_authenticator": _l("工作人员必须使用动态口令，不能停用。手机丢失时请联系安全管理员重置。"),
    }

    # The TOTP seed is a secret: stored encrypted (AES-256-GCM with the personal-data key), bound to its use.
    def encrypt(self, text: str) -> str:
        return pii_encrypt(text, aad="mfa.authenticator")

    def decrypt(self, encrypted_text: str) -> str:
        return pii_decrypt(encrypted_text, aad="mfa.authenticator")

    def get_totp_label(self, user: Any) -> str:
        return user.get_username()

    def get_totp_issuer(self) -> str:
        return settings.ZWFW_SITE_NAME

    def can_delete_authenticator(self, authenticator: Any) -> bool:
        # 等保 level 3: staff keep their second factor (the 安全管理员 resets a lost one).
        from .services.security import is_staff_account

        return not is_staff_account(authenticator.user)


__all__ = ["AccountAdapter", "MfaAdapter", "User"]
