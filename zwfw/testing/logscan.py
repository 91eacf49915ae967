"""The proof that no full ID number or mobile number is ever logged: a scan of the whole test run's logs.

The test settings (``config/settings/test.py``) send every log record, at DEBUG and from every logger,
to one raw file per test process (``settings.ZWFW_TEST_LOG_FILE``, under ``var/test-logs/``) without the
masking filter. At the end of the session this plugin scans the file line by line for

- a resident ID number: 17 digits and a digit or X, with a real birth date and a valid GB 11643 check
  character, standing alone (no ASCII letter or digit right before or after it);
- a mainland mobile number: ``1[3-9]`` and 9 more digits, standing alone the same way,

(``zwfw.core.logging.pii_find(strict=True)``: hashes, blind indexes, ciphertexts and timestamps do not
match) and fails the run (exit status 1) listing each ``file:line`` with the value masked.

Under pytest-xdist each worker scans its own file when its session ends and hands the findings to the
controller (``workeroutput``), which reports them all and sets the exit status. A clean file is deleted;
a file with findings is kept for reading (``ZWFW_TEST_LOG_KEEP=1`` keeps every file).

``ZWFW_TEST_LOG_SQL=1`` makes every database connection log its queries with their parameters (Django
logs SQL only with DEBUG on), so that the scan also covers what is sent to the database in clear.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pytest

from zwfw.core.logging import pii_find, pii_redact

WORKER_OUTPUT_KEY = "zwfw_logscan"
_FINDINGS_KEY = pytest.StashKey[list[dict[str, Any]]]()
_STARTED_KEY = pytest.StashKey[float]()
_MAX_REPORTED = 50
_CONTEXT = 120  # characters of the line shown on each side of a finding


@dataclass(frozen=True)
class LogFinding:
    path: str
    lineno: int
    kind: str  # "id_number" or "mobile"
    masked: str
    line: str  # the whole line, masked, shortened

    def __str__(self) -> str:
        return f"{self.path}:{self.lineno}: {self.kind} {self.masked} in: {self.line}"


def scan_line(text: str) -> list[tuple[str, str]]:
    """``(kind, masked value)`` for every full ID number or mobile number in one log line."""
    return [(m.kind, m.masked) for m in pii_find(text, strict=True)]


def scan_file(path: Path | str) -> list[LogFinding]:
    """Every finding in the log file at ``path`` (a missing file has none)."""
    path = Path(path)
    if not path.exists():
        return []
    findings = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for lineno, line in enumerate(fh, start=1):
            matches = pii_find(line, strict=True)
            if not matches:
                continue
            # masks keep the length, so positions in the masked line are those of the raw one
            shown = pii_redact(line.rstrip("\n"))
            seen = set()
            for match in matches:
                if (match.kind, match.masked) in seen:  # an SQL line repeats its parameters
                    continue
                seen.add((match.kind, match.masked))
                start = max(0, match.start - _CONTEXT)
                # the line's head (time, level, logger) and the text around the value
                head = shown[: min(start, _CONTEXT)] + (" … " if start > _CONTEXT else "")
                excerpt = head + shown[start : match.end + _CONTEXT]
                findings.append(LogFinding(str(path), lineno, match.kind, match.masked, excerpt))
    return findings


# --- the plugin ------------------------------------------------------------------------------------


def _log_file() -> Path | None:
    try:
        from django.conf import settings

        path = getattr(settings, "ZWFW_TEST_LOG_FILE", None)
    except Exception:  # noqa: BLE001 - Django not configured: nothing to scan
        return None
    return Path(path) if path else None


def _scan_and_tidy(path: Path) -> list[dict[str, Any]]:
    """Scan one file; delete it when clean (unless ZWFW_TEST_LOG_KEEP=1)."""
    found = [asdict(f) for f in scan_file(path)]
    if not found and os.environ.get("ZWFW_TEST_LOG_KEEP") != "1":
        try:
            path.unlink()
        except OSError:
            pass
    return found


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def orphan_logs(directory: Path, *, since: float, exclude: set[str]) -> list[Path]:
    """Log files of processes that have ended without scanning them (a test's subprocess using the
    test settings): written since ``since``, named ``<worker>-<pid>.log``, pid no longer running."""
    found = []
    for path in sorted(directory.glob("*-*.log")):
        pid = path.stem.rsplit("-", 1)[-1]
        if str(path) in exclude or not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            recent = path.stat().st_mtime >= since
        except OSError:
            continue
        if recent and not _pid_alive(int(pid)):
            found.append(path)
    return found


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_FINDINGS_KEY] = []
    config.stash[_STARTED_KEY] = time.time()
    if os.environ.get("ZWFW_TEST_LOG_SQL") == "1":
        from django.db.backends.base.base import BaseDatabaseWrapper

        BaseDatabaseWrapper.queries_logged = property(lambda self: True)  # type: ignore[method-assign,assignment]


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    """xdist controller: collect what a finished worker found in its own log."""
    found = getattr(node, "workeroutput", {}).get(WORKER_OUTPUT_KEY, [])
    node.config.stash[_FINDINGS_KEY].extend(found)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Scan this process's log after every fixture (the test database too) has been torn down."""
    config = session.config
    for handler in logging.getLogger().handlers:
        try:
            handler.flush()
        except (ValueError, OSError):  # a handler a test left on a stream that is closed by now
            pass
    path = _log_file()
    own = _scan_and_tidy(path) if path else []
    if _is_worker(config):
        config.workeroutput[WORKER_OUTPUT_KEY] = own  # type: ignore[attr-defined]
        return
    findings = config.stash[_FINDINGS_KEY]
    findings.extend(own)
    if path:
        reported = {item["path"] for item in findings}
        for orphan in orphan_logs(path.parent, since=config.stash[_STARTED_KEY], exclude=reported):
            findings.extend(_scan_and_tidy(orphan))
    if findings and session.exitstatus in (pytest.ExitCode.OK, pytest.ExitCode.NO_TESTS_COLLECTED):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if _is_worker(config):
        return
    findings = config.stash.get(_FINDINGS_KEY, [])
    if not findings:
        return
    terminalreporter.section("personal data in the test run's logs", sep="=", red=True, bold=True)
    terminalreporter.line(
        f"{len(findings)} log line(s) hold a full ID number or mobile number (shown masked here). "
        "Log masked values (zwfw.core.pii) instead; the raw files are kept."
    )
    for item in findings[:_MAX_REPORTED]:
        terminalreporter.line(str(LogFinding(**item)), red=True)
    if len(findings) > _MAX_REPORTED:
        terminalreporter.line(f"... and {len(findings) - _MAX_REPORTED} more")
