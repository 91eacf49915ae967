"""Handling a case (网上行政审批系统's back office): accept, refuse, supplement, examine, special procedures,
extension, decision, delivery, withdrawal and termination.

Every service follows one pattern (ADR 0017, the contract in the issue's plan):

1. input checks first (Chinese ``ValidationError``, nothing written);
2. one transaction: the case row is locked (``select_for_update``; on SQLite the ``BEGIN IMMEDIATE`` write
   lock), the permission asked of django-rules on the **locked** rows (``cases.handle_step`` on the step acted
   on, ``cases.extend_case`` / ``cases.assign_step`` for the agency's decider), the handler's ``lock_version``
   compared (a stale page gets ``ValidationError(code="stale")``), at most ONE django-fsm transition of the case
   (an illegal one is ``ValidationError(code="illegal_transition")``), ``lock_version`` incremented whenever the
   case row changes, the action recorded (:func:`engine.action_add`) with its ``up_pro_process`` row and any
   other library row (:mod:`.library`), generated documents stored, the handler's attachments stored as
   internal documents of the action (``attachments``: every staff action with an opinion or reason — all but
   claim and assign — takes up to :data:`ATTACHMENTS_MAX` files, checked by content before the transaction),
   the audit event appended;
3. in-site messages are rows written in the same transaction; SMS leave after commit
   (``transaction.on_commit``), with the case number and item name only. When a stage starts (after 受理, the
   审查 stage's completion, the decision), every active holder of each new step's role in its agency gets an
   in-site message pointing at the inbox (steps start unassigned; whoever claims one takes it);
4. a refusal (permission or validation) is audited after the rollback (``refusals_audited``).

``lock_version`` is the version of the **case row**: claims, assignments and an examination that does not
complete its stage change only steps, so parallel branches in several agencies do not make each other's pages
stale; everything that changes the case (state, dates, pauses, decision) increments it. ``lock_version=None``
skips the comparison (machine clients that do not hold a page).

While a special procedure (特别程序) is open, only its end, withdrawal and termination are possible: the clock is
stopped (``CasePause``; ``Case.paused_kind``) and due dates are ``None`` until :func:`special_end` recomputes
them (:func:`engine.due_dates_refresh`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed

from zwfw.catalog.models import MaterialRequirement
from zwfw.core import clock
from zwfw.core.services.audit import audit_record
from zwfw.core.services.refusals import Actor, refusals_audited
from zwfw.core.uploads import MB, upload_check, upload_name_clean
from zwfw.notify.services import message_send, sms_notice_send
from zwfw.workflow.choices import SPECIAL_PAUSE_KINDS, PauseKind, StepKind, StepOutcome, StepState

from .. import notices
from ..choices import ActionCode, CaseState, Decision, DeliveryMethod, DocumentKind, MaterialProblem
from ..models import ApplicationMaterial, Case, CaseAction, CasePause, CaseStep, SupplementItem, Upload
from ..selectors.applications import APPLICATION_MAX_BYTES
from . import engine, library
from .documents import document_pdf_store, document_store

logger = logging.getLogger(__name__)

#: 行政许可法 第四十二条: the head of the agency may extend by 10 working days (15 for 联合/集中办理, 第四十五条).
EXTENSION_MAX_DAYS = 10
EXTENSION_MAX_DAYS_JOINT = 15
ATTACHMENT_TYPES = ("pdf", "ofd", "jpg", "png", "doc", "docx", "xls", "xlsx")
ATTACHMENT_MAX_BYTES = 20 * MB
ATTACHMENTS_MAX = 10
REASON_MAX = 2000
TRACKING_NUMBER_MAX = 40

STALE_MESSAGE = "该办件已被他人更新，请刷新页面后重试。"


# ---------------------------------------------------------------------------------------------------
# Shared steps of every service
# ---------------------------------------------------------------------------------------------------


def _lock(case: Case) -> Case:
    try:
        return (
            Case.objects.select_for_update().select_related("agency", "item", "version", "application").get(pk=case.pk)
        )
    except Case.DoesNotExist:
        raise ValidationError(_("办件不存在。"), code="not_found") from None


def _stale_check(locked: Case, lock_version: int | None) -> None:
    if lock_version is not None and int(lock_version) != locked.lock_version:
        raise ValidationError(_(STALE_MESSAGE), code="stale")


def _transition(locked: Case, name: str, action_label: str) -> None:
    """Call the case's fsm transition ``name``, or refuse with the case's current state."""
    method = getattr(locked, name)
    if not can_proceed(method):
        raise ValidationError(
            _("办件当前状态为“%(state)s”，不能%(action)s。")
            % {"state": CaseState(locked.state).label, "action": action_label},
            code="illegal_transition",
        )
    method()


def _save(locked: Case) -> None:
    """Save the case with ``lock_version`` incremented (the fsm's conditional UPDATE as a second net)."""
    locked.lock_version += 1
    try:
        locked.save()
    except ConcurrentTransition:
        raise ValidationError(_(STALE_MESSAGE), code="stale") from None


def _text(value: Any, *, label: str, required: bool = True, max_length: int = REASON_MAX) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ValidationError(_("请填写%(label)s。") % {"label": label}, code="required")
    if len(text) > max_length:
        raise ValidationError(_("%(label)s最多 %(n)d 个字。") % {"label": label, "n": max_length}, code="too_long")
    return text


def _not_paused(locked: Case) -> None:
    pause = engine.open_pause(locked)
    if pause is not None and pause.kind != PauseKind.SUPPLEMENT:
        raise ValidationError(
            _("办件正处于“%(kind)s”特别程序中（暂停计时），请先结束特别程序。") % {"kind": pause.get_kind_display()},
            code="paused",
        )


def _active_step(locked: Case, kind: str, lock_version: int | None = None) -> CaseStep:
    """The case's active step of ``kind``; without one, a stale page (a double click) is told so first."""
    step = locked.steps.select_related("agency").filter(kind=kind, state=StepState.ACTIVE).first()
    if step is None:
        _stale_check(locked, lock_version)
        raise ValidationError(
            _("办件当前没有进行中的“%(kind)s”环节（当前状态：%(state)s）。")
            % {"kind": StepKind(kind).label, "state": CaseState(locked.state).label},
            code="illegal_transition",
        )
    return step


def _require_step(actor: Actor, step: CaseStep) -> None:
    if actor is not None and not actor.has_perm("cases.handle_step", step):
        raise PermissionDenied(
            _("您不是“%(agency)s”的%(role)s，不能办理该办件的“%(step)s”环节。")
            % {"agency": step.agency.name, "role": step.get_role_display(), "step": step.name}
        )


def _handled_step(actor: Actor, locked: Case, *, kinds: Iterable[str] | None = None) -> CaseStep:
    """An active step of the case the actor handles (case-level actions: special procedures, termination)."""
    wanted = set(kinds) if kinds is not None else None
    steps = list(locked.steps.select_related("agency").filter(state=StepState.ACTIVE).order_by("order"))
    for step in steps:
        if wanted is not None and step.kind not in wanted:
            continue
        if actor is None or actor.has_perm("cases.handle_step", step):
            return step
    if steps or (actor is not None and not actor.has_perm("cases.view_case", locked)):
        raise PermissionDenied(_("您不办理该办件当前的环节，不能执行此操作。"))
    raise ValidationError(
        _("办件当前状态为“%(state)s”，没有进行中的环节。") % {"state": CaseState(locked.state).label},
        code="illegal_transition",
    )


def _step_owner_check(actor: Actor, step: CaseStep) -> None:
    """A step claimed by (or assigned to) a colleague is theirs to finish."""
    if actor is not None and step.assignee_id is not None and step.assignee_id != actor.pk:
        raise ValidationError(
            _("该环节已由%(name)s签收，请由签收人办理，或请审批决定人重新指派。")
            % {"name": step.assignee.get_full_name()},
            code="claimed_by_other",
        )


def _step_finish(step: CaseStep, *, actor: Actor, now: dt.datetime, outcome: str, opinion: str) -> None:
    step.finish()
    step.outcome = outcome
    step.opinion = opinion
    step.finished_at = now
    step.finished_by = actor
    if step.assignee_id is None and actor is not None:
        step.assignee = actor
        step.claimed_at = step.claimed_at or now
    step.save()


def _record(
    locked: Case,
    *,
    code: str,
    actor: Actor,
    now: dt.datetime,
    step: CaseStep | None = None,
    opinion: str = "",
    public_note: str = "",
    from_state: str = "",
) -> CaseAction:
    """The action on the case's record and its up_pro_process row."""
    action = engine.action_add(
        locked,
        code=code,
        actor=actor,
        now=now,
        step=step,
        agency=step.agency if step is not None else locked.agency,
        opinion=opinion,
        public_note=public_note,
        from_state=from_state,
        to_state=locked.state if from_state else "",
    )
    library.process_row_write(action)
    return action


def _audit(actor: Actor, action: str, locked: Case, **detail: Any) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=locked,
        detail={"number": locked.number, "state": locked.state, "lock_version": locked.lock_version, **detail},
    )


