"""The OpenID Connect provider over real HTTP (pytest-django's live_server), driven by authlib.

Each test registers its clients through the services, logs the person in with a real session cookie
(no browser: the browser test is test_browser_sso.py) and talks to /o/ with authlib's
``OAuth2Session``; ID tokens are checked with joserfc against the JWKS and authlib's ``CodeIDToken``.
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
import requests
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from authlib.oidc.core import CodeIDToken
from django.utils import timezone
from joserfc import jwt
from joserfc.errors import InvalidClaimError
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry
from oauth2_provider.models import AccessToken

from zwfw.identity.oidc.services import client_deactivate
from zwfw.identity.oidc.testing import (
    PERSON_ID_NUMBER,
    PERSON_MOBILE,
    client_for_rp,
    person_with_organisation,
    session_cookie_for,
)

pytestmark = pytest.mark.django_db(transaction=True)
SCOPE = "openid profile realname organisation"


class Provider:
    def __init__(self, live_server: Any) -> None:
        self.base = live_server.url
        self.issuer = live_server.url + "/o"
        self.meta = requests.get(self.issuer + "/.well-known/openid-configuration", timeout=10).json()

    def keys(self) -> KeySet:
        return KeySet.import_key_set(requests.get(self.meta["jwks_uri"], timeout=10).json())

    def session(self, registered: Any, scope: str = SCOPE) -> OAuth2Session:
        return OAuth2Session(
            registered.client_id,
            registered.secret,
            scope=scope,
            redirect_uri=f"{registered.base_url}/callback",
            code_challenge_method="S256",
        )

    def authorize(self, oauth: OAuth2Session, cookies: dict[str, str], **extra: Any) -> tuple[requests.Response, dict]:
        """Start the flow as a logged-in browser would; return the provider's answer and the secrets."""
        verifier, nonce = secrets.token_urlsafe(48), secrets.token_urlsafe(16)
        url, state = oauth.create_authorization_url(
            self.meta["authorization_endpoint"], code_verifier=verifier, nonce=nonce, **extra
        )
        answer = requests.get(url, cookies=cookies, allow_redirects=False, timeout=10)
        return answer, {"verifier": verifier, "nonce": nonce, "state": state}

    def login(self, registered: Any, cookies: dict[str, str], scope: str = SCOPE) -> tuple[OAuth2Session, dict, dict]:
        """The whole code flow; returns the session, the token and the flow's secrets."""
        oauth = self.session(registered, scope)
        answer, flow = self.authorize(oauth, cookies)
        assert answer.status_code == 302, answer.text[:500]
        location = answer.headers["Location"]
        assert location.startswith(f"{registered.base_url}/callback?"), location
        query = parse_qs(urlsplit(location).query)
        assert query["state"] == [flow["state"]]
        assert query["iss"] == [self.issuer]  # RFC 9207
        token = oauth.fetch_token(
            self.meta["token_endpoint"],
            authorization_response=location,
            code_verifier=flow["verifier"],
            state=flow["state"],
        )
        return oauth, token, flow

    def id_token_claims(self, token: dict, client_id: str, nonce: str) -> CodeIDToken:
        decoded = jwt.decode(token["id_token"], self.keys(), registry=JWSRegistry(algorithms=["RS256"]))
        claims = CodeIDToken(
            decoded.claims,
            decoded.header,
            {"iss": {"essential": True, "value": self.issuer}},
            {"client_id": client_id, "nonce": nonce, "access_token": token["access_token"]},
        )
        claims.validate(leeway=30)
        return claims


@pytest.fixture
def provider(live_server: Any) -> Provider:
    return Provider(live_server)


@pytest.fixture
def person() -> Any:
    return person_with_organisation()


