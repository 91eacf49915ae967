"""What the applicant API (:mod:`.cases`) and the department API (:mod:`.dept`) share: turning the services'
refusals into the API's error shape, running an action once per ``Idempotency-Key`` (:func:`act_once`), and the
case parts both answers show.

Refusals: ``PermissionDenied`` → 403 ``forbidden``; a ``ValidationError`` keeps its code — ``stale``,
``idempotency_mismatch`` and ``illegal_transition`` (and a draft already submitted or discarded, a case paused by
a special procedure, already extended, past its legal due date for an extension, a step claimed by a colleague)
are **409** (the request conflicts with the resource's current state, not with its own content), every other one
is **422** with the services' Chinese sentences joined.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from zwfw.cases.choices import CaseState, Channel, Decision, DeliveryMethod, DocumentKind, MaterialProblem
from zwfw.cases.selectors.tracking import CaseProgress
from zwfw.core.models import IdempotencyRecord
from zwfw.core.services.audit import audit_record_refusal
from zwfw.core.services.idempotency import idempotency_key_clean, idempotent
from zwfw.core.services.refusals import refusal_reason
from zwfw.workflow.choices import PauseKind, StepState

from .errors import ApiError
from .schemas import coded

CONFLICT_CODES = frozenset(
    {
        "stale",
        "idempotency_mismatch",
        "illegal_transition",
        "submitted",
        "discarded",
        "paused",
        "already_extended",
        "too_late",
        "claimed_by_other",
    }
)


def _codes(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_list"):
        return [e.code for e in exc.error_list if e.code]
    if hasattr(exc, "error_dict"):
        return [e.code for errors in exc.error_dict.values() for e in errors if e.code]
    return [exc.code] if getattr(exc, "code", None) else []


def refusal(exc: ValidationError | PermissionDenied) -> ApiError:
    """A service's refusal as an API error."""
    if isinstance(exc, PermissionDenied):
        return ApiError(403, str(exc) or _("您无权执行此操作。"), code="forbidden")
    codes = _codes(exc)
    code = codes[0] if codes else "invalid"
    status = 409 if code in CONFLICT_CODES else 422
    return ApiError(
        status, "；".join(str(m) for m in exc.messages), code=code if status == 409 else (code or "invalid")
    )


@contextmanager
def service_refusals() -> Iterator[None]:
    """Translate the refusals raised inside the block."""
    try:
        yield
    except (ValidationError, PermissionDenied) as exc:
        raise refusal(exc) from exc


IDEMPOTENCY_HELP = "幂等键（建议 UUID，最长 80 个 ASCII 字符）：同一键的重复请求只执行一次"
ACTION_IDEMPOTENCY_HELP = (
    "可带 Idempotency-Key（建议每个动作一个新的 UUID，重试时用同一个）：同一键、同一请求的重试只执行一次，"
    "返回第一次的应答（应答头 Idempotent-Replayed: true）；同一键用于不同的请求返回 409 idempotency_mismatch。"
)


