"""Fixtures shared by the handling tests (the builders themselves are in ``handling_builders``)."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from .handling_builders import Freezer, item_published, transport


@pytest.fixture
def jt(personas, calendar_2025_2026, monkeypatch):
    """县交通运输局's item with its clerk, examiners and head (``transport()``), on the real 2025–2026 calendar,
    time frozen at Monday 2026-03-02 09:00 (``jt.time.at(...)`` moves it); the cache (rate limits, cached choices)
    empty before and after."""
    cache.clear()
    time = Freezer(monkeypatch)
    time.at(2026, 3, 2, 9)
    setup = transport()
    setup.time = time
    setup.version = item_published(agency=setup.agency)
    yield setup
    cache.clear()
