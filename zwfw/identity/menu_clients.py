"""Staff menu entries of identity's clients screens (called from IdentityConfig.ready)."""

from __future__ import annotations


def register() -> None:
    return None
