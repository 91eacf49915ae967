"""Bearer tokens of the OIDC provider on /api/v1/: GET /me (a person's token) and
POST /identity/verify (a machine's client-credentials token).

Tokens come from the real endpoints (/o/authorize/ with PKCE, /o/token/) through Django's test client;
the live-server flow with authlib is zwfw/identity/tests/test_oidc_flow.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.utils import timezone
from oauth2_provider.models import AccessToken

from zwfw.core.models import AuditEvent
from zwfw.identity.oidc.services import client_deactivate
from zwfw.identity.oidc.testing import (
    PERSON_ID_NUMBER,
    PERSON_MOBILE,
    client_for_rp,
    machine_client,
    person_with_organisation,
)

pytestmark = pytest.mark.django_db


def user_token(person: Any, registered: Any, scope: str) -> str:
    browser = Client()
    browser.force_login(person, backend="allauth.account.auth_backends.AuthenticationBackend")
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    redirect_uri = f"{registered.base_url}/callback"
    answer = browser.get(
        "/o/authorize/",
        {
            "client_id": registered.client_id,
            "redirect_uri": redirect_uri,
            "response_type": "code",
            "scope": scope,
            "state": "st",
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        },
    )
    assert answer.status_code == 302, answer.content[:300]
    code = parse_qs(urlsplit(answer["Location"]).query)["code"][0]
    token = Client().post(
        "/o/token/",
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "code_verifier": verifier,
            "client_id": registered.client_id,
            "client_secret": registered.secret,
        },
    )
    assert token.status_code == 200, token.content
    return token.json()["access_token"]


def machine_token(registered: Any, scope: str = "identity.verify") -> str:
    basic = base64.b64encode(f"{registered.client_id}:{registered.secret}".encode()).decode()
    answer = Client().post(
        "/o/token/", {"grant_type": "client_credentials", "scope": scope}, HTTP_AUTHORIZATION=f"Basic {basic}"
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert "refresh_token" not in body and "id_token" not in body
    return body["access_token"]


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def person() -> Any:
    return person_with_organisation()


@pytest.fixture
def department() -> Any:
    return client_for_rp(name="县人社局业务系统", port=18101)


@pytest.fixture
def machine() -> Any:
    return machine_client()


# --- GET /api/v1/me ---------------------------------------------------------------------------------


def test_me_without_a_token_is_401_with_a_bearer_challenge(client):
    answer = client.get("/api/v1/me")
    assert answer.status_code == 401
    assert answer.json() == {"detail": "请提供访问令牌（Authorization: Bearer …）。", "code": "unauthorized"}
    assert answer["WWW-Authenticate"] == 'Bearer realm="api"'
    assert "no-store" in answer["Cache-Control"]


def test_me_with_an_unknown_expired_or_query_string_token_is_401_invalid_token(client, person, department):
    answer = client.get("/api/v1/me", **bearer("not-a-token"))
    assert answer.status_code == 401
    assert answer.json()["code"] == "invalid_token"
    assert answer["WWW-Authenticate"] == 'Bearer realm="api", error="invalid_token"'

    token = user_token(person, department, "openid profile")
    assert client.get("/api/v1/me", **bearer(token)).status_code == 200
    assert client.get("/api/v1/me", {"access_token": token}).status_code == 401  # RFC 9700: never in a URL
    AccessToken.objects.update(expires=timezone.now() - timedelta(seconds=1))
    expired = client.get("/api/v1/me", **bearer(token))
    assert expired.status_code == 401 and expired.json()["detail"] == "访问令牌无效或已过期，请重新获取。"


def test_me_gives_masked_data_and_organisations_only_with_their_scope(client, person, department):
    answer = client.get("/api/v1/me", **bearer(user_token(person, department, "openid profile organisation")))
    assert answer.status_code == 200
    assert "no-store" in answer["Cache-Control"]
    body = answer.json()
    assert body["sub"] == str(person.pk)
    assert body["name"] == "王芳"
    assert body["id_number_masked"] == "620423********1231"
    assert body["phone_number_masked"] == "138****6789"
    assert body["assurance_level"] == 2
    assert [o["name"] for o in body["organisations"]] == ["景泰县王芳面馆", "景泰县草窝滩枸杞专业合作社"]
    text = answer.content.decode()
    assert PERSON_ID_NUMBER not in text and PERSON_MOBILE not in text

    without = client.get("/api/v1/me", **bearer(user_token(person, department, "openid profile"))).json()
    assert without["organisations"] is None and without["name"] == "王芳"


def test_me_without_the_profile_scope_or_with_a_machine_token_is_403_insufficient_scope(
    client, person, department, machine
):
    answer = client.get("/api/v1/me", **bearer(user_token(person, department, "openid")))
    assert answer.status_code == 403
    assert answer.json() == {"detail": "访问令牌的授权范围不足，本接口需要：profile。", "code": "insufficient_scope"}
    assert answer["WWW-Authenticate"] == 'Bearer realm="api", error="insufficient_scope", scope="profile"'
    assert client.get("/api/v1/me", **bearer(machine_token(machine))).status_code == 403


def test_a_deactivated_persons_token_stops_working(client, person, department):
    token = user_token(person, department, "openid profile")
    person.is_active = False
    person.save(update_fields=["is_active"])
    assert client.get("/api/v1/me", **bearer(token)).status_code == 401


# --- POST /api/v1/identity/verify -----------------------------------------------------------------


def verify(client: Client, token: str, **body: str) -> Any:
    return client.post("/api/v1/identity/verify", json.dumps(body), content_type="application/json", **bearer(token))


def test_verify_answers_for_a_registered_person_and_audits_with_the_client_and_a_masked_number(client, person, machine):
    token = machine_token(machine)
    answer = verify(client, token, id_number=PERSON_ID_NUMBER, name="王芳")
    assert answer.status_code == 200, answer.content
    assert answer.json() == {"registered": True, "name_matches": True, "assurance_level": 2, "name_masked": "王*"}
    assert "no-store" in answer["Cache-Control"]

    wrong_name = verify(client, token, id_number=PERSON_ID_NUMBER, name="王芬").json()
    assert wrong_name == {"registered": True, "name_matches": False, "assurance_level": None, "name_masked": None}
    unknown = verify(client, token, id_number="11010519491231002X", name="王芳").json()
    assert unknown["registered"] is False and unknown["assurance_level"] is None

    events = list(AuditEvent.objects.filter(action="identity.verify").order_by("id"))
    assert len(events) == 3
    assert {e.detail["client_id"] for e in events} == {machine.client_id}
    assert events[0].detail["id_number"] == "620423********1231" and events[0].object_id == str(person.pk)
    for event in events:
        assert PERSON_ID_NUMBER not in json.dumps(event.detail) and "11010519491231002X" not in json.dumps(event.detail)


def test_verify_refuses_a_bad_number_with_422_and_writes_nothing(client, person, machine):
    answer = verify(client, machine_token(machine), id_number="620423199001011232", name="王芳")
    assert answer.status_code == 422
    assert answer.json()["code"] == "invalid"
    assert "居民身份证号码不正确" in answer.json()["detail"]
    assert not AuditEvent.objects.filter(action="identity.verify").exists()


def test_verify_needs_a_machine_token_with_its_scope(client, person, department, machine):
    anonymous = client.post("/api/v1/identity/verify", "{}", content_type="application/json")
    assert anonymous.status_code == 401
    users = verify(client, user_token(person, department, "openid profile"), id_number=PERSON_ID_NUMBER, name="王芳")
    assert users.status_code == 403 and users.json()["code"] == "insufficient_scope"
    assert 'scope="identity.verify"' in users["WWW-Authenticate"]
    assert not AuditEvent.objects.filter(action="identity.verify").exists()


def test_a_machine_cannot_get_scopes_it_was_not_registered_for(machine, department):
    basic = base64.b64encode(f"{machine.client_id}:{machine.secret}".encode()).decode()
    answer = Client().post(
        "/o/token/", {"grant_type": "client_credentials", "scope": "profile"}, HTTP_AUTHORIZATION=f"Basic {basic}"
    )
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_scope"
    # A department system (authorization code) cannot use client credentials at all.
    basic = base64.b64encode(f"{department.client_id}:{department.secret}".encode()).decode()
    answer = Client().post("/o/token/", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {basic}")
    assert answer.status_code in (400, 401) and answer.json()["error"] in ("unauthorized_client", "invalid_client")


def test_tokens_of_a_deactivated_machine_client_are_refused(client, person, machine):
    token = machine_token(machine)
    client_deactivate(actor=None, client=machine.client, reason="平台停止对接")
    answer = verify(client, token, id_number=PERSON_ID_NUMBER, name="王芳")
    assert answer.status_code == 401
    basic = base64.b64encode(f"{machine.client_id}:{machine.secret}".encode()).decode()
    again = Client().post("/o/token/", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {basic}")
    assert again.status_code == 401 and again.json()["error"] == "invalid_client"


def test_the_openapi_document_declares_bearer_security_on_the_token_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["paths"]["/api/v1/me"]["get"]["security"] == [{"OAuth2Bearer": []}]
    assert schema["paths"]["/api/v1/identity/verify"]["post"]["security"] == [{"OAuth2Bearer": []}]
    assert schema["components"]["securitySchemes"]["OAuth2Bearer"] == {"type": "http", "scheme": "bearer"}
