"""The provider's signing key: the JWKS publishes the active key and, during a rotation, the old ones."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import override_settings
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from zwfw.identity.oidc.keys import oidc_key_generate, oidc_pem_blocks

pytestmark = pytest.mark.django_db


def test_pem_blocks_split_several_keys_pasted_together():
    one, two = oidc_key_generate(), oidc_key_generate()
    assert oidc_pem_blocks(one + "\n" + two) == [one, two]
    assert oidc_pem_blocks("") == []


def test_after_a_rotation_tokens_signed_with_the_old_key_still_verify_against_the_jwks(client):
    old, new = oidc_key_generate(), oidc_key_generate()
    signed_before = jwt.encode(
        {"alg": "RS256", "kid": RSAKey.import_key(old).thumbprint()}, {"sub": "1"}, RSAKey.import_key(old)
    )

    rotated = {**settings.OAUTH2_PROVIDER, "OIDC_RSA_PRIVATE_KEY": new, "OIDC_RSA_PRIVATE_KEYS_INACTIVE": [old]}
    with override_settings(OAUTH2_PROVIDER=rotated):
        jwks = client.get("/o/.well-known/jwks.json").json()
    assert len(jwks["keys"]) == 2
    assert all("d" not in key for key in jwks["keys"])
    assert jwt.decode(signed_before, KeySet.import_key_set(jwks)).claims == {"sub": "1"}

    with override_settings(OAUTH2_PROVIDER={**rotated, "OIDC_RSA_PRIVATE_KEYS_INACTIVE": []}):
        only_new = client.get("/o/.well-known/jwks.json").json()
    assert len(only_new["keys"]) == 1
    with pytest.raises(Exception):  # noqa: B017,PT011 - joserfc: no key for this kid
        jwt.decode(signed_before, KeySet.import_key_set(only_new))
