"""Pluggable SMS backends, chosen by ``settings.ZWFW_SMS_BACKEND``.

- ``"console"``: prints the message for a developer, the number masked (3+4).
- ``"file"``: appends one JSON line per message to ``ZWFW_SMS_FILE``: a phone simulator for tests and
  demos (``zwfw.notify.testing.sms_last_code`` reads it). The file holds full numbers and codes: it
  is a stand-in for the recipients' phones, never a log, and never used in production.
- ``"http"``: POSTs JSON to the gateway at ``ZWFW_SMS_GATEWAY_URL`` with ``Authorization: Bearer
  ZWFW_SMS_GATEWAY_TOKEN`` (see docs/howto/sms.md for the contract); any 2xx answer is success.
- any other value is the dotted path of a class with a ``name`` attribute and a ``send()`` method
  like the ones below.

A backend raises :class:`SmsBackendError` (or anything else) when the message did not go out;
``zwfw.notify.services.sms_send`` records the failure. Backends never log the number in clear or the
text (which may hold a code).
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any, Protocol

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from zwfw.core import clock
from zwfw.core.pii import mask_mobile

logger = logging.getLogger(__name__)

#: Seconds to wait for the gateway (connect and read) unless ZWFW_SMS_GATEWAY_TIMEOUT says otherwise.
DEFAULT_GATEWAY_TIMEOUT = 5.0


class SmsBackendError(Exception):
    """The message was not accepted. ``str()`` is a short reason that never contains the number."""


class SmsBackend(Protocol):
    name: str

    def send(self, *, to: str, text: str, purpose: str, reference: str) -> None: ...


class ConsoleSmsBackend:
    """Prints the message for a developer (the number masked)."""

    name = "console"

    def send(self, *, to: str, text: str, purpose: str, reference: str) -> None:
        sys.stdout.write(f"[SMS → {mask_mobile(to)}] {text}\n")
        sys.stdout.flush()


class FileSmsBackend:
    """Appends one JSON line per message to ``ZWFW_SMS_FILE``: a phone simulator for tests and demos."""

    name = "file"

    def send(self, *, to: str, text: str, purpose: str, reference: str) -> None:
        path = settings.ZWFW_SMS_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(
            {"to": to, "text": text, "purpose": purpose, "reference": reference, "at": clock.now().isoformat()},
            ensure_ascii=False,
        )
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")


class HttpSmsBackend:
    """The operator's SMS gateway: one JSON POST per message (contract in docs/howto/sms.md).

    No retries: a retried code message could arrive twice, and the person can ask again. The
    gateway's answer body is not read or kept (it may echo the number).
    """

    name = "http"

    def __init__(self, *, url: str | None = None, token: str | None = None, timeout: float | None = None) -> None:
        self.url = url if url is not None else settings.ZWFW_SMS_GATEWAY_URL
        self.token = token if token is not None else settings.ZWFW_SMS_GATEWAY_TOKEN
        self.timeout = (
            timeout
            if timeout is not None
            else float(getattr(settings, "ZWFW_SMS_GATEWAY_TIMEOUT", DEFAULT_GATEWAY_TIMEOUT))
        )

    def send(self, *, to: str, text: str, purpose: str, reference: str) -> None:
        if not self.url:
            raise SmsBackendError("gateway URL not configured")
        headers = {"Content-Type": "application/json; charset=utf-8", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        body = json.dumps({"to": to, "text": text, "purpose": purpose, "reference": reference}, ensure_ascii=False)
        try:
            response = requests.post(self.url, data=body.encode("utf-8"), headers=headers, timeout=self.timeout)
        except requests.Timeout as exc:
            raise SmsBackendError("gateway timeout") from exc
        except requests.ConnectionError as exc:
            raise SmsBackendError("gateway unreachable") from exc
        except requests.RequestException as exc:
            raise SmsBackendError(f"gateway request error ({type(exc).__name__})") from exc
        try:
            if not 200 <= response.status_code < 300:
                raise SmsBackendError(f"gateway answered HTTP {response.status_code}")
        finally:
            response.close()


_BUILT_IN: dict[str, type] = {"console": ConsoleSmsBackend, "file": FileSmsBackend, "http": HttpSmsBackend}


def sms_backend_class(name: str | None = None) -> type:
    """The backend class for ``name`` (default: ``settings.ZWFW_SMS_BACKEND``)."""
    name = name or settings.ZWFW_SMS_BACKEND
    if name in _BUILT_IN:
        return _BUILT_IN[name]
    if "." not in name:
        raise ImproperlyConfigured(
            f"ZWFW_SMS_BACKEND must be console, file, http or a dotted path to a class, not {name!r}."
        )
    try:
        return import_string(name)
    except ImportError as exc:
        raise ImproperlyConfigured(f"ZWFW_SMS_BACKEND {name!r} cannot be imported: {exc}") from exc


def sms_backend(name: str | None = None) -> Any:
    """A ready backend instance for ``name`` (default: the configured one)."""
    return sms_backend_class(name)()


def backend_label(backend: Any) -> str:
    """What the outbox row records as the channel (at most 32 characters)."""
    return str(getattr(backend, "name", "") or type(backend).__name__)[:32]
