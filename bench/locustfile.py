"""The load generator's user, run by ``bench.run`` in its own process (locust, headless).

The runner passes the scenario through the environment: ``BENCH_SCENARIO`` (its name, used as
the request name in locust's statistics), ``BENCH_PATHS`` (a JSON list of paths, requested
round-robin, each user starting at a different one) and ``BENCH_EXPECT_STATUS``. Users do not
wait between requests: the run measures the throughput the server sustains, closed-loop.
"""

from __future__ import annotations

import itertools
import json
import os

from locust import FastHttpUser, constant, task

SCENARIO = os.environ.get("BENCH_SCENARIO", "scenario")
PATHS: list[str] = json.loads(os.environ.get("BENCH_PATHS", '["/"]'))
EXPECT_STATUS = int(os.environ.get("BENCH_EXPECT_STATUS", "200"))

_user_numbers = itertools.count()


class ScenarioUser(FastHttpUser):
    wait_time = constant(0)
    # The server is on loopback: anything slower than this is a failure worth seeing, not a wait.
    network_timeout = 15.0
    connection_timeout = 5.0

    def on_start(self) -> None:
        start = next(_user_numbers) % len(PATHS)
        self._paths = itertools.cycle(PATHS[start:] + PATHS[:start])

    @task
    def get(self) -> None:
        with self.client.get(next(self._paths), name=SCENARIO, catch_response=True) as response:
            if response.status_code != EXPECT_STATUS:
                response.failure(f"status {response.status_code}, expected {EXPECT_STATUS}")
            else:
                response.success()
