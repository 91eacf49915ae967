"""The demonstration open information (filled in by the open-information work)."""

from __future__ import annotations

from collections.abc import Callable


def openinfo_seed_default(say: Callable[[str], None]) -> None:
    """Load the Jingtai demonstration open information through its services (idempotent)."""
