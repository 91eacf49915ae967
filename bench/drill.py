"""The crash drill: ``python -m bench.drill [--kills 20] [--clients 8] [--workers 2]``.

Shows that **every acknowledged submission exists exactly once** when the app server dies at any moment.

1. A throwaway database and data directory exactly as ``bench.run`` makes them (SQLite, or a dedicated
   PostgreSQL database ``zwfw_bench_drill`` when ``DATABASE_URL`` is set), with the ``casework`` data: items
   that take applications, applicants with an uploaded PDF and a bearer token (scope ``cases``).
2. gunicorn as in ``bench.run`` (sync workers, production settings but plain HTTP on 127.0.0.1).
3. ``--clients`` threads submit through the mobile API, each applicant in a loop: ``POST /api/v1/applications``
   (a draft, with an ``Idempotency-Key``), ``PATCH`` the form, ``POST …/materials`` for each required
   material, ``POST …/submit`` with an ``Idempotency-Key``. Every step is retried after a connection error or
   a 5xx (the server is being killed) — the submit **with the same key** — until the server answers. A
   submission is *acknowledged* when the submit answers 200/201 with a case number; the client records it.
4. Meanwhile the killer sends **SIGKILL to gunicorn's whole process group** (master and workers, no chance
   to finish anything) after a random 1–4 s of load, restarts it, and again, ``--kills`` times.
5. Then the checks, in a separate process against the database (``bench.drill`` ``--check``): every
   acknowledged number exists exactly once and belongs to the draft that was submitted; no draft has two
   cases and every submitted draft has its case; every submit key maps to one draft; no case is half-written
   (its steps = its version's process, one active 受理 step, the 申报 action); every case has its receipt:
   a stored receipt document has its file on disk, and a case whose receipt was not yet asked for (the receipt
   is rendered on demand, ``cases.services.receipt.receipt_ensure``, not in the submission) gets one rendered
   and stored now, file included; the day's number sequences are ahead of every number used;
   ``manage.py audit_verify`` passes the audit chain; SQLite's ``PRAGMA integrity_check`` is ``ok``.

Prints a summary (kills, submissions attempted / acknowledged / retried, violations) and exits 1 on any
violation. Everything is removed afterwards (``--keep`` keeps it), also after Ctrl-C.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .run import REPO, BenchError, BenchRun, Options, Stopped, _stop, load_average, say

PG_DRILL_DATABASE = "zwfw_bench_drill"
RETRY_PAUSE = 0.2
#: A client gives up one step after this long without an answer (the server is restarted within seconds).
STEP_DEADLINE = 120.0


@dataclass
class Tally:
    attempted: int = 0
    acknowledged: int = 0
    retries: int = 0
    refused: int = 0
    replayed: int = 0
    errors: list[str] = field(default_factory=list)
    acks: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class ServerDown(Exception):
    pass


class ApiClient:
    """JSON over the bearer token; connection errors and 5xx are retried by the caller."""

    def __init__(self, run: BenchRun, token: str) -> None:
        self.run = run
        self.token = token

    def call(self, method: str, path: str, body: Any = None, key: str | None = None) -> tuple[int, Any]:
        port = self.run.port
        if port is None:
            raise ServerDown("no server")
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
        if key:
            headers["Idempotency-Key"] = key
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            raw = response.read()
        except (OSError, http.client.HTTPException) as exc:
            raise ServerDown(str(exc)) from exc
        finally:
            conn.close()
        if response.status >= 500:
            raise ServerDown(f"{response.status}")
        try:
            return response.status, json.loads(raw or b"null")
        except ValueError:
            return response.status, raw[:200]


def retried(tally: Tally, stop: threading.Event, func: Any) -> Any:
    """Call ``func`` until the server answers (connection errors and 5xx are the kills)."""
    deadline = time.monotonic() + STEP_DEADLINE
    while True:
        try:
            return func()
        except ServerDown:
            with tally.lock:
                tally.retries += 1
            if time.monotonic() > deadline:
                raise
            time.sleep(RETRY_PAUSE)


def submit_one(
    client: ApiClient, item: dict[str, Any], applicant: dict[str, Any], tally: Tally, stop: threading.Event
) -> None:
    with tally.lock:
        tally.attempted += 1
    status, draft = retried(
        tally, stop, lambda: client.call("POST", "/api/v1/applications", {"item": item["code"]}, key=str(uuid.uuid4()))
    )
    if status not in (200, 201):
        with tally.lock:
            tally.refused += 1
            tally.errors.append(f"draft {status}: {str(draft)[:200]}")
        return
    pk = draft["id"]
    # Save the form: after a kill, read the draft back; a save that committed is not repeated.
    for _attempt in range(20):
        status, current = retried(tally, stop, lambda: client.call("GET", f"/api/v1/applications/{pk}"))
        if status != 200:
            break
        if current.get("case_number") or all(current["data"].get(k) == v for k, v in item["fields"].items() if v != ""):
            break
        status, _body = retried(
            tally,
            stop,
            lambda lv=current["lock_version"]: client.call(
                "PATCH", f"/api/v1/applications/{pk}", {"lock_version": lv, "data": item["fields"]}
            ),
        )
        if status == 200:
            break
    for requirement in item["requirements"]:
        retried(
            tally,
            stop,
            lambda r=requirement: client.call(
                "POST", f"/api/v1/applications/{pk}/materials", {"requirement": r, "upload": applicant["upload"]}
            ),
        )
    key = str(uuid.uuid4())
    status, answer = retried(tally, stop, lambda: client.call("POST", f"/api/v1/applications/{pk}/submit", {}, key=key))
    with tally.lock:
        if status in (200, 201) and isinstance(answer, dict) and answer.get("number"):
            tally.acknowledged += 1
            tally.replayed += bool(answer.get("replayed"))
            tally.acks.append({"number": answer["number"], "application": pk, "key": key})
        else:
            tally.refused += 1
            tally.errors.append(f"submit {status}: {str(answer)[:200]}")


def client_loop(
    run: BenchRun,
    applicant: dict[str, Any],
    items: list[dict[str, Any]],
    tally: Tally,
    stop: threading.Event,
    seed: int,
) -> None:
    rng = random.Random(seed)
    client = ApiClient(run, applicant["token"])
    while not stop.is_set():
        try:
            submit_one(client, rng.choice(items), applicant, tally, stop)
        except ServerDown as exc:
            with tally.lock:
                tally.errors.append(f"gave up after {STEP_DEADLINE:.0f} s: {exc}")


def kill_server(run: BenchRun) -> None:
    assert run.server is not None
    os.killpg(run.server.pid, signal.SIGKILL)
    run.server.wait(timeout=10)
    run.port = None


def drill(options: Options, kills: int, clients: int, seed: int) -> int:
    rng = random.Random(seed)
    run = BenchRun(options)
    code = 0
    try:
        say(f"drill: preparing (load average {load_average()}) …")
        run.prepare()
        applicants = [json.loads(a) for a in run.data["samples"].get("submit_applicants", [])]
        items = [json.loads(i) for i in run.data["samples"].get("submit_items", [])]
        if not applicants or not items:
            raise BenchError("the data step made no applicants or items to submit to")
        run.start_server()
        tally = Tally()
        stop = threading.Event()
        threads = [
            threading.Thread(
                target=client_loop,
                args=(run, applicants[i % len(applicants)], items, tally, stop, seed + i),
                daemon=True,
            )
            for i in range(clients)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        done = 0
        while done < kills:
            time.sleep(rng.uniform(1.0, 4.0))
            kill_server(run)
            done += 1
            time.sleep(rng.uniform(0.0, 0.5))
            run.start_server()
            say(f"  kill {done:>3}/{kills}: acknowledged so far {tally.acknowledged}, retries {tally.retries}")
        time.sleep(2)
        stop.set()
        for thread in threads:
            thread.join(timeout=STEP_DEADLINE + 10)
        seconds = time.perf_counter() - started
        from .run import stop_process

        stop_process(run.server, "gunicorn")
        run.server = None
        assert run.workdir is not None
        acks_file = run.workdir / "acks.json"
        acks_file.write_text(json.dumps(tally.acks), encoding="utf-8")
        check = subprocess.run(
            [sys.executable, "-m", "bench.drill", "--check", str(acks_file)],
            cwd=REPO,
            env=run.env,
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
        say(check.stdout.rstrip())
        if check.returncode != 0 and check.stderr:
            say(check.stderr[-3000:])
        audit = subprocess.run(
            [sys.executable, "manage.py", "audit_verify"],
            cwd=REPO,
            env=run.env,
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
        say(f"  manage.py audit_verify: exit {audit.returncode}: {(audit.stdout or audit.stderr).strip()[-300:]}")
        say()
        say(
            f"drill summary ({run.database['engine']} {run.database['version']}, {options.workers} workers, "
            f"{clients} clients, {seconds:.0f} s): kills {kills}, submissions attempted {tally.attempted}, "
            f"acknowledged {tally.acknowledged} (of which replayed {tally.replayed}), refused {tally.refused}, "
            f"retried requests {tally.retries}"
        )
        for error in tally.errors[:10]:
            say(f"  refused/error: {error}")
        violations = check.returncode != 0 or audit.returncode != 0
        say(f"violations: {'SOME — see above' if violations else 0}")
        code = 1 if violations else 0
    except Stopped as exc:
        say(f"\n{signal.Signals(exc.signum).name}: stopping and cleaning up …")
        code = 128 + exc.signum
    except BenchError as exc:
        say(f"drill failed: {exc}")
        code = 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        run.cleanup()
    return code


# --- the checks (run in their own process, Django set up on the drill's database) ------------------------


def check(acks_path: Path) -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.db.models import Count

    from zwfw.cases.choices import ActionCode, ApplicationStatus, DocumentKind
    from zwfw.cases.models import Application, Case, CaseAction, CaseDocument, CaseNumberSequence, CaseStep
    from zwfw.cases.services.receipt import receipt_ensure
    from zwfw.catalog.models import ProcessStep
    from zwfw.workflow.choices import StepKind, StepState

    acks = json.loads(acks_path.read_text(encoding="utf-8"))
    problems: list[str] = []

    def bad(text: str) -> None:
        if len(problems) < 50:
            print(f"  VIOLATION: {text}")
        problems.append(text)

    by_number: dict[str, set[int]] = {}
    for ack in acks:
        by_number.setdefault(ack["number"], set()).add(ack["application"])
    for number, applications in by_number.items():
        if len(applications) > 1:
            bad(f"case {number} acknowledged for several drafts {sorted(applications)}")
    found = {c.number: c for c in Case.objects.filter(number__in=list(by_number)).only("number", "application_id")}
    for ack in acks:
        case = found.get(ack["number"])
        if case is None:
            bad(f"acknowledged case {ack['number']} does not exist")
        elif case.application_id != ack["application"]:
            bad(f"case {ack['number']} belongs to draft {case.application_id}, acknowledged for {ack['application']}")
    twice = Case.objects.values("number").annotate(n=Count("id")).filter(n__gt=1)
    for row in twice:
        bad(f"case number {row['number']} exists {row['n']} times")
    per_draft = Case.objects.values("application_id").annotate(n=Count("id")).filter(n__gt=1)
    for row in per_draft:
        bad(f"draft {row['application_id']} has {row['n']} cases")
    keys = (
        Application.objects.exclude(submit_key=None)
        .values("applicant_id", "submit_key")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    for row in keys:
        bad(f"submit key {row['submit_key']} of applicant {row['applicant_id']} on {row['n']} drafts")
    submitted_without = Application.objects.filter(status=ApplicationStatus.SUBMITTED, case__isnull=True).count()
    if submitted_without:
        bad(f"{submitted_without} drafts marked submitted have no case")
    case_of_draft = Case.objects.exclude(application__status=ApplicationStatus.SUBMITTED).count()
    if case_of_draft:
        bad(f"{case_of_draft} cases whose application is not marked submitted")
    process = dict(ProcessStep.objects.values("version_id").annotate(n=Count("id")).values_list("version_id", "n"))
    steps = dict(CaseStep.objects.values("case_id").annotate(n=Count("id")).values_list("case_id", "n"))
    active_accept = set(
        CaseStep.objects.filter(kind=StepKind.ACCEPT, state=StepState.ACTIVE).values_list("case_id", flat=True)
    )
    submit_action = set(CaseAction.objects.filter(code=ActionCode.SUBMIT).values_list("case_id", flat=True))
    receipts = {d.case_id: d for d in CaseDocument.objects.filter(kind=DocumentKind.RECEIPT).only("case_id", "file")}
    cases = list(Case.objects.values_list("id", "number", "version_id", "state"))
    rendered = 0
    for pk, number, version_id, state in cases:
        if steps.get(pk, 0) != process.get(version_id, -1):
            bad(f"case {number}: {steps.get(pk, 0)} steps, its process has {process.get(version_id)}")
        if state == "submitted" and pk not in active_accept:
            bad(f"case {number}: no active 受理 step")
        if pk not in submit_action:
            bad(f"case {number}: no 申报 action")
        receipt = receipts.get(pk)
        if receipt is not None:
            if not receipt.file.storage.exists(receipt.file.name):
                bad(f"case {number}: receipt file {receipt.file.name} missing")
            continue
        # Not asked for yet: it must render now, from the case as submitted.
        try:
            made = receipt_ensure(Case.objects.get(pk=pk))
        except Exception as exc:  # noqa: BLE001 - any failure is a violation to report, not a crash
            bad(f"case {number}: the receipt cannot be rendered: {type(exc).__name__}: {exc}")
            continue
        rendered += 1
        with made.file.storage.open(made.file.name, "rb") as handle:
            if handle.read(5) != b"%PDF-":
                bad(f"case {number}: the receipt rendered on demand is no PDF")
    for seq in CaseNumberSequence.objects.all():
        used = [
            int(n[-4:])
            for n in Case.objects.filter(number__startswith=f"{seq.prefix}{seq.day:%Y%m%d}").values_list(
                "number", flat=True
            )
        ]
        if used and max(used) > seq.last:
            bad(f"number sequence {seq.prefix} {seq.day} at {seq.last}, a case uses {max(used)}")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            result = cursor.fetchone()[0]
        if result != "ok":
            bad(f"SQLite integrity_check: {result}")
    print(
        f"  checked: {len(acks)} acknowledgements, {len(cases)} cases in the database, "
        f"{Application.objects.count()} applications, {rendered} receipts rendered on demand now, "
        f"database {settings.DATABASES['default']['NAME']}: "
        f"{len(problems)} violation(s)"
    )
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.drill", description="SIGKILL drill under submission load")
    parser.add_argument("--kills", type=int, default=20, help="how many times gunicorn is killed (default 20)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent submitting clients (default 8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--keep", action="store_true", help="keep the data directory and database afterwards")
    parser.add_argument("--pg-database", default=PG_DRILL_DATABASE)
    parser.add_argument("--check", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.check:
        return check(args.check)
    if not 1 <= args.kills <= 500 or not 1 <= args.clients <= 64:
        parser.error("--kills 1–500, --clients 1–64")
    options = Options(
        scale=0,
        items=0,
        cases=0,
        duration=1,
        users=args.clients,
        workers=args.workers,
        only=[],
        keep=args.keep,
        pg_database=args.pg_database,
    )
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    return drill(options, args.kills, args.clients, args.seed)


if __name__ == "__main__":
    sys.exit(main())
