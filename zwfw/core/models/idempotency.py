"""Replayable answers to API calls made with an ``Idempotency-Key`` (draft-ietf-httpapi-idempotency-key-header).

A mobile app on a bad line retries: the same key with the same request must give the same answer and create
nothing new; the same key with a different request is refused. :func:`zwfw.core.services.idempotency.idempotent`
records here, in the transaction of the call itself, who asked (``owner``: ``user:<pk>`` or
``client:<client_id>``), for what (``scope``), the key, a fingerprint of the request and the answer given.
Submission has its own record on the application (``Application.submit_key``); this table serves the other
creating calls (a draft, …). Rows older than :data:`~zwfw.core.services.idempotency.KEEP_DAYS` may be deleted.
"""

from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import clock


class IdempotencyRecord(models.Model):
    owner = models.CharField(_("调用方"), max_length=120)
    scope = models.CharField(_("接口"), max_length=60)
    key = models.CharField(_("幂等键"), max_length=80)
    fingerprint = models.CharField(_("请求指纹"), max_length=64)
    status = models.PositiveSmallIntegerField(_("应答状态"))
    response = models.JSONField(_("应答"), default=dict, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(_("时间"), default=clock.now, db_index=True)

    class Meta:
        verbose_name = _("幂等记录")
        verbose_name_plural = _("幂等记录")
        constraints = [
            models.UniqueConstraint(fields=["owner", "scope", "key"], name="core_idempotency_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"
