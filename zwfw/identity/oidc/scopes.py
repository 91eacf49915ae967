"""The scopes the provider knows (profile, real-name level, organisation, machine scopes)."""

from __future__ import annotations

from oauth2_provider.scopes import SettingsScopes


class ScopesBackend(SettingsScopes):
    pass
