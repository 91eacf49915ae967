"""Staff menu entries of identity's admin screens (called from IdentityConfig.ready)."""

from __future__ import annotations


def register() -> None:
    return None
