"""Reading the phone simulator (the ``file`` SMS backend) in tests, and the fixtures that set it up.

Registered as a pytest plugin in the root conftest.py. For the whole test run, SMS go to the ``file``
backend, into one JSON-lines file per test process, emptied before every test; so a test does::

    from zwfw.notify.testing import sms_last_code, sms_outbox

    code = sms_last_code("13800000001")   # the code in the last message to that number
    assert sms_outbox() == []             # nothing was sent in this test

A test that wants another backend overrides ``ZWFW_SMS_BACKEND`` with pytest-django's ``settings``
fixture. :func:`sms_limits_off` switches the rate limits off for a test that sends several codes to
one number on purpose (the limits themselves are tested in ``zwfw/notify/tests``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

# The code follows the word 验证码 in our texts (zwfw.identity.adapter). allauth's default code is 8
# letters with a dash ("BCDF-GHJK"); a numeric format ("123456") works the same.
_CODE_AFTER_WORD = re.compile(r"验证码[\s:：是为]*([0-9A-Za-z]+(?:-[0-9A-Za-z]+)*)")
_BARE_CODE = re.compile(r"(?<![0-9A-Za-z-])([0-9A-Z]{3,8}-[0-9A-Z]{3,8}(?:-[0-9A-Z]{3,8})?|\d{4,8})(?![0-9A-Za-z-])")


_CODE_PURPOSES = ("login_code", "verify_phone")


def _number(value: str) -> str:
    digits = re.sub(r"[\s\-()]", "", value or "")
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix) :]
    return digits


def sms_outbox(to: str | None = None, *, path: Path | None = None) -> list[dict[str, Any]]:
    """The messages the ``file`` backend wrote (oldest first), optionally only those to ``to``.

    Each is a dict with ``to``, ``text``, ``purpose``, ``reference`` and ``at``.
    """
    path = Path(path or settings.ZWFW_SMS_FILE)
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as fh:
        messages = [json.loads(line) for line in fh if line.strip()]
    if to is not None:
        number = _number(to)
        messages = [m for m in messages if _number(m["to"]) == number]
    return messages


def sms_code_extract(text: str) -> str:
    """The one-time code in an SMS text: the run after 验证码, else a dashed or 4–8 digit code."""
    match = _CODE_AFTER_WORD.search(text) or _BARE_CODE.search(text)
    if not match:
        raise AssertionError(f"no verification code in the SMS text {text!r}")
    return match.group(1)


def sms_last_code(mobile: str, *, path: Path | None = None) -> str:
    """The code in the most recent message to ``mobile``; AssertionError when there is none."""
    messages = [m for m in sms_outbox(mobile, path=path) if m.get("purpose", _CODE_PURPOSES[0]) in _CODE_PURPOSES]
    if not messages:
        others = len(sms_outbox(path=path))
        raise AssertionError(f"no SMS with a code was sent to that number ({others} message(s) to other numbers)")
    return sms_code_extract(messages[-1]["text"])


def sms_outbox_clear(*, path: Path | None = None) -> None:
    """Empty the simulator's file."""
    path = Path(path or settings.ZWFW_SMS_FILE)
    if path.exists():
        path.write_text("", encoding="utf-8")


# --- pytest fixtures (this module is a plugin) ------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def _sms_file_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The whole run sends SMS to a file of this process's own (a phone simulator, not a log)."""
    before = (settings.ZWFW_SMS_BACKEND, settings.ZWFW_SMS_FILE)
    path = tmp_path_factory.mktemp("sms") / "outbox.jsonl"
    settings.ZWFW_SMS_BACKEND, settings.ZWFW_SMS_FILE = "file", path
    yield path
    settings.ZWFW_SMS_BACKEND, settings.ZWFW_SMS_FILE = before


@pytest.fixture(autouse=True)
def _sms_outbox_empty(_sms_file_backend: Path) -> None:
    """Every test starts with an empty simulator (a code from an earlier test is never read back)."""
    if _sms_file_backend.exists() and _sms_file_backend.stat().st_size:
        _sms_file_backend.write_text("", encoding="utf-8")


@pytest.fixture
def sms_limits_off(settings: Any) -> None:
    """No SMS rate limits in this test."""
    settings.ZWFW_SMS_LIMITS = {"number": (), "address": (), "notice": ()}
