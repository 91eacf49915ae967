"""Benchmark data for applying and handling (issue 5): people, staff, sessions, and cases at scale.

Two steps of ``bench.data`` (registered there):

``casework`` (always; cheap) — what the case scenarios need:

- every published item can take applications: a version without a complete process (受理 → 审查 → 决定 →
  送达) gets the standard one, a version without an application form gets a two-field one (bench only; the
  demonstration items of ``seed_jingtai`` already have both, and the bulk catalogue copies them);
- staff of the :data:`BUSY_AGENCIES` agencies that handle the most items: a window clerk, an examiner and a
  decider each, **with a TOTP authenticator** (allauth's, as the staff login requires) and a **session minted**
  here (``SessionStore`` with the user's auth hash and the "TOTP checked" flag the staff login leaves, so the
  idle-timeout middleware runs as in production: the load keeps the session active);
- :data:`SUBMITTERS` applicants (persons at real-name level 2 with a valid ID number and mobile), each with one
  PDF stored through ``upload_store`` and a minted session, for the ``submit`` scenario; the items they apply
  for with form values that pass ``form_values_clean`` and the material requirements those values require.

``cases`` (``--cases N``, default 0) — **N cases written in bulk** (``bulk_create`` in batches of
:data:`CASE_BATCH` cases, one transaction per batch, primary keys assigned here; not through the services, no
audit events, no receipts or library rows), spread over the published items, the submitted applications
behind them, their steps along the item's process with due dates from the real working calendar, and their
actions. States are realistic: most delivered, some rejected, withdrawn or terminated, and the open ones
(待受理, 待补正 with an open supplement pause, 办理中 at an 审查 or 决定 stage — some claimed, some overdue —,
已办结待送达) recent. Encrypted columns go through the model field, but each distinct plaintext is
encrypted once and its token reused (a memo on the field's ``get_prep_value`` for the duration of the load):
applicants come from a pool of :data:`APPLICANT_POOL` people, query codes from a pool of known codes (the
``progress`` scenario looks cases up with them).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from zoneinfo import ZoneInfo

#: Agencies whose staff get accounts and sessions (the ones handling the most items).
BUSY_AGENCIES = 4
#: Applicants with sessions and an uploaded PDF, for the ``submit`` scenario (one per simulated user).
SUBMITTERS = 64
#: People the bulk cases belong to.
APPLICANT_POOL = 2000
#: Distinct query codes the bulk cases use (known, so the progress scenario can look cases up).
QUERY_CODE_POOL = 1000
#: Cases per transaction of the bulk loader.
CASE_BATCH = 2000
#: Items the submit scenario applies for (spread over them).
SUBMIT_ITEMS = 40

COUNTY_TZ = ZoneInfo("Asia/Shanghai")

#: The process given to a version that has none that runs (kind, name, role, limit in working days).
STANDARD_PROCESS = (
    ("accept", "受理", "window_clerk", 1),
    ("examine", "审查", "examiner", 8),
    ("decide", "决定", "decider", 3),
    ("deliver", "送达", "window_clerk", 2),
)
STANDARD_FORM: dict[str, Any] = {
    "fields": [
        {
            "name": "applicant_name",
            "label": "申请人姓名",
            "type": "text",
            "required": True,
            "max_length": 30,
            "prefill": "applicant.name",
        },
        {"name": "reason", "label": "申请事由", "type": "textarea", "required": True, "max_length": 500},
    ]
}

#: A minimal valid PDF (what the applicants "uploaded").
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

#: How the bulk cases are spread over the states (weights).
STATE_WEIGHTS = (
    ("delivered", 78),
    ("rejected", 2),
    ("withdrawn", 2),
    ("terminated", 1),
    ("decided", 2),
    ("processing", 10),
    ("submitted", 3),
    ("supplementing", 2),
)
OPEN_STATES = ("decided", "processing", "submitted", "supplementing")

_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鹏飞文辉建国志海燕宁兴旺德福"


def say_default(text: str) -> None:
    print(text, flush=True)


# --- people ---------------------------------------------------------------------------------------------


def _id_number(serial: int, rng: random.Random) -> str:
    from stdnum.cn import ric

    birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 55))
    body = f"620423{birth:%Y%m%d}{serial % 1000:03d}"
    return body + ric.calc_check_digit(body)


def _name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))


def people_create(*, prefix: str, count: int, rng: random.Random, start: int) -> list[Any]:
    """``count`` persons (level 2, valid ID number and mobile, encrypted + indexed + masked), in bulk."""
    from django.contrib.auth.hashers import make_password

    from zwfw.core import clock
    from zwfw.core.pii import mask_id_number, mask_mobile, pii_blind_index
    from zwfw.identity.models import User

    now = clock.now()
    unusable = make_password(None)
    users = []
    for i in range(count):
        serial = start + i
        # Serials give distinct (birth date, sequence) pairs rarely colliding; the mobile is unique by serial.
        id_number = _id_number(serial, rng)
        while True:
            index = pii_blind_index(id_number, purpose="id_number")
            if index not in _seen_ids:
                _seen_ids.add(index)
                break
            id_number = _id_number(serial + rng.randint(1, 999), rng)
        mobile = f"139{40000000 + serial:08d}"
        users.append(
            User(
                username=f"{prefix}{serial:06d}",
                full_name=_name(rng),
                kind="person",
                password=unusable,
                id_number=id_number,
                id_number_index=index,
                id_number_masked=mask_id_number(id_number),
                mobile=mobile,
                mobile_index=pii_blind_index(mobile, purpose="mobile"),
                mobile_masked=mask_mobile(mobile),
                mobile_verified=True,
                assurance_level=2,
                assurance_changed_at=now,
                password_changed_at=now,
                date_joined=now,
            )
        )
    return User.objects.bulk_create(users, batch_size=500)


_seen_ids: set[str] = set()


def session_mint(user: Any) -> str:
    """A signed-in session for ``user`` as the login leaves it (staff: TOTP checked); returns its key."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from zwfw.identity.middleware import TOTP_OK_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    # The backend the login form uses (allauth's: phone number or username), as the real login records it.
    store[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if user.kind == "staff":
        store[TOTP_OK_KEY] = True
    store.create()
    return store.session_key


def tokens_mint(users: list[Any]) -> list[str]:
    """A bearer token (scope ``cases``, one day) per user, of a registered mobile-app client, as the
    authorization-code flow would leave them (django-oauth-toolkit's AccessToken rows)."""
    from oauth2_provider.models import get_access_token_model

    from zwfw.core import clock
    from zwfw.identity.oidc.services import client_register

    client, _secret = client_register(
        actor=None,
        name="基准测试移动应用",
        kind="mobile",
        allowed_scopes=["openid", "cases"],
        redirect_uris=["https://bench.example.cn/callback"],
    )
    model = get_access_token_model()
    expires = clock.now() + dt.timedelta(days=1)
    tokens = []
    for user in users:
        token = secrets.token_urlsafe(32)
        model.objects.create(
            user=user, application=client.application, token=token, expires=expires, scope="openid cases"
        )
        tokens.append(token)
    return tokens


# --- items ----------------------------------------------------------------------------------------------


def _fill_value(spec: dict[str, Any], applicant: Any) -> Any:
    kind = spec.get("type")
    if kind == "integer":
        low = spec.get("min")
        return str(int(low) if low is not None and float(low) > 0 else 1)
    if kind == "decimal":
        low = spec.get("min")
        return str(low if low is not None else "100.00")
    if kind == "date":
        low = spec.get("min")
        return str(low) if low else dt.date.today().isoformat()
    if kind in ("choice", "multichoice"):
        first = spec["options"][0][0]
        return [first] if kind == "multichoice" else first
    if kind == "boolean":
        return "on" if spec.get("required") else ""
    if kind == "mobile":
        return applicant.mobile
    if kind == "id_number":
        return applicant.id_number
    if kind == "uscc":
        return "91620423MA74XXXX0A"
    if kind == "email":
        return "bench@example.cn"
    text = applicant.full_name if spec.get("prefill") == "applicant.name" else "基准测试申请内容"
    return text[: int(spec.get("max_length") or 200)]


def form_fill(schema: dict[str, Any], applicant: Any) -> dict[str, Any] | None:
    """Values for every field that pass the server's check, or None when this simple filler cannot."""
    from zwfw.core.dynforms import form_values_clean, schema_fields

    values = {spec["name"]: _fill_value(spec, applicant) for spec in schema_fields(schema)}
    _cleaned, errors = form_values_clean(schema, values)
    if errors:
        return None
    return values


def processes_ensure(say: Callable[[str], None]) -> int:
    """Give every published version a running process and a form when it lacks them (bulk; bench only)."""
    from django.db import transaction

    from zwfw.catalog.models import ItemVersion, ProcessStep
    from zwfw.workflow.stages import process_problems

    fixed_process = fixed_form = 0
    versions = ItemVersion.objects.filter(item__published_version=models_f("pk")).prefetch_related("steps")
    with transaction.atomic():
        broken = []
        for version in versions.iterator(chunk_size=2000):
            if process_problems(list(version.steps.all())):
                broken.append(version.pk)
            if not version.application_form:
                version.application_form = STANDARD_FORM
                version.save(update_fields=["application_form"])
                fixed_form += 1
        for start in range(0, len(broken), 1000):
            chunk = broken[start : start + 1000]
            ProcessStep.objects.filter(version_id__in=chunk).delete()
            ProcessStep.objects.bulk_create(
                [
                    ProcessStep(version_id=pk, order=n, name=name, kind=kind, role=role, time_limit_days=limit)
                    for pk in chunk
                    for n, (kind, name, role, limit) in enumerate(STANDARD_PROCESS, start=1)
                ],
                batch_size=2000,
            )
        fixed_process = len(broken)
    if fixed_process or fixed_form:
        say(f"  data: casework: standard process given to {fixed_process} versions, form to {fixed_form}")
    return fixed_process * len(STANDARD_PROCESS) + fixed_form


def models_f(name: str) -> Any:
    from django.db.models import F

    return F(name)


class Plan:
    """A published version's process as the bulk loader runs it: stages of (definition, agency, role…)."""

    def __init__(self, version: Any, item: Any) -> None:
        from zwfw.workflow.stages import stages_plan

        self.version = version
        self.item = item
        definitions = sorted(version.steps.all(), key=lambda s: s.order)
        self.stages: list[list[dict[str, Any]]] = []
        for stage_no, stage in enumerate(stages_plan(definitions)):
            self.stages.append(
                [
                    {
                        "definition_id": d.pk,
                        "order": d.order,
                        "stage": stage_no,
                        "name": d.name[:60],
                        "kind": d.kind,
                        "agency_id": d.agency_id or item.agency_id,
                        "role": d.role,
                        "parallel_group": d.parallel_group,
                        "join_rule": d.join_rule,
                        "time_limit_days": d.time_limit_days,
                    }
                    for d in stage
                ]
            )
        kinds = [stage[0]["kind"] for stage in self.stages]
        self.examine_stages = [i for i, k in enumerate(kinds) if k == "examine"]
        self.decide_stage = kinds.index("decide")
        self.deliver_stage = len(kinds) - 1


def plans_load() -> list[Plan]:
    from zwfw.catalog.models import ItemVersion
    from zwfw.workflow.stages import process_problems

    versions = (
        ItemVersion.objects.filter(item__published_version=models_f("pk"), item__retired_at__isnull=True)
        .select_related("item")
        .prefetch_related("steps")
        .order_by("pk")
    )
    plans = []
    for version in versions.iterator(chunk_size=2000):
        steps = list(version.steps.all())
        if process_problems(steps):
            continue
        plans.append(Plan(version, version.item))
    return plans


# --- the casework step ------------------------------------------------------------------------------------


def casework_prepare(ctx: Any) -> int:
    """Processes and forms, busy agencies' staff with TOTP and sessions, submitters with uploads and sessions."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.hashers import make_password
    from django.core.files.base import ContentFile
    from django.db import transaction

    from zwfw.cases.services.uploads import upload_store
    from zwfw.core import clock
    from zwfw.core.dynforms import form_values_clean, materials_required
    from zwfw.identity.models import User
    from zwfw.org.models import Agency, Membership

    say = ctx.say
    rows = processes_ensure(say)
    plans = plans_load()
    ctx.made["plans"] = plans
    if not plans:
        say("  data: casework: no published item has a runnable process: no case scenarios")
        return rows

    # Busy agencies: those appearing in the most processes.
    weight: dict[int, int] = {}
    for plan in plans:
        for stage in plan.stages:
            for step in stage:
                weight[step["agency_id"]] = weight.get(step["agency_id"], 0) + 1
    busy = sorted(weight, key=lambda pk: (-weight[pk], pk))[:BUSY_AGENCIES]
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in=busy)}
    now = clock.now()
    staff: dict[tuple[int, str], Any] = {}
    with transaction.atomic():
        password = make_password(secrets.token_urlsafe(16))
        for n, agency_id in enumerate(busy, start=1):
            for role, title in (("window_clerk", "窗口"), ("examiner", "审查"), ("decider", "决定")):
                user = User.objects.create(
                    username=f"bench-{role}-{n}",
                    full_name=f"基准{title}{n}",
                    kind="staff",
                    password=password,
                    password_changed_at=now,
                )
                if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                    TOTP.activate(user, generate_totp_secret())
                Membership.objects.create(user=user, agency=agencies[agency_id], role=role)
                staff[(agency_id, role)] = user
                rows += 3
    ctx.made["busy_agencies"] = busy
    ctx.made["staff"] = staff
    ctx.made["staff_sessions"] = {key: session_mint(user) for key, user in staff.items()}

    # Submitters: persons with a stored PDF each and a session.
    submitters = people_create(prefix="bench-applicant-", count=SUBMITTERS, rng=ctx.rng, start=0)
    rows += len(submitters)
    upload_ids = []
    for user in submitters:
        upload = upload_store(actor=user, file=ContentFile(PDF_BYTES, name="身份证明.pdf"))
        upload_ids.append(upload.pk)
    ctx.made["submitters"] = submitters

    # Items the submit scenario applies for: for persons, online, with form values the filler can make.
    probe = submitters[0]
    chosen = []
    candidates = [p for p in plans if p.version.for_persons]
    ctx.rng.shuffle(candidates)
    for plan in candidates:
        schema = plan.version.application_form
        values = form_fill(schema, probe)
        if values is None:
            continue
        cleaned, _errors = form_values_clean(schema, values)
        required = [
            r.pk
            for r, needed in materials_required(schema, cleaned, list(plan.version.materials.all()))
            if needed and r.source != "licence_library"
        ]
        chosen.append({"code": plan.item.implementation_code, "fields": values, "requirements": required})
        if len(chosen) >= SUBMIT_ITEMS:
            break
    sessions = [session_mint(user) for user in submitters]
    tokens = tokens_mint(submitters)
    ctx.samples["submit_applicants"] = [
        json.dumps({"session": s, "token": t, "upload": u})
        for s, t, u in zip(sessions, tokens, upload_ids, strict=True)
    ]
    ctx.samples["submit_items"] = [json.dumps(c, ensure_ascii=False) for c in chosen]
    say(
        f"  data: casework: {len(plans)} items with a runnable process; staff of {len(busy)} busy agencies; "
        f"{len(submitters)} submitters; {len(chosen)} items to submit to"
    )
    return rows


# --- the bulk cases ---------------------------------------------------------------------------------------


@contextmanager
def encryption_memo(*models: Any) -> Iterator[dict[str, int]]:
    """Encrypt each distinct plaintext of these models' encrypted columns once during the block."""
    from zwfw.core.pii import EncryptedTextField

    stats = {"encrypted": 0, "reused": 0}
    patched = []
    for model in models:
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                original = field.get_prep_value
                cache: dict[Any, Any] = {}

                def memo(value: Any, _original: Callable[[Any], Any] = original, _cache: dict[Any, Any] = cache) -> Any:
                    token = _cache.get(value)
                    if token is None:
                        token = _cache[value] = _original(value)
                        stats["encrypted"] += 1
                    else:
                        stats["reused"] += 1
                    return token

                field.get_prep_value = memo  # type: ignore[method-assign]
                patched.append(field)
    try:
        yield stats
    finally:
        for field in patched:
            del field.get_prep_value


class DueDates:
    """Working-day arithmetic from one calendar snapshot, memoised (a million cases ask the same few)."""

    def __init__(self) -> None:
        from zwfw.core.workdays import working_calendar

        self.calendar = working_calendar()
        self.cache: dict[tuple[dt.date, int], dt.date | None] = {}

    def after(self, start: dt.date, days: int) -> dt.date | None:
        key = (start, days)
        if key not in self.cache:
            try:
                self.cache[key] = self.calendar.working_days_after(start, days)
            except Exception:  # noqa: BLE001 (a year without a calendar: no due date, as a pause would leave)
                self.cache[key] = None
        return self.cache[key]


def clock_now() -> dt.datetime:
    from zwfw.core import clock

    return clock.now()


def _adapters(model: Any) -> list[tuple[str, Callable[[Any], Any] | None, bool]]:
    """Per concrete column: (attname, how to turn a Python value into the database's), as ``bulk_create`` would."""
    from django.db import connection, models

    from zwfw.core.pii import EncryptedTextField

    ops = connection.ops
    plain = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.ForeignKey)
    adapters: list[tuple[str, Callable[[Any], Any] | None, bool]] = []
    for field in model._meta.concrete_fields:
        if isinstance(field, EncryptedTextField):
            adapters.append(
                (field.attname, lambda v, f=field: f.get_prep_value(v), False)
            )  # the memo of encryption_memo()
        elif isinstance(field, models.DateTimeField) and (field.auto_now or field.auto_now_add):
            adapters.append((field.attname, lambda _v: ops.adapt_datetimefield_value(clock_now()), True))
        elif isinstance(field, models.DateTimeField):
            adapters.append((field.attname, ops.adapt_datetimefield_value, False))
        elif isinstance(field, models.DateField):
            adapters.append((field.attname, ops.adapt_datefield_value, False))
        elif isinstance(field, plain) and not isinstance(field, models.JSONField):
            adapters.append((field.attname, None, False))
        else:
            adapters.append((field.attname, lambda v, f=field: f.get_db_prep_save(v, connection), False))
    return adapters


