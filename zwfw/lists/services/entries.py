"""Writing the four maintained lists: create, update, publish, withdraw — one set of services for every kind.

Each service is keyword-only, runs in one transaction, appends one :class:`EntryRevision` (the snapshot
of the entry afterwards) and one audit event, and refreshes the entry's search document after commit.
Refusals (bad input, a missing permission, a stale form) are audited after the rollback and change nothing.

``data`` holds the kind's fields (``zwfw.lists.kinds.SPECS[kind].fields``) by name; relations by code
(``items``: implementation codes, ``cooperating_agencies``: agency slugs), ``township`` by region
code, and for poverty projects ``beneficiaries``: a list of rows ``{"ref": <existing row id or None>,
"name", "id_number", "household_size", "assistance_amount", "assistance"}`` that replaces the current
rows in its order. A row with a ``ref`` and empty ``name`` / ``id_number`` keeps the stored (encrypted)
values, so a maintainer never needs to see a full ID number again to change a household's help.

Double submits and retries:
- :func:`entry_create` takes the create form's one-time ``token``: the same token again returns the
  entry the first submit created.
- :func:`entry_update` writes nothing when nothing changed; with changes, a ``lock_version`` older than
  the entry's means someone saved in between, and the edit is refused (code ``stale``).
- :func:`entry_publish` of a published entry and :func:`entry_withdraw` of a withdrawn one are no-ops.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from stdnum.cn import ric

from zwfw.core import clock
from zwfw.core.pii import mask_id_number, mask_name, pii_blind_index
from zwfw.core.services.audit import audit_record
from zwfw.core.services.refusals import Actor, refusals_audited, require_perm
from zwfw.org.choices import RegionLevel
from zwfw.org.models import Agency, Region

from ..choices import EntryStatus, ListKind, RevisionAction
from ..history import entry_snapshot
from ..kinds import BENEFICIARY_FIELDS, SPECS, KindSpec, spec_for, spec_of
from ..models import EntryRevision, ListEntry, PovertyBeneficiary

MAINTAIN_PERM = "lists.maintain_entry"
WITHDRAW_PERM = "lists.withdraw_entry"
#: Most households one project lists (a bigger project lists them in several rows of its own).
MAX_BENEFICIARIES = 300
ID_PURPOSE = "id_number"


def _action(spec: KindSpec, verb: str) -> str:
    return f"{spec.model._meta.model_name}.{verb}"


# ---------------------------------------------------------------------------------------------------
# Cleaning the input
# ---------------------------------------------------------------------------------------------------


class _Cleaned:
    """What ``data`` asks for, validated: scalar values, foreign keys, relations, child rows."""

    def __init__(self) -> None:
        self.scalars: dict[str, Any] = {}
        self.relations: dict[str, list[models.Model]] = {}
        self.rows: list[dict[str, Any]] | None = None


def _label(spec: KindSpec, name: str) -> str:
    return str(spec.field_obj(name).verbose_name)


def _clean_scalar(spec: KindSpec, name: str, value: Any, creating: bool) -> Any:
    field = spec.field_obj(name)
    if name in spec.foreign_keys:
        if value in (None, ""):
            raise ValidationError(_("请选择“%(label)s”。") % {"label": field.verbose_name})
        if isinstance(value, Region):
            value = value.code
        region = Region.objects.filter(code=str(value), level=RegionLevel.TOWNSHIP).first()
        if region is None:
            raise ValidationError(_("“%(label)s”不是本县的乡镇。") % {"label": field.verbose_name})
        return region
    if isinstance(value, str):
        value = value.strip()
    if value in field.empty_values or (isinstance(value, str) and value == ""):
        if name in spec.required:
            raise ValidationError(_("请填写“%(label)s”。") % {"label": field.verbose_name})
        if isinstance(field, models.BooleanField):
            return False
        if isinstance(field, models.IntegerField):
            return field.get_default()
        return "" if not field.null else None
    if isinstance(field, models.DecimalField) and not isinstance(value, Decimal):
        try:
            value = Decimal(str(value))
        except (InvalidOperation, ValueError) as exc:
            raise ValidationError(_("“%(label)s”应为数字。") % {"label": field.verbose_name}) from exc
    if isinstance(field, models.BooleanField) and not isinstance(value, bool):
        raise ValidationError(_("“%(label)s”应为是或否。") % {"label": field.verbose_name})
    try:
        return field.clean(value, None)
    except ValidationError as exc:
        raise ValidationError(
            [_("“%(label)s”：%(message)s") % {"label": field.verbose_name, "message": m} for m in exc.messages]
        ) from exc


def _clean_relation(spec: KindSpec, name: str, lookup: str, values: Any) -> list[models.Model]:
    field = spec.field_obj(name)
    label = field.verbose_name
    if not isinstance(values, list | tuple):
        raise ValidationError(_("“%(label)s”应为列表。") % {"label": label})
    wanted = [str(getattr(v, lookup, v)) for v in dict.fromkeys(values)]
    related = field.related_model
    qs = related.objects.filter(**{f"{lookup}__in": wanted})
    if related is Agency:
        qs = qs.filter(is_active=True)
    found = {str(getattr(o, lookup)): o for o in qs}
    missing = [v for v in wanted if v not in found]
    if missing:
        raise ValidationError(
            _("“%(label)s”中有不存在的值：%(values)s。") % {"label": label, "values": "、".join(missing[:10])}
        )
    return [found[v] for v in wanted]


def _clean_rows(entry: ListEntry, rows: Any) -> list[dict[str, Any]]:
    """Validate beneficiary rows; return dicts ready to build :class:`PovertyBeneficiary` rows."""
    if not isinstance(rows, list | tuple):
        raise ValidationError(_("受益户应为列表。"))
    if len(rows) > MAX_BENEFICIARIES:
        raise ValidationError(_("一个项目最多列出%(n)d户受益户。") % {"n": MAX_BENEFICIARIES})
    existing = {b.pk: b for b in entry.beneficiaries.all()} if entry.pk else {}
    problems: list[str] = []
    cleaned: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for n, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            problems.append(_("受益户第%(n)d行格式不正确。") % {"n": n})
            continue
        unknown = sorted(set(row) - set(BENEFICIARY_FIELDS) - {"ref"})
        if unknown:
            problems.append(_("受益户第%(n)d行有未知的字段：%(f)s。") % {"n": n, "f": "、".join(unknown)})
            continue
        ref = row.get("ref")
        stored = None
        if ref not in (None, ""):
            stored = existing.get(int(ref)) if str(ref).isdigit() else None
            if stored is None:
                problems.append(_("受益户第%(n)d行不属于本项目，请刷新后重试。") % {"n": n})
                continue
        name = " ".join(str(row.get("name") or "").split())
        id_number = str(row.get("id_number") or "").strip().upper()
        if not name:
            if stored is None:
                problems.append(_("受益户第%(n)d行：请填写姓名。") % {"n": n})
                continue
            name = stored.name
        elif len(name) > 30:
            problems.append(_("受益户第%(n)d行：姓名过长。") % {"n": n})
            continue
        if not id_number:
            if stored is None:
                problems.append(_("受益户第%(n)d行：请填写居民身份证号码。") % {"n": n})
                continue
            id_number = stored.id_number
        elif not ric.is_valid(id_number):
            problems.append(
                _("受益户第%(n)d行：居民身份证号码%(masked)s无效（应为18位，末位校验码正确）。")
                % {"n": n, "masked": mask_id_number(id_number)}
            )
            continue
        id_number = ric.compact(id_number)
        index = pii_blind_index(id_number, purpose=ID_PURPOSE)
        if index in seen:
            problems.append(
                _("受益户第%(n)d行与第%(m)d行是同一人（%(masked)s）。")
                % {"n": n, "m": seen[index], "masked": mask_id_number(id_number)}
            )
            continue
        seen[index] = n
        try:
            household = int(row.get("household_size") or 0)
        except (TypeError, ValueError):
            household = 0
        if not 1 <= household <= 30:
            problems.append(_("受益户第%(n)d行：家庭人口应为1至30的整数。") % {"n": n})
            continue
        amount = row.get("assistance_amount")
        if amount in (None, ""):
            amount = None
        else:
            try:
                amount = Decimal(str(amount)).quantize(Decimal("0.01"))
            except (InvalidOperation, ValueError):
                problems.append(_("受益户第%(n)d行：帮扶金额应为数字。") % {"n": n})
                continue
            if amount < 0 or amount >= Decimal("1e12"):
                problems.append(_("受益户第%(n)d行：帮扶金额不正确。") % {"n": n})
                continue
        assistance = " ".join(str(row.get("assistance") or "").split())
        if not assistance:
            problems.append(_("受益户第%(n)d行：请填写帮扶内容。") % {"n": n})
            continue
        if len(assistance) > 300:
            problems.append(_("受益户第%(n)d行：帮扶内容不能超过300字。") % {"n": n})
            continue
        cleaned.append(
            {
                "name": name,
                "id_number": id_number,
                "id_number_index": index,
                "household_size": household,
                "assistance_amount": amount,
                "assistance": assistance,
            }
        )
    if problems:
        raise ValidationError(problems)
    return cleaned


def _clean(spec: KindSpec, entry: ListEntry, data: Mapping[str, Any], creating: bool) -> _Cleaned:
    if not isinstance(data, Mapping):
        raise ValidationError({NON_FIELD_ERRORS: [_("提交的内容格式不正确。")]})
    allowed = set(spec.fields) | ({spec.children} if spec.children else set())
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ValidationError({NON_FIELD_ERRORS: [_("未知的字段：%(fields)s。") % {"fields": "、".join(unknown)}]})
    relations = {r.name: r.lookup for r in spec.relations}
    errors: dict[str, list[str]] = {}
    out = _Cleaned()
    for name in spec.fields:
        if name not in data:
            if creating and name in spec.required:
                errors.setdefault(name, []).append(_("请填写“%(label)s”。") % {"label": _label(spec, name)})
            continue
        try:
            if name in relations:
                out.relations[name] = _clean_relation(spec, name, relations[name], data[name])
            else:
                out.scalars[name] = _clean_scalar(spec, name, data[name], creating)
        except ValidationError as exc:
            errors.setdefault(name, []).extend(exc.messages)
    if spec.children and spec.children in data:
        try:
            out.rows = _clean_rows(entry, data[spec.children])
        except ValidationError as exc:
            errors.setdefault(spec.children, []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return out


# ---------------------------------------------------------------------------------------------------
# Applying it
# ---------------------------------------------------------------------------------------------------


def _current_rows(entry: ListEntry) -> list[tuple[Any, ...]]:
    if not entry.pk:
        return []
    return [
        (b.name, b.id_number_index, b.household_size, b.assistance_amount, b.assistance)
        for b in entry.beneficiaries.order_by("order")
    ]


def _changes(spec: KindSpec, entry: ListEntry, cleaned: _Cleaned) -> list[str]:
    changed = []
    for name, value in cleaned.scalars.items():
        current = getattr(entry, name)
        if isinstance(value, models.Model):
            if current is None or current.pk != value.pk:
                changed.append(name)
        elif current != value:
            changed.append(name)
    for name, objects in cleaned.relations.items():
        current = set(getattr(entry, name).values_list("pk", flat=True)) if entry.pk else set()
        if current != {o.pk for o in objects}:
            changed.append(name)
    if cleaned.rows is not None:
        wanted = [
            (r["name"], r["id_number_index"], r["household_size"], r["assistance_amount"], r["assistance"])
            for r in cleaned.rows
        ]
        if wanted != _current_rows(entry):
            changed.append(spec.children)
    return changed


def _unique_check(spec: KindSpec, entry: ListEntry) -> None:
    """The friendly form of the unique constraints (the database still has the last word)."""
    model = spec.model
    others = model.objects.exclude(pk=entry.pk) if entry.pk else model.objects.all()
    if spec.kind == ListKind.POVERTY:
        clash = others.filter(township_id=entry.township_id, year=entry.year, name=entry.name).exists()
    elif spec.has_year:
        clash = others.filter(agency_id=entry.agency_id, year=entry.year, name=entry.name).exists()
    else:
        clash = others.filter(agency_id=entry.agency_id, name=entry.name).exists()
    if clash:
        raise ValidationError({"name": [_("已有同名的条目“%(name)s”，请勿重复录入。") % {"name": entry.name}]})


def _write(spec: KindSpec, entry: ListEntry, cleaned: _Cleaned, actor: Actor) -> None:
    for name, value in cleaned.scalars.items():
        setattr(entry, name, value)
    _unique_check(spec, entry)
    try:
        entry.full_clean(exclude=["agency", "creation_token"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc
    entry.stamp(actor)
    entry.save()
    for name, objects in cleaned.relations.items():
        getattr(entry, name).set(objects)
    if cleaned.rows is not None and spec.children:
        entry.beneficiaries.all().delete()
        PovertyBeneficiary.objects.bulk_create(
            PovertyBeneficiary(
                project=entry,
                order=n,
                name=row["name"],
                id_number=row["id_number"],
                id_number_index=row["id_number_index"],
                name_masked=mask_name(row["name"]),
                id_number_masked=mask_id_number(row["id_number"]),
                household_size=row["household_size"],
                assistance_amount=row["assistance_amount"],
                assistance=row["assistance"],
            )
            for n, row in enumerate(cleaned.rows, start=1)
        )


def _revision_append(
    entry: ListEntry, *, action: str, actor: Actor, note: str = "", changed: list[str] | None = None
) -> EntryRevision:
    last = EntryRevision.objects.filter(kind=entry.kind, entry_id=entry.pk).aggregate(m=Max("number"))["m"] or 0
    revision = EntryRevision(
        kind=entry.kind,
        entry_id=entry.pk,
        number=last + 1,
        action=action,
        status=entry.status,
        snapshot=entry_snapshot(entry),
        changed_fields=changed or [],
        note=(note or "")[:300],
        actor=actor if getattr(actor, "pk", None) else None,
        occurred_at=clock.now(),
    )
    revision.save(force_insert=True)
    return revision


def _detail(entry: ListEntry, **extra: Any) -> dict[str, Any]:
    """Audit detail: what the entry is, never personal data (beneficiaries only counted)."""
    detail: dict[str, Any] = {"kind": entry.kind, "name": str(entry)[:200], "status": entry.status}
    if entry.kind == ListKind.POVERTY and entry.pk:
        detail["beneficiaries"] = entry.beneficiaries.count()
    return {**detail, **extra}


def _search_refresh_after_commit(entry: ListEntry) -> None:
    kind, pk = entry.kind, entry.pk

    def refresh() -> None:
        from ..search import list_entry_search_refresh

        list_entry_search_refresh(kind=kind, pk=pk)

    transaction.on_commit(refresh)


def _lock(entry: ListEntry) -> ListEntry:
    return type(entry).objects.select_for_update().select_related("agency").get(pk=entry.pk)


def _sync(target: ListEntry, source: ListEntry) -> None:
    if target is source:
        return
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


# ---------------------------------------------------------------------------------------------------
# The services
# ---------------------------------------------------------------------------------------------------


def entry_create(
    *, actor: Actor, kind: str, agency: Agency, data: Mapping[str, Any], token: uuid.UUID | str | None = None
) -> ListEntry:
    """A new draft (草稿) of ``kind`` for ``agency``. ``token`` makes a repeated submit return the same entry."""
    if kind not in SPECS:
        raise ValidationError(_("未知的清单类型。"))
    spec = spec_for(kind)
    action = _action(spec, "create")
    token_value: uuid.UUID | None = None
    if token not in (None, ""):
        try:
            token_value = token if isinstance(token, uuid.UUID) else uuid.UUID(str(token))
        except ValueError:
            token_value = None
    with refusals_audited(actor=actor, action=action, obj=agency, kind=kind):
        if token_value is not None:
            again = spec.model.objects.filter(creation_token=token_value).first()
            if again is not None:
                if again.agency_id != agency.pk or again.created_by_id != getattr(actor, "pk", None):
                    raise ValidationError(_("表单已失效，请刷新页面后重新填写。"), code="token")
                return again
        try:
            with transaction.atomic():
                require_perm(actor, MAINTAIN_PERM, _("只有本机构的事项管理员或平台运营人员可以维护清单。"), agency)
                if not agency.is_active:
                    raise ValidationError(_("机构“%(agency)s”已停用，不能新增清单条目。") % {"agency": agency})
                entry = spec.model(agency=agency, status=EntryStatus.DRAFT, creation_token=token_value)
                cleaned = _clean(spec, entry, data, creating=True)
                _write(spec, entry, cleaned, actor)
                _revision_append(entry, action=RevisionAction.CREATE, actor=actor, changed=list(spec.fields))
                audit_record(actor=actor, action=action, obj=entry, detail=_detail(entry))
        except IntegrityError as exc:
            if token_value is not None:
                again = spec.model.objects.filter(creation_token=token_value).first()
                if again is not None and again.created_by_id == getattr(actor, "pk", None):
                    return again
            raise ValidationError(_("已有相同的条目，请刷新后查看。"), code="duplicate") from exc
    return entry


def entry_update(
    *,
    actor: Actor,
    entry: ListEntry,
    data: Mapping[str, Any],
    lock_version: int | None = None,
    note: str = "",
) -> list[str]:
    """Change an entry (any status; a published entry shows the change at once). Returns the changed
    field names; empty when nothing changed (then nothing is written). ``lock_version`` is the value the
    edit form was drawn from: an older one, with changes, is refused with code ``stale``."""
    spec = spec_of(entry)
    action = _action(spec, "update")
    with refusals_audited(actor=actor, action=action, obj=entry):
        try:
            with transaction.atomic():
                locked = _lock(entry)
                require_perm(actor, MAINTAIN_PERM, _("只有本机构的事项管理员或平台运营人员可以修改该条目。"), locked)
                cleaned = _clean(spec, locked, data, creating=False)
                changed = _changes(spec, locked, cleaned)
                if not changed:
                    return []
                if lock_version is not None and int(lock_version) != locked.lock_version:
                    raise ValidationError(
                        _(
                            "该条目在您打开编辑页后已被他人修改（当前为第%(now)d次修改），为避免覆盖，本次修改未保存。"
                            "请刷新页面，查看最新内容后重新修改。"
                        )
                        % {"now": locked.lock_version},
                        code="stale",
                    )
                _write(spec, locked, cleaned, actor)
                type(locked).objects.filter(pk=locked.pk).update(lock_version=models.F("lock_version") + 1)
                locked.lock_version += 1
                _revision_append(locked, action=RevisionAction.UPDATE, actor=actor, note=note, changed=changed)
                audit_record(actor=actor, action=action, obj=locked, detail=_detail(locked, changes=changed))
                if locked.status != EntryStatus.DRAFT:
                    _search_refresh_after_commit(locked)
        except IntegrityError as exc:
            raise ValidationError(_("与已有条目重复，请检查名称或受益户。"), code="duplicate") from exc
    _sync(entry, locked)
    return changed


def entry_publish(*, actor: Actor, entry: ListEntry, note: str = "") -> ListEntry:
    """草稿 / 已撤销 → 已发布: the entry appears on the portal, in downloads and in search.
    Publishing a published entry again changes nothing."""
    spec = spec_of(entry)
    action = _action(spec, "publish")
    with refusals_audited(actor=actor, action=action, obj=entry), transaction.atomic():
        locked = _lock(entry)
        require_perm(actor, MAINTAIN_PERM, _("只有本机构的事项管理员或平台运营人员可以发布该条目。"), locked)
        if locked.status == EntryStatus.PUBLISHED:
            _sync(entry, locked)
            return entry
        if not locked.agency.is_active:
            raise ValidationError(_("机构“%(agency)s”已停用，不能发布。") % {"agency": locked.agency})
        old = locked.status
        locked.status = EntryStatus.PUBLISHED
        locked.published_at = clock.now()
        locked.withdrawn_at = None
        locked.withdraw_reason = ""
        locked.lock_version += 1
        locked.stamp(actor)
        locked.save()
        _revision_append(locked, action=RevisionAction.PUBLISH, actor=actor, note=note)
        audit_record(actor=actor, action=action, obj=locked, detail=_detail(locked, **{"from": old}))
        _search_refresh_after_commit(locked)
    _sync(entry, locked)
    return entry


def entry_withdraw(*, actor: Actor, entry: ListEntry, reason: str) -> ListEntry:
    """已发布 → 已撤销, with the reason the public reads in the entry's history. Withdrawing a withdrawn
    entry again changes nothing; a draft was never public and cannot be withdrawn."""
    spec = spec_of(entry)
    action = _action(spec, "withdraw")
    reason = " ".join((reason or "").split())
    with refusals_audited(actor=actor, action=action, obj=entry), transaction.atomic():
        locked = _lock(entry)
        require_perm(actor, WITHDRAW_PERM, _("只有本机构的事项管理员或平台运营人员可以撤销该条目。"), locked)
        if locked.status == EntryStatus.WITHDRAWN:
            _sync(entry, locked)
            return entry
        if locked.status == EntryStatus.DRAFT:
            raise ValidationError(_("该条目是草稿，尚未发布，不需要撤销。"), code="wrong_status")
        if not reason:
            raise ValidationError({"reason": [_("撤销时请填写撤销理由。")]})
        if len(reason) > 300:
            raise ValidationError({"reason": [_("撤销理由不能超过300字。")]})
        locked.status = EntryStatus.WITHDRAWN
        locked.withdrawn_at = clock.now()
        locked.withdraw_reason = reason
        locked.lock_version += 1
        locked.stamp(actor)
        locked.save()
        _revision_append(locked, action=RevisionAction.WITHDRAW, actor=actor, note=reason)
        audit_record(actor=actor, action=action, obj=locked, detail=_detail(locked, reason=reason))
        _search_refresh_after_commit(locked)
    _sync(entry, locked)
    return entry


def new_form_token() -> str:
    """A one-time token for a create form (see :func:`entry_create`)."""
    return str(uuid.uuid4())