def test_discovery_and_jwks_describe_an_rs256_provider_with_s256_pkce_only(provider):
    meta = provider.meta
    assert meta["issuer"] == provider.issuer
    for endpoint in ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "end_session_endpoint"):
        assert meta[endpoint].startswith(provider.base + "/o/")
    assert meta["jwks_uri"] == provider.base + "/o/.well-known/jwks.json"
    assert meta["code_challenge_methods_supported"] == ["S256"]
    assert meta["response_types_supported"] == ["code"]
    assert "RS256" in meta["id_token_signing_alg_values_supported"]
    assert set(meta["scopes_supported"]) >= {"openid", "profile", "realname", "organisation", "identity.verify"}
    assert {"name", "assurance_level", "acr", "organisations", "id_number_masked"} <= set(meta["claims_supported"])
    assert meta["authorization_response_iss_parameter_supported"] is True
    jwks = requests.get(meta["jwks_uri"], timeout=10).json()
    assert [(k["kty"], k["alg"], k["use"]) for k in jwks["keys"]] == [("RSA", "RS256", "sig")]
    assert "d" not in jwks["keys"][0], "the JWKS must publish only the public key"
    # DOT's self-service application screens are not mounted: clients are registered by the 安全管理员.
    assert requests.get(provider.base + "/o/applications/", timeout=10).status_code == 404


def test_code_flow_with_pkce_gives_a_verified_id_token_and_userinfo_with_masked_data_only(provider, person):
    rp = client_for_rp(name="县人社局业务系统", port=18101)
    oauth, token, flow = provider.login(rp, session_cookie_for(person))

    claims = provider.id_token_claims(token, rp.client_id, flow["nonce"])
    assert claims["sub"] == str(person.pk)
    assert claims["aud"] == rp.client_id
    assert claims["name"] == "王芳"
    assert claims["assurance_level"] == 2 and claims["acr"] == "2"
    assert claims["assurance_level_label"].startswith("二级")
    assert claims["id_number_masked"] == "620423********1231"
    assert claims["phone_number_masked"] == "138****6789"
    assert {o["uscc"]: o["role"] for o in claims["organisations"]} == {
        "91620423MA74XXXX1A": "admin",
        "93620423MA74YYYY2B": "agent",
    }

    userinfo = oauth.get(provider.meta["userinfo_endpoint"]).json()
    assert userinfo["sub"] == claims["sub"] and userinfo["name"] == "王芳"
    assert userinfo["organisations"] == claims["organisations"]
    for text in (
        token["id_token"],
        json.dumps(dict(claims), ensure_ascii=False),
        json.dumps(userinfo, ensure_ascii=False),
    ):
        assert PERSON_ID_NUMBER not in text and PERSON_MOBILE not in text

    # The nonce is checked: the same token presented for another login attempt is refused.
    with pytest.raises(InvalidClaimError):
        provider.id_token_claims(token, rp.client_id, "another-nonce")


def test_claims_follow_the_granted_scopes(provider, person):
    rp = client_for_rp(name="芦阳镇子站", port=18102, kind="subsite", scopes=["openid", "profile"])
    oauth, token, flow = provider.login(rp, session_cookie_for(person), scope="openid profile")
    claims = provider.id_token_claims(token, rp.client_id, flow["nonce"])
    assert claims["name"] == "王芳"
    assert "assurance_level" not in claims and "organisations" not in claims and "acr" not in claims

    # A scope the client was not registered for is refused (back at the client, invalid_scope).
    answer, _ = provider.authorize(provider.session(rp, "openid organisation"), session_cookie_for(person))
    assert answer.status_code == 302
    assert parse_qs(urlsplit(answer.headers["Location"]).query)["error"] == ["invalid_scope"]


