"""The department API's handling actions beyond acceptance — assign, special procedures, extension, terminate,
documents — and ``Idempotency-Key`` on every department action (client-credentials tokens as in
test_api_dept.py; test_api_dept_http.py runs the same over real HTTP).

For each action: it succeeds through its service; another agency's system gets 404 and a system of the same
agency without the role 403; an illegal transition or a stale ``lock_version`` is 409 and changes nothing; a retry
with the same key has one effect and answers the same; the same key with another request is 409
``idempotency_mismatch``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from zwfw.cases.choices import ActionCode, CaseState, DocumentKind
from zwfw.cases.models import Case, CaseAction, CaseStep
from zwfw.cases.services.handling import case_accept, case_decide, special_start, step_examine
from zwfw.cases.tests.handling_builders import Freezer, case_submitted, item_published, staff, transport
from zwfw.core.models import AuditEvent, IdempotencyRecord
from zwfw.exchange.api.schemas_cases import SpecialKind
from zwfw.identity.oidc.services import client_service_user_set
from zwfw.identity.oidc.testing import machine_client
from zwfw.notify.models import Message
from zwfw.org.choices import Role
from zwfw.org.tests.factories import AgencyFactory
from zwfw.workflow.choices import SPECIAL_PAUSE_KINDS, StepKind, StepState

from .test_api_auth import bearer, machine_token

pytestmark = pytest.mark.django_db

BOTH = "cases.inbox cases.handle"


@dataclass
class Desk:
    """县交通运输局 with its people, a submitted case of 绿源合作社, and three department systems."""

    personas: Any
    bureau: Any
    version: Any
    case: Any
    systems: dict[str, Any]  # the registered clients, to fetch new tokens after moving the clock

    def __post_init__(self) -> None:
        self.renew()

    def renew(self) -> None:
        """Fresh tokens (they live 10 minutes of the frozen clock)."""
        #: the bureau's system: clerk, examiner and decider
        self.token = machine_token(self.systems["token"], BOTH)
        #: the bureau's second system: clerk and examiner only
        self.junior = machine_token(self.systems["junior"], BOTH)
        #: 县自然资源局's system with every role there
        self.stranger = machine_token(self.systems["stranger"], BOTH)

    def fresh(self) -> Case:
        return Case.objects.get(pk=self.case.pk)

    def step(self, kind: str) -> CaseStep:
        return self.fresh().steps.get(kind=kind)

    # Bringing the case along through the services, as the bureau's staff at their screens.
    def accepted(self) -> Case:
        return case_accept(actor=self.bureau.clerk, case=self.fresh(), lock_version=None)

    def examined(self) -> Case:
        self.accepted()
        step_examine(
            actor=self.bureau.examiner,
            step=self.step(StepKind.EXAMINE),
            lock_version=None,
            outcome="agree",
            opinion="符合",
        )
        return self.fresh()

    def decided(self) -> Case:
        self.examined()
        return case_decide(
            actor=self.bureau.head, case=self.fresh(), lock_version=None, decision="approved", reason="符合条件"
        )

    def in_hearing(self) -> Case:
        self.accepted()
        special_start(actor=self.bureau.examiner, case=self.fresh(), kind="hearing", reason="涉及相邻权利人，举行听证")
        return self.fresh()


def _system(personas: Any, username: str, name: str, *grants: tuple[Any, str]) -> Any:
    account = staff(username, name, *grants)
    registered = machine_client(name=name, scopes=["cases.inbox", "cases.handle"])
    client_service_user_set(actor=personas.gao_min, client=registered.client, user=account)
    return registered


@pytest.fixture
def desk(personas, calendar_2025_2026, settings, tmp_path, monkeypatch) -> Desk:
    settings.MEDIA_ROOT = tmp_path
    Freezer(monkeypatch)  # 2026-02-10 10:00 in the county
    bureau = transport()
    version = item_published(agency=bureau.agency)
    case = case_submitted(version, personas.zhao_min, organisation=personas.green_coop)
    agency = bureau.agency
    other = AgencyFactory(slug="zrzyj", name="景泰县自然资源局", short_name="县自然资源局")
    return Desk(
        personas=personas,
        bureau=bureau,
        version=version,
        case=case,
        systems={
            "token": _system(
                personas,
                "jt_system",
                "县交通运输局业务系统",
                (agency, Role.WINDOW_CLERK),
                (agency, Role.EXAMINER),
                (agency, Role.DECIDER),
            ),
            "junior": _system(
                personas, "jt_system2", "县交通运输局窗口系统", (agency, Role.WINDOW_CLERK), (agency, Role.EXAMINER)
            ),
            "stranger": _system(
                personas,
                "zr_system",
                "县自然资源局业务系统",
                (other, Role.WINDOW_CLERK),
                (other, Role.EXAMINER),
                (other, Role.DECIDER),
            ),
        },
    )


def post(client: Client, path: str, token: str, body: dict[str, Any] | None = None, key: str | None = None) -> Any:
    headers = bearer(token)
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post("/api/v1" + path, json.dumps(body or {}), content_type="application/json", **headers)


def get(client: Client, path: str, token: str) -> Any:
    return client.get("/api/v1" + path, **bearer(token))


def actions(case: Case, code: str) -> int:
    return CaseAction.objects.filter(case=case, code=code).count()


# --- each action: success, the other agency, the role, illegal transitions -----------------------------------


def test_assign_a_step_to_a_colleague_as_the_decider(client, desk):
    desk.accepted()
    examine = desk.step(StepKind.EXAMINE)
    listed = get(client, f"/dept/steps/{examine.pk}/assignees", desk.token)
    assert listed.status_code == 200, listed.content
    usernames = [a["username"] for a in listed.json()]
    assert {"jt_examiner", "jt_examiner2"} <= set(usernames)
    assert {"username": "jt_examiner2", "name": "王芳"} in listed.json()

    answer = post(client, f"/dept/steps/{examine.pk}/assign", desk.token, {"assignee": "jt_examiner2"})
    assert answer.status_code == 200, answer.content
    row = next(s for s in answer.json()["steps"] if s["id"] == examine.pk)
    assert row["assignee"] == "jt_examiner2" and row["claimed"] is False  # the colleague still claims it
    assert CaseStep.objects.get(pk=examine.pk).assignee == desk.bureau.examiner2
    assert Message.objects.filter(recipient=desk.bureau.examiner2, title__contains="指派").exists()
    assert AuditEvent.objects.filter(action="case.step_assign", outcome="success").count() == 1

    # Somebody who does not hold the step's role there: 422 naming the field, nothing changes.
    clerk = post(client, f"/dept/steps/{examine.pk}/assign", desk.token, {"assignee": "jt_clerk"})
    assert clerk.status_code == 422 and clerk.json()["errors"][0]["field"] == "assignee"
    assert "jt_clerk" in clerk.json()["detail"] and "审查人员" in clerk.json()["detail"]
    assert actions(desk.case, ActionCode.ASSIGN) == 1


def test_assign_is_for_the_decider_and_for_active_steps_of_ones_own_agency(client, desk):
    desk.accepted()
    examine = desk.step(StepKind.EXAMINE)
    junior = post(client, f"/dept/steps/{examine.pk}/assign", desk.junior, {"assignee": "jt_examiner"})
    assert junior.status_code == 403 and junior.json()["code"] == "forbidden"
    assert "审批决定人" in junior.json()["detail"]
    stranger = post(client, f"/dept/steps/{examine.pk}/assign", desk.stranger, {"assignee": "jt_examiner"})
    assert stranger.status_code == 404
    assert get(client, f"/dept/steps/{examine.pk}/assignees", desk.stranger).status_code == 404
    finished = desk.step(StepKind.ACCEPT)
    done = post(client, f"/dept/steps/{finished.pk}/assign", desk.token, {"assignee": "jt_clerk"})
    assert done.status_code == 409 and done.json()["code"] == "illegal_transition"
    assert actions(desk.case, ActionCode.ASSIGN) == 0
    # The refusals are on record although the API's transaction rolled back.
    assert AuditEvent.objects.filter(action="case.step_assign", outcome="denied").count() == 2


def test_a_special_procedure_stops_the_clock_and_its_end_moves_the_due_dates(client, desk, monkeypatch):
    case = desk.accepted()
    legal_due = case.legal_due
    number = case.number
    started = post(
        client,
        f"/dept/cases/{number}/special-procedure/start",
        desk.token,
        {
            "kind": "expert_review",
            "reason": "车辆技术条件需专家评审",
            "legal_basis": "《行政许可法》第四十五条",
            "planned_end": "2026-02-20",
            "lock_version": case.lock_version,
        },
    )
    assert started.status_code == 200, started.content
    body = started.json()
    assert body["paused"]["code"] == "expert_review" and body["legal_due"] is None
    assert body["special"]["reason"] == "车辆技术条件需专家评审" and body["special"]["planned_end"] == "2026-02-20"
    assert body["actions"]["special_end"] is True and body["actions"]["special_start"] is False
    assert body["actions"]["examine"] == []  # nothing but its end while the clock is stopped

    again = post(
        client, f"/dept/cases/{number}/special-procedure/start", desk.token, {"kind": "hearing", "reason": "听证"}
    )
    assert again.status_code == 409 and again.json()["code"] == "paused"

    freezer = Freezer(monkeypatch)
    freezer.at(2026, 2, 17)  # a week later, in the Spring Festival holiday (02-14 is a make-up working day)
    desk.renew()
    stale = post(
        client,
        f"/dept/cases/{number}/special-procedure/end",
        desk.token,
        {"result": "专家评审通过", "lock_version": case.lock_version},
    )
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    ended = post(
        client,
        f"/dept/cases/{number}/special-procedure/end",
        desk.token,
        {"result": "专家评审通过", "lock_version": body["lock_version"]},
    )
    assert ended.status_code == 200, ended.content
    after = ended.json()
    assert after["paused"] is None and after["special"] is None
    assert after["legal_due"] > legal_due.isoformat()  # the paused days are not counted
    assert actions(desk.case, ActionCode.SPECIAL_START) == 1 and actions(desk.case, ActionCode.SPECIAL_END) == 1
    none_open = post(client, f"/dept/cases/{number}/special-procedure/end", desk.token, {"result": "再次结束"})
    assert none_open.status_code == 409 and none_open.json()["code"] == "illegal_transition"


def test_special_procedures_of_another_agency_or_before_acceptance_are_refused(client, desk):
    number = desk.case.number
    body = {"kind": "inspection", "reason": "现场核查车辆"}
    assert post(client, f"/dept/cases/{number}/special-procedure/start", desk.stranger, body).status_code == 404
    early = post(client, f"/dept/cases/{number}/special-procedure/start", desk.token, body)
    assert early.status_code in (403, 409), early.content  # nobody examines or decides before acceptance
    assert (
        post(client, f"/dept/cases/{number}/special-procedure/end", desk.stranger, {"result": "x"}).status_code == 404
    )
    unknown = post(client, f"/dept/cases/{number}/special-procedure/start", desk.token, {**body, "kind": "nap"})
    assert unknown.status_code == 422
    assert desk.fresh().paused_kind == "" and actions(desk.case, ActionCode.SPECIAL_START) == 0


def test_the_special_procedure_kinds_of_the_schema_are_the_workflows():
    assert set(SpecialKind.__args__) == set(SPECIAL_PAUSE_KINDS)


def test_the_decider_extends_once_with_a_reason_told_to_the_applicant(client, desk):
    case = desk.accepted()
    number = case.number
    before = case.legal_due
    early = post(client, f"/dept/cases/{desk.case.number}/extend", desk.junior, {"days": 5, "reason": "情况复杂"})
    assert early.status_code == 403 and "负责人" in early.json()["detail"]
    assert post(client, f"/dept/cases/{number}/extend", desk.stranger, {"days": 5, "reason": "x"}).status_code == 404
    too_many = post(client, f"/dept/cases/{number}/extend", desk.token, {"days": 12, "reason": "情况复杂"})
    assert too_many.status_code == 422 and "10" in too_many.json()["detail"]
    stale = post(
        client,
        f"/dept/cases/{number}/extend",
        desk.token,
        {"days": 5, "reason": "情况复杂", "lock_version": case.lock_version + 1},
    )
    assert stale.status_code == 409 and stale.json()["code"] == "stale"

    answer = post(
        client,
        f"/dept/cases/{number}/extend",
        desk.token,
        {"days": 10, "reason": "需要对全部车辆逐一核查", "lock_version": case.lock_version},
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["extension_days"] == 10 and body["extension_reason"] == "需要对全部车辆逐一核查"
    assert body["legal_due"] > before.isoformat()
    assert body["actions"]["extend"] is False
    notice = next(d for d in body["documents"] if d["kind"]["code"] == DocumentKind.EXTENSION_NOTICE)
    assert notice["public"] is True
    assert Message.objects.filter(recipient=desk.personas.zhao_min, title="办理期限延长").exists()

    twice = post(client, f"/dept/cases/{number}/extend", desk.token, {"days": 2, "reason": "再延"})
    assert twice.status_code == 409 and twice.json()["code"] == "already_extended"
    assert actions(desk.case, ActionCode.EXTEND) == 1


def test_extension_before_acceptance_is_an_illegal_transition(client, desk):
    answer = post(client, f"/dept/cases/{desk.case.number}/extend", desk.token, {"days": 5, "reason": "情况复杂"})
    assert answer.status_code == 409 and answer.json()["code"] == "illegal_transition"
    assert desk.fresh().extension_days == 0


def test_terminate_with_reasons(client, desk):
    number = desk.case.number
    submitted = post(client, f"/dept/cases/{number}/terminate", desk.token, {"reason": "申请人已注销"})
    assert submitted.status_code == 409 and submitted.json()["code"] == "illegal_transition"
    case = desk.accepted()
    assert post(client, f"/dept/cases/{number}/terminate", desk.stranger, {"reason": "x"}).status_code == 404
    stale = post(client, f"/dept/cases/{number}/terminate", desk.token, {"reason": "x", "lock_version": 1})
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    answer = post(
        client,
        f"/dept/cases/{number}/terminate",
        desk.token,
        {"reason": "申请单位已注销，无法继续办理", "lock_version": case.lock_version},
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["state"]["code"] == CaseState.TERMINATED and body["closed_at"]
    assert any(d["kind"]["code"] == DocumentKind.TERMINATION_NOTICE for d in body["documents"])
    assert all(s["state"]["code"] != StepState.ACTIVE for s in body["steps"])
    again = post(client, f"/dept/cases/{number}/terminate", desk.token, {"reason": "再次终止"})
    assert again.status_code == 409 and again.json()["code"] == "illegal_transition"
    assert actions(desk.case, ActionCode.TERMINATE) == 1


def test_decide_makes_the_result_document_and_delivery_by_post_needs_a_tracking_number(client, desk):
    desk.examined()
    number = desk.case.number
    decided = post(
        client,
        f"/dept/cases/{number}/decide",
        desk.token,
        {"decision": "approved", "reason": "符合条件", "result_number": "甘交运管许可景字620423000123号"},
    )
    assert decided.status_code == 200, decided.content
    body = decided.json()
    assert body["decision"]["code"] == "approved" and body["result_number"] == "甘交运管许可景字620423000123号"
    result = next(d for d in body["documents"] if d["kind"]["code"] == DocumentKind.DECISION)
    pdf = client.get(result["api_url"], **bearer(desk.token))
    assert pdf.status_code == 200 and pdf["Content-Disposition"].startswith("attachment")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert client.get(result["api_url"], **bearer(desk.stranger)).status_code == 404
    assert get(client, f"/dept/cases/{number}/documents/999999", desk.token).status_code == 404

    untracked = post(client, f"/dept/cases/{number}/deliver", desk.token, {"method": "post"})
    assert untracked.status_code == 422 and "邮件单号" in untracked.json()["detail"]
    delivered = post(
        client, f"/dept/cases/{number}/deliver", desk.token, {"method": "post", "tracking_number": "SF1234567890"}
    )
    assert delivered.status_code == 200, delivered.content
    body = delivered.json()
    assert body["state"]["code"] == CaseState.DELIVERED and body["tracking_number"] == "SF1234567890"
    assert body["delivery_method"]["code"] == "post" and body["delivered_at"]
    twice = post(client, f"/dept/cases/{number}/deliver", desk.token, {"method": "window"})
    assert twice.status_code == 409 and twice.json()["code"] == "illegal_transition"


def test_the_case_says_what_the_service_account_may_do_now(client, desk):
    number = desk.case.number
    fresh = get(client, f"/dept/cases/{number}", desk.token).json()["actions"]
    accept_step = desk.step(StepKind.ACCEPT)
    assert fresh["accept"] is True and fresh["supplement_request"] is True and fresh["claim"] == [accept_step.pk]
    assert fresh["extend"] is False and fresh["decide"] is False
    desk.accepted()
    examine = desk.step(StepKind.EXAMINE)
    head = get(client, f"/dept/cases/{number}", desk.token).json()["actions"]
    assert head["examine"] == [examine.pk] and head["assign"] == [examine.pk]
    assert head["extend"] is True and head["extend_max"] == 10 and head["terminate"] is True
    junior = get(client, f"/dept/cases/{number}", desk.junior).json()["actions"]
    assert junior["assign"] == [] and junior["extend"] is False and junior["examine"] == [examine.pk]


# --- Idempotency-Key on every department action -------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    code: str
    prepare: Callable[[Desk], str]  # brings the case there, returns the path
    body: dict[str, Any] | None
    other: dict[str, Any] | None  # another request under the same key


def _case_path(end: str, before: Callable[[Desk], Any] | None = None) -> Callable[[Desk], str]:
    def prepare(desk: Desk) -> str:
        if before is not None:
            before(desk)
        return f"/dept/cases/{desk.case.number}/{end}"

    return prepare


def _step_path(end: str) -> Callable[[Desk], str]:
    def prepare(desk: Desk) -> str:
        desk.accepted()
        return f"/dept/steps/{desk.step(StepKind.EXAMINE).pk}/{end}"

    return prepare


ACTIONS = {
    "accept": Action(ActionCode.ACCEPT, _case_path("accept"), {"opinion": "材料齐全"}, {"opinion": "同意受理"}),
    "refuse": Action(ActionCode.REFUSE, _case_path("refuse"), {"reason": "不属于本机关职权"}, {"reason": "材料虚假"}),
    "supplement-request": Action(
        ActionCode.SUPPLEMENT_REQUEST,
        _case_path("supplement-request"),
        {"items": [{"name": "车辆照片", "problem": "missing", "note": "请补充车辆照片"}]},
        {"items": [{"name": "车辆照片", "problem": "missing", "note": "请补充两张车辆照片"}]},
    ),
    "claim": Action(ActionCode.CLAIM, _step_path("claim"), None, None),  # no body: see "elsewhere" below
    "assign": Action(
        ActionCode.ASSIGN, _step_path("assign"), {"assignee": "jt_examiner"}, {"assignee": "jt_examiner2"}
    ),
    "examine": Action(
        ActionCode.EXAMINE,
        _step_path("examine"),
        {"outcome": "agree", "opinion": "符合条件"},
        {"outcome": "disagree", "opinion": "不符合"},
    ),
    "special-start": Action(
        ActionCode.SPECIAL_START,
        _case_path("special-procedure/start", Desk.accepted),
        {"kind": "hearing", "reason": "举行听证"},
        {"kind": "inspection", "reason": "现场勘验"},
    ),
    "special-end": Action(
        ActionCode.SPECIAL_END,
        _case_path("special-procedure/end", Desk.in_hearing),
        {"result": "听证结束"},
        {"result": "听证结束，同意"},
    ),
    "extend": Action(
        ActionCode.EXTEND,
        _case_path("extend", Desk.accepted),
        {"days": 5, "reason": "情况复杂"},
        {"days": 6, "reason": "情况复杂"},
    ),
    "decide": Action(
        ActionCode.DECIDE,
        _case_path("decide", Desk.examined),
        {"decision": "approved", "reason": "符合条件"},
        {"decision": "denied", "reason": "不符合条件"},
    ),
    "deliver": Action(
        ActionCode.DELIVER,
        _case_path("deliver", Desk.decided),
        {"method": "post", "tracking_number": "SF100"},
        {"method": "post", "tracking_number": "SF101"},
    ),
    "terminate": Action(
        ActionCode.TERMINATE, _case_path("terminate", Desk.accepted), {"reason": "申请人死亡"}, {"reason": "其他"}
    ),
}


@pytest.mark.parametrize("name", list(ACTIONS))
def test_a_retry_with_the_same_key_has_one_effect_and_another_request_is_refused(client, desk, name):
    action = ACTIONS[name]
    path = action.prepare(desk)
    key = str(uuid.uuid4())
    documents = desk.fresh().documents.count()
    first = post(client, path, desk.token, action.body, key=key)
    assert first.status_code == 200, first.content
    assert "Idempotent-Replayed" not in first
    made = desk.fresh().documents.count()

    retry = post(client, path, desk.token, action.body, key=key)
    assert retry.status_code == 200, retry.content
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()
    assert actions(desk.case, action.code) == 1
    assert desk.fresh().documents.count() == made >= documents

    if action.other is not None:
        other = post(client, path, desk.token, action.other, key=key)
        assert other.status_code == 409 and other.json()["code"] == "idempotency_mismatch"
        assert "幂等键" in other.json()["detail"]
    # One key names one request across every department endpoint of this client.
    elsewhere = post(client, f"/dept/cases/{desk.case.number}/accept", desk.token, {"opinion": "x"}, key=key)
    assert elsewhere.status_code == 409 and elsewhere.json()["code"] == "idempotency_mismatch"
    assert actions(desk.case, action.code) == 1
    assert IdempotencyRecord.objects.filter(scope="cases.dept_action", key=key).count() == 1


def test_keys_are_per_client_and_a_refused_action_records_nothing_under_its_key(client, desk):
    number = desk.case.number
    key = "same-key-1"
    refused = post(client, f"/dept/cases/{number}/extend", desk.token, {"days": 5, "reason": "情况复杂"}, key=key)
    assert refused.status_code == 409  # not yet accepted
    assert not IdempotencyRecord.objects.filter(key=key).exists()
    # The refusal is on record although the API's transaction rolled back.
    denied = AuditEvent.objects.filter(action="case.extend", outcome="denied")
    assert denied.count() == 1 and denied.get().detail["channel"] == "api"
    # The same key may be used again once the request can succeed, and by another client for its own request.
    accepted = post(client, f"/dept/cases/{number}/accept", desk.token, {}, key=key)
    assert accepted.status_code == 200, accepted.content
    clerk = post(client, f"/dept/steps/{desk.step(StepKind.EXAMINE).pk}/claim", desk.junior, key=key)
    assert clerk.status_code == 200 and "Idempotent-Replayed" not in clerk
    assert IdempotencyRecord.objects.filter(key=key).count() == 2
    bad = post(client, f"/dept/cases/{number}/terminate", desk.token, {"reason": "x"}, key="键")
    assert bad.status_code == 422 and bad.json()["code"] == "idempotency_key"


def test_the_openapi_document_lists_every_department_action_with_the_key(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for end in (
        "cases/{number}/accept",
        "cases/{number}/refuse",
        "cases/{number}/supplement-request",
        "steps/{step_id}/claim",
        "steps/{step_id}/assign",
        "steps/{step_id}/examine",
        "cases/{number}/special-procedure/start",
        "cases/{number}/special-procedure/end",
        "cases/{number}/extend",
        "cases/{number}/decide",
        "cases/{number}/deliver",
        "cases/{number}/terminate",
    ):
        operation = paths[f"/api/v1/dept/{end}"]["post"]
        assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" for p in operation["parameters"]), end
        assert {"403", "404", "409", "422"} <= set(operation["responses"]), end
        assert "Idempotency-Key" in operation["description"], end
    assert "get" in paths["/api/v1/dept/cases/{number}/documents/{document_id}"]
    assert "get" in paths["/api/v1/dept/steps/{step_id}/assignees"]


# --- the actions with attachments (multipart: payload + attachments) --------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def post_files(
    client: Client,
    path: str,
    token: str,
    body: dict[str, Any] | None,
    files: list[tuple[str, bytes]],
    key: str | None = None,
    payload: str | None = None,
) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    data: dict[str, Any] = {
        "payload": payload if payload is not None else json.dumps(body or {}),
        "attachments": [SimpleUploadedFile(n, c, content_type="application/octet-stream") for n, c in files],
    }
    headers = bearer(token)
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post(f"/api/v1{path}/with-attachments", data, **headers)


WITH_ATTACHMENTS = [name for name in ACTIONS if name not in ("claim", "assign")]


@pytest.mark.parametrize("name", WITH_ATTACHMENTS)
def test_every_action_with_an_opinion_takes_attachments_kept_from_the_applicant(client, desk, name):
    action = ACTIONS[name]
    path = action.prepare(desk)
    answer = post_files(client, path, desk.token, action.body, [(f"{name}-记录.pdf", PDF)])
    assert answer.status_code == 200, answer.content
    recorded = CaseAction.objects.get(case=desk.case, code=action.code)
    attachment = desk.fresh().documents.get(kind=DocumentKind.ATTACHMENT)
    assert attachment.action_id == recorded.pk and attachment.is_public is False
    listed = next(d for d in answer.json()["documents"] if d["id"] == attachment.pk)
    assert listed["public"] is False and listed["title"].startswith(f"{name}-记录")


def test_attachments_are_checked_retried_once_and_refused_for_other_agencies(client, desk):
    desk.accepted()
    path = f"/dept/steps/{desk.step(StepKind.EXAMINE).pk}/examine"
    body = {"outcome": "agree", "opinion": "现场核查符合要求"}
    assert post_files(client, path, desk.stranger, body, [("核查记录.pdf", PDF)]).status_code == 404
    wrong = post_files(client, path, desk.token, body, [("核查记录.pdf", b"just text, not a PDF")])
    assert wrong.status_code == 422, wrong.content
    broken = post_files(client, path, desk.token, None, [("核查记录.pdf", PDF)], payload="{not json")
    assert broken.status_code == 422 and broken.json()["errors"][0]["field"] == "payload"
    bad = post_files(client, path, desk.token, {"outcome": "maybe", "opinion": "x"}, [("核查记录.pdf", PDF)])
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "payload.outcome"
    assert actions(desk.case, ActionCode.EXAMINE) == 0 and not desk.fresh().documents.filter(kind="attachment").exists()

    key = str(uuid.uuid4())
    first = post_files(client, path, desk.token, body, [("现场核查记录.pdf", PDF)], key=key)
    assert first.status_code == 200, first.content
    attachment = next(d for d in first.json()["documents"] if d["kind"]["code"] == DocumentKind.ATTACHMENT)
    download = client.get(attachment["api_url"], **bearer(desk.token))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    retry = post_files(client, path, desk.token, body, [("现场核查记录.pdf", PDF)], key=key)
    assert retry.status_code == 200 and retry["Idempotent-Replayed"] == "true"
    other = post_files(client, path, desk.token, body, [("现场核查记录.pdf", PDF + b"\n")], key=key)
    assert other.status_code == 409 and other.json()["code"] == "idempotency_mismatch"
    assert actions(desk.case, ActionCode.EXAMINE) == 1
    assert desk.fresh().documents.filter(kind=DocumentKind.ATTACHMENT).count() == 1
    done = post_files(client, path, desk.token, body, [("第二份.pdf", PDF)])
    assert done.status_code == 409 and done.json()["code"] == "illegal_transition"


# --- the worklist: 待办 / 在办 / 已办 as on the staff inbox ------------------------------------------------------


def test_the_worklist_has_the_staff_inboxs_tabs_deadlines_filters_and_cursor(client, desk):
    second = case_submitted(desk.version, desk.personas.zhao_min, organisation=desk.personas.green_coop)
    todo = get(client, "/dept/worklist/todo", desk.token)
    assert todo.status_code == 200, todo.content
    body = todo.json()
    assert body["agency"] == "jtj" and body["counts"] == {"todo": "2", "doing": "0", "done": "0"}
    row = body["items"][0]
    assert row["step_name"] == "受理" and row["claimed"] is False and row["due_date"] == "2026-02-11"
    assert row["remaining"] == 1 and row["level"]["code"] in ("normal", "warning")

    first_page = client.get("/api/v1/dept/worklist/todo", {"page_size": 1}, **bearer(desk.token)).json()
    assert len(first_page["items"]) == 1 and first_page["next"]
    rest = client.get(
        "/api/v1/dept/worklist/todo", {"page_size": 1, "after": first_page["next"]}, **bearer(desk.token)
    ).json()
    assert [r["case"] for r in first_page["items"] + rest["items"]] == [r["case"] for r in body["items"]]
    assert {r["case"] for r in body["items"]} == {desk.case.number, second.number}
    assert rest["next"] is None

    accept = desk.step(StepKind.ACCEPT)
    post(client, f"/dept/steps/{accept.pk}/claim", desk.token)
    doing = get(client, "/dept/worklist/doing", desk.token).json()
    assert [r["step"] for r in doing["items"]] == [accept.pk] and doing["items"][0]["assignee"] == "jt_system"
    post(client, f"/dept/cases/{desk.case.number}/accept", desk.token, {"opinion": "材料齐全"})
    done = get(client, "/dept/worklist/done", desk.token).json()
    assert [r["step"] for r in done["items"]] == [accept.pk]
    assert done["items"][0]["outcome"] == "同意" and done["items"][0]["finished_at"]
    # The examination now waits in 待办 (the account is an examiner too), next to the second case's acceptance.
    kinds = {r["step_kind"]["code"] for r in get(client, "/dept/worklist/todo", desk.token).json()["items"]}
    assert kinds == {"accept", "examine"}

    code = desk.version.item.implementation_code
    filtered = client.get(
        "/api/v1/dept/worklist/todo", {"item": code, "state": "processing"}, **bearer(desk.token)
    ).json()
    assert [r["case"] for r in filtered["items"]] == [desk.case.number]
    assert client.get("/api/v1/dept/worklist/todo", {"due": "overdue"}, **bearer(desk.token)).json()["items"] == []
    for bad in ({"item": "NOPE"}, {"township": "999"}, {"state": "withdrawn"}, {"due": "later"}, {"agency": "zrzyj"}):
        answer = client.get("/api/v1/dept/worklist/todo", bad, **bearer(desk.token))
        assert answer.status_code == 422, (bad, answer.content)
    assert get(client, "/dept/worklist/elsewhere", desk.token).status_code == 422
    # Another agency's system sees nothing of the bureau's work.
    assert get(client, "/dept/worklist/todo", desk.stranger).json()["items"] == []