def replay_header(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Router view decorator: ``Idempotent-Replayed: true`` on an answer repeated for a retried request."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if getattr(request, "_idempotent_replayed", False):
            response["Idempotent-Replayed"] = "true"
        return response

    return wrapped


def act_once(
    request: HttpRequest,
    *,
    actor: Any,
    owner: str,
    scope: str,
    key: str | None,
    fingerprint: str,
    audit_action: str,
    audit_obj: Any,
    run: Callable[[], dict[str, Any]],
) -> dict[str, Any]:
    """Run a handling action (``run``: the service call and the answer after it) at most once per
    ``Idempotency-Key`` and return its answer — on a retry with the same key and request, the stored first one.

    ``run`` executes inside one transaction together with the :class:`~zwfw.core.models.IdempotencyRecord`
    (:func:`~zwfw.core.services.idempotency.idempotent`), so the action and its record commit together or not at
    all. That transaction also rolls back the refusal the service audited after *its* rollback
    (``refusals_audited``), so a refusal is recorded here again once everything has rolled back. A refusal
    caused by a concurrent twin of the same key that committed first (the case changed under it) answers with
    the twin's record instead. Without a key, the action simply runs once per request.
    """
    with service_refusals():
        key = idempotency_key_clean(key)
    refused: list[BaseException] = []

    def call() -> tuple[int, dict[str, Any]]:
        try:
            with transaction.atomic():
                return 200, run()
        except (ValidationError, PermissionDenied) as exc:
            refused.append(exc)
            raise

    try:
        _status, payload, replayed = idempotent(owner=owner, scope=scope, key=key, fingerprint=fingerprint, call=call)
    except (ValidationError, PermissionDenied) as exc:
        if not (refused and refused[0] is exc):
            raise refusal(exc) from exc  # the key itself was refused (reused for another request)
        audit_record_refusal(
            actor=actor, action=audit_action, reason=refusal_reason(exc), obj=audit_obj, detail={"channel": "api"}
        )
        twin = IdempotencyRecord.objects.filter(owner=owner, scope=scope, key=key).first() if key is not None else None
        if twin is None:
            raise refusal(exc) from exc
        with service_refusals():
            _status, payload, replayed = idempotent(
                owner=owner, scope=scope, key=key, fingerprint=fingerprint, call=call
            )
    if replayed:
        request._idempotent_replayed = True  # type: ignore[attr-defined]
    return payload


class MappedRows:
    """A queryset seen through ``shape`` for the paginator: counted in the database, sliced, then shaped."""

    def __init__(self, rows: Any, shape: Any) -> None:
        self.rows = rows
        self.shape = shape

    def __len__(self) -> int:
        return self.rows.count()

    def __getitem__(self, window: slice) -> list[Any]:
        return [self.shape(row) for row in self.rows[window]]


def item_ref(case_or_application: Any) -> dict[str, Any]:
    version = case_or_application.version
    return {
        "implementation_code": case_or_application.item.implementation_code,
        "name": version.name,
        "version": version.number,
    }


def organisation_ref(organisation: Any) -> dict[str, str] | None:
    if organisation is None:
        return None
    return {"uscc": organisation.uscc, "name": organisation.name}


def supplement_out(pause: Any) -> dict[str, Any] | None:
    if pause is None:
        return None
    return {
        "reason": pause.reason,
        "started_at": pause.started_at,
        "items": [
            {
                "requirement": item.requirement_id,
                "name": item.name,
                "problem": coded(item.problem, MaterialProblem),
                "note": item.note,
            }
            for item in pause.items.all()
        ],
    }


def steps_out(progress: CaseProgress) -> list[dict[str, Any]]:
    return [
        {
            "name": s.name,
            "agency": s.agency,
            "state": coded(s.state, StepState),
            "outcome": s.outcome_label,
            "started_at": s.started_at,
            "finished_at": s.finished_at,
            "due_date": s.due_date,
        }
        for s in progress.steps
    ]


def timeline_out(progress: CaseProgress) -> list[dict[str, Any]]:
    return [
        {"at": e.at, "kind": e.kind, "title": e.title, "agency": e.agency, "note": e.note, "details": list(e.details)}
        for e in progress.timeline
    ]


def state_out(case: Any) -> dict[str, str] | None:
    return coded(case.state, CaseState)


def paused_out(case: Any) -> dict[str, str] | None:
    if case.paused_kind:
        return coded(case.paused_kind, PauseKind)
    if case.state == CaseState.SUPPLEMENTING:
        return coded(PauseKind.SUPPLEMENT, PauseKind)
    return None


def case_list_item(case: Any) -> dict[str, Any]:
    return {
        "number": case.number,
        "item": item_ref(case),
        "agency": case.agency.name,
        "organisation": organisation_ref(case.organisation),
        "state": state_out(case),
        "submitted_at": case.submitted_at,
        "promised_due": case.promised_due,
        "api_url": reverse("api-v1:my_case", kwargs={"number": case.number}),
    }


def document_out(case: Any, document: Any) -> dict[str, Any]:
    return {
        "id": document.pk,
        "kind": coded(document.kind, DocumentKind),
        "title": document.title,
        "size": document.size,
        "created_at": document.created_at,
        "api_url": reverse("api-v1:my_case_document", kwargs={"number": case.number, "document_id": document.pk}),
    }


def applicant_case_out(case: Any, progress: CaseProgress, documents: list[Any]) -> dict[str, Any]:
    return {
        **case_list_item(case),
        "applicant": case.applicant_name_masked,
        "lock_version": case.lock_version,
        "channel": coded(case.channel, Channel),
        "paused": paused_out(case),
        "accepted_at": case.accepted_at,
        "decision": coded(case.decision, Decision),
        "decided_at": case.decided_at,
        "decision_reason": case.decision_reason,
        "legal_remedy": case.legal_remedy,
        "result_number": case.result_number,
        "delivery_method": coded(case.delivery_method, DeliveryMethod),
        "tracking_number": case.tracking_number,
        "delivered_at": case.delivered_at,
        "supplement": supplement_out(progress.open_supplement),
        "steps": steps_out(progress),
        "timeline": timeline_out(progress),
        "documents": [document_out(case, d) for d in documents],
    }
