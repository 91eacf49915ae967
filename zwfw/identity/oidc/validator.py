"""Claims of the ID token and userinfo, by scope."""

from __future__ import annotations

from oauth2_provider.oauth2_validators import OAuth2Validator


class OidcValidator(OAuth2Validator):
    pass
