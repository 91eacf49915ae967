"""Writes of open information entries: create (草稿), update, publish (发布), withdraw (撤回).

Each service is keyword-only, runs in one transaction, writes one audit event (``openinfo.<verb>``)
and refuses bad input with a Chinese ValidationError keyed by the field, writing nothing (the
refusal itself is on record, see :func:`zwfw.core.services.refusals.refusals_audited`).

- Double submits are harmless: a create form carries a one-time ``submission_key`` (the same key
  returns the entry already made); publishing a published entry, withdrawing a withdrawn one or
  saving unchanged data writes nothing.
- Edits are checked optimistically: the form carries the ``lock_version`` it was drawn from; an
  edit made on an older version is refused (someone else saved in between) unless it changes nothing.
- The 索引号 is assigned once, at the first publication, under a row lock on the agency's sequence.
- The unified search is refreshed after commit (derived data; ``manage.py search_rebuild`` repairs it).

Who: the agency's 事项管理员 or an operator (``openinfo.maintain_info``); ``actor=None`` is the system
(the demo loader).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zwfw.core import clock
from zwfw.core.services.audit import audit_record
from zwfw.core.services.refusals import Actor, refusals_audited, require_perm
from zwfw.org.models import Agency

from ..choices import OpenInfoStatus, OpenInfoValidity
from ..constants import BODY_MAX_CHARS, TITLE_MAX, WITHDRAW_REASON_MAX
from ..models import OpenInfo, OpenInfoCategory, OpenInfoSequence

PERM = "openinfo.maintain_info"
EDITABLE_FIELDS = ("category", "title", "document_number", "written_on", "subject_words", "body", "validity")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _not_allowed() -> str:
    return _("只有本机构的事项管理员或县政府办公室的平台运营人员可以维护本机构的政务公开信息。")


def _one_line(value: Any) -> str:
    return " ".join(_CONTROL.sub("", str(value or "")).split())


def _text(value: Any) -> str:
    """Plain text: unified line breaks, no control characters, no trailing spaces, at most two blank lines."""
    text = _CONTROL.sub("", str(value or "")).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def _category(value: Any) -> OpenInfoCategory:
    if isinstance(value, OpenInfoCategory):
        found = OpenInfoCategory.objects.filter(pk=value.pk, is_active=True).first()
    else:
        found = OpenInfoCategory.objects.filter(code=str(value or ""), is_active=True).first()
    if found is None:
        raise ValidationError({"category": _("请选择主题分类。")}, code="category")
    return found


def _date(value: Any, field: str, label: str) -> dt.date:
    if isinstance(value, dt.datetime):
        value = clock.local_date(value) if value.tzinfo else value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            value = None
    if not isinstance(value, dt.date):
        raise ValidationError({field: _("请填写%(label)s，格式如 2026-03-15。") % {"label": label}}, code="date")
    return value


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Normalise and check the editable fields; raise every problem at once, keyed by field."""
    errors: dict[str, list[str]] = {}
    out: dict[str, Any] = {}
    for key, raw in values.items():
        try:
            if key == "category":
                out[key] = _category(raw)
            elif key == "title":
                title = _one_line(raw)
                if not title:
                    raise ValidationError({"title": _("请填写标题。")})
                if len(title) > TITLE_MAX:
                    raise ValidationError({"title": _("标题不能超过 %(n)d 个字。") % {"n": TITLE_MAX}})
                out[key] = title
            elif key == "document_number":
                number = _one_line(raw)
                if len(number) > 60:
                    raise ValidationError({"document_number": _("文号不能超过 60 个字。")})
                out[key] = number
            elif key == "written_on":
                written = _date(raw, "written_on", _("成文日期"))
                if written > clock.today():
                    raise ValidationError({"written_on": _("成文日期不能晚于今天。")})
                if written.year < 1949:
                    raise ValidationError({"written_on": _("成文日期不正确。")})
                out[key] = written
            elif key == "subject_words":
                words = " ".join(_one_line(raw).replace("，", " ").replace(",", " ").replace("；", " ").split())
                if len(words) > 100:
                    raise ValidationError({"subject_words": _("主题词不能超过 100 个字。")})
                out[key] = words
            elif key == "body":
                body = _text(raw)
                if len(body) > BODY_MAX_CHARS:
                    raise ValidationError(
                        {"body": _("正文不能超过 %(n)d 个字；较长的文件请作为附件上传。") % {"n": BODY_MAX_CHARS}}
                    )
                out[key] = body
            elif key == "validity":
                if raw not in OpenInfoValidity.values:
                    raise ValidationError({"validity": _("请选择有效性：有效、失效或废止。")})
                out[key] = raw
            else:
                raise ValidationError({"__all__": _("不能修改字段“%(field)s”。") % {"field": key}})
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return out


def _audit_value(value: Any) -> Any:
    if isinstance(value, OpenInfoCategory):
        return value.code
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and len(value) > 200:
        return value[:200] + "…"
    return value


