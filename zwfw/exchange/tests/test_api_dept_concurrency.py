"""Two copies of one department action sent at the same moment (a system retrying before the first answer came
back), on PostgreSQL where they really run in parallel: with the same ``Idempotency-Key`` both are answered 200
with the same case and the action happens once; without a key one succeeds and the other is refused (409)."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from zwfw.cases.choices import ActionCode
from zwfw.cases.models import CaseAction

from .test_api_auth import bearer
from .test_api_dept_actions import Desk, desk  # noqa: F401 - desk is a fixture

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel transactions need PostgreSQL"),
]


def _twice(path: str, token: str, body: dict[str, Any], key: str | None) -> list[tuple[int, dict[str, Any], str]]:
    barrier = threading.Barrier(2)
    answers: list[tuple[int, dict[str, Any], str]] = []
    headers = bearer(token)
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key

    def send() -> None:
        try:
            barrier.wait(timeout=10)
            answer = Client().post("/api/v1" + path, json.dumps(body), content_type="application/json", **headers)
            answers.append((answer.status_code, answer.json(), answer.get("Idempotent-Replayed", "")))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(answers) == 2, answers
    return answers


def test_two_concurrent_copies_with_one_key_make_one_decision_and_get_the_same_answer(desk):  # noqa: F811
    desk.examined()
    body = {"decision": "approved", "reason": "符合条件"}
    answers = _twice(f"/dept/cases/{desk.case.number}/decide", desk.token, body, key="same-moment-1")
    assert [a[0] for a in answers] == [200, 200], answers
    assert answers[0][1] == answers[1][1]
    assert sorted(a[2] for a in answers) == ["", "true"]
    assert CaseAction.objects.filter(case=desk.case, code=ActionCode.DECIDE).count() == 1


def test_two_concurrent_copies_without_a_key_make_one_decision_and_one_refusal(desk: Desk):  # noqa: F811
    desk.examined()
    body = {"decision": "approved", "reason": "符合条件"}
    answers = _twice(f"/dept/cases/{desk.case.number}/decide", desk.token, body, key=None)
    assert sorted(a[0] for a in answers) == [200, 409], answers
    refused = next(a[1] for a in answers if a[0] == 409)
    assert refused["code"] in ("illegal_transition", "stale")
    assert CaseAction.objects.filter(case=desk.case, code=ActionCode.DECIDE).count() == 1
