"""django-oauth-toolkit's request validator with the platform's claims and deactivated clients.

- Claims by scope come from :mod:`.claims` (ID token and userinfo alike); ``sub`` is the account's
  primary key (DOT's default).
- A client the 安全管理员 deactivated is unknown from then on: it cannot start a login, exchange a
  code, refresh a token or get a client-credentials token, and its access tokens stop working.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator

from .claims import ACTING_FOR_CLAIMS_KEY, CLAIM_SCOPE, claim_sources


def client_is_active(application: Any) -> bool:
    client = getattr(application, "zwfw_client", None)
    return client is not None and client.is_active


class OidcValidator(OAuth2Validator):
    oidc_claim_scope = CLAIM_SCOPE

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        # Callables: DOT evaluates only those whose scope was granted (get_oidc_claims).
        requested = getattr(request, "claims", None)
        uscc = requested.get(ACTING_FOR_CLAIMS_KEY) if isinstance(requested, dict) else None
        sources = claim_sources(request.user, acting_for_uscc=uscc)
        sources.pop("sub")  # DOT sets it
        return {name: (lambda r, source=source: source()) for name, source in sources.items()}

    def get_discovery_claims(self, request: Any) -> list[str]:
        return list(CLAIM_SCOPE)

    def _load_application(self, client_id: str, request: Any) -> Any:
        application = super()._load_application(client_id, request)
        if application is not None and not client_is_active(application):
            request.client = None
            return None
        return application

    def validate_bearer_token(self, token: str, scopes: list[str], request: Any) -> bool:
        if not super().validate_bearer_token(token, scopes, request):
            return False
        if request.client is not None and not client_is_active(request.client):
            request.oauth2_error = OrderedDict(
                [("error", "invalid_token"), ("error_description", "The client has been deactivated.")]
            )
            return False
        return True