def _is_applicant(actor: Any, case: Case) -> bool:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    if case.organisation_id is not None:
        return bool(actor.has_perm("identity.act_for_organisation", case.organisation))
    return case.applicant_id == actor.pk


def _notify_applicant(locked: Case, *, title: str, text: str, link: str = "", sms: bool = True) -> None:
    """An in-site message now (a row of this transaction) and an SMS after commit (case number, item only;
    signed with the site's SMS signature, :func:`notices.sms_signed`)."""
    message_send(recipient=locked.applicant, title=title, body=text, link=link, topic=f"case:{locked.number}")
    if not sms:
        return
    mobile = locked.contact_mobile
    number = locked.number
    text = notices.sms_signed(text)

    def send() -> None:
        try:
            sms_notice_send(to=mobile, text=text)
        except ValidationError as exc:  # rate limit: recorded by notify; the in-site message stands
            logger.warning("case %s notice SMS not sent: %s", number, "；".join(exc.messages))
        except Exception:  # noqa: BLE001 - an SMS failure never undoes a committed handling action
            logger.exception("case %s notice SMS failed", number)

    if mobile:
        transaction.on_commit(send)


def _notify_staff(users: Iterable[Any], *, title: str, text: str, link: str = "") -> None:
    seen: set[int] = set()
    for user in users:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        message_send(recipient=user, title=title, body=text, link=link, topic="case_handling")


def _notify_stage_started(locked: Case, started: Sequence[CaseStep], *, actor: Actor) -> None:
    """A stage began: an in-site message (no SMS) to every active holder of each started step's role in the
    step's agency — who may claim it — pointing at the inbox; the actor is not told of their own work."""
    if not started:
        return
    from django.urls import reverse

    from ..selectors.inbox import colleagues_for

    link = reverse("cases_staff:inbox")
    due_dates = dict(CaseStep.objects.filter(pk__in=[s.pk for s in started]).values_list("pk", "due_date"))
    for step in started:
        holders = [user for user in colleagues_for(step) if user.pk != getattr(actor, "pk", None)]
        text = _("“%(item)s”的“%(step)s”环节已开始，请在办件办理中签收办理。") % {
            "item": locked.version.name,
            "step": step.name,
        }
        if due_dates.get(step.pk):
            text += _("环节到期日：%(due)s。") % {"due": due_dates[step.pk].isoformat()}
        _notify_staff(
            holders,
            title=_("新的待办：%(step)s（%(number)s）") % {"step": step.name, "number": locked.number},
            text=text,
            link=link,
        )


def _sms_text(locked: Case, what: str) -> str:
    """What the applicant is told (in-site message and, signed, SMS): the item, the case number, what happened."""
    return _("您申请的“%(item)s”（办件编号 %(number)s）%(what)s") % {
        "item": locked.version.name,
        "number": locked.number,
        "what": what,
    }


def _staff_link(locked: Case) -> str:
    from django.urls import reverse

    return reverse("cases_staff:case", args=[locked.number])


def _applicant_link(locked: Case) -> str:
    from django.urls import reverse

    return reverse("cases_track:case", args=[locked.number])


def _supplement_link(locked: Case) -> str:
    from django.urls import reverse

    return reverse("cases_supplement:form", args=[locked.number])


def _pause_close(pause: CasePause, *, actor: Actor, now: dt.datetime, result: str) -> CasePause:
    pause.ended_at = now
    pause.end_date = max(clock.local_date(now), pause.start_date)
    pause.ended_by = actor
    pause.result = result
    pause.save()
    return pause


# ---------------------------------------------------------------------------------------------------
# Acceptance: accept, refuse, supplement
# ---------------------------------------------------------------------------------------------------


