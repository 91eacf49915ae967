"""``core.services.idempotency.idempotent`` behind the API's Idempotency-Key: one answer per key, the work and the
record in one transaction, a lost race rolled back and answered with the winner's record; and the case actions'
``act_once`` on top of it (a refusal audited after the rollback, a loser refused by its twin's change answered
with the twin's record)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from zwfw.core.models import IdempotencyRecord
from zwfw.core.services import idempotency
from zwfw.core.services.idempotency import idempotent, request_fingerprint

pytestmark = pytest.mark.django_db


def _work(label: str) -> int:
    """Some database work of the call: a marker row (another owner, so it never meets the keys under test)."""
    return IdempotencyRecord.objects.create(
        owner="work", scope=label, key=uuid.uuid4().hex, fingerprint="", status=0
    ).pk


def _done(label: str) -> int:
    return IdempotencyRecord.objects.filter(owner="work", scope=label).count()


def test_the_first_answer_is_replayed_and_another_request_is_refused():
    def work() -> tuple[int, dict[str, Any]]:
        return 201, {"id": _work("once")}

    first = idempotent(owner="user:1", scope="t", key="k", fingerprint=request_fingerprint({"a": 1}), call=work)
    again = idempotent(owner="user:1", scope="t", key="k", fingerprint=request_fingerprint({"a": 1}), call=work)
    assert first[:2] == again[:2] and (first[2], again[2]) == (False, True)
    assert _done("once") == 1
    with pytest.raises(ValidationError) as refused:
        idempotent(owner="user:1", scope="t", key="k", fingerprint=request_fingerprint({"a": 2}), call=work)
    assert refused.value.code == "idempotency_mismatch"
    # Keys are per owner and per endpoint.
    idempotent(owner="user:2", scope="t", key="k", fingerprint="x", call=work)
    idempotent(owner="user:1", scope="u", key="k", fingerprint="x", call=work)
    assert _done("once") == 3


def test_without_a_key_every_call_runs_and_nothing_is_stored():
    idempotent(owner="user:1", scope="t", key=None, fingerprint="x", call=lambda: (201, {"id": _work("free")}))
    idempotent(owner="user:1", scope="t", key="  ", fingerprint="x", call=lambda: (201, {"id": _work("free")}))
    assert _done("free") == 2
    assert not IdempotencyRecord.objects.filter(owner="user:1").exists()


def test_a_failed_call_stores_nothing_and_may_be_retried_with_the_same_key():
    def failing() -> tuple[int, dict[str, Any]]:
        _work("failed")
        raise ValidationError("不行", code="invalid")

    with pytest.raises(ValidationError):
        idempotent(owner="user:1", scope="t", key="k", fingerprint="x", call=failing)
    assert _done("failed") == 0 and not IdempotencyRecord.objects.filter(owner="user:1").exists()
    answer = idempotent(owner="user:1", scope="t", key="k", fingerprint="x", call=lambda: (201, {"ok": 1}))
    assert answer == (201, {"ok": 1}, False)


def test_losing_a_race_rolls_the_work_back_and_answers_with_the_winner(monkeypatch):
    # The winner committed after this request looked the key up: the look-up misses, the insert collides.
    IdempotencyRecord.objects.create(
        owner="user:1", scope="t", key="k", fingerprint="x", status=201, response={"id": 7}
    )
    real = IdempotencyRecord.objects
    looked = []

    class LateLookup:
        def filter(self, **kwargs: Any) -> Any:
            if not looked and kwargs.get("owner") == "user:1":
                looked.append(kwargs)
                return real.none()
            return real.filter(**kwargs)

        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

    monkeypatch.setattr(idempotency.IdempotencyRecord, "objects", LateLookup())

    def racing() -> tuple[int, dict[str, Any]]:
        return 201, {"id": _work("loser")}

    answer = idempotent(owner="user:1", scope="t", key="k", fingerprint="x", call=racing)
    assert answer == (201, {"id": 7}, True)
    assert _done("loser") == 0


# --- act_once: the API's handling actions on top of idempotent() --------------------------------------------


def _request() -> Any:
    from django.test import RequestFactory

    return RequestFactory().post("/api/v1/dept/cases/x/accept")


def test_act_once_records_a_refusal_after_the_rollback_and_keeps_nothing_under_the_key(personas):
    from zwfw.core.models import AuditEvent
    from zwfw.exchange.api.cases_common import act_once
    from zwfw.exchange.api.errors import ApiError

    def refused() -> dict[str, Any]:
        _work("refused")
        raise ValidationError("该办件已被他人更新，请刷新页面后重试。", code="stale")

    request = _request()
    with pytest.raises(ApiError) as answer:
        act_once(
            request,
            actor=personas.gao_min,
            owner="client:a",
            scope="t",
            key="k",
            fingerprint="x",
            audit_action="case.accept",
            audit_obj=None,
            run=refused,
        )
    assert answer.value.status == 409 and answer.value.code == "stale"
    assert _done("refused") == 0 and not IdempotencyRecord.objects.filter(owner="client:a").exists()
    event = AuditEvent.objects.get(action="case.accept")
    assert event.outcome == "denied" and event.detail["channel"] == "api" and "他人更新" in event.detail["reason"]

    def bad_input() -> dict[str, Any]:
        raise ApiError(422, "请求参数有误", code="invalid")

    with pytest.raises(ApiError):
        act_once(
            request,
            actor=personas.gao_min,
            owner="client:a",
            scope="t",
            key="k2",
            fingerprint="x",
            audit_action="case.refuse",
            audit_obj=None,
            run=bad_input,
        )
    assert not AuditEvent.objects.filter(action="case.refuse").exists()  # the API's own 422s are not refusals


def test_act_once_answers_a_loser_refused_by_the_winners_change_with_the_winners_answer(personas, monkeypatch):
    from zwfw.exchange.api.cases_common import act_once

    # A twin request with the same key committed after this one looked the key up; this one then found the case
    # changed (the service refused it as stale). It answers with the twin's record: the retry saw one effect.
    IdempotencyRecord.objects.create(
        owner="client:a", scope="t", key="k", fingerprint="x", status=200, response={"state": "processing"}
    )
    real = IdempotencyRecord.objects
    looked = []

    class LateLookup:
        def filter(self, **kwargs: Any) -> Any:
            if not looked and kwargs.get("owner") == "client:a":
                looked.append(kwargs)
                return real.none()
            return real.filter(**kwargs)

        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

    monkeypatch.setattr(idempotency.IdempotencyRecord, "objects", LateLookup())

    def stale() -> dict[str, Any]:
        _work("loser")
        raise ValidationError("该办件已被他人更新，请刷新页面后重试。", code="stale")

    request = _request()
    answer = act_once(
        request,
        actor=personas.gao_min,
        owner="client:a",
        scope="t",
        key="k",
        fingerprint="x",
        audit_action="case.accept",
        audit_obj=None,
        run=stale,
    )
    assert answer == {"state": "processing"} and request._idempotent_replayed is True
    assert _done("loser") == 0
