"""Fixtures every test may use."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings

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


@pytest.fixture(scope="session")
def live_server(live_server: Any) -> Any:
    """pytest-django's live server, answering one request at a time when it shares the in-memory SQLite database.

    On SQLite the test database lives in memory, so Django hands the test's one connection to every request thread
    of the live server. Two requests at once (a browser's double click, parallel fetches) would then interleave two
    transactions on one connection — a test artefact no deployment has (there every thread has its own connection
    and SQLite's ``BEGIN IMMEDIATE`` queues writers). Serialising the requests gives the live server the
    one-writer-at-a-time behaviour of the real file database. On PostgreSQL every request thread has its own
    connection and nothing changes.
    """
    if live_server.thread.connections_override:
        httpd = live_server.thread.httpd
        httpd.set_app(_one_at_a_time(httpd.get_app()))
    return live_server


def _one_at_a_time(app: Callable[..., Any]) -> Callable[..., Any]:
    lock = threading.Lock()
    static = settings.STATIC_URL

    def serialised(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if environ.get("PATH_INFO", "").startswith(static):
            return app(environ, start_response)  # static files never touch the database: fetched in parallel
        with lock:  # the whole response, its body and close() (request_finished) included
            result = app(environ, start_response)
            try:
                return list(result)
            finally:
                close = getattr(result, "close", None)
                if close is not None:
                    close()

    return serialised