def case_accept(
    *, actor: Actor, case: Case, lock_version: int | None, opinion: str = "", attachments: Sequence[Any] = ()
) -> Case:
    """受理: the 受理 step finishes, the legal and promised clocks start, the next stage begins."""
    with refusals_audited(actor=actor, action="case.accept", obj=case):
        opinion = _text(opinion, label=_("受理意见"), required=False)
        checked = _attachments_clean(attachments)
        with transaction.atomic():
            locked = _lock(case)
            step = _active_step(locked, StepKind.ACCEPT, lock_version)
            _require_step(actor, step)
            _stale_check(locked, lock_version)
            _step_owner_check(actor, step)
            now = clock.now()
            before = locked.state
            _transition(locked, "accept", _("受理"))
            locked.accepted_at = now
            _step_finish(step, actor=actor, now=now, outcome=StepOutcome.AGREE, opinion=opinion)
            started = engine.stage_advance(locked, now=now)
            engine.due_dates_refresh(locked)
            _save(locked)
            action = _record(
                locked,
                code=ActionCode.ACCEPT,
                actor=actor,
                now=now,
                step=step,
                opinion=opinion,
                public_note=_("申请已受理，承诺办结日期：%(date)s。") % {"date": locked.promised_due or "—"},
                from_state=before,
            )
            document = document_pdf_store(
                case=locked,
                kind=DocumentKind.ACCEPTANCE_NOTICE,
                content=notices.acceptance_notice(locked),
                actor=actor,
                action=action,
            )
            library.accept_row_write(locked, actor=actor, now=now, doc_no=f"{locked.number}-SL")
            library.material_rows_write(locked, now=now)
            _audit(
                actor,
                "case.accept",
                locked,
                document_id=document.pk,
                attachments=_attachments_store(locked, action=action, actor=actor, checked=checked),
            )
            _notify_stage_started(locked, started, actor=actor)
            _notify_applicant(
                locked,
                title=_("办件已受理"),
                text=_sms_text(locked, _("已受理，承诺办结日期 %(date)s。") % {"date": locked.promised_due or "—"}),
            )
    return locked


def case_refuse(
    *,
    actor: Actor,
    case: Case,
    lock_version: int | None,
    reason: str,
    legal_remedy: str = "",
    attachments: Sequence[Any] = (),
) -> Case:
    """不予受理 with reasons (and the legal remedy): the applicant is notified; the case ends with its
    不予受理通知书 as the result (``up_pro_accept`` without an accept date and ``up_pro_result`` type 05)."""
    with refusals_audited(actor=actor, action="case.refuse", obj=case):
        reason = _text(reason, label=_("不予受理的理由"))
        legal_remedy = _text(legal_remedy, label=_("救济途径"), required=False) or notices.legal_remedy_default()
        checked = _attachments_clean(attachments)
        with transaction.atomic():
            locked = _lock(case)
            step = _active_step(locked, StepKind.ACCEPT, lock_version)
            _require_step(actor, step)
            _stale_check(locked, lock_version)
            _step_owner_check(actor, step)
            now = clock.now()
            before = locked.state
            _transition(locked, "refuse", _("不予受理"))
            _step_finish(step, actor=actor, now=now, outcome=StepOutcome.DISAGREE, opinion=reason)
            engine.steps_cancel_open(locked, now=now)
            locked.decision_reason = reason
            locked.legal_remedy = legal_remedy
            locked.closed_at = now
            _save(locked)
            action = _record(
                locked,
                code=ActionCode.REFUSE,
                actor=actor,
                now=now,
                step=step,
                opinion=reason,
                public_note=_("不予受理：%(reason)s") % {"reason": reason},
                from_state=before,
            )
            content = notices.refusal_notice(locked, reason=reason, legal_remedy=legal_remedy)
            document = document_pdf_store(
                case=locked, kind=DocumentKind.REFUSAL_NOTICE, content=content, actor=actor, action=action
            )
            notice_no = f"{locked.number}-{ActionCode.REFUSE}"
            library.accept_row_write(locked, actor=actor, now=now, doc_no=notice_no)
            library.result_row_write(
                locked, now=now, explain=reason, certificate_name=content.title, certificate_no=notice_no
            )
            _audit(
                actor,
                "case.refuse",
                locked,
                document_id=document.pk,
                attachments=_attachments_store(locked, action=action, actor=actor, checked=checked),
            )
            _notify_applicant(
                locked,
                title=_("办件不予受理"),
                text=_sms_text(locked, _("不予受理，理由和救济途径见《不予受理通知书》，请登录查看。")),
            )
    return locked


def _supplement_items_clean(locked: Case, items: Sequence[Mapping[str, Any]]) -> list[SupplementItem]:
    if not items:
        raise ValidationError(_("请至少列出一项需要补正的材料。"), code="required")
    errors: list[str] = []
    rows: list[SupplementItem] = []
    seen: set[int] = set()
    requirement_ids = set(locked.version.materials.values_list("pk", flat=True))
    for index, item in enumerate(items, start=1):
        requirement = item.get("requirement")
        name = str(item.get("name") or (requirement.name if requirement is not None else "")).strip()
        problem = item.get("problem") or MaterialProblem.MISSING
        note = str(item.get("note") or "").strip()
        if requirement is not None:
            if not isinstance(requirement, MaterialRequirement) or requirement.pk not in requirement_ids:
                errors.append(_("第 %(n)d 项：所选材料不属于该事项。") % {"n": index})
                continue
            if requirement.pk in seen:
                errors.append(
                    _("第 %(n)d 项：“%(name)s”重复列出，请合并为一项。") % {"n": index, "name": requirement.name}
                )
                continue
            seen.add(requirement.pk)
        if not name:
            errors.append(_("第 %(n)d 项：请填写材料或事项名称。") % {"n": index})
        if problem not in MaterialProblem.values:
            errors.append(_("第 %(n)d 项：问题类型不正确。") % {"n": index})
        if not note:
            errors.append(_("第 %(n)d 项：请写明补正要求（缺什么、哪里不符合、怎样补）。") % {"n": index})
        if len(name) > 200 or len(note) > 300:
            errors.append(_("第 %(n)d 项：名称最多 200 字，补正要求最多 300 字。") % {"n": index})
        rows.append(SupplementItem(requirement=requirement, name=name[:200], problem=problem, note=note[:300]))
    if errors:
        raise ValidationError(errors, code="invalid")
    return rows


