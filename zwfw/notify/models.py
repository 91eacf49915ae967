"""Every SMS the platform sends (or refused to send), without the number or the code in clear.

A row is written *before* the backend is called (status SENDING, under a lock, so the rate limits
count it), then marked SENT or FAILED; a send over a limit leaves a REFUSED row. The row keeps the
blind index and the masked form of the number, the sender's address and a body with any verification
code replaced by asterisks: enough for rate limits, costs and complaints ("I never got the code"),
nothing that would let a reader log in as the recipient.
"""

from __future__ import annotations

from django.conf import settings
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


class Message(models.Model):
    """An in-site message (站内消息) to one account: what happened, with a link to where to look.

    Written by :func:`zwfw.notify.services.message_send`; the recipient reads them in the user centre
    (消息) and marks them read. The text never holds a full ID or mobile number (callers pass masked values).
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("收件人"), on_delete=models.CASCADE, related_name="messages"
    )
    created_at = models.DateTimeField(_("时间"), default=clock.now)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    #: A site-relative link (``/account/cases/…``), never an absolute or external address.
    link = models.CharField(_("链接"), max_length=300, blank=True)
    #: What the message is about, for grouping (``case:<number>``).
    topic = models.CharField(_("主题"), max_length=80, blank=True, db_index=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("站内消息")
        verbose_name_plural = _("站内消息")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"], name="notify_msg_recipient_idx")]

    def __str__(self) -> str:
        return self.title
