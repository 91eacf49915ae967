"""The SMS backends (zwfw.notify.sms): console, file (the phone simulator), http (a real local gateway), dotted path."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from allauth.account.adapter import get_adapter
from django.core.exceptions import ImproperlyConfigured

from zwfw.core.pii import pii_blind_index
from zwfw.notify.choices import SmsPurpose, SmsStatus
from zwfw.notify.models import SmsMessage
from zwfw.notify.services import sms_send
from zwfw.notify.sms import (
    ConsoleSmsBackend,
    FileSmsBackend,
    HttpSmsBackend,
    SmsBackendError,
    sms_backend,
    sms_backend_class,
)
from zwfw.notify.testing import sms_code_extract, sms_last_code, sms_outbox, sms_outbox_clear

MOBILE = "139" + "0000" + "1111"
OTHER = "137" + "0000" + "2222"


def test_console_prints_the_text_with_the_number_masked(capsys):
    ConsoleSmsBackend().send(to=MOBILE, text="【景泰】验证码 ABCD-EFGH", purpose="login_code", reference="sms-1")
    out = capsys.readouterr().out
    assert "139****1111" in out and "验证码 ABCD-EFGH" in out
    assert MOBILE not in out


def test_file_backend_is_a_phone_the_tests_can_read(settings, tmp_path):
    settings.ZWFW_SMS_FILE = tmp_path / "phone" / "outbox.jsonl"
    backend = FileSmsBackend()
    backend.send(
        to=MOBILE, text="【景泰政务服务网】验证码 BCDF-GHJK，5 分钟内有效。", purpose="login_code", reference="sms-1"
    )
    backend.send(
        to=OTHER, text="【景泰政务服务网】验证码 482913，5 分钟内有效。", purpose="verify_phone", reference="sms-2"
    )
    backend.send(to=MOBILE, text="【景泰政务服务网】您的申请已受理。", purpose="notice", reference="sms-3")
    lines = settings.ZWFW_SMS_FILE.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["reference"] for line in lines] == ["sms-1", "sms-2", "sms-3"]
    assert [m["purpose"] for m in sms_outbox(MOBILE)] == ["login_code", "notice"]
    assert sms_outbox("+86 139-0000-1111") == sms_outbox(MOBILE)
    # the notice after the code is skipped: the last *code* to the number
    assert sms_last_code(MOBILE) == "BCDF-GHJK"
    assert sms_last_code(OTHER) == "482913"
    with pytest.raises(AssertionError, match="no SMS with a code"):
        sms_last_code("13600003333")
    sms_outbox_clear()
    assert sms_outbox() == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("【景泰政务服务网】验证码 BCDF-GHJK，5 分钟内有效。请勿告诉他人。", "BCDF-GHJK"),
        ("【景泰政务服务网】验证码：123456，5 分钟内有效。", "123456"),
        ("您的验证码是 ABC-DEF-GHJ，请勿泄露", "ABC-DEF-GHJ"),
        ("Your code: 4829-1734", "4829-1734"),
        ("code 482913 valid 5 min", "482913"),
    ],
)
def test_code_extraction(text, code):
    assert sms_code_extract(text) == code


@pytest.mark.django_db
def test_the_identity_adapter_sends_an_allauth_code_that_the_helper_reads_back():
    adapter = get_adapter()
    code = adapter.generate_phone_verification_code(user=None, phone=MOBILE)
    adapter.send_verification_code_sms(user=None, phone=MOBILE, code=code, signup=True)
    assert sms_last_code(MOBILE) == code
    message = SmsMessage.objects.get()
    assert message.status == SmsStatus.SENT and message.backend == "file"
    assert code not in message.body_redacted and code.replace("-", "") not in message.body_redacted


# --- http: a real gateway on 127.0.0.1 ----------------------------------------------------------------


@dataclass
class Gateway:
    url: str
    requests: list[dict[str, Any]] = field(default_factory=list)
    status: int = 200
    delay: float = 0.0


@pytest.fixture
def gateway() -> Iterator[Gateway]:
    state = Gateway(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(length)
            state.requests.append(
                {
                    "path": self.path,
                    "authorization": self.headers.get("Authorization"),
                    "content_type": self.headers.get("Content-Type"),
                    "json": json.loads(body.decode("utf-8")),
                }
            )
            if state.delay:
                time.sleep(state.delay)
            payload = b'{"id": "gw-1"}'
            try:
                self.send_response(state.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (the timeout test)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's signature
            pass  # http.server logs to stderr; the request line carries nothing personal, but stay quiet

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}/sms/send"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_http_backend_posts_the_documented_json_with_the_bearer_token(gateway):
    backend = HttpSmsBackend(url=gateway.url, token="s3cret-token", timeout=5)
    backend.send(to=MOBILE, text="【景泰政务服务网】验证码 BCDF-GHJK", purpose="login_code", reference="sms-7")
    [request] = gateway.requests
    assert request["path"] == "/sms/send"
    assert request["authorization"] == "Bearer s3cret-token"
    assert request["content_type"].startswith("application/json")
    assert request["json"] == {
        "to": MOBILE,
        "text": "【景泰政务服务网】验证码 BCDF-GHJK",
        "purpose": "login_code",
        "reference": "sms-7",
    }


@pytest.mark.parametrize("status", [400, 401, 500, 503])
def test_http_backend_non_2xx_is_a_failure(gateway, status):
    gateway.status = status
    with pytest.raises(SmsBackendError, match=f"gateway answered HTTP {status}"):
        HttpSmsBackend(url=gateway.url, token="t").send(to=MOBILE, text="x", purpose="notice", reference="sms-1")


def test_http_backend_accepts_any_2xx(gateway):
    gateway.status = 202
    HttpSmsBackend(url=gateway.url, token="t").send(to=MOBILE, text="x", purpose="notice", reference="sms-1")
    assert len(gateway.requests) == 1


def test_http_backend_times_out(gateway):
    gateway.delay = 1.5
    started = time.monotonic()
    with pytest.raises(SmsBackendError, match="gateway timeout"):
        HttpSmsBackend(url=gateway.url, token="t", timeout=0.3).send(
            to=MOBILE, text="x", purpose="notice", reference="sms-1"
        )
    assert time.monotonic() - started < 1.4


def test_http_backend_unreachable_and_unconfigured():
    with socket.socket() as sock:  # a port nobody listens on: bound, never listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        with pytest.raises(SmsBackendError, match="gateway unreachable"):
            HttpSmsBackend(url=f"http://127.0.0.1:{port}/", token="t", timeout=2).send(
                to=MOBILE, text="x", purpose="notice", reference="sms-1"
            )
    with pytest.raises(SmsBackendError, match="not configured"):
        HttpSmsBackend(url="", token="t").send(to=MOBILE, text="x", purpose="notice", reference="sms-1")


def test_http_backend_reads_its_settings(settings, gateway):
    settings.ZWFW_SMS_BACKEND = "http"
    settings.ZWFW_SMS_GATEWAY_URL = gateway.url
    settings.ZWFW_SMS_GATEWAY_TOKEN = "from-settings"
    settings.ZWFW_SMS_GATEWAY_TIMEOUT = 3
    backend = sms_backend()
    assert isinstance(backend, HttpSmsBackend)
    assert (backend.url, backend.token, backend.timeout) == (gateway.url, "from-settings", 3.0)


@pytest.mark.django_db
def test_sms_send_through_the_gateway_records_sent_and_failed(settings, gateway, caplog):
    settings.ZWFW_SMS_BACKEND = "http"
    settings.ZWFW_SMS_GATEWAY_URL = gateway.url
    settings.ZWFW_SMS_GATEWAY_TOKEN = "t"
    caplog.set_level("DEBUG")
    sent = sms_send(to=MOBILE, purpose=SmsPurpose.LOGIN_CODE, text="验证码 BCDF-GHJK", code="BCDF-GHJK")
    assert sent.status == SmsStatus.SENT and sent.backend == "http" and sent.error == ""
    assert gateway.requests[0]["json"]["reference"] == f"sms-{sent.pk}"

    gateway.status = 502
    failed = sms_send(to=OTHER, purpose=SmsPurpose.LOGIN_CODE, text="验证码 CDFG-HJKL", code="CDFG-HJKL")
    failed.refresh_from_db()
    assert failed.status == SmsStatus.FAILED
    assert failed.error == "gateway answered HTTP 502"
    assert failed.to_index == pii_blind_index(OTHER, purpose="mobile")
    assert "137****2222" in caplog.text and "failed: gateway answered HTTP 502" in caplog.text
    assert MOBILE not in caplog.text and OTHER not in caplog.text
    assert "BCDF-GHJK" not in caplog.text and "CDFG-HJKL" not in caplog.text


class RecordingBackend:
    """A custom backend named by its dotted path."""

    name = "recording"
    sent: list[dict[str, str]] = []

    def send(self, *, to: str, text: str, purpose: str, reference: str) -> None:
        if "boom" in text:
            raise RuntimeError(f"provider refused {to}")
        RecordingBackend.sent.append({"to": to, "text": text, "purpose": purpose})


@pytest.mark.django_db
def test_a_dotted_path_names_a_custom_backend(settings):
    settings.ZWFW_SMS_BACKEND = "zwfw.notify.tests.test_sms_backends.RecordingBackend"
    RecordingBackend.sent.clear()
    message = sms_send(to=MOBILE, purpose=SmsPurpose.NOTICE, text="您的申请已受理")
    assert message.backend == "recording" and message.status == SmsStatus.SENT
    assert RecordingBackend.sent == [{"to": MOBILE, "text": "您的申请已受理", "purpose": "notice"}]
    # an exception that carries the number: recorded, masked
    failed = sms_send(to=MOBILE, purpose=SmsPurpose.NOTICE, text="boom")
    assert failed.status == SmsStatus.FAILED and failed.error == "provider refused 139****1111"


def test_unknown_backends_are_configuration_errors(settings):
    assert sms_backend_class("console") is ConsoleSmsBackend
    with pytest.raises(ImproperlyConfigured, match="console, file, http or a dotted path"):
        sms_backend_class("carrier-pigeon")
    with pytest.raises(ImproperlyConfigured, match="cannot be imported"):
        sms_backend_class("zwfw.notify.nowhere.Backend")


def test_system_checks(settings):
    from zwfw.notify.checks import sms_backend_check, sms_backend_deploy_check

    settings.ZWFW_SMS_BACKEND = "http"
    assert sms_backend_check() == [] and sms_backend_deploy_check() == []
    settings.ZWFW_SMS_BACKEND = "zwfw.notify.tests.test_sms_backends.RecordingBackend"
    assert sms_backend_check() == []
    settings.ZWFW_SMS_BACKEND = "nonsense"
    assert [e.id for e in sms_backend_check()] == ["zwfw.notify.E001"]
    settings.ZWFW_SMS_BACKEND = "console"
    assert [e.id for e in sms_backend_deploy_check()] == ["zwfw.notify.W001"]
