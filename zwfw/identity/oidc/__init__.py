"""The OpenID Connect provider (django-oauth-toolkit): signing key, scopes, claims (ADR 0016)."""
