"""Pluggable SMS backends: console (local use), file (tests read codes there), http (the gateway)."""

from __future__ import annotations

import json
import sys
from typing import Protocol

from django.conf import settings
from django.utils import timezone

from zwfw.core.pii import mask_mobile


class SmsBackend(Protocol):
    name: str

    def send(self, *, to: str, text: str) -> None: ...


class ConsoleSmsBackend:
    """Prints the message for a developer (the number masked)."""

    name = "console"

    def send(self, *, to: str, text: str) -> None:
        sys.stdout.write(f"[SMS → {mask_mobile(to)}] {text}\n")
        sys.stdout.flush()


class FileSmsBackend:
    """Appends one JSON line per message to ``ZWFW_SMS_FILE``: a phone simulator for tests and demos."""

    name = "file"

    def send(self, *, to: str, text: str) -> None:
        path = settings.ZWFW_SMS_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps({"to": to, "text": text, "at": timezone.now().isoformat()}, ensure_ascii=False)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")


def sms_backend() -> SmsBackend:
    name = settings.ZWFW_SMS_BACKEND
    if name == "file":
        return FileSmsBackend()
    return ConsoleSmsBackend()