class Row(dict):
    """One row to insert: a dict of attnames with attribute access (far cheaper than a model instance)."""

    __getattr__ = dict.__getitem__
    __setattr__ = dict.__setitem__


class RowSpec:
    """Rows of ``model``: its columns' defaults and adapters, computed once."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self.adapters = _adapters(model)
        self.defaults: dict[str, Any] = {}
        self.per_row: list[Any] = []
        for field in model._meta.concrete_fields:
            if field.has_default() and callable(field.default):
                self.per_row.append(field)
            elif not getattr(field, "auto_now", False) and not getattr(field, "auto_now_add", False):
                self.defaults[field.attname] = field.get_default()
            else:
                self.defaults[field.attname] = None

    def new(self, **values: Any) -> Row:
        row = Row(self.defaults)
        row.update(values)
        for field in self.per_row:
            if field.attname not in values:
                row[field.attname] = field.get_default()
        return row


def rows_insert(spec: RowSpec, rows: list[Row]) -> None:
    """Insert rows whose primary keys are set, fast: COPY on PostgreSQL, executemany on SQLite.

    What ``bulk_create`` does, minus model instances and its per-value SQL compilation (most of its cost for
    wide rows): each column's value goes through the adapter the ORM uses (datetimes, dates, and encryption by
    the field itself — memoised by :func:`encryption_memo`).
    """
    from django.db import connection

    if not rows:
        return
    adapters = spec.adapters
    table = connection.ops.quote_name(spec.model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(spec.model._meta.get_field(name).column) for name, _, _ in adapters)

    def values(row: Row) -> tuple[Any, ...]:
        out = []
        for name, adapt, auto in adapters:
            value = row[name]
            if auto and value is None:
                value = adapt(None)
            elif adapt is not None and value is not None:
                value = adapt(value)
            out.append(value)
        return tuple(out)

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(values(row))
        else:
            marks = ", ".join(["%s"] * len(adapters))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", [values(r) for r in rows])


def _at(day: dt.date, rng: random.Random) -> dt.datetime:
    return dt.datetime(
        day.year, day.month, day.day, rng.randint(8, 17), rng.randint(0, 59), rng.randint(0, 59), tzinfo=COUNTY_TZ
    )


def _next_ids(*models: Any) -> dict[Any, int]:
    from django.db.models import Max

    return {m: (m.objects.aggregate(n=Max("pk"))["n"] or 0) + 1 for m in models}


def cases_generate(ctx: Any) -> int:
    """Write ``ctx.cases`` cases in bulk (see the module docstring); record samples for the scenarios."""
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from zwfw.cases.models import (
        Application,
        Case,
        CaseAction,
        CaseNumberSequence,
        CasePause,
        CaseStep,
        SupplementItem,
    )
    from zwfw.core import clock
    from zwfw.core.pii import mask_name
    from zwfw.org.models import ServiceCentre

    wanted = int(getattr(ctx, "cases", 0) or 0)
    plans: list[Plan] = ctx.made.get("plans") or []
    if not wanted or not plans:
        return 0
    say = ctx.say
    rng = random.Random(f"cases:{wanted}")
    people = people_create(prefix="bench-person-", count=APPLICANT_POOL, rng=rng, start=SUBMITTERS)
    persons = [
        {
            "id": p.pk,
            "name": p.full_name,
            "name_masked": mask_name(p.full_name),
            "doc": p.id_number,
            "doc_masked": p.id_number_masked,
            "mobile": p.mobile,
            "mobile_masked": p.mobile_masked,
        }
        for p in people
    ]
    codes = ["".join(rng.choice("23456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(8)) for _ in range(QUERY_CODE_POOL)]
    centre = ServiceCentre.objects.filter(kind="county").order_by("sort_order", "id").first()
    staff = ctx.made.get("staff", {})
    due = DueDates()
    now = clock.now()
    today = clock.local_date(now)
    yesterday = today - dt.timedelta(days=1)
    states = [s for s, _ in STATE_WEIGHTS]
    weights = [w for _, w in STATE_WEIGHTS]
    form_data = {
        plan.version.pk: json.dumps(form_fill(plan.version.application_form, people[0]) or {}, ensure_ascii=False)
        for plan in plans
    }
    serials: dict[tuple[str, dt.date], int] = {}
    ids = _next_ids(Application, Case, CaseStep, CaseAction, CasePause, SupplementItem)
    specs = {m: RowSpec(m) for m in ids}
    samples_busy: list[tuple[str, int]] = []  # (number, agency) of cases in busy agencies
    samples_progress: list[str] = []
    counts = {s: 0 for s in states}
    made = 0
    started = time.perf_counter()
    busy = set(ctx.made.get("busy_agencies", []))

    def staff_for(agency_id: int, role: str) -> int | None:
        user = staff.get((agency_id, role))
        return user.pk if user is not None else None

    with encryption_memo(Application, Case) as enc:
        while made < wanted:
            batch = min(CASE_BATCH, wanted - made)
            applications, cases, steps, actions, pauses, items = [], [], [], [], [], []
            for _ in range(batch):
                plan = plans[rng.randrange(len(plans))]
                state = rng.choices(states, weights)[0]
                counts[state] += 1
                person = persons[rng.randrange(len(persons))]
                version, item = plan.version, plan.item
                # The timeline: durations of the stages, then the submission date so the case is where it is now.
                stages = plan.stages
                n_stages = len(stages)
                if state in ("submitted", "supplementing"):
                    current = 0
                elif state == "processing":
                    current = rng.choice([*plan.examine_stages, plan.decide_stage])
                elif state == "decided":
                    current = plan.deliver_stage
                elif state == "rejected":
                    current = 0
                elif state in ("withdrawn", "terminated"):
                    current = rng.choice([0, *plan.examine_stages])
                else:  # delivered
                    current = n_stages
                durations = [rng.randint(0, max(1, s[0]["time_limit_days"] + 1)) for s in stages]
                if state in OPEN_STATES:
                    # The current stage began a while ago: up to twice its limit (some overdue).
                    age = rng.randint(0, max(2, 2 * stages[min(current, n_stages - 1)][0]["time_limit_days"]))
                    span = sum(durations[:current]) + age
                    submitted_day = max(today - dt.timedelta(days=span), today - dt.timedelta(days=120))
                    submitted_day = min(submitted_day, yesterday)
                else:
                    submitted_day = today - dt.timedelta(days=rng.randint(45, 700))
                serial_key = (item.implementation_code, submitted_day)
                serial = serials.get(serial_key, 0) + 1
                if serial > 9999:
                    continue
                serials[serial_key] = serial
                number = f"{item.implementation_code}{submitted_day:%Y%m%d}{serial:04d}"
                submitted_at = _at(submitted_day, rng)
                app_id, case_id = ids[Application], ids[Case]
                ids[Application] += 1
                ids[Case] += 1
                applications.append(
                    specs[Application].new(
                        id=app_id,
                        applicant_id=person["id"],
                        applicant_kind="person",
                        item_id=item.pk,
                        version_id=version.pk,
                        status="submitted",
                        channel=rng.choice(("online", "online", "online", "window", "app")),
                        data=form_data[version.pk],
                        centre_id=centre.pk if centre else None,
                        delivery_method="window",
                        lock_version=2,
                        submitted_at=submitted_at,
                        created_at=submitted_at,
                        updated_at=submitted_at,
                    )
                )
                code = codes[rng.randrange(len(codes))]
                case = specs[Case].new(
                    id=case_id,
                    number=number,
                    query_code=code,
                    application_id=app_id,
                    applicant_id=person["id"],
                    applicant_kind="person",
                    applicant_name=person["name"],
                    applicant_name_masked=person["name_masked"],
                    applicant_doc_type="111",
                    applicant_doc_number=person["doc"],
                    applicant_doc_masked=person["doc_masked"],
                    contact_name=person["name"],
                    contact_mobile=person["mobile"],
                    contact_mobile_masked=person["mobile_masked"],
                    item_id=item.pk,
                    version_id=version.pk,
                    agency_id=item.agency_id,
                    centre_id=centre.pk if centre else None,
                    summary=f"{person['name_masked']}申请{version.name}"[:200],
                    channel="online",
                    state=state,
                    submitted_at=submitted_at,
                    accept_from=submitted_day,
                    legal_limit_days=version.legal_limit_days,
                    promised_limit_days=version.promised_limit_days,
                    delivery_method="window",
                )
                if len(samples_progress) < 2000 and rng.random() < 0.05:
                    samples_progress.append(f"{number} {code}")
                # Steps and actions along the timeline.
                day = submitted_day
                action_list: list[tuple[str, int | None, dt.date, str, str, int | None, str]] = [
                    ("SB", None, submitted_day, "", "submitted", None, "已提交申请，等待受理。")
                ]
                step_rows: list[CaseStep] = []
                first_step_id = ids[CaseStep]
                accepted_day = decided_day = None
                for stage_no, stage in enumerate(stages):
                    stage_start = day
                    finish_day = min(day + dt.timedelta(days=durations[stage_no]), yesterday)
                    for spec in stage:
                        step = specs[CaseStep].new(id=ids[CaseStep], case_id=case_id, **spec)
                        ids[CaseStep] += 1
                        step_rows.append(step)
                        kind = spec["kind"]
                        actor = staff_for(spec["agency_id"], spec["role"])
                        if stage_no < current or (state == "rejected" and stage_no == 0):
                            step.state = "done"
                            step.outcome = "disagree" if state == "rejected" else "agree"
                            step.started_at = _at(stage_start, rng)
                            step.finished_at = _at(finish_day, rng)
                            step.finished_by_id = actor
                            step.assignee_id = actor
                            step.claimed_at = step.started_at if actor else None
                            step.opinion = (
                                "符合要求，同意。" if step.outcome == "agree" else "材料不符合法定形式，不予受理。"
                            )
                            code_ = {"accept": "SL", "examine": "SC", "decide": "JD", "deliver": "SD"}[kind]
                            if state == "rejected":
                                code_ = "BS"
                            action_list.append((code_, step.id, finish_day, "", "", spec["agency_id"], ""))
                            if kind == "accept":
                                accepted_day = finish_day
                            if kind == "decide":
                                decided_day = finish_day
                        elif stage_no == current and state in OPEN_STATES:
                            step.state = "active"
                            step.started_at = _at(stage_start, rng)
                            if kind == "accept":
                                step.due_date = due.after(submitted_day, 5) if state == "submitted" else None
                            else:
                                step.due_date = due.after(stage_start, spec["time_limit_days"])
                            # Some claimed by the busy agency's handler (their 在办), the rest to do.
                            if actor and (state == "supplementing" or rng.random() < 0.3):
                                step.assignee_id = actor
                                step.claimed_at = step.started_at
                        elif state in ("withdrawn", "terminated", "rejected") and stage_no >= current:
                            step.state = "cancelled"
                            step.finished_at = _at(finish_day, rng)
                        else:
                            step.state = "waiting"
                    day = finish_day
                if state not in ("submitted", "supplementing", "rejected") and accepted_day is None and current > 0:
                    accepted_day = submitted_day
                if accepted_day is not None and state != "rejected":
                    case.accepted_at = _at(accepted_day, rng)
                    case.legal_due = due.after(accepted_day, case.legal_limit_days)
                    case.promised_due = due.after(accepted_day, case.promised_limit_days)
                if state == "submitted":
                    case.accept_due = due.after(submitted_day, 5)
                if state == "supplementing":
                    case.supplement_requested = True
                    case.paused_kind = "supplement"
                    pause_id = ids[CasePause]
                    ids[CasePause] += 1
                    ask_day = min(submitted_day + dt.timedelta(days=1), yesterday)
                    pauses.append(
                        specs[CasePause].new(
                            id=pause_id,
                            case_id=case_id,
                            step_id=first_step_id,
                            kind="supplement",
                            reason="申请材料不齐全，请一次性补正。",
                            started_at=_at(ask_day, rng),
                            start_date=ask_day,
                            started_by_id=staff_for(stages[0][0]["agency_id"], "window_clerk"),
                        )
                    )
                    items.append(
                        specs[SupplementItem].new(
                            id=ids[SupplementItem],
                            pause_id=pause_id,
                            name="申请人身份证明",
                            problem="wrong",
                            note="请上传清晰的身份证正反面扫描件。",
                            order=1,
                        )
                    )
                    ids[SupplementItem] += 1
                    action_list.append(
                        (
                            "BZ",
                            first_step_id,
                            ask_day,
                            "submitted",
                            "supplementing",
                            stages[0][0]["agency_id"],
                            "需要补正材料。",
                        )
                    )
                if state in ("decided", "delivered"):
                    approved = rng.random() < 0.95
                    case.decision = "approved" if approved else "denied"
                    case.decided_at = _at(decided_day or day, rng)
                    case.result_name = version.result_name if approved else "不予行政许可决定书"
                    case.result_number = number if approved else ""
                    case.decision_reason = "" if approved else "不符合法定条件。"
                    case.legal_remedy = "如不服本决定，可依法申请行政复议或者提起行政诉讼。"
                    case.delivery_due = due.after(decided_day or day, 10)
                if state == "delivered":
                    case.delivered_at = _at(day, rng)
                    case.closed_at = case.delivered_at
                if state in ("rejected", "withdrawn", "terminated"):
                    case.closed_at = _at(day, rng)
                    code_ = {"rejected": None, "withdrawn": "CH", "terminated": "ZZ"}[state]
                    if code_:
                        action_list.append((code_, None, day, "", state, None, ""))
                if case.state in busy_agency_states and item.agency_id in busy and len(samples_busy) < 20000:
                    samples_busy.append((number, item.agency_id))
                cases.append(case)
                steps.extend(step_rows)
                for code_, step_id, when, frm, to, agency_id, note in action_list:
                    actor = None
                    if step_id is not None:
                        actor = next((s.finished_by_id for s in step_rows if s.id == step_id), None)
                    actions.append(
                        specs[CaseAction].new(
                            id=ids[CaseAction],
                            case_id=case_id,
                            step_id=step_id,
                            code=code_,
                            actor_id=actor,
                            agency_id=agency_id or item.agency_id,
                            acted_at=_at(when, rng) if when != submitted_day else submitted_at,
                            public_note=note,
                            from_state=frm,
                            to_state=to,
                        )
                    )
                    ids[CaseAction] += 1
            with transaction.atomic():
                for model, rows in (
                    (Application, applications),
                    (Case, cases),
                    (CaseStep, steps),
                    (CasePause, pauses),
                    (SupplementItem, items),
                    (CaseAction, actions),
                ):
                    rows_insert(specs[model], rows)
            made += batch
            if made % (CASE_BATCH * 10) == 0 or made >= wanted:
                rate = made / max(0.001, time.perf_counter() - started)
                say(f"  data: cases {made:>8} / {wanted} written ({rate:,.0f} cases/s)")
    with transaction.atomic():
        CaseNumberSequence.objects.bulk_create(
            [CaseNumberSequence(prefix=p, day=d, last=n) for (p, d), n in serials.items()], batch_size=2000
        )
    say(f"  data: cases: {enc['encrypted']} distinct values encrypted, {enc['reused']} reused")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(
                no_style(), [Application, Case, CaseStep, CaseAction, CasePause, SupplementItem]
            ):
                cursor.execute(statement)
            for model in (Application, Case, CaseStep, CaseAction, CasePause, SupplementItem, CaseNumberSequence):
                cursor.execute(f'VACUUM ANALYZE "{model._meta.db_table}"')
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    ctx.made["case_counts"] = counts
    ctx.made["case_samples_busy"] = samples_busy
    ctx.samples["progress_lookups"] = samples_progress
    return made


busy_agency_states = ("submitted", "supplementing", "processing", "decided", "delivered", "rejected")


# --- samples for the staff scenarios ----------------------------------------------------------------------


def staff_samples(ctx: Any) -> int:
    """Inbox pages (with filters and a second page) and case pages, each as "<session key> <path>"."""
    from zwfw.cases.selectors.inbox import InboxFilters, inbox_filter_choices, inbox_page
    from zwfw.core import clock
    from zwfw.core.workdays import working_calendar
    from zwfw.org.models import Agency

    sessions = ctx.made.get("staff_sessions") or {}
    staff = ctx.made.get("staff") or {}
    if not sessions:
        return 0
    today = clock.today()
    calendar = working_calendar()
    requests: list[str] = []
    for (agency_id, role), key in sessions.items():
        if role == "decider":
            continue
        agency = Agency.objects.get(pk=agency_id)
        user = staff[(agency_id, role)]
        choices = inbox_filter_choices(agency)
        paths = [
            "/staff/cases/",
            "/staff/cases/?tab=doing",
            "/staff/cases/?tab=done",
            "/staff/cases/?due=overdue",
            "/staff/cases/?due=soon",
        ]
        paths.append("/staff/cases/?state=processing" if role == "examiner" else "/staff/cases/?state=submitted")
        for pk, _name in choices["items"][:2]:
            paths.append(f"/staff/cases/?item={pk}")
        if choices["townships"]:
            paths.append(f"/staff/cases/?township={choices['townships'][0][0]}")
        first = inbox_page(user=user, agency=agency, tab="todo", filters=InboxFilters(), today=today, calendar=calendar)
        if first.next_cursor:
            paths.append(f"/staff/cases/?after={first.next_cursor}")
        requests.extend(f"{key} {p}" for p in paths)
    ctx.rng.shuffle(requests)
    ctx.samples["inbox_requests"] = requests
    pages = []
    for number, agency_id in ctx.made.get("case_samples_busy", [])[:5000]:
        key = sessions.get((agency_id, "examiner"))
        if key:
            pages.append(f"{key} /staff/cases/{number}/")
    ctx.rng.shuffle(pages)
    ctx.samples["case_pages"] = pages[:500]
    return 0
