"""System checks for the SMS settings (``manage.py check``; ``--deploy`` adds the production ones)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.core.exceptions import ImproperlyConfigured

from .sms import sms_backend_class


@register("zwfw")
def sms_backend_check(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    """The configured backend exists. (An http backend without a URL is not an error here: every send
    then fails with "gateway URL not configured" in the outbox, and commands such as migrate still run.)"""
    try:
        sms_backend_class()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="zwfw.notify.E001")]
    return []


@register("zwfw", deploy=True)
def sms_backend_deploy_check(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    if settings.ZWFW_SMS_BACKEND in {"console", "file"}:
        return [
            Warning(
                f"ZWFW_SMS_BACKEND is {settings.ZWFW_SMS_BACKEND!r}: no SMS reaches a phone (set it to http).",
                id="zwfw.notify.W001",
            )
        ]
    return []