def test_refresh_tokens_rotate_and_a_replayed_one_ends_the_family(provider, person):
    rp = client_for_rp(name="县人社局业务系统", port=18101)
    oauth, token, _ = provider.login(rp, session_cookie_for(person))
    first_refresh = token["refresh_token"]
    renewed = oauth.refresh_token(provider.meta["token_endpoint"], refresh_token=first_refresh)
    assert renewed["refresh_token"] != first_refresh
    assert renewed["access_token"] != token["access_token"]

    replay = provider.session(rp)
    with pytest.raises(OAuthError) as refused:
        replay.refresh_token(provider.meta["token_endpoint"], refresh_token=first_refresh)
    assert refused.value.error == "invalid_grant"
    # Reuse protection: the replay revoked the whole family, the newest refresh token included.
    with pytest.raises(OAuthError):
        provider.session(rp).refresh_token(provider.meta["token_endpoint"], refresh_token=renewed["refresh_token"])


def _challenge(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


def test_plain_pkce_and_missing_pkce_are_refused(provider, person):
    rp = client_for_rp(name="县人社局业务系统", port=18101)
    cookies = session_cookie_for(person)
    base = {"client_id": rp.client_id, "redirect_uri": f"{rp.base_url}/callback", "response_type": "code"}
    base |= {"scope": "openid", "state": "s1"}

    plain = requests.get(
        provider.meta["authorization_endpoint"],
        params={**base, "code_challenge": "x" * 43, "code_challenge_method": "plain"},
        cookies=cookies,
        allow_redirects=False,
        timeout=10,
    )
    missing = requests.get(
        provider.meta["authorization_endpoint"], params=base, cookies=cookies, allow_redirects=False, timeout=10
    )
    for answer in (plain, missing):
        assert answer.status_code == 302
        query = parse_qs(urlsplit(answer.headers["Location"]).query)
        assert query["error"] == ["invalid_request"], query
        assert "code" not in query
    s256 = requests.get(
        provider.meta["authorization_endpoint"],
        params={**base, "code_challenge": _challenge("v" * 50), "code_challenge_method": "S256"},
        cookies=cookies,
        allow_redirects=False,
        timeout=10,
    )
    assert "code" in parse_qs(urlsplit(s256.headers["Location"]).query)


def test_an_unregistered_redirect_uri_is_refused_on_our_page_without_redirecting(provider, person):
    rp = client_for_rp(name="县人社局业务系统", port=18101)
    oauth = OAuth2Session(
        rp.client_id,
        rp.secret,
        scope="openid",
        redirect_uri="http://127.0.0.1:18101/elsewhere",
        code_challenge_method="S256",
    )
    answer, _ = provider.authorize(oauth, session_cookie_for(person))
    assert answer.status_code == 400
    assert "Location" not in answer.headers
    assert "回调地址与登记的不一致" in answer.text
    unknown = OAuth2Session(
        "no-such-client", "x", scope="openid", redirect_uri=f"{rp.base_url}/callback", code_challenge_method="S256"
    )
    answer, _ = provider.authorize(unknown, session_cookie_for(person))
    assert answer.status_code == 400 and "未在本平台登记" in answer.text


def test_a_client_that_is_not_first_party_asks_for_consent(provider, person):
    rp = client_for_rp(name="县医保局业务系统", port=18103, skip_authorization=False)
    cookies = session_cookie_for(person)
    oauth = provider.session(rp)
    answer, flow = provider.authorize(oauth, cookies)
    assert answer.status_code == 200
    assert "“县医保局业务系统”请求使用您的账号登录" in answer.text
    assert "实名等级" in answer.text and "代办的法人单位" in answer.text
    # Approve through the form, as the person would.
    with requests.Session() as browser:
        browser.cookies.update(cookies)
        page = browser.get(answer.url, timeout=10)
        csrf = browser.cookies.get("csrftoken")
        fields = dict(
            (name, value)
            for name, value in __import__("re").findall(
                r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', page.text
            )
        )
        fields["allow"] = "同意"
        approved = browser.post(
            answer.url,
            data=fields,
            headers={"Referer": answer.url, "X-CSRFToken": csrf},
            allow_redirects=False,
            timeout=10,
        )
    assert approved.status_code == 302
    query = parse_qs(urlsplit(approved.headers["Location"]).query)
    assert query["state"] == [flow["state"]] and "code" in query


def test_rp_initiated_logout_ends_the_provider_session(provider, person):
    rp = client_for_rp(name="县人社局业务系统", port=18101)
    cookies = session_cookie_for(person)
    oauth, token, _ = provider.login(rp, cookies)

    # A post_logout_redirect_uri that was not registered is refused, and the session stays.
    bad = requests.get(
        provider.meta["end_session_endpoint"],
        params={"id_token_hint": token["id_token"], "post_logout_redirect_uri": "https://evil.example/", "state": "x"},
        cookies=cookies,
        allow_redirects=False,
        timeout=10,
    )
    assert bad.status_code == 400 and "没有为该应用登记" in bad.text
    still, _ = provider.authorize(provider.session(rp), cookies)
    assert still.status_code == 302 and "code=" in still.headers["Location"]

    answer = requests.get(
        provider.meta["end_session_endpoint"],
        params={"id_token_hint": token["id_token"], "post_logout_redirect_uri": f"{rp.base_url}/", "state": "bye"},
        cookies=cookies,
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302
    assert answer.headers["Location"] == f"{rp.base_url}/?state=bye"
    # The session cookie no longer logs anyone in: the provider sends the browser to its login page.
    again, _ = provider.authorize(provider.session(rp), cookies)
    assert again.status_code == 302 and urlsplit(again.headers["Location"]).path == "/login/"
    # And the tokens issued to the person were revoked.
    assert (
        requests.get(
            provider.meta["userinfo_endpoint"], headers={"Authorization": f"Bearer {token['access_token']}"}, timeout=10
        ).status_code
        == 401
    )


def test_a_deactivated_client_can_no_longer_log_in_or_use_its_tokens(provider, person):
    rp = client_for_rp(name="县人社局业务系统", port=18101)
    cookies = session_cookie_for(person)
    oauth, token, _ = provider.login(rp, cookies)
    client_deactivate(actor=None, client=rp.client, reason="系统下线")
    assert oauth.get(provider.meta["userinfo_endpoint"]).status_code == 401
    answer, _ = provider.authorize(provider.session(rp), cookies)
    assert answer.status_code == 400 and "未在本平台登记或已停用" in answer.text
    with pytest.raises(OAuthError):
        provider.session(rp).refresh_token(provider.meta["token_endpoint"], refresh_token=token["refresh_token"])


def test_an_expired_access_token_is_refused_at_userinfo(provider, person):
    rp = client_for_rp(name="县人社局业务系统", port=18101)
    oauth, token, _ = provider.login(rp, session_cookie_for(person))
    AccessToken.objects.filter(application=rp.client.application).update(expires=timezone.now() - timedelta(seconds=1))
    assert oauth.get(provider.meta["userinfo_endpoint"]).status_code == 401


def test_the_organisation_chosen_in_the_user_centre_is_in_the_id_token(provider, person):
    from importlib import import_module

    from django.conf import settings

    from zwfw.identity.models import Organisation
    from zwfw.identity.services.organisation import ACTING_FOR_SESSION_KEY

    rp = client_for_rp(name="县人社局业务系统", port=18101)
    cookies = session_cookie_for(person)
    _, token, flow = provider.login(rp, cookies)
    assert provider.id_token_claims(token, rp.client_id, flow["nonce"])["acting_for"] is None

    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=cookies[settings.SESSION_COOKIE_NAME])
    store[ACTING_FOR_SESSION_KEY] = Organisation.objects.get(uscc="93620423MA74YYYY2B").pk
    store.save()
    _, token, flow = provider.login(rp, cookies)
    acting = provider.id_token_claims(token, rp.client_id, flow["nonce"])["acting_for"]
    assert acting["uscc"] == "93620423MA74YYYY2B" and acting["role"] == "agent"
