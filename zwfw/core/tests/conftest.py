"""Fixtures of core's tests: a clean calendar cache (the real 2025 and 2026 calendars are zwfw.testing's
``calendar_2025_2026``)."""

from __future__ import annotations

import pytest

from zwfw.core import workdays


@pytest.fixture(autouse=True)
def _calendar_process_state():
    """Each test starts with an empty in-process calendar cache and no queued alerts."""
    workdays.calendar_cache_clear()
    workdays.missing_year_alerts_discard()
    yield
    workdays.calendar_cache_clear()
    workdays.missing_year_alerts_discard()
