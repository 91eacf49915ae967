"""Fixtures every test may use."""

from __future__ import annotations

import pytest

from .personas import Personas, personas_create


@pytest.fixture
def personas(request: pytest.FixtureRequest) -> Personas:
    """The SCENARIOS.md people with their memberships. Needs a ``django_db`` mark."""
    return personas_create()


@pytest.fixture
def calendar_2025_2026(db):
    """2025 and 2026 as published by the State Council, copied from chinesecalendar 1.11 (a fresh cache)."""
    from zwfw.core import workdays
    from zwfw.core.services.calendar import calendar_seed_from_chinesecalendar

    workdays.calendar_cache_clear()
    years = calendar_seed_from_chinesecalendar(years=[2025, 2026])
    yield years
    workdays.calendar_cache_clear()
    workdays.missing_year_alerts_discard()
