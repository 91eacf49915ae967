"""Fixtures every test may use."""

from __future__ import annotations

import pytest

from .personas import Personas, personas_create


@pytest.fixture
def personas(request: pytest.FixtureRequest) -> Personas:
    """The SCENARIOS.md people with their memberships. Needs a ``django_db`` mark."""
    return personas_create()
