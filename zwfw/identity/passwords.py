"""The configurable password policy (等保 profile for staff, ASVS profile for everyone else)."""

from __future__ import annotations

from typing import Any


class PolicyValidator:
    """Checks a password against the policy of the user's profile (``PasswordPolicy`` rows)."""

    def validate(self, password: str, user: Any = None) -> None:
        return None

    def get_help_text(self) -> str:
        return ""
