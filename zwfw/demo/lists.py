"""The demonstration entries of the four maintained lists (filled in by the lists work)."""

from __future__ import annotations

from collections.abc import Callable


def lists_seed_default(say: Callable[[str], None]) -> None:
    """Load the Jingtai demonstration lists through the lists services (idempotent)."""
