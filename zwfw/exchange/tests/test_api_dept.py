"""Department systems on /api/v1/dept/: client-credentials tokens with cases.inbox / cases.handle, acting through
the client's service account so that the same permission rules apply as at the screen."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from zwfw.cases.choices import CaseState
from zwfw.cases.models import CaseAction
from zwfw.cases.tests.handling_builders import Freezer, case_submitted, item_published, staff, transport
from zwfw.core.models import AuditEvent
from zwfw.identity.oidc.services import client_service_user_set
from zwfw.identity.oidc.testing import machine_client
from zwfw.org.choices import Role
from zwfw.org.tests.factories import AgencyFactory

from .test_api_auth import bearer, machine_token

pytestmark = pytest.mark.django_db

BOTH = "cases.inbox cases.handle"


@pytest.fixture
def world(personas, calendar_2025_2026, settings, tmp_path, monkeypatch) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    Freezer(monkeypatch)
    bureau = transport()
    version = item_published(agency=bureau.agency)
    case = case_submitted(version, personas.zhao_min, organisation=personas.green_coop)
    system = staff(
        "jt_system", "交通运输局业务系统", (bureau.agency, Role.WINDOW_CLERK), (bureau.agency, Role.EXAMINER)
    )
    registered = machine_client(name="县交通运输局业务系统", scopes=["cases.inbox", "cases.handle"])
    client_service_user_set(actor=personas.gao_min, client=registered.client, user=system)
    return {"bureau": bureau, "version": version, "case": case, "system": system, "client": registered}


def post(client: Client, path: str, token: str, body: dict[str, Any] | None = None) -> Any:
    return client.post("/api/v1" + path, json.dumps(body or {}), content_type="application/json", **bearer(token))


def get(client: Client, path: str, token: str, **params: Any) -> Any:
    return client.get("/api/v1" + path, params, **bearer(token))


def test_a_client_without_a_service_account_is_refused(client, world):
    bare = machine_client(name="没有服务账号的系统", scopes=["cases.inbox"])
    answer = get(client, "/dept/inbox", machine_token(bare, "cases.inbox"))
    assert answer.status_code == 403
    assert answer.json()["code"] == "no_service_account" and "服务账号" in answer.json()["detail"]


def test_the_inbox_lists_the_service_accounts_active_steps_by_due_date(client, world):
    token = machine_token(world["client"], BOTH)
    answer = get(client, "/dept/inbox", token)
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["count"] == 1
    row = body["items"][0]
    assert row["case"] == world["case"].number and row["step_name"] == "受理" and row["claimed"] is False
    # The 受理 step's own 1 working day (the case's legal acceptance date stays 02-24).
    assert row["due_date"] == "2026-02-11" and row["lock_version"] == world["case"].lock_version
    assert get(client, "/dept/inbox", token, claimed="true").json()["count"] == 0
    unknown = get(client, "/dept/inbox", token, agency="nope")
    assert unknown.status_code == 422


def test_accept_claim_and_examine_as_the_service_account(client, world):
    token = machine_token(world["client"], BOTH)
    number = world["case"].number
    detail = get(client, f"/dept/cases/{number}", token).json()
    assert detail["applicant"] == "景泰县绿源枸杞种植专业合作社" and len(detail["materials"]) == 5

    stale = post(client, f"/dept/cases/{number}/accept", token, {"lock_version": detail["lock_version"] + 1})
    assert stale.status_code == 409 and stale.json()["code"] == "stale"

    accepted = post(
        client, f"/dept/cases/{number}/accept", token, {"lock_version": detail["lock_version"], "opinion": "材料齐全"}
    )
    assert accepted.status_code == 200, accepted.content
    body = accepted.json()
    assert body["state"]["code"] == CaseState.PROCESSING
    examine = next(s for s in body["steps"] if s["kind"]["code"] == "examine")
    assert examine["state"]["code"] == "active"

    claimed = post(client, f"/dept/steps/{examine['id']}/claim", token)
    assert claimed.status_code == 200, claimed.content
    done = post(
        client,
        f"/dept/steps/{examine['id']}/examine",
        token,
        {"lock_version": body["lock_version"], "outcome": "agree", "opinion": "符合条件"},
    )
    assert done.status_code == 200, done.content
    decide = next(s for s in done.json()["steps"] if s["kind"]["code"] == "decide")
    assert decide["state"]["code"] == "active"
    # The account is no decider: the service refuses as it refuses a person without the role.
    refused = post(
        client,
        f"/dept/cases/{number}/decide",
        token,
        {"decision": "approved", "reason": "符合条件", "legal_remedy": "可申请行政复议"},
    )
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    actors = set(
        CaseAction.objects.filter(case=world["case"]).exclude(actor=None).values_list("actor__username", flat=True)
    )
    assert actors == {"zhaomin", "jt_system"}
    assert AuditEvent.objects.filter(action="case.accept", actor_id=world["system"].pk).exists()


def test_an_illegal_transition_is_409(client, world):
    token = machine_token(world["client"], BOTH)
    number = world["case"].number
    post(client, f"/dept/cases/{number}/accept", token, {})
    again = post(client, f"/dept/cases/{number}/accept", token, {})
    assert again.status_code == 409 and again.json()["code"] == "illegal_transition"


def test_supplement_request_through_the_api(client, world):
    token = machine_token(world["client"], BOTH)
    number = world["case"].number
    requirement = world["version"].materials.order_by("order")[2]
    answer = post(
        client,
        f"/dept/cases/{number}/supplement-request",
        token,
        {
            "note": "请一次补齐",
            "items": [
                {"requirement": requirement.pk, "problem": "wrong", "note": "行驶证复印件不清晰"},
                {"name": "车辆照片", "problem": "missing", "note": "请补充车辆照片"},
            ],
        },
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["state"]["code"] == CaseState.SUPPLEMENTING
    assert [i["note"] for i in body["supplement"]["items"]] == ["行驶证复印件不清晰", "请补充车辆照片"]
    foreign = post(
        client,
        f"/dept/cases/{number}/supplement-request",
        token,
        {"items": [{"requirement": 999999, "problem": "missing"}]},
    )
    assert foreign.status_code == 422


def test_scopes_are_checked_per_endpoint(client, world):
    read_only = machine_token(world["client"], "cases.inbox")
    assert get(client, "/dept/inbox", read_only).status_code == 200
    refused = post(client, f"/dept/cases/{world['case'].number}/accept", read_only, {})
    assert refused.status_code == 403 and refused.json()["code"] == "insufficient_scope"


def test_another_agencys_system_sees_nothing_of_the_case(client, world):
    other = AgencyFactory(slug="zrzyj", name="景泰县自然资源局", short_name="县自然资源局")
    stranger = staff("zr_system", "自然资源局业务系统", (other, Role.WINDOW_CLERK), (other, Role.EXAMINER))
    registered = machine_client(name="县自然资源局业务系统", scopes=["cases.inbox", "cases.handle"])
    client_service_user_set(actor=None, client=registered.client, user=stranger)
    token = machine_token(registered, BOTH)
    assert get(client, "/dept/inbox", token).json()["count"] == 0
    number = world["case"].number
    assert get(client, f"/dept/cases/{number}", token).status_code == 404
    assert post(client, f"/dept/cases/{number}/accept", token, {}).status_code == 404
    step = world["case"].steps.order_by("order").first()
    assert post(client, f"/dept/steps/{step.pk}/claim", token).status_code == 404


def test_the_service_account_must_be_an_active_staff_account(personas, world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        client_service_user_set(actor=personas.gao_min, client=world["client"].client, user=personas.wang_jianjun)
    with pytest.raises(Exception) as refused:
        client_service_user_set(actor=personas.wang_jianjun, client=world["client"].client, user=None)
    assert "安全管理员" in str(refused.value)
