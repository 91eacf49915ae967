"""Personal data in log lines: the masking filter (zwfw.core.logging) and the test run's log scan
(zwfw.testing.logscan)."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings

from zwfw.core.logging import (
    PiiRedactingFilter,
    id_number_checksum_ok,
    id_number_plausible,
    pii_find,
    pii_redact,
)
from zwfw.testing.logscan import orphan_logs, scan_file, scan_line

ROOT = Path(__file__).resolve().parents[3]
# Built from parts so that no full value sits in a string a traceback might print whole.
MOBILE = "138" + "1234" + "5678"
ID = "620423" + "19880101" + "1235"  # valid GB 11643 check character
ID_X = "11010519491231002X"  # the standard's own example, check character X
BAD_ID = ID[:-1] + "4"  # wrong check character


def test_check_character_and_birth_date():
    assert id_number_checksum_ok(ID) and id_number_checksum_ok(ID_X) and id_number_checksum_ok(ID_X.lower())
    assert not id_number_checksum_ok(BAD_ID)
    assert id_number_plausible(ID)
    # A valid check character but 13th month: not an ID number (a timestamp-like run, say).
    fake = "620423" + "19881301" + "123"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    fake += "10X98765432"[sum(int(d) * w for d, w in zip(fake, weights, strict=True)) % 11]
    assert id_number_checksum_ok(fake) and not id_number_plausible(fake)


def test_loose_find_masks_every_shape():
    text = f"登录 {MOBILE}，身份证{ID}，错的{BAD_ID}，x {ID_X}."
    kinds = [(m.kind, m.value) for m in pii_find(text)]
    assert kinds == [("mobile", MOBILE), ("id_number", ID), ("id_number", BAD_ID), ("id_number", ID_X)]
    redacted = pii_redact(text)
    assert redacted == "登录 138****5678，身份证620423********1235，错的620423********1234，x 110105********002X."
    # part of a longer digit run: an order number or a timestamp, left alone
    assert pii_find("order 9" + MOBILE + "0") == []
    assert pii_find("20261127084341123456789") == []
    # masked values are not found again
    assert pii_find(redacted) == []


def test_strict_find_ignores_hashes_ciphertexts_and_numbers():
    hex_hash = "ab" + MOBILE + "cd" + ID + "ef"
    assert pii_find(hex_hash) != []  # the loose filter masks it (harmless)
    assert pii_find(hex_hash, strict=True) == []
    assert pii_find(f"took 0.{MOBILE} s", strict=True) == []
    assert pii_find(f"v1:{ID}x", strict=True) == []
    assert pii_find(BAD_ID, strict=True) == []
    # standing alone, in Chinese, in JSON, in a query string: found
    for text in (f"手机{MOBILE}已验证", f'{{"to": "{MOBILE}"}}', f"/path?mobile={MOBILE}&a=1", f"id={ID}"):
        assert len(pii_find(text, strict=True)) == 1, text


def _logger_with(*handlers: logging.Handler) -> logging.Logger:
    logger = logging.getLogger(f"zwfw.test.logging.{id(handlers)}")
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    for handler in handlers:
        logger.addHandler(handler)
    return logger


def test_filter_masks_message_args_and_traceback():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(PiiRedactingFilter())
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = _logger_with(handler)

    logger.info("login by %s with id %s", MOBILE, ID)
    logger.warning("user 42 logged in from %s", "10.0.0.1")
    try:
        raise ValueError(f"no account for {MOBILE}")
    except ValueError:
        logger.exception("lookup failed")
    out = stream.getvalue()
    assert "login by 138****5678 with id 620423********1235" in out
    assert "user 42 logged in from 10.0.0.1" in out  # nothing to mask: unchanged
    assert "ValueError: no account for 138****5678" in out
    assert MOBILE not in out and ID not in out


def test_filter_runs_in_place_so_a_handler_before_it_sees_the_raw_record():
    raw, masked = io.StringIO(), io.StringIO()
    first = logging.StreamHandler(raw)
    second = logging.StreamHandler(masked)
    second.addFilter(PiiRedactingFilter())
    logger = _logger_with(first, second)
    logger.info("to %s", MOBILE)
    assert raw.getvalue().strip() == f"to {MOBILE}"
    assert masked.getvalue().strip() == "to 138****5678"


def test_settings_install_the_filter_on_the_console_and_a_raw_file_first():
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["pii"]
    assert settings.LOGGING["filters"]["pii"]["()"] == "zwfw.core.logging.PiiRedactingFilter"
    root = logging.getLogger()
    assert root.level == logging.DEBUG
    file_handler, console = root.handlers[0], root.handlers[1]
    assert isinstance(file_handler, logging.FileHandler) and not file_handler.filters
    assert Path(file_handler.baseFilename) == Path(settings.ZWFW_TEST_LOG_FILE)
    assert any(isinstance(f, PiiRedactingFilter) for f in console.filters)
    assert console.level == logging.getLevelName(settings.LOG_LEVEL)
    # Django's, allauth's, axes' and oauth-toolkit's DEBUG records reach the file.
    for name in ("django.request", "django.security.csrf", "allauth.account", "axes.handlers", "oauth2_provider"):
        assert logging.getLogger(name).getEffectiveLevel() == logging.DEBUG, name
    server = logging.getLogger("django.server")
    assert file_handler in server.handlers and not server.propagate


# --- the scan ---------------------------------------------------------------------------------------


def test_scan_line_fails_full_values_and_passes_masked_ones():
    assert scan_line(f"2026-11-27 INFO zwfw.notify SMS login_code to {MOBILE} sent") == [("mobile", "138****5678")]
    assert scan_line(f"axes: login={ID}") == [("id_number", "620423********1235")]
    assert scan_line("2026-11-27 INFO zwfw.notify SMS login_code to 138****5678 sent") == []
    assert scan_line("id 620423********1235 index 3f" + MOBILE + "a9" + "0" * 40) == []
    assert scan_line("epoch 1764232221123 and 17642322211 ms") == [("mobile", "176****2211")]  # bounded 11 digits
    assert scan_line(f"bad check {BAD_ID}") == []


def test_scan_file_reports_lines(tmp_path):
    log = tmp_path / "gw0-1.log"
    log.write_text(f"fine\nsent to {MOBILE}\nmasked 138****5678\nid {ID} and {MOBILE}\n", encoding="utf-8")
    findings = scan_file(log)
    assert [(f.lineno, f.kind, f.masked) for f in findings] == [
        (2, "mobile", "138****5678"),
        (4, "id_number", "620423********1235"),
        (4, "mobile", "138****5678"),
    ]
    assert all(MOBILE not in str(f) and ID not in str(f) for f in findings)
    assert scan_file(tmp_path / "missing.log") == []


def test_orphan_logs_are_files_of_ended_processes(tmp_path):
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(ended.stdout)
    dead = tmp_path / f"main-{dead_pid}.log"
    alive = tmp_path / f"gw0-{os.getppid()}.log"
    for path in (dead, alive):
        path.write_text("x\n")
    assert orphan_logs(tmp_path, since=0, exclude=set()) == [dead]
    assert orphan_logs(tmp_path, since=0, exclude={str(dead)}) == []
    assert orphan_logs(tmp_path, since=dead.stat().st_mtime + 60, exclude=set()) == []


def _run_pytest(tmp_path: Path, body: str, *extra: str) -> subprocess.CompletedProcess[str]:
    test_file = tmp_path / "test_sample.py"
    test_file.write_text(textwrap.dedent(body), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "ZWFW_TEST_LOG"))}
    env.update({"ZWFW_TEST_LOG_DIR": str(tmp_path / "logs"), "DJANGO_SETTINGS_MODULE": "config.settings.test"})
    return subprocess.run(  # noqa: S603 - our own interpreter running pytest
        [
            sys.executable,
            "-m",
            "pytest",
            str(test_file),
            "-c",
            str(ROOT / "pyproject.toml"),
            "-p",
            "zwfw.testing.logscan",
            "-q",
            *extra,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )


LEAKY = """
    import logging

    def test_leaks():
        logging.getLogger("zwfw.sample").info("sent to %s", "138" + "1234" + "5678")

    def test_fine():
        logging.getLogger("zwfw.sample").info("sent to %s", "138****5678")
