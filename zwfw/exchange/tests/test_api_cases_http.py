"""The case API over real HTTP (pytest-django's live_server) with real tokens from authlib:

- the mobile app (a public-facing client with PKCE) logs 王建军 in, creates a draft, uploads his files, and
  submits twice with the same ``Idempotency-Key`` as a phone on a bad line would: one case;
- a department's system gets a client-credentials token, reads its inbox and accepts the case as its
  service account.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from authlib.integrations.requests_client import OAuth2Session

from zwfw.cases.choices import CaseState
from zwfw.cases.models import Case
from zwfw.identity.oidc.services import client_service_user_set
from zwfw.identity.oidc.testing import client_for_rp, machine_client, session_cookie_for
from zwfw.identity.tests.test_oidc_flow import Provider
from zwfw.org.choices import Role
from zwfw.org.models import Membership

from .test_api_cases import APP_SCOPES, GOOD, PDF, journey  # noqa: F401 - journey is a fixture

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_app_and_a_department_system_over_http(live_server, journey):  # noqa: F811
    provider = Provider(live_server)
    api = live_server.url + "/api/v1"
    wang = journey.personas.wang_jianjun
    app = client_for_rp(name="景泰政务APP（HTTP）", port=18302, kind="mobile", scopes=APP_SCOPES)
    oauth, token, _flow = provider.login(app, session_cookie_for(wang), scope="openid profile cases")
    assert "cases" in token["scope"].split()

    code = journey.version.item.implementation_code
    draft = oauth.post(f"{api}/applications", json={"item": code}, headers={"Idempotency-Key": str(uuid.uuid4())})
    assert draft.status_code == 201, draft.text
    draft = draft.json()
    saved = oauth.patch(
        f"{api}/applications/{draft['id']}",
        json={"lock_version": draft["lock_version"], "data": GOOD, "centre": journey.centre.pk},
    )
    assert saved.status_code == 200, saved.text
    for requirement in saved.json()["requirements"]:
        if requirement["is_required"]:
            file = (f"{requirement['name']}.pdf", PDF, "application/pdf")
            stored = oauth.post(f"{api}/uploads", files={"file": file})
            assert stored.status_code == 201, stored.text
            added = oauth.post(
                f"{api}/applications/{draft['id']}/materials",
                json={"requirement": requirement["id"], "upload": stored.json()["id"]},
            )
            assert added.status_code == 201, added.text

    key = str(uuid.uuid4())
    first = oauth.post(f"{api}/applications/{draft['id']}/submit", json={}, headers={"Idempotency-Key": key})
    retry = oauth.post(f"{api}/applications/{draft['id']}/submit", json={}, headers={"Idempotency-Key": key})
    assert first.status_code == 201, first.text
    assert retry.status_code == 200 and retry.headers["Idempotent-Replayed"] == "true"
    assert retry.json()["number"] == first.json()["number"]
    assert Case.objects.filter(applicant=wang).count() == 1
    number = first.json()["number"]
    assert key not in first.url and first.json()["query_code"] not in first.url

    mine = oauth.get(f"{api}/cases/{number}")
    assert mine.status_code == 200 and mine.headers["Cache-Control"].count("no-store") == 1

    # The civil affairs bureau's system: a client-credentials token, acting as its service account.
    account = journey.clerk
    Membership.objects.create(user=account, agency=journey.personas.civil_affairs, role=Role.EXAMINER)
    machine = machine_client(name="县民政局业务系统", scopes=["cases.inbox", "cases.handle"])
    client_service_user_set(actor=journey.personas.gao_min, client=machine.client, user=account)
    system = OAuth2Session(machine.client_id, machine.secret, scope="cases.inbox cases.handle")
    system.fetch_token(provider.meta["token_endpoint"], grant_type="client_credentials")
    inbox = system.get(f"{api}/dept/inbox")
    assert inbox.status_code == 200, inbox.text
    row = next(r for r in inbox.json()["items"] if r["case"] == number)
    accepted = system.post(f"{api}/dept/cases/{number}/accept", json={"lock_version": row["lock_version"]})
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["state"]["code"] == CaseState.PROCESSING
    progress: Any = oauth.get(f"{api}/cases/{number}").json()
    assert [e["title"] for e in progress["timeline"]][:2] == ["申报", "受理"]
    assert "张窗口" not in str(progress)