def _search_refresh_after_commit(info_id: int) -> None:
    def refresh() -> None:
        from ..search import open_info_search_document_refresh

        open_info_search_document_refresh(info_id)

    transaction.on_commit(refresh, robust=True)


def _locked(info: OpenInfo) -> OpenInfo:
    return OpenInfo.objects.select_for_update().select_related("agency", "category").get(pk=info.pk)


def _sync(target: OpenInfo, source: OpenInfo) -> None:
    """Copy the saved state onto the caller's object (it may be used again, e.g. by a view)."""
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


# --- create ----------------------------------------------------------------------------------------


def openinfo_create(
    *,
    actor: Actor,
    agency: Agency,
    category: OpenInfoCategory | str,
    title: str,
    written_on: dt.date | str,
    body: str = "",
    document_number: str = "",
    subject_words: str = "",
    validity: str = OpenInfoValidity.VALID,
    submission_key: uuid.UUID | str | None = None,
) -> OpenInfo:
    """Create a draft (草稿) of ``agency``. The same ``submission_key`` again returns the first entry."""
    with refusals_audited(actor=actor, action="openinfo.create", obj=agency, title=_one_line(title)[:100]):
        with transaction.atomic():
            require_perm(actor, PERM, _not_allowed(), agency)
            if not agency.is_active:
                raise ValidationError({"agency": _("该机构已停用，不能发布政务公开信息。")}, code="agency_inactive")
            key = _submission_key(submission_key)
            if key is not None:
                existing = OpenInfo.objects.filter(submission_key=key).first()
                if existing is not None:
                    return _same_submission(existing, actor=actor, agency=agency)
            values = _clean(
                {
                    "category": category,
                    "title": title,
                    "document_number": document_number,
                    "written_on": written_on,
                    "subject_words": subject_words,
                    "body": body,
                    "validity": validity,
                }
            )
            info = OpenInfo(agency=agency, submission_key=key, status=OpenInfoStatus.DRAFT, **values)
            info.stamp(actor)
            try:
                with transaction.atomic():  # a concurrent double submit loses the race here
                    info.save()
            except IntegrityError:
                existing = OpenInfo.objects.filter(submission_key=key).first() if key else None
                if existing is None:
                    raise
                return _same_submission(existing, actor=actor, agency=agency)
            audit_record(
                actor=actor,
                action="openinfo.create",
                obj=info,
                detail={"agency_id": agency.pk, **{k: _audit_value(v) for k, v in values.items()}},
            )
            return info


def _submission_key(value: uuid.UUID | str | None) -> uuid.UUID | None:
    if value in (None, ""):
        return None
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError as exc:
        raise ValidationError({"__all__": _("表单已失效，请重新打开“新建”页面后再提交。")}, code="key") from exc


def _same_submission(existing: OpenInfo, *, actor: Actor, agency: Agency) -> OpenInfo:
    """The entry a repeated create form already made — only for the same person and agency."""
    same_actor = (actor is None and existing.created_by_id is None) or (
        actor is not None and existing.created_by_id == actor.pk
    )
    if not same_actor or existing.agency_id != agency.pk:
        raise ValidationError({"__all__": _("表单已失效，请重新打开“新建”页面后再提交。")}, code="key")
    return existing


# --- update ----------------------------------------------------------------------------------------


def openinfo_update(*, actor: Actor, info: OpenInfo, data: dict[str, Any], expected_version: int | None = None) -> bool:
    """Change the editable fields given in ``data``; True if anything changed.

    ``expected_version`` is the ``lock_version`` the editor was drawn from: if someone saved in
    between, a change is refused (an unchanged save is not). A published entry may be corrected;
    its 索引号 and 发布日期 stay, and the portal and search show the correction at once.
    """
    with refusals_audited(actor=actor, action="openinfo.update", obj=info):
        with transaction.atomic():
            require_perm(actor, PERM, _not_allowed(), info)
            locked = _locked(info)
            values = _clean(dict(data))
            changes = {k: v for k, v in values.items() if getattr(locked, k) != v}
            if not changes:
                _sync(info, locked)
                return False
            if expected_version is not None and int(expected_version) != locked.lock_version:
                raise ValidationError(
                    {
                        "__all__": _(
                            "保存前，%(who)s已修改了这条信息（第 %(n)d 次修改）。为免覆盖他人的修改，本次未保存；"
                            "请重新打开编辑页面，核对后再修改。"
                        )
                        % {
                            "who": locked.updated_by.get_full_name() or locked.updated_by.get_username()
                            if locked.updated_by_id
                            else _("其他人"),
                            "n": locked.lock_version,
                        }
                    },
                    code="stale",
                )
            before = {k: _audit_value(getattr(locked, k)) for k in changes}
            for key, value in changes.items():
                setattr(locked, key, value)
            locked.lock_version += 1
            locked.stamp(actor)
            locked.save()
            audit_record(
                actor=actor,
                action="openinfo.update",
                obj=locked,
                detail={
                    "changes": {k: {"from": before[k], "to": _audit_value(v)} for k, v in changes.items()},
                    "lock_version": locked.lock_version,
                },
            )
            if locked.status == OpenInfoStatus.PUBLISHED:
                _search_refresh_after_commit(locked.pk)
            _sync(info, locked)
            return True


