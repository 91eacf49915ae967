"""路人甲 (``personas.outsider``) tries every object endpoint of the case API and of the applicant's pages on
王建军's draft, upload, material, case, documents and messages: every answer is 403 or 404, and nothing changes.

The endpoints are **enumerated**, not listed by hand: every operation of the OpenAPI document with a path
parameter, and every URL pattern with a parameter in the applicant-side URL modules (``cases_track``,
``cases_apply``, ``cases_supplement``). A new endpoint whose parameter this test cannot fill fails the test
until a value is added here — so no object endpoint escapes the check. The department API is enumerated the
same way with another agency's system.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, reverse

from zwfw.cases import urls_apply, urls_supplement, urls_track
from zwfw.cases.models import Application, ApplicationMaterial, Case, CaseDocument, Upload
from zwfw.cases.services.handling import supplement_request
from zwfw.cases.tests.handling_builders import staff
from zwfw.identity.oidc.services import client_service_user_set
from zwfw.identity.oidc.testing import machine_client
from zwfw.notify.models import Message
from zwfw.notify.services import message_send
from zwfw.org.choices import Role
from zwfw.org.tests.factories import AgencyFactory

from .test_api_auth import bearer, machine_token
from .test_api_cases import GOOD, PDF, call, journey, ready_draft, upload  # noqa: F401 - journey is a fixture

pytestmark = pytest.mark.django_db

REFUSED = {403, 404}

#: Operations with a path parameter that are not anyone's object (the published item's form, a worklist tab).
NOT_OBJECTS = {
    ("get", "/api/v1/applications/forms/{implementation_code}"),
    ("get", "/api/v1/dept/worklist/{tab}"),  # the account's own lists (tested in test_api_dept_actions.py)
}
#: Page patterns with a parameter that are not anyone's object: starting a draft from a published item's code.
NOT_OBJECT_PAGES = {("cases_apply", "start")}


@pytest.fixture
def wangs(client, journey) -> dict[str, Any]:  # noqa: F811 - the fixture above
    """王建军's objects: a submitted case in 补正 (with its documents), a second draft with a file, a message."""
    wang = journey.personas.wang_jianjun
    token = journey.token(wang)
    submitted = ready_draft(client, journey, token)
    number = call(
        client, "POST", f"/applications/{submitted['id']}/submit", token, {}, **{"Idempotency-Key": "w1"}
    ).json()["number"]
    case = Case.objects.get(number=number)
    requirement = journey.version.materials.order_by("order").first()
    supplement_request(
        actor=journey.clerk,
        case=case,
        lock_version=case.lock_version,
        items=[{"requirement": requirement, "name": requirement.name, "problem": "wrong", "note": "请重新上传"}],
    )
    # A second, open draft of the same item (the first one is submitted) with one of his files.
    draft = Application.objects.get(pk=submitted["id"])
    file_id = upload(client, token, name="身份证.pdf").json()["id"]
    open_draft = call(client, "POST", "/applications", token, {"item": journey.version.item.implementation_code}).json()
    added = call(
        client,
        "POST",
        f"/applications/{open_draft['id']}/materials",
        token,
        {"requirement": requirement.pk, "upload": file_id},
    ).json()
    message = message_send(recipient=wang, title="您的申请需要补正", link=f"/account/cases/{number}/")
    return {
        "token": token,
        "case": Case.objects.get(pk=case.pk),
        "submitted": draft,
        "draft": Application.objects.get(pk=open_draft["id"]),
        "upload": Upload.objects.get(pk=file_id),
        "material": ApplicationMaterial.objects.get(pk=added["id"]),
        "document": CaseDocument.objects.filter(case=case, is_public=True).first(),
        "message": message,
        "requirement": requirement,
    }


def _api_values(w: dict[str, Any]) -> dict[str, Any]:
    return {
        "application_id": w["draft"].pk,
        "material_id": w["material"].pk,
        "number": w["case"].number,
        "document_id": w["document"].pk,
        "step_id": w["case"].steps.order_by("order").first().pk,
    }


