"""The applicant's case actions on /api/v1/ with a person's token: withdrawal (撤回) before a decision and the
supplement, each honouring ``Idempotency-Key`` (one effect per key; another request under the key is 409)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client

from zwfw.cases.choices import ActionCode, CaseState, DocumentKind
from zwfw.cases.models import Case, CaseAction
from zwfw.cases.services.handling import case_refuse, supplement_request
from zwfw.core.models import AuditEvent
from zwfw.notify.models import Message

from .test_api_cases import Journey, call, journey, ready_draft, upload  # noqa: F401 - journey is a fixture

pytestmark = pytest.mark.django_db


def submitted(client: Client, journey: Journey, token: str) -> Case:  # noqa: F811
    draft = ready_draft(client, journey, token)
    answer = call(client, "POST", f"/applications/{draft['id']}/submit", token, {}, **{"Idempotency-Key": "sub-1"})
    assert answer.status_code == 201, answer.content
    return Case.objects.get(number=answer.json()["number"])


def withdrawals(case: Case) -> int:
    return CaseAction.objects.filter(case=case, code=ActionCode.WITHDRAW).count()


def test_the_applicant_withdraws_before_a_decision_once_per_key(client, journey):  # noqa: F811
    wang = journey.personas.wang_jianjun
    token = journey.token(wang)
    case = submitted(client, journey, token)
    path = f"/cases/{case.number}/withdraw"
    progress = call(client, "GET", f"/cases/{case.number}", token).json()

    empty = call(client, "POST", path, token, {"reason": ""})
    assert empty.status_code == 422
    stale = call(client, "POST", path, token, {"reason": "不再需要", "lock_version": progress["lock_version"] + 1})
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    assert Case.objects.get(pk=case.pk).state == CaseState.SUBMITTED

    key = str(uuid.uuid4())
    body = {"reason": "已在其他地方办理，不再需要", "lock_version": progress["lock_version"]}
    first = call(client, "POST", path, token, body, **{"Idempotency-Key": key})
    assert first.status_code == 200, first.content
    answer = first.json()
    assert answer["state"]["code"] == CaseState.WITHDRAWN
    assert any(d["kind"]["code"] == DocumentKind.WITHDRAWAL_NOTICE for d in answer["documents"])
    assert answer["timeline"][-1]["title"] == "撤回"
    assert "张窗口" not in first.content.decode()
    # The applicant has the in-site message (the withdrawal notice to download in 我的办件).
    assert Message.objects.filter(recipient=wang, title="申请已撤回").exists()

    retry = call(client, "POST", path, token, body, **{"Idempotency-Key": key})
    assert retry.status_code == 200 and retry["Idempotent-Replayed"] == "true"
    assert retry.json() == answer
    other = call(client, "POST", path, token, {"reason": "另一个原因"}, **{"Idempotency-Key": key})
    assert other.status_code == 409 and other.json()["code"] == "idempotency_mismatch"
    again = call(client, "POST", path, token, {"reason": "再撤回一次"})
    assert again.status_code == 409 and again.json()["code"] == "illegal_transition"
    assert withdrawals(case) == 1
    assert AuditEvent.objects.filter(action="case.withdraw", outcome="success").count() == 1


def test_a_decided_or_refused_case_cannot_be_withdrawn(client, journey):  # noqa: F811
    token = journey.token(journey.personas.wang_jianjun)
    case = submitted(client, journey, token)
    case_refuse(actor=journey.clerk, case=case, lock_version=None, reason="不属于本机关职权范围")
    answer = call(client, "POST", f"/cases/{case.number}/withdraw", token, {"reason": "不再需要"})
    assert answer.status_code == 409 and answer.json()["code"] == "illegal_transition"
    assert "不能撤回" in answer.json()["detail"]
    assert Case.objects.get(pk=case.pk).state == CaseState.REJECTED and withdrawals(case) == 0
    refused = AuditEvent.objects.filter(action="case.withdraw", outcome="denied")
    assert refused.count() == 1 and refused.get().detail["channel"] == "api"


def test_nobody_else_can_withdraw_or_even_find_the_case(client, journey):  # noqa: F811
    token = journey.token(journey.personas.wang_jianjun)
    case = submitted(client, journey, token)
    outsider = journey.token(journey.personas.outsider)
    answer = call(client, "POST", f"/cases/{case.number}/withdraw", outsider, {"reason": "恶意撤回"})
    assert answer.status_code == 404
    assert call(client, "POST", "/cases/NOPE/withdraw", token, {"reason": "x"}).status_code == 404
    assert Case.objects.get(pk=case.pk).state == CaseState.SUBMITTED and withdrawals(case) == 0


def test_a_supplement_retried_with_its_key_is_submitted_once(client, journey):  # noqa: F811
    token = journey.token(journey.personas.wang_jianjun)
    case = submitted(client, journey, token)
    requirement = journey.version.materials.order_by("order").first()
    supplement_request(
        actor=journey.clerk,
        case=case,
        lock_version=None,
        items=[{"requirement": requirement, "name": requirement.name, "problem": "wrong", "note": "请上传签字版"}],
    )
    file_id = upload(client, token, name="签字的申请书.pdf").json()["id"]
    other_id = upload(client, token, name="另一份.pdf").json()["id"]
    path = f"/cases/{case.number}/supplement"
    key = str(uuid.uuid4())
    body: dict[str, Any] = {"materials": [{"requirement": requirement.pk, "upload": file_id}]}
    first = call(client, "POST", path, token, body, **{"Idempotency-Key": key})
    assert first.status_code == 200, first.content
    assert first.json()["state"]["code"] == CaseState.SUBMITTED
    retry = call(client, "POST", path, token, body, **{"Idempotency-Key": key})
    assert retry.status_code == 200 and retry["Idempotent-Replayed"] == "true"
    other = call(
        client,
        "POST",
        path,
        token,
        {"materials": [{"requirement": requirement.pk, "upload": other_id}]},
        **{"Idempotency-Key": key},
    )
    assert other.status_code == 409 and other.json()["code"] == "idempotency_mismatch"
    assert CaseAction.objects.filter(case=case, code=ActionCode.SUPPLEMENT).count() == 1
    assert case.application.materials.filter(upload_id=other_id).count() == 0


def test_the_openapi_document_describes_the_withdrawal(client):
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/cases/{number}/withdraw"]["post"]
    assert operation["summary"] == "撤回申请"
    assert any(p["name"] == "Idempotency-Key" for p in operation["parameters"])
    assert {"404", "409", "422"} <= set(operation["responses"])


def test_the_receipt_is_rendered_when_first_asked_for_and_again_if_its_file_is_gone(client, journey):  # noqa: F811
    token = journey.token(journey.personas.wang_jianjun)
    case = submitted(client, journey, token)
    listed = call(client, "GET", f"/cases/{case.number}", token).json()["documents"]
    receipt = next(d for d in listed if d["kind"]["code"] == DocumentKind.RECEIPT)
    stored = case.documents.get(kind=DocumentKind.RECEIPT)
    stored.file.delete(save=False)  # lost on disk
    again = call(client, "GET", receipt["api_url"].removeprefix("/api/v1"), token)
    assert again.status_code == 200 and b"".join(again.streaming_content).startswith(b"%PDF")
    assert case.documents.filter(kind=DocumentKind.RECEIPT).count() == 1
