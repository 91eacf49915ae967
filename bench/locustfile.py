"""The load generator's user, run by ``bench.run`` in its own process (locust, headless).

The runner passes the scenario through the environment: ``BENCH_SCENARIO`` (its name, used as
the request name in locust's statistics), ``BENCH_PATHS`` (a JSON list, requested round-robin,
each user starting at a different one), ``BENCH_EXPECT_STATUS``, and ``BENCH_FLOW``:

- ``get`` (default): each entry is a path, fetched anonymously;
- ``session-get``: each entry is ``"<session key> <path>"``, fetched signed in with that session (the
  staff inbox and case pages; the sessions were minted by ``bench.casework``);
- ``progress``: each entry is ``"<case number> <query code>"``, POSTed to the public progress page;
- ``submit``: each entry is an applicant (JSON: session, upload id); ``BENCH_EXTRA`` holds the items
  to apply for (implementation code, form values, required material requirements). One iteration is one
  submission through the real pages: ``POST /apply/<code>/`` (draft), ``POST /apply/drafts/<pk>/`` 保存
  (the form, the already uploaded PDF reused for each required material), then the same page 提交 with a
  one-time submit token.
  Only the second request is named after the scenario, so its count and rate are the submissions.

POSTs carry a CSRF cookie and the same token in the form, as a browser does. Users do not wait between
requests: the run measures the throughput the server sustains, closed-loop.
"""

from __future__ import annotations

import itertools
import json
import os
import secrets
from urllib.parse import urlencode

from locust import FastHttpUser, constant, task

from bench.webclient import submit_form

SCENARIO = os.environ.get("BENCH_SCENARIO", "scenario")
PATHS: list[str] = json.loads(os.environ.get("BENCH_PATHS", '["/"]'))
EXPECT_STATUS = int(os.environ.get("BENCH_EXPECT_STATUS", "200"))
FLOW = os.environ.get("BENCH_FLOW", "get")
EXTRA = json.loads(os.environ.get("BENCH_EXTRA", "{}"))

_user_numbers = itertools.count()


class ScenarioUser(FastHttpUser):
    wait_time = constant(0)
    # The server is on loopback: anything slower than this is a failure worth seeing, not a wait.
    network_timeout = 15.0
    connection_timeout = 5.0

    def on_start(self) -> None:
        number = next(_user_numbers)
        start = number % len(PATHS)
        self._entries = itertools.cycle(PATHS[start:] + PATHS[:start])
        self._csrf = secrets.token_hex(16)
        if FLOW == "submit":
            self._applicant = json.loads(PATHS[number % len(PATHS)])
            items = EXTRA["items"]
            offset = number % len(items)
            self._items = itertools.cycle(items[offset:] + items[:offset])

    def _cookie(self, session: str = "") -> dict[str, str]:
        cookie = f"csrftoken={self._csrf}"
        if session:
            cookie += f"; sessionid={session}"
        return {"Cookie": cookie}

    @task
    def one(self) -> None:
        if FLOW == "get":
            self._get(next(self._entries), "")
        elif FLOW == "session-get":
            session, path = next(self._entries).split(" ", 1)
            self._get(path, session)
        elif FLOW == "progress":
            self._progress()
        elif FLOW == "submit":
            self._submit()

    def _get(self, path: str, session: str) -> None:
        headers = self._cookie(session) if session else {}
        with self.client.get(
            path, name=SCENARIO, headers=headers, catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code != EXPECT_STATUS:
                response.failure(f"status {response.status_code}, expected {EXPECT_STATUS}")
            else:
                response.success()

    def _progress(self) -> None:
        number, code = next(self._entries).split(" ", 1)
        body = urlencode({"csrfmiddlewaretoken": self._csrf, "number": number, "query_code": code})
        headers = {**self._cookie(), "Content-Type": "application/x-www-form-urlencoded"}
        with self.client.post("/progress/", data=body, name=SCENARIO, headers=headers, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}, expected 200")
            elif number.encode() not in (response.content or b""):
                response.failure("the case was not found")
            else:
                response.success()

    def _submit(self) -> None:
        item = next(self._items)
        applicant = self._applicant
        headers = {**self._cookie(applicant["session"]), "Content-Type": "application/x-www-form-urlencoded"}
        start = f"/apply/{item['code']}/"
        with self.client.post(
            start,
            data=urlencode({"csrfmiddlewaretoken": self._csrf}),
            name=f"{SCENARIO}-draft",
            headers=headers,
            catch_response=True,
            allow_redirects=False,
        ) as response:
            location = response.headers.get("Location", "") if response.status_code == 302 else ""
            if not location.startswith("/apply/drafts/"):
                response.failure(f"draft: status {response.status_code}, location {location!r}")
                return
            response.success()
        with self.client.post(
            location,
            data=submit_form(item, applicant, self._csrf, "", action="save"),
            name=f"{SCENARIO}-save",
            headers=headers,
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code != 302 or response.headers.get("Location", "") != location:
                response.failure(f"save: status {response.status_code}")
                return
            response.success()
        body = submit_form(item, applicant, self._csrf, secrets.token_urlsafe(24))
        with self.client.post(
            location, data=body, name=SCENARIO, headers=headers, catch_response=True, allow_redirects=False
        ) as response:
            target = response.headers.get("Location", "") if response.status_code == 302 else ""
            if not target.endswith("/submitted/"):
                response.failure(f"submit: status {response.status_code}, location {target!r}")
            else:
                response.success()
