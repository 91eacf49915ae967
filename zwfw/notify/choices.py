from django.db import models
from django.utils.translation import gettext_lazy as _


class SmsPurpose(models.TextChoices):
    LOGIN_CODE = "login_code", _("登录验证码")
    VERIFY_PHONE = "verify_phone", _("手机号码验证码")
    NOTICE = "notice", _("业务通知")


class SmsStatus(models.TextChoices):
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")
    REFUSED = "refused", _("超过频率限制，未发送")
