"""Fixtures of core's tests: the real 2025 and 2026 calendars, and a clean calendar cache."""

from __future__ import annotations

import pytest

from zwfw.core import workdays
from zwfw.core.models import CalendarYear
from zwfw.core.services.calendar import calendar_seed_from_chinesecalendar


@pytest.fixture(autouse=True)
def _calendar_process_state():
    """Each test starts with an empty in-process calendar cache and no queued alerts."""
    workdays.calendar_cache_clear()
    workdays.missing_year_alerts_discard()
    yield
    workdays.calendar_cache_clear()
    workdays.missing_year_alerts_discard()


@pytest.fixture
def calendar_2025_2026(db) -> list[CalendarYear]:
    """2025 and 2026 as published by the State Council, copied from chinesecalendar 1.11."""
    return calendar_seed_from_chinesecalendar(years=[2025, 2026])
