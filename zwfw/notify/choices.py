from django.db import models
from django.utils.translation import gettext_lazy as _


class SmsPurpose(models.TextChoices):
    LOGIN_CODE = "login_code", _("登录验证码")
    VERIFY_PHONE = "verify_phone", _("手机号码验证码")
    # "This number already has an account": sent when someone signs up with a registered number.
    ACCOUNT_EXISTS = "account_exists", _("账号已存在提示")
    NOTICE = "notice", _("业务通知")


#: Messages that anyone can cause by typing a number into a form: limited per number and per address
#: (zwfw.notify.limits). The others are the platform's own notices, with a per-number cap only.
REQUESTED_PURPOSES = frozenset({SmsPurpose.LOGIN_CODE, SmsPurpose.VERIFY_PHONE, SmsPurpose.ACCOUNT_EXISTS})


class SmsStatus(models.TextChoices):
    SENDING = "sending", _("正在发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")
    REFUSED = "refused", _("超过频率限制，未发送")
