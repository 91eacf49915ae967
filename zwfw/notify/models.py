"""Every SMS the platform sends (or refused to send), without the number or the code in clear.

A row is written *before* the backend is called (status SENDING, under a lock, so the rate limits
count it), then marked SENT or FAILED; a send over a limit leaves a REFUSED row. The row keeps the
blind index and the masked form of the number, the sender's address and a body with any verification
code replaced by asterisks: enough for rate limits, costs and complaints ("I never got the code"),
nothing that would let a reader log in as the recipient.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zwfw.core import clock

from .choices import SmsPurpose, SmsStatus


class SmsMessage(models.Model):
    # A default rather than auto_now_add: the rate limits count rows by this time, and tests place rows in the past.
    created_at = models.DateTimeField(_("时间"), default=clock.now, db_index=True)
    to_index = models.CharField(max_length=64, db_index=True, editable=False)
    to_masked = models.CharField(_("手机号码"), max_length=11)
    purpose = models.CharField(_("用途"), max_length=16, choices=SmsPurpose.choices)
    body_redacted = models.TextField(_("内容（验证码已隐去）"))
    status = models.CharField(_("状态"), max_length=16, choices=SmsStatus.choices)
    backend = models.CharField(_("通道"), max_length=32)
    source_address = models.GenericIPAddressField(_("来源地址"), null=True, blank=True)
    error = models.CharField(_("失败原因"), max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("短信")
        verbose_name_plural = _("短信")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["source_address", "created_at"]),
            models.Index(fields=["to_index", "created_at"], name="notify_sms_to_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.to_masked} {self.get_purpose_display()}"
