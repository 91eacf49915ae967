"""The demonstration clients (wired into seed_jingtai by the demo loader)."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import check_password

from zwfw.identity.oidc.demo import oidc_demo_clients_seed
from zwfw.identity.oidc.models import OidcClient

pytestmark = pytest.mark.django_db


def test_the_demo_clients_are_registered_once_with_their_secrets_returned_once():
    first = oidc_demo_clients_seed()
    assert [r["client_id"] for r in first] == ["jt-dept-demo", "jt-dept-demo-2", "jt-machine-demo"]
    dept = OidcClient.objects.get(application__client_id="jt-dept-demo")
    assert dept.application.redirect_uris == "http://127.0.0.1:8101/callback"
    assert check_password(first[0]["secret"], dept.application.client_secret)
    machine = OidcClient.objects.get(application__client_id="jt-machine-demo")
    assert machine.application.authorization_grant_type == "client-credentials"
    again = oidc_demo_clients_seed()
    assert [r["secret"] for r in again] == [None, None, None]
    assert OidcClient.objects.count() == 3
