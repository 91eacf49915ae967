"""Identity's single sign-on surface for other domains (the API's bearer-token endpoints).

The implementation is in :mod:`zwfw.identity.oidc`; other domains import only ``services``
(tests/test_architecture.py), so what they need is re-exported here:

- :func:`user_claims` — the claims a set of scopes releases about a person (as in the ID token).
- :func:`identity_verify` — the audited machine lookup of ``POST /api/v1/identity/verify``.
- the client services of the 安全管理员's screens, and a machine client's service account
  (``client_service_user``: the staff account the department API acts as).
"""

from ..oidc.claims import user_claims
from ..oidc.services import (
    client_deactivate,
    client_register,
    client_secret_rotate,
    client_service_user,
    client_service_user_set,
    client_update,
    identity_verify,
)

__all__ = [
    "client_deactivate",
    "client_register",
    "client_secret_rotate",
    "client_service_user",
    "client_service_user_set",
    "client_update",
    "identity_verify",
    "user_claims",
]
