"""The mobile app's applicant journey on /api/v1/ with a person's token (scope ``cases``): drafts, files,
submission with Idempotency-Key, my cases, progress, documents, supplement.

Tokens come from the real provider endpoints (/o/authorize/ with PKCE, /o/token/) as in test_api_auth.py;
test_api_cases_http.py runs the same journey over real HTTP against ``live_server`` with authlib.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from zwfw.cases.choices import CaseState
from zwfw.cases.models import Application, Case
from zwfw.cases.tests.handling_builders import FREIGHT_STEPS, Freezer, item_published
from zwfw.catalog.models import ItemVersion
from zwfw.catalog.tests.builders import dibao_data
from zwfw.core.models import AuditEvent, IdempotencyRecord
from zwfw.identity.oidc.testing import client_for_rp
from zwfw.org.choices import CentreKind, Role
from zwfw.org.models import Membership, ServiceCentre
from zwfw.org.tests.factories import jingtai_county

from .test_api_auth import bearer, machine_token, user_token

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
FORM = {
    "fields": [
        {
            "name": "applicant_name",
            "label": "申请人姓名",
            "type": "text",
            "required": True,
            "prefill": "applicant.name",
        },
        {
            "name": "household_size",
            "label": "共同生活家庭人口",
            "type": "integer",
            "required": True,
            "min": 1,
            "max": 20,
        },
        {"name": "promise", "label": "本人承诺所填内容真实", "type": "boolean", "required": True},
    ]
}
GOOD = {"applicant_name": "王建军", "household_size": "3", "promise": "on"}
APP_SCOPES = ["openid", "profile", "cases"]


@dataclass
class Journey:
    personas: Any
    version: Any
    app: Any
    centre: Any
    clerk: Any

    def token(self, person: Any, scope: str = "openid profile cases") -> str:
        return user_token(person, self.app, scope)


def online_version(personas: Any) -> Any:
    version = item_published(
        agency=personas.civil_affairs,
        name="最低生活保障审批",
        basic_code="000205001000",
        steps=FREIGHT_STEPS,
        materials=dibao_data()["materials"],
    )
    ItemVersion.objects.filter(pk=version.pk).update(application_form=FORM)
    version.refresh_from_db()
    return version


@pytest.fixture
def journey(personas, calendar_2025_2026, settings, tmp_path, monkeypatch) -> Journey:
    settings.MEDIA_ROOT = tmp_path
    Freezer(monkeypatch)  # 2026-02-10 10:00 in the county
    centre = ServiceCentre.objects.create(
        name="景泰县政务服务中心",
        kind=CentreKind.COUNTY,
        region=jingtai_county(),
        agency=personas.county_office,
        sort_order=1,
    )
    from zwfw.identity.tests.factories import StaffUserFactory

    clerk = StaffUserFactory(username="mz_clerk", full_name="张窗口")
    Membership.objects.create(user=clerk, agency=personas.civil_affairs, role=Role.WINDOW_CLERK)
    app = client_for_rp(name="景泰政务APP", port=18201, kind="mobile", scopes=APP_SCOPES)
    return Journey(personas=personas, version=online_version(personas), app=app, centre=centre, clerk=clerk)


def call(client: Client, method: str, path: str, token: str, body: Any = None, **headers: str) -> Any:
    kwargs: dict[str, Any] = {**bearer(token), **{f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    return getattr(client, method.lower())("/api/v1" + path, **kwargs)


def upload(client: Client, token: str, name: str = "申请书.pdf", content: bytes = PDF) -> Any:
    return client.post(
        "/api/v1/uploads",
        {"file": SimpleUploadedFile(name, content, content_type="application/octet-stream")},
        **bearer(token),
    )


def ready_draft(client: Client, journey: Journey, token: str) -> dict[str, Any]:
    """A draft of 王建军 with the form filled, the collection centre chosen and every required file given."""
    code = journey.version.item.implementation_code
    draft = call(client, "POST", "/applications", token, {"item": code}).json()
    saved = call(
        client,
        "PATCH",
        f"/applications/{draft['id']}",
        token,
        {"lock_version": draft["lock_version"], "data": GOOD, "centre": journey.centre.pk},
    )
    assert saved.status_code == 200, saved.content
    draft = saved.json()
    for requirement in draft["requirements"]:
        if not requirement["is_required"]:
            continue
        file_id = upload(client, token, name=f"{requirement['name']}.pdf").json()["id"]
        added = call(
            client,
            "POST",
            f"/applications/{draft['id']}/materials",
            token,
            {"requirement": requirement["id"], "upload": file_id},
        )
        assert added.status_code == 201, added.content
    return call(client, "GET", f"/applications/{draft['id']}", token).json()


# --- the journey -----------------------------------------------------------------------------------------


def test_the_form_of_an_item_says_what_to_fill_in_and_upload(client, journey):
    token = journey.token(journey.personas.wang_jianjun)
    code = journey.version.item.implementation_code
    answer = call(client, "GET", f"/applications/forms/{code}", token)
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["online"] is True and body["for_persons"] is True
    assert [f["name"] for f in body["application_form"]["fields"]] == ["applicant_name", "household_size", "promise"]
    assert body["requirements"][0]["name"] == "最低生活保障申请书"
    assert "no-store" in answer["Cache-Control"]
    assert call(client, "GET", "/applications/forms/NOPE", token).status_code == 404


def test_a_draft_is_created_once_per_idempotency_key_and_a_different_body_is_refused(client, journey):
    token = journey.token(journey.personas.wang_jianjun)
    code = journey.version.item.implementation_code
    key = str(uuid.uuid4())
    first = call(client, "POST", "/applications", token, {"item": code}, **{"Idempotency-Key": key})
    assert first.status_code == 201, first.content
    assert first.json()["data"]["applicant_name"] == "王建军"  # prefilled from the account
    again = call(client, "POST", "/applications", token, {"item": code}, **{"Idempotency-Key": key})
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    assert again["Idempotent-Replayed"] == "true"
    other = call(
        client, "POST", "/applications", token, {"item": "11620423MB0000000X0000999999000"}, **{"Idempotency-Key": key}
    )
    assert other.status_code == 409
    assert other.json()["code"] == "idempotency_mismatch"
    assert Application.objects.filter(applicant=journey.personas.wang_jianjun).count() == 1
    assert IdempotencyRecord.objects.count() == 1
    bad_key = call(client, "POST", "/applications", token, {"item": code}, **{"Idempotency-Key": "键"})
    assert bad_key.status_code == 422 and bad_key.json()["code"] == "idempotency_key"


def test_saving_a_stale_draft_is_409_and_changes_nothing(client, journey):
    token = journey.token(journey.personas.wang_jianjun)
    draft = call(client, "POST", "/applications", token, {"item": journey.version.item.implementation_code}).json()
    phone = call(
        client, "PATCH", f"/applications/{draft['id']}", token, {"lock_version": draft["lock_version"], "data": GOOD}
    )
    assert phone.status_code == 200 and phone.json()["lock_version"] == draft["lock_version"] + 1
    pc = call(
        client,
        "PATCH",
        f"/applications/{draft['id']}",
        token,
        {"lock_version": draft["lock_version"], "data": {**GOOD, "household_size": "9"}},
    )
    assert pc.status_code == 409 and pc.json()["code"] == "stale"
    assert "其他设备" in pc.json()["detail"]
    assert call(client, "GET", f"/applications/{draft['id']}", token).json()["data"]["household_size"] == "3"


def test_problems_are_listed_all_at_once_and_submission_needs_them_solved(client, journey):
    token = journey.token(journey.personas.wang_jianjun)
    draft = call(client, "POST", "/applications", token, {"item": journey.version.item.implementation_code}).json()
    assert set(draft["problems"]) >= {"form", "materials"}
    refused = call(client, "POST", f"/applications/{draft['id']}/submit", token, {}, **{"Idempotency-Key": "k-1"})
    assert refused.status_code == 422 and refused.json()["code"] in ("incomplete", "invalid")
    assert "缺少必需的材料" in refused.json()["detail"]
    assert not Case.objects.exists()


def test_submit_requires_an_idempotency_key_and_retries_make_one_case(client, journey):
    wang = journey.personas.wang_jianjun
    token = journey.token(wang)
    draft = ready_draft(client, journey, token)
    assert draft["problems"] == {}
    path = f"/applications/{draft['id']}/submit"

    missing = call(client, "POST", path, token, {})
    assert missing.status_code == 400 and missing.json()["code"] == "idempotency_key_required"

    key = str(uuid.uuid4())
    first = call(client, "POST", path, token, {"lock_version": draft["lock_version"]}, **{"Idempotency-Key": key})
    assert first.status_code == 201, first.content
    case = first.json()
    assert case["number"].startswith(journey.version.item.implementation_code)
    assert len(case["query_code"]) == 8 and case["state"]["code"] == CaseState.SUBMITTED
    assert case["replayed"] is False

    retry = call(client, "POST", path, token, {"lock_version": draft["lock_version"]}, **{"Idempotency-Key": key})
    assert retry.status_code == 200 and retry.json()["number"] == case["number"] and retry.json()["replayed"] is True
    assert retry["Idempotent-Replayed"] == "true"

    different = call(
        client, "POST", path, token, {"lock_version": draft["lock_version"] + 5}, **{"Idempotency-Key": key}
    )
    assert different.status_code == 409 and different.json()["code"] == "idempotency_mismatch"
    assert Case.objects.filter(applicant=wang).count() == 1

    # The same key on another draft of his is refused too: one key, one request.
    other_item = item_published(agency=journey.personas.market, name="个体工商户设立登记", basic_code="000201001000")
    ItemVersion.objects.filter(pk=other_item.pk).update(application_form=FORM)
    second = call(client, "POST", "/applications", token, {"item": other_item.item.implementation_code}).json()
    reused = call(client, "POST", f"/applications/{second['id']}/submit", token, {}, **{"Idempotency-Key": key})
    assert reused.status_code == 409 and reused.json()["code"] == "idempotency_mismatch"
    assert Case.objects.filter(applicant=wang).count() == 1
    assert AuditEvent.objects.filter(action="application.submit", outcome="success").count() == 1


def test_my_cases_progress_and_documents(client, journey):
    wang = journey.personas.wang_jianjun
    token = journey.token(wang)
    draft = ready_draft(client, journey, token)
    number = call(client, "POST", f"/applications/{draft['id']}/submit", token, {}, **{"Idempotency-Key": "a1"}).json()[
        "number"
    ]
    listing = call(client, "GET", "/cases", token)
    assert listing.status_code == 200, listing.content
    assert listing.json()["count"] == 1 and listing.json()["items"][0]["number"] == number
    detail = call(client, "GET", f"/cases/{number}", token)
    assert detail.status_code == 200, detail.content
    body = detail.json()
    assert [s["name"] for s in body["steps"]] == ["受理", "审查", "决定", "送达"]
    assert body["steps"][0]["state"]["code"] == "active" and body["steps"][0]["agency"]
    assert body["timeline"][0]["title"] == "申报"
    assert body["applicant"] == "王**"
    receipt = next(d for d in body["documents"] if d["kind"]["code"] == "receipt")
    pdf = client.get(receipt["api_url"], **bearer(token))
    assert pdf.status_code == 200 and pdf["Content-Disposition"].startswith("attachment")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert "张窗口" not in detail.content.decode()


def test_supplement_through_the_api(client, journey):
    from zwfw.cases.services.handling import supplement_request

    wang = journey.personas.wang_jianjun
    token = journey.token(wang)
    draft = ready_draft(client, journey, token)
    number = call(client, "POST", f"/applications/{draft['id']}/submit", token, {}, **{"Idempotency-Key": "s1"}).json()[
        "number"
    ]
    case = Case.objects.get(number=number)
    requirement = journey.version.materials.order_by("order").first()
    supplement_request(
        actor=journey.clerk,
        case=case,
        lock_version=case.lock_version,
        items=[
            {"requirement": requirement, "name": requirement.name, "problem": "wrong", "note": "请上传签字的申请书"}
        ],
    )
    body = call(client, "GET", f"/cases/{number}", token).json()
    assert body["state"]["code"] == CaseState.SUPPLEMENTING
    assert body["supplement"]["items"][0]["note"] == "请上传签字的申请书"
    assert body["supplement"]["items"][0]["requirement"] == requirement.pk

    file_id = upload(client, token, name="签字的申请书.pdf").json()["id"]
    empty = call(client, "POST", f"/cases/{number}/supplement", token, {"materials": []})
    assert empty.status_code == 422
    done = call(
        client,
        "POST",
        f"/cases/{number}/supplement",
        token,
        {"materials": [{"requirement": requirement.pk, "upload": file_id}]},
    )
    assert done.status_code == 200, done.content
    assert done.json()["state"]["code"] == CaseState.SUBMITTED
    again = call(
        client,
        "POST",
        f"/cases/{number}/supplement",
        token,
        {"materials": [{"requirement": requirement.pk, "upload": file_id}]},
    )
    assert again.status_code == 409 and again.json()["code"] == "illegal_transition"


def test_tokens_without_the_cases_scope_or_of_a_machine_are_refused(client, journey):
    from zwfw.identity.oidc.testing import machine_client

    wang = journey.personas.wang_jianjun
    without = call(client, "GET", "/cases", journey.token(wang, "openid profile"))
    assert without.status_code == 403 and without.json()["code"] == "insufficient_scope"
    machine = machine_client(scopes=["cases.inbox"])
    wrong = call(client, "GET", "/cases", machine_token(machine, "cases.inbox"))
    assert wrong.status_code == 403
    assert client.get("/api/v1/cases").status_code == 401


def test_the_openapi_document_describes_the_case_api(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/applications",
        "/api/v1/applications/{application_id}/submit",
        "/api/v1/uploads",
        "/api/v1/cases/{number}",
        "/api/v1/cases/{number}/supplement",
        "/api/v1/dept/inbox",
        "/api/v1/dept/cases/{number}/accept",
        "/api/v1/dept/steps/{step_id}/examine",
    ):
        assert path in paths, path
    submit = paths["/api/v1/applications/{application_id}/submit"]["post"]
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" for p in submit["parameters"])
    assert "幂等" in submit["description"] or "Idempotency-Key" in submit["description"]
