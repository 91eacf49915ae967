"""The handling actions over real HTTP (pytest-django's ``live_server``) with real tokens from authlib:

- 县交通运输局's system (client credentials, its service account holds the clerk, examiner and decider roles)
  takes a case from acceptance through a special procedure, an extension, the examination (with an attachment,
  multipart), the decision (its result document downloaded) to delivery by post, retrying requests with their
  ``Idempotency-Key`` as a system on a bad line would: one effect each; another agency's system finds nothing;
- the mobile app (authorization code + PKCE) withdraws 王建军's application, retried with its key.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from authlib.integrations.requests_client import OAuth2Session

from zwfw.cases.choices import ActionCode, CaseState
from zwfw.cases.models import Case, CaseAction
from zwfw.cases.tests.handling_builders import Freezer, case_submitted, item_published, staff, transport
from zwfw.identity.oidc.services import client_service_user_set
from zwfw.identity.oidc.testing import client_for_rp, machine_client, session_cookie_for
from zwfw.identity.tests.test_oidc_flow import Provider
from zwfw.org.choices import Role
from zwfw.org.tests.factories import AgencyFactory
from zwfw.workflow.choices import StepKind

from .test_api_cases import APP_SCOPES, PDF, journey, ready_draft  # noqa: F401 - journey is a fixture

pytestmark = pytest.mark.django_db(transaction=True)

SCOPES = "cases.inbox cases.handle"


def system_session(provider: Provider, personas: Any, username: str, name: str, *grants: tuple[Any, str]) -> Any:
    account = staff(username, name, *grants)
    registered = machine_client(name=name, scopes=SCOPES.split())
    client_service_user_set(actor=personas.gao_min, client=registered.client, user=account)
    session = OAuth2Session(registered.client_id, registered.secret, scope=SCOPES)
    session.fetch_token(provider.meta["token_endpoint"], grant_type="client_credentials")
    return session


def test_a_department_system_handles_a_case_to_delivery_over_http(
    live_server, personas, calendar_2025_2026, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    Freezer(monkeypatch)
    bureau = transport()
    version = item_published(agency=bureau.agency)
    case = case_submitted(version, personas.zhao_min, organisation=personas.green_coop)
    provider = Provider(live_server)
    api = live_server.url + "/api/v1/dept"
    agency = bureau.agency
    grants = ((agency, Role.WINDOW_CLERK), (agency, Role.EXAMINER), (agency, Role.DECIDER))
    system = system_session(provider, personas, "jt_system", "县交通运输局业务系统", *grants)
    other = AgencyFactory(slug="zrzyj", name="景泰县自然资源局", short_name="县自然资源局")
    stranger = system_session(
        provider, personas, "zr_system", "县自然资源局业务系统", (other, Role.EXAMINER), (other, Role.DECIDER)
    )
    number = case.number

    def act(path: str, body: dict[str, Any], *, retries: int = 1) -> dict[str, Any]:
        """POST with a fresh key, then the same request again ``retries`` times: the same answer, replayed."""
        key = str(uuid.uuid4())
        first = system.post(f"{api}{path}", json=body, headers={"Idempotency-Key": key})
        assert first.status_code == 200, (path, first.text)
        for _ in range(retries):
            again = system.post(f"{api}{path}", json=body, headers={"Idempotency-Key": key})
            assert again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true", (path, again.text)
            assert again.json() == first.json()
        assert stranger.post(f"{api}{path}", json=body).status_code == 404
        return first.json()

    detail = system.get(f"{api}/cases/{number}").json()
    body = act(f"/cases/{number}/accept", {"lock_version": detail["lock_version"], "opinion": "材料齐全"}, retries=2)
    assert body["state"]["code"] == CaseState.PROCESSING
    body = act(f"/cases/{number}/special-procedure/start", {"kind": "inspection", "reason": "现场核查车辆"})
    assert body["paused"]["code"] == "inspection"
    body = act(f"/cases/{number}/special-procedure/end", {"result": "车辆符合要求"})
    assert body["paused"] is None
    body = act(
        f"/cases/{number}/extend", {"days": 5, "reason": "需核查的车辆较多", "lock_version": body["lock_version"]}
    )
    assert body["extension_days"] == 5
    examine = next(s for s in body["steps"] if s["kind"]["code"] == StepKind.EXAMINE)
    # The examination with the inspection record attached: multipart over the wire, retried with its key.
    key = str(uuid.uuid4())
    form = {"payload": json.dumps({"outcome": "agree", "opinion": "符合条件"})}
    for _ in range(2):
        sent = system.post(
            f"{api}/steps/{examine['id']}/examine/with-attachments",
            data=form,
            files={"attachments": ("现场核查记录.pdf", PDF, "application/pdf")},
            headers={"Idempotency-Key": key},
        )
        assert sent.status_code == 200, sent.text
    assert sent.headers["Idempotent-Replayed"] == "true"
    body = sent.json()
    assert [d["public"] for d in body["documents"] if d["kind"]["code"] == "attachment"] == [False]
    body = act(f"/cases/{number}/decide", {"decision": "approved", "reason": "符合条件", "result_number": "JT-001"})
    assert body["state"]["code"] == CaseState.DECIDED
    result = next(d for d in body["documents"] if d["kind"]["code"] == "decision")
    pdf = system.get(live_server.url + result["api_url"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert stranger.get(live_server.url + result["api_url"]).status_code == 404
    # The same key for another request: refused, nothing happens.
    key = str(uuid.uuid4())
    sent = system.post(
        f"{api}/cases/{number}/deliver",
        json={"method": "post", "tracking_number": "SF1234567890"},
        headers={"Idempotency-Key": key},
    )
    assert sent.status_code == 200, sent.text
    changed = system.post(
        f"{api}/cases/{number}/deliver",
        json={"method": "post", "tracking_number": "SF0000000000"},
        headers={"Idempotency-Key": key},
    )
    assert changed.status_code == 409 and changed.json()["code"] == "idempotency_mismatch"
    final = Case.objects.get(pk=case.pk)
    assert final.state == CaseState.DELIVERED and final.tracking_number == "SF1234567890"
    codes = list(CaseAction.objects.filter(case=case).values_list("code", flat=True))
    for code in (
        ActionCode.ACCEPT,
        ActionCode.SPECIAL_START,
        ActionCode.EXTEND,
        ActionCode.EXAMINE,
        ActionCode.DECIDE,
        ActionCode.DELIVER,
    ):
        assert codes.count(code) == 1, (code, codes)


def test_the_app_withdraws_an_application_over_http(live_server, journey):  # noqa: F811
    from django.test import Client

    provider = Provider(live_server)
    api = live_server.url + "/api/v1"
    wang = journey.personas.wang_jianjun
    draft = ready_draft(Client(), journey, journey.token(wang))
    app = client_for_rp(name="景泰政务APP（撤回）", port=18303, kind="mobile", scopes=APP_SCOPES)
    oauth, _token, _flow = provider.login(app, session_cookie_for(wang), scope="openid profile cases")
    number = oauth.post(
        f"{api}/applications/{draft['id']}/submit", json={}, headers={"Idempotency-Key": str(uuid.uuid4())}
    ).json()["number"]
    key = str(uuid.uuid4())
    body = {"reason": "信息填写有误，重新申请"}
    first = oauth.post(f"{api}/cases/{number}/withdraw", json=body, headers={"Idempotency-Key": key})
    retry = oauth.post(f"{api}/cases/{number}/withdraw", json=body, headers={"Idempotency-Key": key})
    assert first.status_code == 200, first.text
    assert retry.status_code == 200 and retry.headers["Idempotent-Replayed"] == "true"
    assert first.json()["state"]["code"] == CaseState.WITHDRAWN
    case = Case.objects.get(number=number)
    assert CaseAction.objects.filter(case=case, code=ActionCode.WITHDRAW).count() == 1
    assert key not in first.url and "no-store" in first.headers["Cache-Control"]
