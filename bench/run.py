"""HTTP benchmarks: ``python -m bench.run [--scale N] [--duration S] [--users U] [--workers W] [--only NAME]``.

One run, start to finish, with nothing left behind:

1. a throwaway data directory and database: SQLite in that directory by default; with
   ``DATABASE_URL`` set, a dedicated PostgreSQL database (``zwfw_bench``, dropped and created on
   the same server, never the one named in ``DATABASE_URL``); then ``migrate``, ``collectstatic``
   and the data generator (``bench/data.py``) at ``--scale``;
2. gunicorn on 127.0.0.1 (a free port) with ``config.settings.bench`` and W sync workers, its
   access log (status, microseconds, path) written to a file for the server-side timings;
3. for each scenario of ``bench/scenarios.py`` — ``bare`` first, it is the ceiling the others are
   compared with — a short warm-up, then locust, headless, in its own process, for a fixed time;
4. a table: requests, failures, req/s, client p50/p95/p99, server (gunicorn) p50/p95/p99, server
   CPU per request, the ratio to the bare view's req/s, the QUALITY.md target; then the workers'
   RSS. The same figures go to ``bench/results/<UTC timestamp>.json``;
5. gunicorn and locust stopped, the database dropped and the directory removed — also on Ctrl-C,
   SIGTERM or an error (``--keep`` keeps the directory and database for a look afterwards).

The server and the load generator share the machine's cores; the table says how much CPU each
used, so a reader can judge how much the generator took from the server.
"""

from __future__ import annotations

import argparse
import base64
import csv
import datetime as dt
import importlib.metadata
import importlib.util
import json
import math
import os
import platform
import re
import resource
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zwfw.identity.oidc.keys import oidc_key_generate

from .scenarios import BARE, SCENARIOS, Scenario, scenario_get

REPO = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO / "bench" / "results"
HOST = "127.0.0.1"  # the only address this runner ever serves on or sends load to
PG_BENCH_DATABASE = "zwfw_bench"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
SETTINGS = "config.settings.bench"
ACCESS_LOG_FORMAT = "%(s)s %(D)s %(U)s"
WARMUP_REQUESTS = 30
CLK_TCK = os.sysconf("SC_CLK_TCK")


class BenchError(Exception):
    """A step failed; the message says which and where to look."""


def say(text: str = "") -> None:
    print(text, flush=True)


# --- Machine --------------------------------------------------------------------------------


def machine_info() -> dict[str, Any]:
    cpu_model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_total_mb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_total_mb = int(line.split()[1]) // 1024
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu_model,
        "mem_total_mb": mem_total_mb,
        "python": platform.python_version(),
        "django": _version("Django"),
        "gunicorn": _version("gunicorn"),
        "locust": _version("locust"),
        "kernel": platform.release(),
    }


def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def git_revision() -> str | None:
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, timeout=5
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=5,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{rev}{'-dirty' if dirty else ''}" if rev else None


# --- /proc ----------------------------------------------------------------------------------


def children_of(pid: int) -> list[int]:
    """The pids whose parent is ``pid`` (gunicorn's workers, for its master)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


_PROC_STAT_FIELDS = ("user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal")


def machine_cpu() -> dict[str, float]:
    """CPU seconds the whole machine spent so far, by kind (/proc/stat, all cores together)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    return {name: value / CLK_TCK for name, value in zip(_PROC_STAT_FIELDS, values, strict=False)}


def busy(cpu: dict[str, float]) -> float:
    """Time not idle (guest time is already inside user time)."""
    return sum(v for k, v in cpu.items() if k not in ("idle", "iowait"))


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def percentile(sorted_values: list[float], p: float) -> float | None:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def stop_process(proc: subprocess.Popen[Any] | None, name: str, grace: float = 10.0) -> None:
    """SIGTERM the process (gunicorn: graceful stop of its workers), then SIGKILL its whole group.

    Every child is started in its own session, so its process group holds it and its children only.
    """
    if proc is None:
        return
    if proc.poll() is None:
        try:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            say(f"  {name} did not stop within {grace:.0f} s: killing it")
        except ProcessLookupError:
            pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # stragglers of the group (e.g. a stuck worker)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        say(f"  warning: {name} (pid {proc.pid}) is still there after SIGKILL")


