"""Test support for single sign-on (used only by tests): registered clients, a person with
organisations, a session for plain HTTP clients, and the example relying party as a subprocess."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent.parent.parent
RP_APP = ROOT / "examples" / "dept_system" / "app.py"
USER_SCOPES = ["openid", "profile", "realname", "organisation"]
#: A valid GB 11643 number and a mobile number used for the SSO person (never printed in full).
PERSON_ID_NUMBER = "620423199001011231"
PERSON_MOBILE = "13893456789"


@dataclass
class RegisteredClient:
    client: Any
    client_id: str
    secret: str
    base_url: str = ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def client_for_rp(
    *, name: str, port: int, kind: str = "department", skip_authorization: bool = True, scopes: list[str] | None = None
) -> RegisteredClient:
    from .services import client_register

    base = f"http://127.0.0.1:{port}"
    client, secret = client_register(
        actor=None,
        name=name,
        kind=kind,
        allowed_scopes=scopes or USER_SCOPES,
        redirect_uris=[f"{base}/callback"],
        post_logout_redirect_uris=[f"{base}/"],
        skip_authorization=skip_authorization,
    )
    return RegisteredClient(client=client, client_id=client.application.client_id, secret=secret, base_url=base)


def machine_client(*, name: str = "省政务服务平台（数据共享）", scopes: list[str] | None = None) -> RegisteredClient:
    from .services import client_register

    client, secret = client_register(
        actor=None, name=name, kind="machine", allowed_scopes=scopes or ["identity.verify"]
    )
    return RegisteredClient(client=client, client_id=client.application.client_id, secret=secret)


def person_with_organisation(*, password: str | None = None, level: int = 2) -> Any:
    """王芳: a person with an ID number and mobile (encrypted, indexed, masked), real-name level
    ``level``, agent of one organisation and administrator of another."""
    from zwfw.core.pii import mask_id_number, mask_mobile, pii_blind_index
    from zwfw.identity.models import Organisation, OrganisationAgent
    from zwfw.identity.tests.factories import TEST_PASSWORD, UserFactory

    user = UserFactory(username="wangfang", full_name="王芳", password=password or TEST_PASSWORD)
    user.id_number = PERSON_ID_NUMBER
    user.id_number_index = pii_blind_index(PERSON_ID_NUMBER, purpose="id_number")
    user.id_number_masked = mask_id_number(PERSON_ID_NUMBER)
    user.mobile = PERSON_MOBILE
    user.mobile_index = pii_blind_index(PERSON_MOBILE, purpose="mobile")
    user.mobile_masked = mask_mobile(PERSON_MOBILE)
    user.mobile_verified = True
    user.assurance_level = level
    user.save()
    shop = Organisation.objects.create(
        uscc="91620423MA74XXXX1A", name="景泰县王芳面馆", legal_representative="王芳", status="verified"
    )
    coop = Organisation.objects.create(
        uscc="93620423MA74YYYY2B", name="景泰县草窝滩枸杞专业合作社", legal_representative="赵敏"
    )
    OrganisationAgent.objects.create(organisation=shop, user=user, role="admin")
    OrganisationAgent.objects.create(organisation=coop, user=user, role="agent")
    return user


def session_cookie_for(user: Any) -> dict[str, str]:
    """A logged-in session of ``user`` as a cookie for ``requests`` (Django's test client logs in)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


def wait_until_up(url: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            requests.get(url, timeout=2)
            return
        except requests.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@contextmanager
def relying_party(*, issuer: str, registered: RegisteredClient, port: int, name: str) -> Iterator[str]:
    """Run examples/dept_system/app.py as its own process; yield its base URL; stop it afterwards."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    process = subprocess.Popen(  # noqa: S603 - our interpreter and our example
        [
            sys.executable,
            str(RP_APP),
            "--issuer",
            issuer,
            "--client-id",
            registered.client_id,
            "--client-secret",
            registered.secret,
            "--port",
            str(port),
            "--name",
            name,
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        output = process.stdout.read() if process.stdout else ""
        if "error" in output.lower():
            print(output, file=sys.stderr)