def supplement_request(
    *,
    actor: Actor,
    case: Case,
    lock_version: int | None,
    items: Sequence[Mapping[str, Any]],
    note: str = "",
    attachments: Sequence[Any] = (),
) -> CasePause:
    """补正告知, once and completely: every missing or wrong material; the acceptance clock stops."""
    with refusals_audited(actor=actor, action="case.supplement_request", obj=case):
        note = _text(note, label=_("补正说明"), required=False)
        checked = _attachments_clean(attachments)
        with transaction.atomic():
            locked = _lock(case)
            step = _active_step(locked, StepKind.ACCEPT, lock_version)
            _require_step(actor, step)
            _stale_check(locked, lock_version)
            _step_owner_check(actor, step)
            if locked.supplement_requested:
                raise ValidationError(
                    _("该办件已经一次性告知过补正内容，不能再次要求补正；材料仍不符合要求的，请作出不予受理决定。"),
                    code="illegal_transition",
                )
            rows = _supplement_items_clean(locked, items)
            now = clock.now()
            before = locked.state
            _transition(locked, "request_supplement", _("要求补正"))
            pause = CasePause.objects.create(
                case=locked,
                step=step,
                kind=PauseKind.SUPPLEMENT,
                reason=note or _("申请材料不齐全或不符合法定形式"),
                started_at=now,
                start_date=clock.local_date(now),
                started_by=actor,
            )
            for order, row in enumerate(rows, start=1):
                row.pause = pause
                row.order = order
            SupplementItem.objects.bulk_create(rows)
            if step.assignee_id is None and actor is not None:
                step.assignee = actor
                step.claimed_at = now
                step.save(update_fields=["assignee", "claimed_at"])
            locked.paused_kind = PauseKind.SUPPLEMENT
            engine.due_dates_refresh(locked)
            _save(locked)
            listing = "；".join(f"{r.name}（{r.get_problem_display()}）" for r in rows)
            action = _record(
                locked,
                code=ActionCode.SUPPLEMENT_REQUEST,
                actor=actor,
                now=now,
                step=step,
                opinion=note,
                public_note=_("请一次补正以下材料（补正期间暂停计时）：%(items)s") % {"items": listing},
                from_state=before,
            )
            document = document_pdf_store(
                case=locked,
                kind=DocumentKind.SUPPLEMENT_NOTICE,
                content=notices.supplement_notice(locked, pause),
                actor=actor,
                action=action,
            )
            _audit(
                actor,
                "case.supplement_request",
                locked,
                items=len(rows),
                document_id=document.pk,
                attachments=_attachments_store(locked, action=action, actor=actor, checked=checked),
            )
            _notify_applicant(
                locked,
                title=_("请补正申请材料"),
                text=_sms_text(locked, _("需要补正 %(n)d 项材料，请登录景泰政务服务网一次补正。") % {"n": len(rows)}),
                link=_supplement_link(locked),
            )
    return pause


def supplement_total_bytes(case: Case, pause: CasePause, added: Mapping[Any, int]) -> int:
    """The application's file size once the supplement is in: the files in force stay, except a wrong
    material's (they are replaced), plus ``added`` — size by upload pk, or by any other key for files not
    stored yet (the supplement page checks before storing anything)."""
    replaced = set(
        pause.items.filter(problem=MaterialProblem.WRONG, requirement__isnull=False).values_list(
            "requirement_id", flat=True
        )
    )
    sizes: dict[Any, int] = dict(
        ApplicationMaterial.objects.filter(application_id=case.application_id, replaced_at__isnull=True)
        .exclude(requirement_id__in=replaced)
        .values_list("upload_id", "upload__size")
    )
    for key, size in added.items():
        sizes.setdefault(key, int(size or 0))
    return sum(sizes.values())