# --- The run --------------------------------------------------------------------------------


@dataclass
class Options:
    scale: int
    items: int
    cases: int
    duration: int
    users: int
    workers: int
    only: list[str]
    keep: bool
    pg_database: str


@dataclass
class ScenarioResult:
    name: str
    paths: int
    notes: str
    requests: int = 0
    failures: int = 0
    rps: float = 0.0
    client_ms: dict[str, float | None] = field(default_factory=dict)
    server_ms: dict[str, float | None] = field(default_factory=dict)
    server_requests: int = 0
    server_non_2xx: int = 0
    server_cpu_s: float = 0.0
    #: PostgreSQL backends serving the workers, when the server runs on this machine (None: not measured).
    db_cpu_s: float | None = None
    loadgen_cpu_s: float = 0.0
    #: CPU time of everything else on the machine during the load (other people's work, the kernel).
    other_cpu_s: float = 0.0
    #: The whole machine's CPU time during the load, by kind (user, system, softirq, steal, idle …).
    machine_cpu_s: dict[str, float] = field(default_factory=dict)
    load_average_after: str = ""
    wall_s: float = 0.0
    ratio_to_bare: float | None = None
    target: str = ""
    target_met: bool | None = None
    rss_mb: dict[str, float | None] = field(default_factory=dict)
    failure_examples: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def server_cpu_ms_per_request(self) -> float | None:
        if not self.server_requests:
            return None
        return 1000 * self.server_cpu_s / self.server_requests