def _body(w: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    """A well-formed body, so that only ownership can refuse."""
    requirement, upload_id = w["requirement"].pk, w["upload"].pk
    bodies = {
        "/api/v1/applications/{application_id}": {"lock_version": w["draft"].lock_version, "data": GOOD},
        "/api/v1/applications/{application_id}/materials": {"requirement": requirement, "upload": upload_id},
        "/api/v1/applications/{application_id}/submit": {},
        "/api/v1/cases/{number}/supplement": {"materials": [{"requirement": requirement, "upload": upload_id}]},
        "/api/v1/dept/cases/{number}/accept": {"opinion": "受理"},
        "/api/v1/dept/cases/{number}/refuse": {"reason": "不符合条件"},
        "/api/v1/dept/cases/{number}/supplement-request": {"items": [{"name": "照片", "problem": "missing"}]},
        "/api/v1/dept/steps/{step_id}/examine": {"outcome": "agree", "opinion": "同意"},
        "/api/v1/dept/cases/{number}/decide": {"decision": "approved", "reason": "符合条件"},
        "/api/v1/dept/cases/{number}/deliver": {"method": "window"},
        "/api/v1/cases/{number}/withdraw": {"reason": "不需要了"},
        "/api/v1/dept/steps/{step_id}/assign": {"assignee": "mz_clerk"},
        "/api/v1/dept/cases/{number}/special-procedure/start": {"kind": "hearing", "reason": "需要听证"},
        "/api/v1/dept/cases/{number}/special-procedure/end": {"result": "听证结束"},
        "/api/v1/dept/cases/{number}/extend": {"days": 5, "reason": "情况复杂"},
        "/api/v1/dept/cases/{number}/terminate": {"reason": "申请人未补正"},
    }
    path = path.removesuffix("/with-attachments")
    return bodies.get(path, {}) if method in ("post", "patch", "put") else {}


def _operations(client: Client, *, dept: bool) -> list[tuple[str, str]]:
    spec = client.get("/api/v1/openapi.json").json()
    found = []
    for path, methods in spec["paths"].items():
        if "{" not in path or path.startswith("/api/v1/dept/") != dept:
            continue
        for method, operation in methods.items():
            if not operation.get("security") or (method, path) in NOT_OBJECTS:
                continue  # public reads: published items, lists, open information
            found.append((method, path))
    return found


def _fill(template: str, values: dict[str, Any]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            pytest.fail(f"{template}: no value for {{{name}}} — add one to this test so the endpoint is checked")
        return str(values[name])

    return re.sub(r"{(\w+)}", value, template)


#: The department actions with attachments take multipart/form-data: the plain action's body as ``payload``.
WITH_ATTACHMENTS = "/with-attachments"


def _send(
    client: Client, method: str, path: str, body: dict[str, Any], headers: dict[str, str], template: str = ""
) -> Any:
    if method == "get":
        return client.get(path, **headers)
    if template.endswith(WITH_ATTACHMENTS):
        form = {
            "payload": json.dumps(body),
            "attachments": [SimpleUploadedFile("记录.pdf", PDF, content_type="application/pdf")],
        }
        return client.post(path, form, **headers)
    return getattr(client, method)(path, json.dumps(body), content_type="application/json", **headers)


def _snapshot(w: dict[str, Any]) -> tuple[Any, ...]:
    case = Case.objects.get(pk=w["case"].pk)
    draft = Application.objects.get(pk=w["draft"].pk)
    return (
        case.state,
        case.lock_version,
        case.actions.count(),
        draft.status,
        draft.lock_version,
        draft.materials.count(),
        Message.objects.get(pk=w["message"].pk).read_at,
    )


def test_outsider_is_refused_on_every_object_endpoint_of_the_applicant_api(client, journey, wangs):  # noqa: F811
    outsider_token = journey.token(journey.personas.outsider)
    before = _snapshot(wangs)
    operations = _operations(client, dept=False)
    assert len(operations) >= 10, operations
    values = _api_values(wangs)
    for method, template in operations:
        path = _fill(template, values)
        kwargs: dict[str, Any] = {**bearer(outsider_token), "HTTP_IDEMPOTENCY_KEY": "outsider-1"}
        answer = _send(client, method, path, _body(wangs, method, template), kwargs, template)
        assert answer.status_code in REFUSED, (method, path, answer.status_code, answer.content[:200])
        assert wangs["case"].number not in answer.content.decode() or answer.status_code == 404, (method, path)
    # A path to a submitted application of his too (submission answers only for drafts one may edit).
    submitted = call(client, "GET", f"/applications/{wangs['submitted'].pk}", outsider_token)
    assert submitted.status_code in REFUSED
    assert _snapshot(wangs) == before
    # And the owner still gets through (the values were right).
    assert call(client, "GET", f"/cases/{wangs['case'].number}", wangs["token"]).status_code == 200
    assert call(client, "GET", f"/applications/{wangs['draft'].pk}", wangs["token"]).status_code == 200


def test_another_agencys_system_is_refused_on_every_object_endpoint_of_the_department_api(client, journey, wangs):  # noqa: F811
    other = AgencyFactory(slug="zrzyj", name="景泰县自然资源局", short_name="县自然资源局")
    stranger = staff(
        "zr_system", "自然资源局业务系统", (other, Role.WINDOW_CLERK), (other, Role.EXAMINER), (other, Role.DECIDER)
    )
    registered = machine_client(name="县自然资源局业务系统", scopes=["cases.inbox", "cases.handle"])
    client_service_user_set(actor=None, client=registered.client, user=stranger)
    token = machine_token(registered, "cases.inbox cases.handle")
    before = _snapshot(wangs)
    operations = _operations(client, dept=True)
    assert len(operations) >= 25, operations
    values = _api_values(wangs)
    for method, template in operations:
        path = _fill(template, values)
        answer = _send(client, method, path, _body(wangs, method, template), bearer(token), template)
        assert answer.status_code in REFUSED, (method, path, answer.status_code, answer.content[:200])
    assert _snapshot(wangs) == before


def _page_values(w: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    number = w["case"].number
    return {
        ("cases_track", "case"): {"number": number},
        ("cases_track", "document"): {"number": number, "pk": w["document"].pk},
        ("cases_track", "message_open"): {"pk": w["message"].pk},
        ("cases_apply", "draft"): {"pk": w["draft"].pk},
        ("cases_apply", "submitted"): {"pk": w["submitted"].pk},
        ("cases_apply", "receipt"): {"pk": w["submitted"].pk},
        ("cases_apply", "file"): {"pk": w["upload"].pk},
        ("cases_supplement", "form"): {"number": number},
        ("cases_supplement", "withdraw"): {"number": number},
    }


def test_outsider_is_refused_on_every_object_page_of_the_applicant(journey, wangs):  # noqa: F811
    outsider = Client()
    outsider.force_login(journey.personas.outsider, backend="allauth.account.auth_backends.AuthenticationBackend")
    owner = Client()
    owner.force_login(journey.personas.wang_jianjun, backend="allauth.account.auth_backends.AuthenticationBackend")
    values = _page_values(wangs)
    before = _snapshot(wangs)
    checked = 0
    for module in (urls_track, urls_apply, urls_supplement):
        namespace = module.app_name
        for pattern in module.urlpatterns:
            assert isinstance(pattern, URLPattern)
            if not pattern.pattern.converters or (namespace, pattern.name) in NOT_OBJECT_PAGES:
                continue
            kwargs = values.get((namespace, pattern.name))
            if kwargs is None:
                pytest.fail(f"{namespace}:{pattern.name} takes an object: add its values to this test")
            url = reverse(f"{namespace}:{pattern.name}", kwargs=kwargs)
            answers = {method: getattr(outsider, method)(url, {}) for method in ("get", "post")}
            statuses = {method: a.status_code for method, a in answers.items()}
            assert set(statuses.values()) <= REFUSED | {405}, (url, statuses)
            assert set(statuses.values()) & REFUSED, (url, statuses)
            owned = owner.get(url)
            assert owned.status_code not in REFUSED, (url, "the owner must get through", owned.status_code)
            checked += 1
    assert checked >= 8
    assert _snapshot(wangs) == before