# --- publish / withdraw ----------------------------------------------------------------------------


def _index_number(info: OpenInfo, year: int) -> str:
    """The next 索引号 of the entry's agency, category and year: ``<USCC>/<category>-<year>-<NNNN>``."""
    sequence, _created = OpenInfoSequence.objects.select_for_update().get_or_create(
        agency_id=info.agency_id, category_id=info.category_id, year=year
    )
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return f"{info.agency.uscc}/{info.category.code}-{year}-{sequence.last_number:04d}"


def openinfo_publish(
    *, actor: Actor, info: OpenInfo, secrecy_reviewed: bool = False, published_on: dt.date | None = None
) -> bool:
    """Publish a draft or a withdrawn entry; False (nothing written) if it is already published.

    ``secrecy_reviewed``: the publisher confirms the 保密审查 of 《政府信息公开条例》第十七条 was done.
    ``published_on`` (发布日期) defaults to today; an earlier date is for loading past information
    (it may not be before the 成文日期 nor after today).
    """
    with refusals_audited(actor=actor, action="openinfo.publish", obj=info):
        with transaction.atomic():
            require_perm(actor, PERM, _not_allowed(), info)
            locked = _locked(info)
            if locked.status == OpenInfoStatus.PUBLISHED:
                _sync(info, locked)
                return False
            errors: dict[str, list[str]] = {}
            if not secrecy_reviewed:
                errors["secrecy_reviewed"] = [_("发布前须确认本信息已通过保密审查。")]
            today = clock.today()
            day = published_on or today
            if day > today:
                errors.setdefault("published_on", []).append(_("发布日期不能晚于今天。"))
            elif day < locked.written_on:
                errors.setdefault("published_on", []).append(_("发布日期不能早于成文日期。"))
            if not locked.body.strip() and not locked.attachments.exists():
                errors.setdefault("body", []).append(_("正文和附件不能都为空：请填写正文或上传附件后再发布。"))
            if not locked.category.is_active:
                errors.setdefault("category", []).append(_("该主题分类已停用，请改选其他分类后再发布。"))
            if errors:
                raise ValidationError(errors, code="publish")
            first = locked.index_number is None
            if first:
                locked.index_number = _index_number(locked, day.year)
            previous = locked.status
            locked.status = OpenInfoStatus.PUBLISHED
            locked.published_on = day
            locked.published_at = clock.now()
            locked.withdrawn_at = None
            locked.withdraw_reason = ""
            locked.lock_version += 1
            locked.stamp(actor)
            locked.save()
            audit_record(
                actor=actor,
                action="openinfo.publish",
                obj=locked,
                detail={
                    "index_number": locked.index_number,
                    "index_number_assigned": first,
                    "published_on": day.isoformat(),
                    "from_status": previous,
                    "secrecy_reviewed": True,
                },
            )
            _search_refresh_after_commit(locked.pk)
            _sync(info, locked)
            return True


def openinfo_withdraw(*, actor: Actor, info: OpenInfo, reason: str) -> bool:
    """Take a published entry off the portal and out of search, with a reason; False if already withdrawn."""
    reason_clean = _one_line(reason)
    with refusals_audited(actor=actor, action="openinfo.withdraw", obj=info):
        with transaction.atomic():
            require_perm(actor, PERM, _not_allowed(), info)
            locked = _locked(info)
            if locked.status == OpenInfoStatus.WITHDRAWN:
                _sync(info, locked)
                return False
            if locked.status != OpenInfoStatus.PUBLISHED:
                raise ValidationError({"__all__": _("这条信息还是草稿，尚未发布，不需要撤回。")}, code="not_published")
            if not reason_clean:
                raise ValidationError({"reason": _("请填写撤回原因。")}, code="reason")
            if len(reason_clean) > WITHDRAW_REASON_MAX:
                raise ValidationError(
                    {"reason": _("撤回原因不能超过 %(n)d 个字。") % {"n": WITHDRAW_REASON_MAX}}, code="reason"
                )
            locked.status = OpenInfoStatus.WITHDRAWN
            locked.withdrawn_at = clock.now()
            locked.withdraw_reason = reason_clean
            locked.lock_version += 1
            locked.stamp(actor)
            locked.save()
            audit_record(
                actor=actor,
                action="openinfo.withdraw",
                obj=locked,
                detail={"index_number": locked.index_number, "reason": reason_clean},
            )
            _search_refresh_after_commit(locked.pk)
            _sync(info, locked)
            return True