class BenchRun:
    def __init__(self, options: Options) -> None:
        self.options = options
        self.workdir: Path | None = None
        self.server: subprocess.Popen[bytes] | None = None
        self.loadgen: subprocess.Popen[bytes] | None = None
        self.port: int | None = None
        self.env: dict[str, str] = {}
        self.database: dict[str, Any] = {}
        self.pg_admin_url: str | None = None
        self.pg_created = False
        self.data: dict[str, Any] = {}
        self.setup_seconds: dict[str, float] = {}
        self.results: list[ScenarioResult] = []

    # --- preparing --------------------------------------------------------------------------

    def prepare(self) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="zwfw-bench-"))
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE=SETTINGS,
            # One key for every process of the run (workers must agree to read each other's
            # signed cookies); a new one per run, never written anywhere.
            SECRET_KEY=secrets.token_urlsafe(64),
            # Production settings require a personal-data key too (core.pii); a throwaway one per run.
            ZWFW_PII_KEY=base64.b64encode(secrets.token_bytes(32)).decode(),
            # ... and the single sign-on signing key (identity.oidc); a throwaway one per run.
            ZWFW_OIDC_RSA_PRIVATE_KEY=oidc_key_generate(),
            ZWFW_DATA_DIR=str(self.workdir / "data"),
            PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])),
        )
        database_url = env.get("DATABASE_URL", "")
        if database_url:
            env["DATABASE_URL"] = self._postgres_prepare(database_url)
        else:
            env.pop("DATABASE_URL", None)
            self.database = {
                "engine": "sqlite",
                "version": sqlite3.sqlite_version,
                "name": str(self.workdir / "data" / "zwfw.sqlite3"),
            }
        self.database["cache"] = "redis" if env.get("REDIS_URL") else "locmem (sessions in the database)"
        self.env = env
        say(f"  data directory {self.workdir}")
        self._manage("migrate", ["manage.py", "migrate", "--noinput", "-v", "0"])
        self._manage("collectstatic", ["manage.py", "collectstatic", "--noinput", "-v", "0"])
        summary = self.workdir / "data-summary.json"
        self._manage(
            "data",
            [
                "-m",
                "bench.data",
                "--scale",
                str(self.options.scale),
                "--items",
                str(self.options.items),
                "--cases",
                str(self.options.cases),
                "--summary",
                str(summary),
            ],
            echo=True,
        )
        self.data = json.loads(summary.read_text(encoding="utf-8"))
        if not self.data.get("jingtai_seeded"):
            say("  note: manage.py seed_jingtai is not available: generated agencies only")

    def _postgres_prepare(self, database_url: str) -> str:
        import psycopg
        from psycopg import sql

        parsed = urllib.parse.urlsplit(database_url)
        if parsed.scheme not in ("postgres", "postgresql", "pgsql", "postgis"):
            raise BenchError(f"DATABASE_URL is not PostgreSQL ({parsed.scheme}://): unset it for SQLite")
        name = self.options.pg_database
        if parsed.path.lstrip("/") == name:
            raise BenchError(
                f"DATABASE_URL names {name!r}, the database the benchmark drops and recreates: "
                "point DATABASE_URL at another database on the same server, or pass --pg-database"
            )
        self.pg_admin_url = urllib.parse.urlunsplit(parsed._replace(path="/postgres"))
        bench_url = urllib.parse.urlunsplit(parsed._replace(path=f"/{name}"))
        with psycopg.connect(self.pg_admin_url, autocommit=True) as conn:
            version = conn.execute("SHOW server_version").fetchone()[0]
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        self.pg_created = True
        host = parsed.hostname or "localhost"
        self.database = {
            "engine": "postgresql",
            "version": version,
            "name": name,
            "host": f"{host}:{parsed.port or 5432}",
        }
        say(f"  PostgreSQL {version} at {self.database['host']}: database {name} created")
        return bench_url

    def _manage(self, label: str, args: list[str], echo: bool = False) -> None:
        assert self.workdir is not None
        started = time.perf_counter()
        log = self.workdir / f"{label}.log"
        with log.open("wb") as out:
            proc = subprocess.run(
                [sys.executable, *args],
                cwd=REPO,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=1800,
                check=False,
            )
        seconds = time.perf_counter() - started
        self.setup_seconds[label] = round(seconds, 1)
        text = log.read_text(encoding="utf-8", errors="replace")
        if proc.returncode != 0:
            raise BenchError(f"{label} failed (exit {proc.returncode}):\n{_tail(text, 40)}")
        if echo and text.strip():
            say(text.rstrip())
        say(f"  {label}: {seconds:.1f} s")

    # --- serving ----------------------------------------------------------------------------

    def start_server(self) -> None:
        assert self.workdir is not None
        self.port = free_port()
        self.access_log = self.workdir / "access.log"
        self.error_log = self.workdir / "gunicorn.log"
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.options.workers),
            "--worker-class",
            "sync",
            "--timeout",
            "30",
            "--graceful-timeout",
            "5",
            "--access-logfile",
            str(self.access_log),
            "--access-logformat",
            ACCESS_LOG_FORMAT,
            "--error-logfile",
            str(self.error_log),
            "--log-level",
            "warning",
        ]
        if _version_at_least(_version("gunicorn"), (25, 1)):
            command.append("--no-control-socket")  # else it creates $XDG_RUNTIME_DIR/gunicorn.ctl
        with (self.workdir / "gunicorn.out").open("wb") as out:
            self.server = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
                command, cwd=REPO, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + 60
        url = self.url(BARE.paths_for({})[0])
        while True:
            if self.server.poll() is not None:
                raise BenchError(f"gunicorn exited with {self.server.returncode}:\n{self._server_log_tail()}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (http://127.0.0.1 only)
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise BenchError(f"gunicorn did not answer {url} within 60 s:\n{self._server_log_tail()}")
            time.sleep(0.2)
        # Every worker must be up before the first measurement, not only the one that answered.
        while len(children_of(self.server.pid)) < self.options.workers and time.monotonic() < deadline:
            time.sleep(0.2)
        say(
            f"  gunicorn {_version('gunicorn')} on http://{HOST}:{self.port}/ "
            f"({self.options.workers} sync workers, settings {SETTINGS})"
        )

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"

    def _server_log_tail(self) -> str:
        assert self.workdir is not None
        parts = []
        for name in ("gunicorn.out", "gunicorn.log"):
            path = self.workdir / name
            if path.exists():
                parts.append(_tail(path.read_text(encoding="utf-8", errors="replace"), 30))
        return "\n".join(p for p in parts if p)

    def workers(self) -> list[int]:
        assert self.server is not None
        return children_of(self.server.pid)

    # --- measuring --------------------------------------------------------------------------

    def measure(self, scenario: Scenario) -> ScenarioResult:
        assert self.workdir is not None and self.server is not None
        try:
            paths = scenario.paths_for(self.data)
        except (ValueError, KeyError):
            result = ScenarioResult(name=scenario.name, paths=0, notes=scenario.notes)
            result.error = "no data for this scenario (the case scenarios need --cases N)"
            self.results.append(result)
            say(f"  {scenario.name}: skipped: {result.error}")
            return result
        result = ScenarioResult(name=scenario.name, paths=len(paths), notes=scenario.notes)
        self.results.append(result)
        say(f"  {scenario.name}: {len(paths)} path(s), warm-up, then {self.options.duration} s of load …")

        error = self._warm_up(scenario, paths)
        if error:
            result.error = error
            say(f"    skipped: {error}")
            return result

        workers = self.workers()
        cpu_before = {pid: cpu_seconds(pid) for pid in workers}
        db_before = {pid: cpu_seconds(pid) for pid in self._db_backends() or ()}
        log_start = self.access_log.stat().st_size
        children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        machine_before = machine_cpu()
        prefix = self.workdir / f"locust-{scenario.name}"
        env = dict(self.env)
        env.update(
            BENCH_SCENARIO=scenario.name,
            BENCH_PATHS=json.dumps(list(paths)),
            BENCH_EXPECT_STATUS=str(scenario.expect_status),
            BENCH_FLOW=scenario.flow,
            BENCH_EXTRA=json.dumps(scenario.extra(self.data) if scenario.extra else {}, ensure_ascii=False),
        )
        command = [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(REPO / "bench" / "locustfile.py"),
            "--headless",
            "--only-summary",
            "--users",
            str(self.options.users),
            "--spawn-rate",
            str(self.options.users),
            "--run-time",
            f"{self.options.duration}s",
            "--host",
            f"http://{HOST}:{self.port}",
            "--csv",
            str(prefix),
            "--loglevel",
            "WARNING",
            "--exit-code-on-error",
            "0",
        ]
        started = time.perf_counter()
        with (self.workdir / f"locust-{scenario.name}.log").open("wb") as out:
            self.loadgen = subprocess.Popen(  # noqa: S603
                command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
            try:
                code = self.loadgen.wait(timeout=self.options.duration + 60)
            except subprocess.TimeoutExpired:
                stop_process(self.loadgen, "locust", grace=5)
                code = -1
            # Not in a ``finally``: when Ctrl-C lands here, cleanup() must still find and stop it.
            self.loadgen = None
        result.wall_s = round(time.perf_counter() - started, 1)
        machine_after = machine_cpu()
        time.sleep(0.3)  # let the workers finish the requests in flight and log them
        children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        result.loadgen_cpu_s = round(
            (children_after.ru_utime + children_after.ru_stime) - (children_before.ru_utime + children_before.ru_stime),
            2,
        )
        workers_after = self.workers()
        if workers_after != workers:
            say(f"    warning: gunicorn's workers changed during the run ({workers} → {workers_after})")
        result.server_cpu_s = round(sum(cpu_seconds(pid) - cpu_before.get(pid, 0.0) for pid in workers_after), 2)
        db_after = self._db_backends()
        if db_after is not None:
            # A backend that appeared during the run (a connection renewed after DB_CONN_MAX_AGE) counts whole.
            result.db_cpu_s = round(sum(cpu_seconds(pid) - db_before.get(pid, 0.0) for pid in db_after), 2)
        result.rss_mb = {str(pid): rss_mb(pid) for pid in workers_after}
        result.machine_cpu_s = {k: round(machine_after[k] - machine_before[k], 2) for k in machine_after}
        result.other_cpu_s = round(
            max(0.0, busy(result.machine_cpu_s) - result.server_cpu_s - (result.db_cpu_s or 0) - result.loadgen_cpu_s),
            2,
        )
        result.load_average_after = load_average()

        if code != 0:
            log = (self.workdir / f"locust-{scenario.name}.log").read_text(encoding="utf-8", errors="replace")
            result.error = f"locust exited with {code}"
            say(f"    {result.error}:\n{_tail(log, 20)}")
        self._read_locust_csv(result, prefix)
        self._read_access_log(result, log_start, set(paths), scenario)
        return result

    def _db_backends(self) -> list[int] | None:
        """The pids of the PostgreSQL backends connected to the bench database, if PostgreSQL runs here."""
        if not self.pg_admin_url or self.database.get("host", "").rsplit(":", 1)[0] not in LOCAL_HOSTS:
            return None
        import psycopg

        try:
            with psycopg.connect(self.pg_admin_url, autocommit=True) as conn:
                rows = conn.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                    (self.options.pg_database,),
                ).fetchall()
        except psycopg.Error:
            return None
        return [pid for (pid,) in rows if Path(f"/proc/{pid}").exists()]

    def _warm_up(self, scenario: Scenario, paths: tuple[str, ...]) -> str | None:
        """A few requests per path (templates compiled, connections open); the first bad answer is an error."""
        if scenario.flow != "get":
            return self._warm_up_flow(scenario, paths)
        count = max(WARMUP_REQUESTS, min(len(paths), 200))
        for i in range(count):
            path = paths[i % len(paths)]
            try:
                with urllib.request.urlopen(self.url(path), timeout=15) as response:  # noqa: S310
                    status = response.status
                    response.read()
            except urllib.error.HTTPError as exc:
                status = exc.code
            except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
                return f"warm-up GET {path} failed: {exc}"
            if status != scenario.expect_status:
                return f"warm-up GET {path} answered {status}, expected {scenario.expect_status}"
        return None

    def _warm_up_flow(self, scenario: Scenario, paths: tuple[str, ...]) -> str | None:
        """The signed-in and POST flows, through the same requests locust makes (bench/webclient.py)."""
        from .webclient import WebClient, submit_form

        assert self.port is not None
        try:
            if scenario.flow == "session-get":
                for entry in paths[: max(WARMUP_REQUESTS, min(len(paths), 200))]:
                    session, path = entry.split(" ", 1)
                    answer = WebClient(self.port, session).get(path)
                    if answer.status != scenario.expect_status:
                        return f"warm-up GET {path} answered {answer.status} (location {answer.location!r})"
            elif scenario.flow == "progress":
                for entry in paths[:WARMUP_REQUESTS]:
                    number, code = entry.split(" ", 1)
                    answer = WebClient(self.port).post("/progress/", {"number": number, "query_code": code})
                    if answer.status != 200 or number.encode() not in answer.body:
                        return f"warm-up POST /progress/ answered {answer.status} without the case"
            elif scenario.flow == "submit":
                items = (scenario.extra(self.data) if scenario.extra else {}).get("items") or []
                if not items:
                    return "no item to submit to"
                for i, item in enumerate(items):
                    applicant = json.loads(paths[i % len(paths)])
                    client = WebClient(self.port, applicant["session"])
                    answer = client.post(f"/apply/{item['code']}/", {})
                    if answer.status != 302 or not answer.location.startswith("/apply/drafts/"):
                        return f"warm-up draft of {item['code']} answered {answer.status} ({answer.location!r})"
                    draft = answer.location
                    answer = client.post(draft, submit_form(item, applicant, client.csrf, "", action="save"))
                    if answer.status != 302 or answer.location != draft:
                        return f"warm-up save of {item['code']} answered {answer.status} ({answer.location!r})"
                    answer = client.post(draft, submit_form(item, applicant, client.csrf, secrets.token_urlsafe(24)))
                    if answer.status != 302 or not answer.location.endswith("/submitted/"):
                        text = answer.body.decode("utf-8", errors="replace")
                        errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]{1,200})<', text)[:5]
                        return f"warm-up submission of {item['code']} answered {answer.status}: {errors or text[:300]}"
        except (ConnectionError, OSError) as exc:
            return f"warm-up failed: {exc}"
        return None

    def _read_locust_csv(self, result: ScenarioResult, prefix: Path) -> None:
        stats = Path(f"{prefix}_stats.csv")
        if not stats.exists():
            result.error = result.error or "locust wrote no statistics"
            return
        with stats.open(newline="", encoding="utf-8") as fh:
            rows = {row["Name"]: row for row in csv.DictReader(fh)}
        row = rows.get(result.name) or rows.get("Aggregated")
        if row is None:
            result.error = result.error or "no requests recorded"
            return
        result.requests = int(row["Request Count"])
        result.failures = int(row["Failure Count"])
        result.rps = round(float(row["Requests/s"]), 1)
        result.client_ms = {p: _float_or_none(row.get(f"{p}%")) for p in ("50", "95", "99")}
        failures = Path(f"{prefix}_failures.csv")
        if failures.exists():
            with failures.open(newline="", encoding="utf-8") as fh:
                result.failure_examples = [
                    f"{r.get('Occurrences')}× {r.get('Error')}" for r in list(csv.DictReader(fh))[:5]
                ]

    def _read_access_log(self, result: ScenarioResult, start: int, paths: set[str], scenario: Scenario) -> None:
        """gunicorn's own request times (%(D)s, microseconds) of this scenario's requests."""
        wanted = {urllib.parse.urlsplit(p).path for p in paths}
        prefixes = scenario.server_prefixes
        times: list[float] = []
        non_2xx = 0
        with self.access_log.open("rb") as fh:
            fh.seek(start)
            for raw in fh:
                parts = raw.decode("utf-8", errors="replace").split(" ", 2)
                if len(parts) != 3:
                    continue
                logged = parts[2].strip()
                if not (logged.startswith(prefixes) if prefixes else logged in wanted):
                    continue
                status, micros = parts[0], parts[1]
                times.append(int(micros) / 1000)
                if not status.startswith("2"):
                    non_2xx += 1
        times.sort()
        result.server_requests = len(times)
        result.server_non_2xx = non_2xx
        result.server_ms = {str(p): _round(percentile(times, p), 2) for p in (50, 95, 99)}

    # --- reporting --------------------------------------------------------------------------

    def judge(self) -> None:
        bare = next((r for r in self.results if r.name == BARE.name and not r.error), None)
        for result in self.results:
            scenario = scenario_get(result.name)
            if bare and bare.rps and result.rps:
                result.ratio_to_bare = round(result.rps / bare.rps, 3)
            targets = []
            met = []
            if scenario.server_p95_ms is not None:
                targets.append(f"server p95<{scenario.server_p95_ms:g}ms")
                p95 = result.server_ms.get("95")
                met.append(p95 is not None and p95 < scenario.server_p95_ms)
            if scenario.min_bare_ratio is not None:
                targets.append(f"≥{scenario.min_bare_ratio:.0%} bare")
                met.append(result.ratio_to_bare is not None and result.ratio_to_bare >= scenario.min_bare_ratio)
            if targets:
                met.append(not result.error and result.failures == 0 and result.requests > 0)
                result.target = ", ".join(targets)
                result.target_met = all(met)

    def report(self, machine: dict[str, Any], started_at: dt.datetime) -> Path:
        o = self.options
        say()
        say(
            f"景泰政务服务网 bench — {started_at:%Y-%m-%d %H:%M} UTC, {machine['cpus']} CPU "
            f"({machine['cpu_model']}), {machine['mem_total_mb']} MB, Python {machine['python']}, "
            f"load average at start {machine['load_average_at_start']}"
        )
        db = self.database
        say(
            f"database {db['engine']} {db['version']}, scale {o.scale} "
            f"({self.data.get('counts', {}).get('org.Agency', '?')} agencies), "
            f"{self.data.get('items', '?')} published items, {self.data.get('cases') or 0} cases, "
            f"gunicorn {o.workers} sync workers, locust {o.users} users × {o.duration} s per scenario"
        )
        say(
            f"NOTE: the server and the load generator share these {machine['cpus']} cores. 'CPU s' is the CPU "
            "time the server (gunicorn workers),\n      PostgreSQL's backends (— for SQLite, which runs inside the "
            "workers), the load generator (locust)\n      and everything else on the machine used during each "
            f"scenario's {o.duration} s (at most {machine['cpus'] * o.duration} s)."
        )
        say()
        header = (
            f"{'scenario':<10} {'requests':>8} {'fail':>5} {'req/s':>7} "
            f"{'client p50/p95/p99 ms':>22} {'server p50/p95/p99 ms':>22} "
            f"{'srv ms/req':>10} {'CPU s srv/db/gen/oth':>20} {'÷bare':>6}  target"
        )
        say(header)
        say("-" * len(header))
        for r in self.results:
            if r.error and not r.requests:
                say(f"{r.name:<10} ERROR: {r.error}")
                continue
            client = "/".join(_fmt(r.client_ms.get(p), 0) for p in ("50", "95", "99"))
            server = "/".join(_fmt(r.server_ms.get(p), 1) for p in ("50", "95", "99"))
            ratio = f"{r.ratio_to_bare:.0%}" if r.ratio_to_bare is not None else "—"
            db_cpu = "—" if r.db_cpu_s is None else f"{r.db_cpu_s:.0f}"
            cpu = f"{r.server_cpu_s:.0f}/{db_cpu}/{r.loadgen_cpu_s:.0f}/{r.other_cpu_s:.0f}"
            verdict = ""
            if r.target:
                verdict = f"{'met' if r.target_met else 'NOT met'} ({r.target})"
            say(
                f"{r.name:<10} {r.requests:>8} {r.failures:>5} {r.rps:>7.1f} {client:>22} {server:>22} "
                f"{_fmt(r.server_cpu_ms_per_request, 2):>10} "
                f"{cpu:>20} {ratio:>6}  {verdict}"
            )
            for example in r.failure_examples:
                say(f"{'':<10} failure: {example}")
            if r.error:
                say(f"{'':<10} error: {r.error}")
        capacity = (machine["cpus"] or 1) * o.duration
        noisy = [r.name for r in self.results if r.other_cpu_s > 0.25 * capacity]
        if noisy:
            say()
            say(
                f"WARNING: other work on the machine used more than a quarter of its CPU during {', '.join(noisy)}: "
                "those figures are\n         perturbed (see 'oth'; the JSON has the breakdown). Re-run on a quiet "
                "machine before comparing them."
            )
        workers = self.workers() if self.server and self.server.poll() is None else []
        rss = {str(pid): rss_mb(pid) for pid in workers}
        if rss:
            say()
            say(
                "gunicorn worker RSS after the run: "
                + ", ".join(f"{v} MB" for v in rss.values())
                + f"  (master {rss_mb(self.server.pid) if self.server else '?'} MB; target < 200 MB)"
            )

        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        path = RESULTS_DIR / f"{started_at:%Y%m%dT%H%M%SZ}.json"
        document = {
            "started_at": started_at.isoformat(),
            "git": git_revision(),
            "machine": machine,
            "options": o.__dict__,
            "database": db,
            "server": {"workers": o.workers, "worker_class": "sync", "settings": SETTINGS},
            "setup_seconds": self.setup_seconds,
            "data": {k: v for k, v in self.data.items() if k != "samples"}
            | {"samples": {k: len(v) for k, v in self.data.get("samples", {}).items()}},
            "note": "server and load generator share the same cores",
            "scenarios": [
                {**r.__dict__, "server_cpu_ms_per_request": _round(r.server_cpu_ms_per_request, 3)}
                for r in self.results
            ],
            "worker_rss_mb": rss,
            "master_rss_mb": rss_mb(self.server.pid) if self.server and self.server.poll() is None else None,
        }
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
        say()
        say(f"results: {path.relative_to(REPO)}")
        return path

    # --- cleaning up ------------------------------------------------------------------------

    def cleanup(self) -> None:
        stop_process(self.loadgen, "locust", grace=5)
        stop_process(self.server, "gunicorn")
        if self.options.keep:
            if self.workdir:
                say(f"  kept {self.workdir}" + (f" and database {self.options.pg_database}" if self.pg_created else ""))
            return
        if self.pg_created and self.pg_admin_url:
            try:
                import psycopg
                from psycopg import sql

                with psycopg.connect(self.pg_admin_url, autocommit=True) as conn:
                    conn.execute(
                        sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                            sql.Identifier(self.options.pg_database)
                        )
                    )
            except Exception as exc:  # noqa: BLE001 (cleanup reports and goes on)
                say(f"  warning: could not drop database {self.options.pg_database}: {exc}")
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)