def supplement_size_check(case: Case, pause: CasePause, added: Mapping[Any, int]) -> None:
    """Refuse a supplement that would take the application over :data:`APPLICATION_MAX_BYTES` (100 MB)."""
    total = supplement_total_bytes(case, pause, added)
    if total > APPLICATION_MAX_BYTES:
        raise ValidationError(
            _(
                "补正后申请材料合计 %(size).1f MB，超过了每件申请 %(max)d MB 的上限。"
                "请压缩补正文件（如降低扫描分辨率、去掉空白页）后重新提交。"
            )
            % {"size": total / MB, "max": APPLICATION_MAX_BYTES // MB},
            code="application_too_big",
        )


def supplement_submit(*, actor: Actor, case: Case, materials: Sequence[tuple[Any, Upload]]) -> Case:
    """The applicant supplements every requested material; the case returns to the clerk.

    ``materials`` is a list of ``(requirement, upload)``: each requested material with a requirement needs at
    least one file; a wrong material's earlier files are marked replaced (kept for the record). The acceptance
    clock restarts the day the supplement is complete (``Case.accept_from``). The application's files stay
    within :data:`APPLICATION_MAX_BYTES` in all (:func:`supplement_size_check`).
    """
    with refusals_audited(actor=actor, action="case.supplement", obj=case):
        with transaction.atomic():
            locked = _lock(case)
            if not _is_applicant(actor, locked):
                raise PermissionDenied(_("只有申请人本人或申请单位的经办人可以补正材料。"))
            pause = engine.open_pause(locked)
            if locked.state != CaseState.SUPPLEMENTING or pause is None or pause.kind != PauseKind.SUPPLEMENT:
                raise ValidationError(
                    _("办件当前状态为“%(state)s”，不需要补正。") % {"state": CaseState(locked.state).label},
                    code="illegal_transition",
                )
            items = list(pause.items.select_related("requirement").order_by("order"))
            wanted = {item.requirement_id: item for item in items if item.requirement_id is not None}
            errors: list[str] = []
            given: dict[int, list[Upload]] = {}
            for requirement, upload in materials:
                requirement_id = getattr(requirement, "pk", requirement)
                if requirement_id not in wanted:
                    errors.append(
                        _("“%(name)s”不在补正通知所列的材料中。") % {"name": getattr(requirement, "name", "")}
                    )
                    continue
                if not isinstance(upload, Upload) or not _upload_usable(actor, locked, upload):
                    errors.append(_("所选文件不存在或不属于您。"))
                    continue
                given.setdefault(requirement_id, []).append(upload)
            for requirement_id, item in wanted.items():
                if requirement_id not in given:
                    errors.append(_("请上传“%(name)s”：%(note)s") % {"name": item.name, "note": item.note})
            if errors:
                raise ValidationError(errors, code="incomplete")
            supplement_size_check(locked, pause, {u.pk: u.size for uploads in given.values() for u in uploads})
            now = clock.now()
            application = locked.application
            for requirement_id, uploads in given.items():
                item = wanted[requirement_id]
                if item.problem == MaterialProblem.WRONG:
                    ApplicationMaterial.objects.filter(
                        application=application, requirement_id=requirement_id, replaced_at__isnull=True
                    ).update(replaced_at=now)
                for upload in uploads:
                    ApplicationMaterial.objects.get_or_create(
                        application=application,
                        requirement_id=requirement_id,
                        upload=upload,
                        defaults={"added_at": now, "added_by": actor, "supplement": pause},
                    )
            before = locked.state
            _transition(locked, "supplement", _("提交补正材料"))
            _pause_close(pause, actor=actor, now=now, result=_("申请人已补正材料"))
            locked.paused_kind = ""
            locked.accept_from = clock.local_date(now)
            engine.due_dates_refresh(locked)
            _save(locked)
            accept_step = locked.steps.filter(kind=StepKind.ACCEPT).select_related("agency", "assignee").first()
            _record(
                locked,
                code=ActionCode.SUPPLEMENT,
                actor=actor,
                now=now,
                step=accept_step,
                public_note=_("已补正材料，等待受理（受理期限自今日重新计算）。"),
                from_state=before,
            )
            _audit(actor, "case.supplement", locked, files=sum(len(u) for u in given.values()))
            if accept_step is not None and accept_step.assignee is not None:
                _notify_staff(
                    [accept_step.assignee],
                    title=_("申请人已补正材料：%(number)s") % {"number": locked.number},
                    text=_("“%(item)s”已补正，请受理。") % {"item": locked.version.name},
                    link=_staff_link(locked),
                )
    return locked


def _upload_usable(actor: Any, case: Case, upload: Upload) -> bool:
    if upload.owner_id == getattr(actor, "pk", None):
        return True
    return upload.organisation_id is not None and upload.organisation_id == case.organisation_id


# ---------------------------------------------------------------------------------------------------
# Steps: claim, assign, examine
# ---------------------------------------------------------------------------------------------------


def _step_lock(step: CaseStep) -> tuple[Case, CaseStep]:
    locked = _lock(step.case)
    try:
        row = CaseStep.objects.select_related("agency", "assignee").get(pk=step.pk, case=locked)
    except CaseStep.DoesNotExist:
        raise ValidationError(_("环节不存在。"), code="not_found") from None
    return locked, row


def _step_active(step: CaseStep) -> None:
    if step.state != StepState.ACTIVE:
        raise ValidationError(
            _("“%(step)s”环节当前为“%(state)s”，不能办理。") % {"step": step.name, "state": step.get_state_display()},
            code="illegal_transition",
        )


def step_claim(*, actor: Actor, step: CaseStep) -> CaseStep:
    """签收: the step becomes the actor's (a step assigned to the actor is claimed the same way)."""
    with refusals_audited(actor=actor, action="case.step_claim", obj=step.case):
        with transaction.atomic():
            locked, row = _step_lock(step)
            _require_step(actor, row)
            _step_active(row)
            if row.assignee_id == getattr(actor, "pk", None) and row.claimed_at is not None:
                return row  # a double click
            _step_owner_check(actor, row)
            now = clock.now()
            row.assignee = actor
            row.claimed_at = now
            row.save(update_fields=["assignee", "claimed_at"])
            _record(locked, code=ActionCode.CLAIM, actor=actor, now=now, step=row)
            _audit(actor, "case.step_claim", locked, step_id=row.pk)
    return row


def step_assign(*, actor: Actor, step: CaseStep, assignee: Any) -> CaseStep:
    """指派: the decider of the step's agency gives the step to a colleague who holds its role there."""
    with refusals_audited(actor=actor, action="case.step_assign", obj=step.case):
        with transaction.atomic():
            locked, row = _step_lock(step)
            if actor is not None and not actor.has_perm("cases.assign_step", row):
                raise PermissionDenied(_("只有本机构的审批决定人可以指派办件。"))
            _step_active(row)
            if assignee is None or not assignee.is_active or not assignee.has_perm("cases.handle_step", row):
                raise ValidationError(
                    _("所选人员不是“%(agency)s”的%(role)s，不能承办该环节。")
                    % {"agency": row.agency.name, "role": row.get_role_display()},
                    code="assignee",
                )
            now = clock.now()
            row.assignee = assignee
            row.claimed_at = now if assignee == actor else None
            row.save(update_fields=["assignee", "claimed_at"])
            _record(
                locked,
                code=ActionCode.ASSIGN,
                actor=actor,
                now=now,
                step=row,
                opinion=_("指派给%(name)s") % {"name": assignee.get_full_name()},
            )
            _audit(actor, "case.step_assign", locked, step_id=row.pk, assignee_id=assignee.pk)
            if assignee != actor:
                _notify_staff(
                    [assignee],
                    title=_("新的指派办件：%(number)s") % {"number": locked.number},
                    text=_("“%(item)s”的“%(step)s”环节已指派给您。") % {"item": locked.version.name, "step": row.name},
                    link=_staff_link(locked),
                )
    return row


def _attachments_clean(attachments: Sequence[Any]) -> list[tuple[Any, Any, str]]:
    files = [f for f in attachments if f]
    if len(files) > ATTACHMENTS_MAX:
        raise ValidationError(_("附件最多 %(n)d 个。") % {"n": ATTACHMENTS_MAX}, code="too_many")
    checked = []
    for upload in files:
        kind = upload_check(upload, allowed=ATTACHMENT_TYPES, max_bytes=ATTACHMENT_MAX_BYTES)
        checked.append((upload, kind, upload_name_clean(getattr(upload, "name", ""), kind.extension)))
    return checked


def step_examine(
    *,
    actor: Actor,
    step: CaseStep,
    lock_version: int | None,
    outcome: str,
    opinion: str,
    attachments: Sequence[Any] = (),
) -> CaseStep:
    """审查 (one branch of a joint stage, or the only one): outcome, opinion and attachments on the record.

    When the branch completes its stage (the join rule), the next stage starts (the decider's step).
    """
    with refusals_audited(actor=actor, action="case.examine", obj=step.case):
        if outcome not in StepOutcome.values:
            raise ValidationError(_("请选择审查结论（同意或不同意）。"), code="required")
        opinion = _text(opinion, label=_("审查意见"))
        checked = _attachments_clean(attachments)
        with transaction.atomic():
            locked, row = _step_lock(step)
            if row.kind != StepKind.EXAMINE:
                raise ValidationError(_("该环节不是审查环节。"), code="illegal_transition")
            _require_step(actor, row)
            _stale_check(locked, lock_version)
            _step_active(row)
            _not_paused(locked)
            if locked.state != CaseState.PROCESSING:
                raise ValidationError(
                    _("办件当前状态为“%(state)s”，不能审查。") % {"state": CaseState(locked.state).label},
                    code="illegal_transition",
                )
            _step_owner_check(actor, row)
            now = clock.now()
            _step_finish(row, actor=actor, now=now, outcome=outcome, opinion=opinion)
            started = engine.stage_advance(locked, now=now)
            if started:
                engine.due_dates_refresh(locked)
                _save(locked)
            action = _record(
                locked,
                code=ActionCode.EXAMINE,
                actor=actor,
                now=now,
                step=row,
                opinion=opinion,
                public_note=_("%(agency)s已完成“%(step)s”。") % {"agency": row.agency.name, "step": row.name},
            )
            _audit(
                actor,
                "case.examine",
                locked,
                step_id=row.pk,
                outcome=outcome,
                attachments=_attachments_store(locked, action=action, actor=actor, checked=checked),
                next_steps=[s.pk for s in started],
            )
            _notify_stage_started(locked, started, actor=actor)
    return row


def _read(upload: Any) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _attachments_store(locked: Case, *, action: CaseAction, actor: Actor, checked: Sequence[Any]) -> list[int]:
    """The handler's attachments (checked by :func:`_attachments_clean` before the transaction) as internal
    documents of the action (办理附件: staff see them on the action; the applicant does not); their ids."""
    documents = [
        document_store(
            case=locked,
            kind=DocumentKind.ATTACHMENT,
            title=name,
            content=_read(upload),
            actor=actor,
            action=action,
            is_public=False,
            extension=kind.extension,
            content_type=kind.content_type,
        )
        for upload, kind, name in checked
    ]
    return [d.pk for d in documents]


# ---------------------------------------------------------------------------------------------------
# Special procedures and extension
# ---------------------------------------------------------------------------------------------------


def special_start(
    *,
    actor: Actor,
    case: Case,
    kind: str,
    reason: str,
    legal_basis: str = "",
    planned_end: dt.date | None = None,
    attachments: Sequence[Any] = (),
    lock_version: int | None = None,
) -> CasePause:
    """特别程序 (听证, 检验, 专家评审…) begins: the clock stops from the day after today."""
    with refusals_audited(actor=actor, action="case.special_start", obj=case, kind=str(kind)):
        if kind not in SPECIAL_PAUSE_KINDS:
            raise ValidationError(_("请选择特别程序的类型。"), code="required")
        reason = _text(reason, label=_("特别程序的原因"))
        legal_basis = _text(legal_basis, label=_("依据"), required=False, max_length=300)
        checked = _attachments_clean(attachments)
        today = clock.today()
        if planned_end is not None and planned_end < today:
            raise ValidationError(_("预计结束日期不能早于今天。"), code="planned_end")
        with transaction.atomic():
            locked = _lock(case)
            step = _handled_step(actor, locked, kinds=[StepKind.EXAMINE, StepKind.DECIDE])
            _stale_check(locked, lock_version)
            if locked.state != CaseState.PROCESSING:
                raise ValidationError(
                    _("办件当前状态为“%(state)s”，不能启动特别程序。") % {"state": CaseState(locked.state).label},
                    code="illegal_transition",
                )
            _not_paused(locked)
            now = clock.now()
            pause = CasePause.objects.create(
                case=locked,
                step=step,
                kind=kind,
                reason=reason,
                legal_basis=legal_basis,
                started_at=now,
                start_date=clock.local_date(now),
                planned_end_date=planned_end,
                started_by=actor,
            )
            locked.paused_kind = kind
            engine.due_dates_refresh(locked)
            _save(locked)
            action = _record(
                locked,
                code=ActionCode.SPECIAL_START,
                actor=actor,
                now=now,
                step=step,
                opinion=reason,
                public_note=_("开始%(kind)s（暂停计时）：%(reason)s")
                % {"kind": pause.get_kind_display(), "reason": reason},
            )
            library.special_row_write(pause, now=now)
            _audit(
                actor,
                "case.special_start",
                locked,
                pause_id=pause.pk,
                kind=kind,
                attachments=_attachments_store(locked, action=action, actor=actor, checked=checked),
            )
            _notify_applicant(
                locked,
                title=_("办件进入特别程序"),
                text=_sms_text(
                    locked, _("进入%(kind)s程序，所需时间不计入办理期限。") % {"kind": pause.get_kind_display()}
                ),
                sms=False,
            )
    return pause


def special_end(
    *, actor: Actor, case: Case, result: str, attachments: Sequence[Any] = (), lock_version: int | None = None
) -> CasePause:
    """特别程序 ends with its result: the clock runs again and every due date moves by the paused days."""
    with refusals_audited(actor=actor, action="case.special_end", obj=case):
        result = _text(result, label=_("特别程序的结果"))
        checked = _attachments_clean(attachments)  # the hearing record, the test report, the experts' opinion
        with transaction.atomic():
            locked = _lock(case)
            pause = engine.open_pause(locked)
            if pause is None or pause.kind == PauseKind.SUPPLEMENT:
                raise ValidationError(_("办件没有进行中的特别程序。"), code="illegal_transition")
            step = _handled_step(actor, locked, kinds=[StepKind.EXAMINE, StepKind.DECIDE])
            _stale_check(locked, lock_version)
            now = clock.now()
            _pause_close(pause, actor=actor, now=now, result=result)
            locked.paused_kind = ""
            engine.due_dates_refresh(locked)
            _save(locked)
            action = _record(
                locked,
                code=ActionCode.SPECIAL_END,
                actor=actor,
                now=now,
                step=step,
                opinion=result,
                public_note=_("%(kind)s结束，恢复计时：%(result)s")
                % {"kind": pause.get_kind_display(), "result": result},
            )
            library.special_row_write(pause, now=now)
            _audit(
                actor,
                "case.special_end",
                locked,
                pause_id=pause.pk,
                attachments=_attachments_store(locked, action=action, actor=actor, checked=checked),
            )
            _notify_applicant(
                locked,
                title=_("特别程序已结束"),
                text=_sms_text(locked, _("%(kind)s已结束，恢复计时。") % {"kind": pause.get_kind_display()}),
                sms=False,
            )
    return pause


def extension_max_days(case: Case) -> int:
    """10 working days; 15 when the item is handled jointly (并联审批 by several agencies)."""
    joint = case.steps.filter(parallel_group__isnull=False).exists()
    return EXTENSION_MAX_DAYS_JOINT if joint else EXTENSION_MAX_DAYS


def case_extend(
    *,
    actor: Actor,
    case: Case,
    days: int,
    reason: str,
    attachments: Sequence[Any] = (),
    lock_version: int | None = None,
) -> Case:
    """延长期限 by the head (the decider of the case's agency): once, at most the legal extension, reason told."""
    with refusals_audited(actor=actor, action="case.extend", obj=case, days=days):
        reason = _text(reason, label=_("延期理由"))
        checked = _attachments_clean(attachments)
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            raise ValidationError(_("请填写延长的工作日数（至少 1 个工作日）。"), code="days")
        with transaction.atomic():
            locked = _lock(case)
            if actor is not None and not actor.has_perm("cases.extend_case", locked):
                raise PermissionDenied(_("只有实施机构的负责人（审批决定人）可以决定延长办理期限。"))
            _stale_check(locked, lock_version)
            if locked.state != CaseState.PROCESSING:
                raise ValidationError(
                    _("办件当前状态为“%(state)s”，不能延长期限。") % {"state": CaseState(locked.state).label},
                    code="illegal_transition",
                )
            if locked.extension_days:
                raise ValidationError(_("该办件已经延长过一次期限，不能再次延长。"), code="already_extended")
            limit = extension_max_days(locked)
            if days > limit:
                raise ValidationError(
                    _("最多可以延长 %(n)d 个工作日（《中华人民共和国行政许可法》第四十二条）。") % {"n": limit},
                    code="days",
                )
            today = clock.today()
            if locked.legal_due is not None and today > locked.legal_due:
                raise ValidationError(_("已超过法定办结期限，不能再延长。"), code="too_late")
            now = clock.now()
            locked.extension_days = days
            locked.extension_reason = reason
            engine.due_dates_refresh(locked)
            _save(locked)
            action = _record(
                locked,
                code=ActionCode.EXTEND,
                actor=actor,
                now=now,
                opinion=reason,
                public_note=_("办理期限延长 %(n)d 个工作日：%(reason)s") % {"n": days, "reason": reason},
            )
            document = document_pdf_store(
                case=locked,
                kind=DocumentKind.EXTENSION_NOTICE,
                content=notices.extension_notice(locked),
                actor=actor,
                action=action,
            )
            _audit(
                actor,
                "case.extend",
                locked,
                days=days,
                document_id=document.pk,
                attachments=_attachments_store(locked, action=action, actor=actor, checked=checked),
            )
            _notify_applicant(
                locked,
                title=_("办理期限延长"),
                text=_sms_text(locked, _("办理期限延长 %(n)d 个工作日，理由见《延长期限告知书》。") % {"n": days}),
            )
    return locked


# ---------------------------------------------------------------------------------------------------
# Decision and delivery
# ---------------------------------------------------------------------------------------------------


def case_decide(
    *,
    actor: Actor,
    case: Case,
    lock_version: int | None,
    decision: str,
    reason: str,
    legal_remedy: str = "",
    result_number: str = "",
    attachments: Sequence[Any] = (),
) -> Case:
    """准予 / 不予许可, with reasons and the legal remedy; the decision document (PDF) is the result."""
    with refusals_audited(actor=actor, action="case.decide", obj=case, decision=str(decision)):
        if decision not in Decision.values:
            raise ValidationError(_("请选择决定（准予许可或不予许可）。"), code="required")
        reason = _text(reason, label=_("决定理由"), required=decision == Decision.DENIED)
        legal_remedy = _text(legal_remedy, label=_("救济途径"), required=False) or notices.legal_remedy_default()
        result_number = _text(result_number, label=_("结果文号"), required=False, max_length=100)
        checked = _attachments_clean(attachments)
        with transaction.atomic():
            locked = _lock(case)
            step = _active_step(locked, StepKind.DECIDE, lock_version)
            _require_step(actor, step)
            _stale_check(locked, lock_version)
            _not_paused(locked)
            _step_owner_check(actor, step)
            now = clock.now()
            before = locked.state
            _transition(locked, "decide", _("作出决定"))
            approved = decision == Decision.APPROVED
            locked.decision = decision
            locked.decision_reason = reason
            locked.legal_remedy = legal_remedy
            locked.decided_at = now
            locked.result_name = locked.version.result_name if approved else _("不予行政许可决定书")
            locked.result_number = result_number or (locked.number if approved else "")
            _step_finish(
                step,
                actor=actor,
                now=now,
                outcome=StepOutcome.AGREE if approved else StepOutcome.DISAGREE,
                opinion=reason or _("准予许可"),
            )
            engine.due_dates_refresh(locked)
            started = engine.stage_advance(locked, now=now)
            engine.due_dates_refresh(locked)
            _save(locked)
            label = Decision(decision).label
            action = _record(
                locked,
                code=ActionCode.DECIDE,
                actor=actor,
                now=now,
                step=step,
                opinion=reason,
                public_note=_("已作出决定：%(decision)s。") % {"decision": label},
                from_state=before,
            )
            document = document_pdf_store(
                case=locked,
                kind=DocumentKind.DECISION,
                content=notices.decision_notice(locked, decider=actor),
                actor=actor,
                action=action,
            )
            library.result_row_write(locked, now=now)
            _audit(
                actor,
                "case.decide",
                locked,
                decision=decision,
                document_id=document.pk,
                attachments=_attachments_store(locked, action=action, actor=actor, checked=checked),
            )
            _notify_stage_started(locked, started, actor=actor)
            _notify_applicant(
                locked,
                title=_("办件已办结：%(decision)s") % {"decision": label},
                text=_sms_text(locked, _("已办结（%(decision)s），请按选择的方式领取结果。") % {"decision": label}),
            )
    return locked


def delivery_note(method: str, tracking_number: str = "") -> str:
    """The applicant's note (timeline, message, SMS) of a delivery: “已送达（窗口领取）。”,
    “已送达（邮寄，邮件单号 …）。” or “已送达（电子方式）。”."""
    if method == DeliveryMethod.POST:
        return _("已送达（邮寄，邮件单号 %(no)s）。") % {"no": tracking_number}
    if method == DeliveryMethod.ELECTRONIC:
        return _("已送达（电子方式）。")
    return _("已送达（窗口领取）。")


def case_deliver(
    *,
    actor: Actor,
    case: Case,
    method: str,
    tracking_number: str = "",
    attachments: Sequence[Any] = (),
    lock_version: int | None = None,
) -> Case:
    """送达: at a window, by post (tracking number required) or electronically."""
    with refusals_audited(actor=actor, action="case.deliver", obj=case, method=str(method)):
        if method not in DeliveryMethod.values:
            raise ValidationError(_("请选择送达方式。"), code="required")
        tracking_number = _text(
            tracking_number, label=_("邮件单号"), required=method == DeliveryMethod.POST, max_length=TRACKING_NUMBER_MAX
        )
        if tracking_number and not tracking_number.replace("-", "").isalnum():
            raise ValidationError(_("邮件单号只能由字母、数字和连字符组成。"), code="tracking_number")
        if method != DeliveryMethod.POST:
            tracking_number = ""
        checked = _attachments_clean(attachments)  # e.g. the 送达回证 signed by the recipient, scanned
        with transaction.atomic():
            locked = _lock(case)
            step = _active_step(locked, StepKind.DELIVER)
            _require_step(actor, step)
            _step_owner_check(actor, step)
            _stale_check(locked, lock_version)
            now = clock.now()
            before = locked.state
            _transition(locked, "deliver", _("送达"))
            locked.delivery_method = method
            locked.tracking_number = tracking_number
            locked.delivered_at = now
            locked.closed_at = now
            _step_finish(step, actor=actor, now=now, outcome=StepOutcome.AGREE, opinion=DeliveryMethod(method).label)
            engine.stage_advance(locked, now=now)
            _save(locked)
            label = DeliveryMethod(method).label
            note = delivery_note(method, tracking_number)
            action = _record(
                locked,
                code=ActionCode.DELIVER,
                actor=actor,
                now=now,
                step=step,
                opinion=label,
                public_note=note,
                from_state=before,
            )
            document = document_pdf_store(
                case=locked,
                kind=DocumentKind.DELIVERY_RECEIPT,
                content=notices.delivery_receipt(locked),
                actor=actor,
                action=action,
            )
            library.result_row_write(locked, now=now)
            _audit(
                actor,
                "case.deliver",
                locked,
                method=method,
                document_id=document.pk,
                attachments=_attachments_store(locked, action=action, actor=actor, checked=checked),
            )
            _notify_applicant(locked, title=_("办理结果已送达"), text=_sms_text(locked, note))
    return locked


# ---------------------------------------------------------------------------------------------------
# Ending early: withdrawal (applicant) and termination (agency)
# ---------------------------------------------------------------------------------------------------


def _end_early(locked: Case, *, actor: Actor, now: dt.datetime, result: str) -> list[Any]:
    pause = engine.open_pause(locked)
    if pause is not None:
        _pause_close(pause, actor=actor, now=now, result=result)
        if pause.kind != PauseKind.SUPPLEMENT:
            library.special_row_write(pause, now=now)
    locked.paused_kind = ""
    handlers = [s.assignee for s in locked.steps.filter(state=StepState.ACTIVE).select_related("assignee")]
    engine.steps_cancel_open(locked, now=now)
    locked.closed_at = now
    return handlers


def _ended_record(
    locked: Case,
    *,
    actor: Actor,
    now: dt.datetime,
    code: str,
    reason: str,
    public_note: str,
    from_state: str,
    kind: str,
    content: Any,
    checked: Sequence[Any] = (),
) -> None:
    """The trace of a case ended before a decision (撤回 CH, 终止 ZZ): the action, its notice PDF, the result row
    (certificate number ``<case number>-<code>``) and the audit event."""
    action = _record(
        locked, code=code, actor=actor, now=now, opinion=reason, public_note=public_note, from_state=from_state
    )
    document = document_pdf_store(case=locked, kind=kind, content=content, actor=actor, action=action)
    library.result_row_write(
        locked, now=now, explain=reason, certificate_name=content.title, certificate_no=f"{locked.number}-{code}"
    )
    action_name = "case.withdraw" if code == ActionCode.WITHDRAW else "case.terminate"
    attached = _attachments_store(locked, action=action, actor=actor, checked=checked)
    _audit(actor, action_name, locked, document_id=document.pk, attachments=attached)


def case_withdraw(*, actor: Actor, case: Case, reason: str, lock_version: int | None = None) -> Case:
    """撤回 by the applicant (the person, or an agent of the applying organisation) before a decision."""
    with refusals_audited(actor=actor, action="case.withdraw", obj=case):
        reason = _text(reason, label=_("撤回原因"), max_length=500)
        with transaction.atomic():
            locked = _lock(case)
            if not _is_applicant(actor, locked):
                raise PermissionDenied(_("只有申请人本人或申请单位的经办人可以撤回申请。"))
            _stale_check(locked, lock_version)
            now = clock.now()
            before = locked.state
            _transition(locked, "withdraw", _("撤回（已作出决定的申请不能撤回）"))
            handlers = _end_early(locked, actor=actor, now=now, result=_("申请人撤回申请"))
            _save(locked)
            _ended_record(
                locked,
                actor=actor,
                now=now,
                code=ActionCode.WITHDRAW,
                reason=reason,
                public_note=_("申请人已撤回申请。"),
                from_state=before,
                kind=DocumentKind.WITHDRAWAL_NOTICE,
                content=notices.withdrawal_notice(locked, reason=reason),
            )
            _notify_applicant(
                locked,
                title=_("申请已撤回"),
                text=_sms_text(locked, _("已撤回，《撤回申请确认书》可在“我的办件”下载。")),
                link=_applicant_link(locked),
                sms=False,
            )
            _notify_staff(
                handlers,
                title=_("申请人已撤回：%(number)s") % {"number": locked.number},
                text=_("“%(item)s”已由申请人撤回，无需继续办理。") % {"item": locked.version.name},
                link=_staff_link(locked),
            )
    return locked


def case_terminate(
    *, actor: Actor, case: Case, reason: str, attachments: Sequence[Any] = (), lock_version: int | None = None
) -> Case:
    """终止 by the agency (the supplement never came, the applicant died…), with reasons; the applicant is told."""
    with refusals_audited(actor=actor, action="case.terminate", obj=case):
        reason = _text(reason, label=_("终止理由"))
        checked = _attachments_clean(attachments)
        with transaction.atomic():
            locked = _lock(case)
            allowed = actor is None or actor.has_perm("cases.extend_case", locked)
            if not allowed:
                _handled_step(actor, locked)
            _stale_check(locked, lock_version)
            now = clock.now()
            before = locked.state
            _transition(locked, "terminate", _("终止办理"))
            _end_early(locked, actor=actor, now=now, result=_("办件终止"))
            locked.legal_remedy = notices.legal_remedy_default()  # the termination notice states it
            _save(locked)
            _ended_record(
                locked,
                actor=actor,
                now=now,
                code=ActionCode.TERMINATE,
                reason=reason,
                public_note=_("办件已终止：%(reason)s") % {"reason": reason},
                from_state=before,
                kind=DocumentKind.TERMINATION_NOTICE,
                content=notices.termination_notice(locked, reason=reason),
                checked=checked,
            )
            _notify_applicant(
                locked,
                title=_("办件已终止"),
                text=_sms_text(locked, _("已终止办理，理由见《终止办理通知书》，请登录查看。")),
                link=_applicant_link(locked),
            )
    return locked


__all__ = [
    "EXTENSION_MAX_DAYS",
    "EXTENSION_MAX_DAYS_JOINT",
    "case_accept",
    "case_decide",
    "case_deliver",
    "case_extend",
    "case_refuse",
    "case_terminate",
    "case_withdraw",
    "delivery_note",
    "extension_max_days",
    "special_end",
    "special_start",
    "step_assign",
    "step_claim",
    "step_examine",
    "supplement_request",
    "supplement_size_check",
    "supplement_submit",
    "supplement_total_bytes",
]
