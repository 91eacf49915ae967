"""sms_send and its rate limits (zwfw.notify.services, zwfw.notify.limits): rows, redaction, refusals, locking."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from zwfw.core import clock
from zwfw.core.choices import Outcome
from zwfw.core.middleware import _source_address
from zwfw.core.models import AuditEvent
from zwfw.core.pii import pii_blind_index
from zwfw.notify import limits as limits_module
from zwfw.notify.choices import SmsPurpose, SmsStatus
from zwfw.notify.limits import DEFAULT_LIMITS, SmsRateLimited, sms_limits
from zwfw.notify.models import SmsMessage
from zwfw.notify.selectors import sms_wait_seconds
from zwfw.notify.services import sms_body_redact, sms_notice_send, sms_send
from zwfw.notify.testing import sms_last_code, sms_outbox

MOBILE = "139" + "0000" + "1111"
OTHER = "137" + "0000" + "2222"
CODE_TEXT = "【景泰政务服务网】验证码 %s，5 分钟内有效。请勿告诉他人。"


@contextmanager
def from_address(address: str | None) -> Iterator[None]:
    """As if inside a request from ``address`` (what RequestContextMiddleware sets)."""
    token = _source_address.set(address)
    try:
        yield
    finally:
        _source_address.reset(token)


def send_code(to: str = MOBILE, code: str = "BCDF-GHJK", purpose: str = SmsPurpose.LOGIN_CODE) -> SmsMessage:
    return sms_send(to=to, purpose=purpose, text=CODE_TEXT % code, code=code)


def age(message: SmsMessage, seconds: float) -> None:
    """Move a row into the past."""
    SmsMessage.objects.filter(pk=message.pk).update(created_at=clock.now() - dt.timedelta(seconds=seconds))


def past_rows(count: int, *, seconds_ago: float, step: float, **fields) -> None:
    base = {
        "to_index": pii_blind_index(MOBILE, purpose="mobile"),
        "to_masked": "139****1111",
        "purpose": SmsPurpose.LOGIN_CODE,
        "body_redacted": "x",
        "status": SmsStatus.SENT,
        "backend": "file",
    }
    base.update(fields)
    now = clock.now()
    SmsMessage.objects.bulk_create(
        [SmsMessage(created_at=now - dt.timedelta(seconds=seconds_ago - i * step), **base) for i in range(count)]
    )


pytestmark = pytest.mark.django_db


def test_a_sent_code_keeps_neither_the_number_nor_the_code():
    with from_address("10.1.2.3"):
        message = send_code(to="+86 139 0000 1111")
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT and message.backend == "file"
    assert message.to_index == pii_blind_index(MOBILE, purpose="mobile")
    assert message.to_masked == "139****1111"
    assert message.source_address == "10.1.2.3"
    assert message.body_redacted == "【景泰政务服务网】验证码 *********，5 分钟内有效。请勿告诉他人。"
    stored = " ".join(str(getattr(message, f.attname)) for f in SmsMessage._meta.fields)
    assert MOBILE not in stored and "BCDF" not in stored
    assert sms_last_code(MOBILE) == "BCDF-GHJK"  # the phone got it


def test_body_redaction():
    assert sms_body_redact("验证码 BCDF-GHJK 或 BCDFGHJK", "BCDF-GHJK") == "验证码 ********* 或 ********"
    assert sms_body_redact(f"请联系 {OTHER}", None) == "请联系 137****2222"
    assert sms_body_redact("验证码 482913", "482913") == "验证码 ******"


def test_invalid_numbers_and_purposes_are_refused():
    with pytest.raises(ValidationError, match="请输入正确的11位手机号码"):
        send_code(to="12345")
    with pytest.raises(ValueError, match="unknown SMS purpose"):
        sms_send(to=MOBILE, purpose="spam", text="x")
    assert not SmsMessage.objects.exists() and sms_outbox() == []


def test_one_code_per_number_per_minute():
    first = send_code()
    with pytest.raises(SmsRateLimited) as refused:
        send_code(code="CDFG-HJKL")
    assert refused.value.scope == "number"
    assert 55 <= refused.value.retry_after <= 60
    assert refused.value.messages == [f"短信发送过于频繁，请 {refused.value.retry_after} 秒后再试。"]
    # recorded, audited, not sent
    row = SmsMessage.objects.exclude(pk=first.pk).get()
    assert row.status == SmsStatus.REFUSED and row.error == "limit: number" and "CDFG" not in row.body_redacted
    event = AuditEvent.objects.get(action="sms.send")
    assert event.outcome == Outcome.DENIED and event.detail["to"] == "139****1111"
    assert event.detail["scope"] == "number" and MOBILE not in str(event.detail)
    assert [m["text"] for m in sms_outbox()] == [CODE_TEXT % "BCDF-GHJK"]
    # another number is not affected; a verification code counts like a login code
    send_code(to=OTHER)
    with pytest.raises(SmsRateLimited):
        send_code(purpose=SmsPurpose.VERIFY_PHONE)
    # a minute later it passes again; the refused row did not count
    age(first, 61)
    assert send_code(code="DFGH-JKLM").status == SmsStatus.SENT
    assert sms_last_code(MOBILE) == "DFGH-JKLM"


def test_five_per_hour_and_ten_per_day_per_number():
    past_rows(5, seconds_ago=3000, step=300)  # 5 in the last hour, the newest 1800 s ago
    with pytest.raises(SmsRateLimited) as hourly:
        send_code()
    # the oldest of the five leaves the hour in 600 s
    assert hourly.value.messages == ["短信发送过于频繁，请 10 分钟后再试。"]
    SmsMessage.objects.all().delete()
    past_rows(10, seconds_ago=76000, step=3700)  # 10 in the last day, at most 3 in any hour
    with pytest.raises(SmsRateLimited) as daily:
        send_code()
    assert daily.value.scope == "number" and daily.value.messages == ["短信发送过于频繁，请 3 小时后再试。"]


def test_failed_sends_count_refused_ones_do_not():
    past_rows(1, seconds_ago=30, step=0, status=SmsStatus.FAILED)
    with pytest.raises(SmsRateLimited):
        send_code()
    SmsMessage.objects.all().delete()
    past_rows(20, seconds_ago=30, step=0, status=SmsStatus.REFUSED)
    assert send_code().status == SmsStatus.SENT


def test_thirty_codes_per_hour_per_address():
    past_rows(30, seconds_ago=3000, step=60, to_index="x" * 64, source_address="10.9.9.9")
    with from_address("10.9.9.9"), pytest.raises(SmsRateLimited) as refused:
        send_code()
    assert refused.value.scope == "address"
    with from_address("10.9.9.8"):
        assert send_code().status == SmsStatus.SENT
    # outside a request (no address) only the per-number limits apply
    with from_address(None):
        assert send_code(to=OTHER).status == SmsStatus.SENT


def test_notices_have_their_own_cap_and_do_not_block_codes():
    with from_address("10.9.9.9"):
        send_code()
        # a notice right after a code: fine, and neither blocks the other
        assert sms_notice_send(to=MOBILE, text="您的申请已受理。").status == SmsStatus.SENT
        assert sms_notice_send(to=MOBILE, text="您的证照已可领取。").status == SmsStatus.SENT
    SmsMessage.objects.filter(purpose=SmsPurpose.LOGIN_CODE).update(created_at=clock.now() - dt.timedelta(minutes=2))
    with from_address("10.9.9.9"):
        assert send_code(code="CDFG-HJKL").status == SmsStatus.SENT
    # the per-address limit ignores notices: a clerk's PC sends many
    past_rows(40, seconds_ago=3000, step=60, to_index="y" * 64, purpose=SmsPurpose.NOTICE, source_address="10.0.0.5")
    with from_address("10.0.0.5"):
        assert send_code(to=OTHER).status == SmsStatus.SENT
    # 20 notices a day to one number
    past_rows(18, seconds_ago=7200, step=10, purpose=SmsPurpose.NOTICE)
    with pytest.raises(SmsRateLimited) as refused:
        sms_notice_send(to=MOBILE, text="第 21 条")
    assert refused.value.scope == "notice"


def test_account_exists_messages_are_limited_like_codes():
    send_code()
    with pytest.raises(SmsRateLimited):
        sms_send(to=MOBILE, purpose=SmsPurpose.ACCOUNT_EXISTS, text="该手机号码已注册账号")


def test_limits_come_from_settings(settings):
    assert sms_limits() == DEFAULT_LIMITS
    settings.ZWFW_SMS_LIMITS = {"number": [(2, 60)]}
    assert sms_limits()["number"] == ((2, 60),) and sms_limits()["address"] == DEFAULT_LIMITS["address"]
    send_code()
    send_code()
    with pytest.raises(SmsRateLimited):
        send_code()
    settings.ZWFW_SMS_LIMITS = {"number": ()}
    assert send_code().status == SmsStatus.SENT


def test_sms_limits_off_fixture(sms_limits_off):
    for _ in range(12):
        send_code()
    assert SmsMessage.objects.filter(status=SmsStatus.SENT).count() == 12


def test_wait_seconds_selector():
    assert sms_wait_seconds(to=MOBILE) == 0
    send_code()
    assert 55 <= sms_wait_seconds(to=MOBILE) <= 60
    assert sms_wait_seconds(to=MOBILE, purpose=SmsPurpose.NOTICE) == 0
    assert SmsMessage.objects.count() == 1  # reading wrote nothing


def test_the_log_names_the_masked_number_only(caplog):
    caplog.set_level("DEBUG", logger="zwfw.notify")
    send_code()
    with pytest.raises(SmsRateLimited):
        send_code()
    assert "SMS login_code to 139****1111 sent via file" in caplog.text
    assert "SMS login_code to 139****1111 refused: number limit" in caplog.text
    assert MOBILE not in caplog.text and "BCDF" not in caplog.text


# --- two requests at once ------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_simultaneous_sends_to_one_number_let_only_one_through(monkeypatch):
    if connection.vendor == "sqlite":
        pytest.skip(
            "the test database is SQLite's shared in-memory one, which answers 'table is locked' to a second "
            "writer instead of waiting; a file database takes the write lock at BEGIN IMMEDIATE"
        )
    counted = limits_module._counted_times

    def slow_count(**kwargs):
        times = counted(**kwargs)
        time.sleep(0.3)  # widen the gap between reading the count and inserting the row
        return times

    monkeypatch.setattr(limits_module, "_counted_times", slow_count)
    threads_n = 4
    barrier = threading.Barrier(threads_n)
    outcomes: list[str] = []

    def worker(i: int) -> None:
        try:
            barrier.wait()
            send_code(code=f"CODE{i}-ABCD")
            outcomes.append("sent")
        except SmsRateLimited:
            outcomes.append("refused")
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            outcomes.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(threads_n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcomes) == ["refused"] * (threads_n - 1) + ["sent"]
    assert SmsMessage.objects.filter(status=SmsStatus.SENT).count() == 1
    assert SmsMessage.objects.filter(status=SmsStatus.REFUSED).count() == threads_n - 1
    assert len(sms_outbox(MOBILE)) == 1