# --- helpers ----------------------------------------------------------------------------------


def _tail(text: str, lines: int) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


def _float_or_none(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "", "N/A") else None
    except ValueError:
        return None


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _fmt(value: float | None, digits: int) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _version_at_least(version: str | None, wanted: tuple[int, ...]) -> bool:
    if not version:
        return False
    parts = []
    for piece in version.split(".")[: len(wanted)]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts) >= wanted


def _selected(only: list[str]) -> list[Scenario]:
    if not only:
        return list(SCENARIOS)
    names = [n.strip() for item in only for n in item.split(",") if n.strip()]
    chosen = [scenario_get(n) for n in names]  # KeyError names the known ones
    if BARE not in chosen:
        chosen.insert(0, BARE)  # the ratios need the ceiling of the same run
    return sorted(chosen, key=SCENARIOS.index)


def parse_args(argv: list[str] | None) -> Options:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run",
        description="HTTP benchmarks against gunicorn on 127.0.0.1 (see bench/README.md).",
    )
    parser.add_argument("--scale", type=int, default=100, help="extra generated agencies (default 100)")
    parser.add_argument(
        "--items",
        type=int,
        nargs="?",
        const=10_000,
        default=0,
        help="published items in the catalogue: generated in bulk up to this number "
        "(--items alone: 10000; default 0: only the 83 demonstration items)",
    )
    parser.add_argument(
        "--cases",
        type=int,
        default=0,
        help="cases generated in bulk for the inbox, case-page and progress scenarios (default 0)",
    )
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per scenario (default 20)")
    parser.add_argument("--users", type=int, default=8, help="concurrent simulated users (default 8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="run only these scenarios (repeat or comma-separate); 'bare' always runs first. "
        f"Known: {', '.join(s.name for s in SCENARIOS)}",
    )
    parser.add_argument("--keep", action="store_true", help="keep the data directory and database afterwards")
    parser.add_argument(
        "--pg-database",
        default=PG_BENCH_DATABASE,
        help=f"PostgreSQL database to (re)create on DATABASE_URL's server (default {PG_BENCH_DATABASE})",
    )
    args = parser.parse_args(argv)
    for name in ("scale", "items", "cases", "duration", "users", "workers"):
        if getattr(args, name) < (0 if name in ("scale", "items", "cases") else 1):
            parser.error(f"--{name} is too small")
    if args.duration > 600:
        parser.error("--duration is at most 600 s per scenario")
    try:
        _selected(args.only)
    except KeyError as exc:
        parser.error(str(exc.args[0]))
    return Options(
        scale=args.scale,
        items=args.items,
        cases=args.cases,
        duration=args.duration,
        users=args.users,
        workers=args.workers,
        only=args.only,
        keep=args.keep,
        pg_database=args.pg_database,
    )


class Stopped(BaseException):
    """Ctrl-C or SIGTERM: stop measuring, clean up, exit with 128 + the signal number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, frame: Any) -> None:
    raise Stopped(signum)


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    if importlib.util.find_spec("locust") is None:
        say("locust is not installed: run `make bench`, or `.venv/bin/pip install -e '.[bench]'`.")
        return 2
    scenarios = _selected(options.only)
    started_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    machine = machine_info()
    machine["load_average_at_start"] = load_average()
    run = BenchRun(options)
    # Installed explicitly: a runner started in the background inherits an ignored SIGINT.
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    code = 0
    try:
        say(f"bench: preparing (scale {options.scale}, items {options.items}, cases {options.cases}) …")
        run.prepare()
        run.start_server()
        for scenario in scenarios:
            run.measure(scenario)
        run.judge()
        run.report(machine, started_at)
    except Stopped as exc:
        say(f"\n{signal.Signals(exc.signum).name}: stopping and cleaning up …")
        code = 128 + exc.signum
    except BenchError as exc:
        say(f"bench failed: {exc}")
        code = 1
    finally:
        # A second Ctrl-C must not leave a server or a database behind.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        run.cleanup()
    return code


if __name__ == "__main__":
    sys.exit(main())
