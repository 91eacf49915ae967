"""Real concurrency in tests: calls released at the same moment on separate database connections.

``race(*calls)`` starts one thread per call, holds them at a barrier so that they hit the database together, and
returns what each call returned or raised (in the order they finished); each thread closes its own connection.
``POSTGRES_ONLY`` marks tests that need concurrent transactions on separate connections: SQLite serialises
writers (``BEGIN IMMEDIATE``), so there the sequential equivalents of these tests stand in.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

POSTGRES_ONLY = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="needs concurrent transactions on separate connections (PostgreSQL)",
)


def race(*calls: Callable[[], Any]) -> list[Any]:
    """Run ``calls`` at the same moment on separate connections; each result or exception, as finished."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = []

    def run(call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results.append(call())
        except Exception as exc:  # noqa: BLE001 - the caller asserts on what came back
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