"""


def test_the_plugin_fails_a_run_whose_workers_logged_a_mobile_number(tmp_path):
    result = _run_pytest(tmp_path, LEAKY, "-n", "2")
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "2 passed" in out  # the tests themselves passed: the scan failed the run
    assert "personal data in the test run's logs" in out
    assert "mobile 138****5678 in:" in out and "zwfw.sample sent to 138****5678" in out
    assert MOBILE not in out
    kept = list((tmp_path / "logs").glob("gw*-*.log"))
    assert len(kept) == 1 and MOBILE in kept[0].read_text(encoding="utf-8")  # the raw file stays for reading


def test_the_plugin_passes_a_clean_run_and_tidies_up(tmp_path):
    clean = LEAKY.replace('"138" + "1234" + "5678"', '"138****5678"')
    result = _run_pytest(tmp_path, clean, "-p", "no:xdist")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "personal data" not in result.stdout
    assert list((tmp_path / "logs").glob("*.log")) == []


@pytest.mark.parametrize("level", ["DEBUG", "INFO"])
def test_redaction_keeps_level_and_logger(level):
    record = logging.LogRecord("zwfw.x", getattr(logging, level), __file__, 1, "to %s", (MOBILE,), None)
    assert PiiRedactingFilter().filter(record) is True
    assert record.getMessage() == "to 138****5678" and record.levelname == level and record.name == "zwfw.x"
