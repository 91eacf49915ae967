"""The item lifecycle: 梳理 → 审核 → 入库 → 发布, revisions and retirement.

Every service is keyword-only, runs in one transaction, appends one audit event (refusals are
audited after the rollback) and, for a status change, one :class:`VersionTransition` row.

Concurrency: a transition locks the version row (``SELECT … FOR UPDATE``) and checks its status
again inside the transaction, so a second click waits for the first and is then refused with a
Chinese message. Publishing, revising and retiring lock the item row as well. The partial unique
constraints (one published and one open version per item) are the last line of defence; their
IntegrityError becomes a Chinese ValidationError.

``data`` (for :func:`item_create` and :func:`version_update`) holds ItemVersion field names plus
``materials``, ``fees``, ``steps``, ``faqs`` (lists of dicts with the child's field names; the list
replaces the children and its order gives ``order``), ``themes`` and ``life_events`` (codes),
``handling_regions`` (Region codes) and ``windows`` (Window ids).

Files (a material's ``blank_form`` and ``sample``, the version's ``result_sample``) are given as an
upload (checked from its content, stored under a generated name once everything else passed), ``""``
(no file) or the stored name of a file the version already has (keep it); see ``services/_files.py``.
Windows must be active; townships (and villages) must have an active township government.

Process steps (``steps``) carry, besides name, handler, time limit and description, the columns the case
engine runs (``zwfw.workflow``): ``kind`` (受理/审查/决定/送达; guessed from the name by
``workflow.stages.step_kind_guess`` when missing), ``agency`` (an Agency, its pk or its slug; empty: the
item's agency), ``role`` (窗口受理人员/审查人员/审批决定人; from the kind when missing), ``at_township`` (就近:
the township the applicant chose handles the step), ``parallel_group`` and ``join_rule`` (并联审批). The
whole process is checked on submission (``validation.py``).

``application_form`` is the application form as data (``zwfw.core.dynforms`` schema); it is checked with
``form_schema_problems`` against the version's material orders whenever the form or the materials change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zwfw.core import clock
from zwfw.core.dynforms import form_schema_problems
from zwfw.core.services.audit import audit_record
from zwfw.org.choices import AgencyKind, RegionLevel, Role
from zwfw.org.models import Agency, Region, Window
from zwfw.workflow.choices import JoinRule, StepKind
from zwfw.workflow.stages import step_kind_guess

from ..choices import EDITABLE_STATUSES, HandlingForm, ServiceObject, UseLevel, VersionStatus
from ..models import (
    ItemFaq,
    ItemFee,
    ItemVersion,
    LifeEvent,
    MaterialRequirement,
    ProcessStep,
    ServiceItem,
    Theme,
    VersionTransition,
)
from ..models.item import GUIDE_FIELDS, OPEN_STATUSES
from ..validation import version_check
from ._common import Actor, refusals_audited, require_perm
from ._files import PendingFile, file_value, is_upload, pending_store, stored_discard
from .generation import catalog_generation_bump

DRAFT_PERM = "catalog.draft_item"
REVIEW_PERM = "catalog.review_item"
PUBLISH_PERM = "catalog.publish_item"
RETIRE_PERM = "catalog.retire_item"

#: The ItemVersion fields ``data`` may set.
VERSION_FIELDS: tuple[str, ...] = (*GUIDE_FIELDS, "result_sample", "change_summary", "application_form")
#: The roles a process step may be handled by, and each kind's usual one.
STEP_ROLES: tuple[str, ...] = (Role.WINDOW_CLERK, Role.EXAMINER, Role.DECIDER)
KIND_ROLES: dict[str, str] = {
    StepKind.ACCEPT: Role.WINDOW_CLERK,
    StepKind.EXAMINE: Role.EXAMINER,
    StepKind.DECIDE: Role.DECIDER,
    StepKind.DELIVER: Role.WINDOW_CLERK,
}
#: Fields a draft may never leave empty (the database needs them; everything else waits for submission).
ALWAYS_REQUIRED = ("name", "legal_limit_days", "promised_limit_days")

#: The guide's lists: data key → child model.
CHILDREN: dict[str, type[models.Model]] = {
    "materials": MaterialRequirement,
    "fees": ItemFee,
    "steps": ProcessStep,
    "faqs": ItemFaq,
}
#: Many-to-many classifications: data key → (model, lookup field of the values given).
RELATIONS: dict[str, tuple[type[models.Model], str]] = {
    "themes": (Theme, "code"),
    "life_events": (LifeEvent, "code"),
    "handling_regions": (Region, "code"),
    "windows": (Window, "pk"),
}
DATA_KEYS = frozenset(VERSION_FIELDS) | frozenset(CHILDREN) | frozenset(RELATIONS)


def child_fields(model: type[models.Model]) -> list[str]:
    """The fields of a child row that ``data`` sets (all but id, version and order)."""
    return [f.name for f in model._meta.concrete_fields if f.name not in ("id", "version", "order")]


# ---------------------------------------------------------------------------------------------------
# Writing the content of a version
# ---------------------------------------------------------------------------------------------------


def _comparable(value: Any) -> Any:
    """Files compare by name; everything else as is."""
    if hasattr(value, "name") and hasattr(value, "storage"):
        return value.name or ""
    return value


def _child_rows(version: ItemVersion, key: str) -> list[dict[str, Any]]:
    if version.pk is None:
        return []
    model = CHILDREN[key]
    names = child_fields(model)
    return [{n: _comparable(getattr(row, n)) for n in names} for row in getattr(version, key).all()]


def _codes_list(value: Any, choices: Any, label: str) -> list[str]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_("“%(label)s”应为代码列表。") % {"label": label})
    unknown = [v for v in value if v not in choices.values]
    if unknown:
        raise ValidationError(
            _("“%(label)s”中有不在代码表中的值：%(values)s。") % {"label": label, "values": "、".join(unknown)}
        )
    return list(dict.fromkeys(value))


def _scalars_apply(
    version: ItemVersion, data: Mapping[str, Any], errors: dict[str, list[str]], pending: list[PendingFile]
) -> list[str]:
    changed = []
    for name in VERSION_FIELDS:
        if name not in data or name == "application_form":
            continue
        value = data[name]
        field = ItemVersion._meta.get_field(name)
        if isinstance(field, models.FileField):
            current = getattr(version, name)
            try:
                value = file_value(
                    value,
                    current=[current.name] if version.pk and current else [],
                    label=str(field.verbose_name),
                    target=version,
                    field=name,
                    pending=pending,
                )
            except ValidationError as exc:
                errors.setdefault(name, []).extend(exc.messages)
                continue
            if is_upload(data[name]):
                if version.pk is not None:
                    changed.append(name)
            elif _comparable(current) != value:
                setattr(version, name, value)
                if version.pk is not None:
                    changed.append(name)
            continue
        try:
            if name == "service_objects":
                value = _codes_list(value, ServiceObject, str(field.verbose_name))
            elif name == "handling_forms":
                value = _codes_list(value, HandlingForm, str(field.verbose_name))
            elif isinstance(value, str) and not isinstance(field, models.FileField):
                value = value.strip()
            if value in field.empty_values:
                if name in ALWAYS_REQUIRED or isinstance(field, models.IntegerField | models.BooleanField):
                    raise ValidationError(_("请填写“%(label)s”。") % {"label": field.verbose_name})
                value = [] if isinstance(field, models.JSONField) else ""
            else:
                value = field.clean(value, version)
        except ValidationError as exc:
            errors.setdefault(name, []).extend(exc.messages)
            continue
        if _comparable(getattr(version, name)) != _comparable(value) or version.pk is None:
            setattr(version, name, value)
            if version.pk is not None:
                changed.append(name)
    return changed


def _current_files(version: ItemVersion, model: type[models.Model], key: str) -> dict[str, set[str]]:
    """The stored names of each file field of the version's ``key`` rows (what an edit may keep)."""
    names = [f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
    if not names or version.pk is None:
        return {n: set() for n in names}
    rows = list(getattr(version, key).values_list(*names))
    return {n: {row[i] for row in rows if row[i]} for i, n in enumerate(names)}


def _children_clean(
    version: ItemVersion, data: Mapping[str, Any], errors: dict[str, list[str]], pending: list[PendingFile]
) -> dict[str, list[models.Model]]:
    """Build the new child rows of each list in ``data`` that differs from the stored one."""
    replaced: dict[str, list[models.Model]] = {}
    agencies: dict[Any, Agency | None] = {}
    for key, model in CHILDREN.items():
        if key not in data:
            continue
        rows = data[key]
        label = str(model._meta.verbose_name)
        if not isinstance(rows, list | tuple):
            errors.setdefault(key, []).append(_("“%(label)s”应为列表。") % {"label": label})
            continue
        names = child_fields(model)
        current_files = _current_files(version, model, key)
        pending_before = len(pending)
        built, problems = [], []
        for position, row in enumerate(rows, start=1):
            if not isinstance(row, Mapping):
                problems.append(_("%(label)s第%(n)d项格式不正确。") % {"label": label, "n": position})
                continue
            unknown = sorted(set(row) - set(names))
            if unknown:
                problems.append(
                    _("%(label)s第%(n)d项有未知的字段：%(fields)s。")
                    % {"label": label, "n": position, "fields": "、".join(unknown)}
                )
                continue
            values = {k: (v.strip() if isinstance(v, str) else v) for k, v in row.items()}
            if model is ProcessStep:
                step_problems = _step_values_normalise(values, position, agencies)
                if step_problems:
                    problems.extend(step_problems)
                    continue
            uploads = {k: values.pop(k) for k in current_files if k in values}
            instance = model(order=position, **values)
            file_problems = []
            for field_name, value in uploads.items():
                row_name = values.get("name") or ""
                file_label = _("%(label)s第%(n)d项%(row)s的“%(field)s”") % {
                    "label": label,
                    "n": position,
                    "row": f"（{row_name}）" if row_name else "",
                    "field": model._meta.get_field(field_name).verbose_name,
                }
                try:
                    setattr(
                        instance,
                        field_name,
                        file_value(
                            value,
                            current=current_files[field_name],
                            label=file_label,
                            target=instance,
                            field=field_name,
                            pending=pending,
                        ),
                    )
                except ValidationError as exc:
                    file_problems.extend(exc.messages)
            if file_problems:
                problems.extend(file_problems)
                continue
            try:
                instance.full_clean(exclude=["version"], validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                for field_name, messages in exc.message_dict.items():
                    field_label = (
                        model._meta.get_field(field_name).verbose_name if field_name != NON_FIELD_ERRORS else ""
                    )
                    for message in messages:
                        problems.append(
                            _("%(label)s第%(n)d项“%(field)s”：%(message)s")
                            % {"label": label, "n": position, "field": field_label, "message": message}
                        )
                continue
            built.append(instance)
        if problems:
            errors.setdefault(key, []).extend(problems)
            continue
        new_rows = [{n: _comparable(getattr(r, n)) for n in names} for r in built]
        if new_rows != _child_rows(version, key) or len(pending) > pending_before:
            replaced[key] = built
    return replaced


def _step_agency(value: Any, cache: dict[Any, Agency | None]) -> Agency | None:
    """An Agency from an Agency, its pk or its slug (None when there is no such agency)."""
    if isinstance(value, Agency):
        return value
    key = str(value)
    if key not in cache:
        lookup = {"pk": int(key)} if key.isdigit() else {"slug": key}
        cache[key] = Agency.objects.filter(**lookup).first()
    return cache[key]


def _step_values_normalise(values: dict[str, Any], position: int, agencies: dict[Any, Agency | None]) -> list[str]:
    """Fill in a step's kind, role and engine columns; resolve its agency. Returns the row's problems."""
    label = str(ProcessStep._meta.verbose_name)
    problems: list[str] = []
    name = values.get("name") or ""
    guessed_kind, guessed_role = step_kind_guess(name) if isinstance(name, str) else (StepKind.EXAMINE, Role.EXAMINER)
    if not values.get("kind"):
        values["kind"] = guessed_kind
        if not values.get("role"):
            values["role"] = guessed_role
    if not values.get("role"):
        values["role"] = KIND_ROLES.get(values["kind"], Role.EXAMINER)
    if values["role"] not in STEP_ROLES:
        problems.append(
            _("%(label)s第%(n)d项的办理岗位只能是窗口受理人员、审查人员或审批决定人。")
            % {"label": label, "n": position}
        )
    agency = values.get("agency")
    if agency in (None, ""):
        values["agency"] = None
    else:
        found = _step_agency(agency, agencies)
        if found is None:
            problems.append(
                _("%(label)s第%(n)d项的办理机构“%(agency)s”不存在。")
                % {"label": label, "n": position, "agency": agency}
            )
        values["agency"] = found
    if values.get("parallel_group") in ("", None):
        values["parallel_group"] = None
    if not values.get("join_rule"):
        values["join_rule"] = JoinRule.ALL
    values["at_township"] = bool(values.get("at_township"))
    return problems


def _material_rules_follow(version: ItemVersion, schema: Any, rows: list[Any] | tuple[Any, ...]) -> Any:
    """The form's material rules moved with their materials when only the materials list changed: a rule
    follows its material (matched by name) to its new position, and goes when its material is removed."""
    if not isinstance(schema, Mapping) or not isinstance(schema.get("materials"), list) or not schema["materials"]:
        return schema
    old_names = dict(version.materials.values_list("order", "name"))
    new_orders: dict[str, int] = {}
    for position, row in enumerate(rows, start=1):
        name = row.get("name") if isinstance(row, Mapping) else None
        if isinstance(name, str):
            new_orders.setdefault(name.strip(), position)
    rules = []
    for rule in schema["materials"]:
        if not isinstance(rule, Mapping):
            rules.append(rule)
            continue
        name = old_names.get(rule.get("order"))
        if name is None or name in new_orders:
            rules.append({**rule, "order": new_orders[name]} if name is not None else rule)
    return {**schema, "materials": rules}


def _form_clean(
    version: ItemVersion, data: Mapping[str, Any], errors: dict[str, list[str]]
) -> tuple[bool, dict[str, Any]]:
    """``(changed, schema)`` of the application form when ``data`` sets it or changes the materials."""
    if "application_form" not in data and "materials" not in data:
        return False, version.application_form
    schema = data.get("application_form", version.application_form)
    if schema in (None, ""):
        schema = {}
    if "materials" in data and isinstance(data["materials"], list | tuple):
        orders: list[int] = list(range(1, len(data["materials"]) + 1))
        if "application_form" not in data and version.pk is not None:
            schema = _material_rules_follow(version, schema, data["materials"])
    else:
        orders = list(version.materials.values_list("order", flat=True)) if version.pk else []
    problems = form_schema_problems(schema, material_orders=orders)
    if problems:
        errors.setdefault("application_form", []).extend(problems)
        return False, version.application_form
    return schema != version.application_form or version.pk is None, schema


def _relations_clean(
    version: ItemVersion, data: Mapping[str, Any], errors: dict[str, list[str]]
) -> dict[str, list[models.Model]]:
    """Resolve the codes of each classification in ``data`` that differs from the stored one."""
    replaced: dict[str, list[models.Model]] = {}
    for key, (model, lookup) in RELATIONS.items():
        if key not in data:
            continue
        values = data[key]
        label = str(ItemVersion._meta.get_field(key).verbose_name)
        if not isinstance(values, list | tuple) or not all(isinstance(v, str | int) for v in values):
            errors.setdefault(key, []).append(_("“%(label)s”应为代码列表。") % {"label": label})
            continue
        wanted = [str(v) for v in dict.fromkeys(values)]
        if lookup == "pk" and not all(re.fullmatch(r"\d+", v) for v in wanted):
            errors.setdefault(key, []).append(_("“%(label)s”应为编号列表。") % {"label": label})
            continue
        found_qs = model.objects.filter(**{f"{lookup}__in": wanted})
        if model is Window:
            found_qs = found_qs.select_related("centre")
        found = {str(getattr(o, lookup)): o for o in found_qs}
        missing = [v for v in wanted if v not in found]
        if missing:
            errors.setdefault(key, []).append(
                _("“%(label)s”中有不存在的值：%(values)s。") % {"label": label, "values": "、".join(missing)}
            )
            continue
        objects = [found[v] for v in wanted]
        unusable = _relation_unusable(key, objects)
        if unusable:
            errors.setdefault(key, []).append(
                _("“%(label)s”中有不可选择的选项：%(values)s（已停用，或不是乡镇、村），请取消勾选。")
                % {"label": label, "values": "、".join(unusable)}
            )
            continue
        current = set(getattr(version, key).values_list("pk", flat=True)) if version.pk else set()
        if {o.pk for o in objects} != current or version.pk is None:
            replaced[key] = objects
    return replaced


def _relation_unusable(key: str, objects: list[models.Model]) -> list[str]:
    """The chosen windows that are not active, and the chosen regions that are not a township (or a
    village of one) or whose township government has been deactivated: what an item may not point at."""
    if key == "windows":
        return [f"{o.centre.name}{o.number}号窗口" for o in objects if not o.is_active]
    if key != "handling_regions":
        return []

    def township_of(region: Region) -> int | None:
        if region.level == RegionLevel.TOWNSHIP:
            return region.pk
        if region.level == RegionLevel.VILLAGE:
            return region.parent_id
        return None

    # A township is out of use when its government has been deactivated (merged or abolished).
    townships = {township_of(o) for o in objects} - {None}
    closed = set(
        Agency.objects.filter(kind=AgencyKind.TOWNSHIP_GOVERNMENT, region_id__in=townships)
        .values("region_id")
        .annotate(open=Count("pk", filter=Q(is_active=True)))
        .filter(open=0)
        .values_list("region_id", flat=True)
    )
    return [o.name for o in objects if township_of(o) is None or township_of(o) in closed]


def _audience_derive(version: ItemVersion) -> None:
    objects = version.service_objects if isinstance(version.service_objects, list) else []
    version.for_persons = ServiceObject.PERSON in objects
    version.for_organisations = any(o != ServiceObject.PERSON for o in objects)


def _content_write(
    version: ItemVersion, data: Mapping[str, Any], actor: Actor, stored: list[str] | None = None
) -> list[str]:
    """Validate and write ``data`` onto ``version`` (new or stored); return what changed.

    Raises one ValidationError with every problem; nothing is written then (no row, no file).
    New files are stored last, just before the rows; their names are added to ``stored`` so the
    caller can remove them if its transaction rolls back.
    """
    unknown = sorted(set(data) - DATA_KEYS)
    if unknown:
        raise ValidationError({NON_FIELD_ERRORS: [_("未知的字段：%(fields)s。") % {"fields": "、".join(unknown)}]})
    creating = version.pk is None
    errors: dict[str, list[str]] = {}
    pending: list[PendingFile] = []
    changed = _scalars_apply(version, data, errors, pending)
    children = _children_clean(version, data, errors, pending)
    relations = _relations_clean(version, data, errors)
    form_changed, schema = _form_clean(version, data, errors)
    if form_changed:
        version.application_form = schema
        if not creating:
            changed.append("application_form")
    if creating:
        for name in ALWAYS_REQUIRED:
            if name not in data:
                errors.setdefault(name, []).append(
                    _("请填写“%(label)s”。") % {"label": ItemVersion._meta.get_field(name).verbose_name}
                )
    promised, legal = version.promised_limit_days, version.legal_limit_days
    if isinstance(promised, int) and isinstance(legal, int) and promised > legal:
        errors.setdefault("promised_limit_days", []).append(
            _("承诺办结时限（%(promised)d个工作日）不能超过法定办结时限（%(legal)d个工作日）。")
            % {"promised": promised, "legal": legal}
        )
    if errors:
        raise ValidationError(errors)
    changed += list(children) + list(relations)
    if not creating and not changed:
        return []
    _audience_derive(version)
    pending_store(pending, stored if stored is not None else [])
    version.stamp(actor)
    version.save()
    for key, rows in children.items():
        getattr(version, key).all().delete()
        for row in rows:
            row.version = version
        CHILDREN[key].objects.bulk_create(rows)
    for key, objects in relations.items():
        getattr(version, key).set(objects)
    return sorted(changed)


# ---------------------------------------------------------------------------------------------------
# Status changes
# ---------------------------------------------------------------------------------------------------

#: What a version that already reached a status says to a repeated click.
_ALREADY = {
    VersionStatus.REVIEW: gettext_lazy("该版本已提交审核，请勿重复操作。"),
    VersionStatus.RETURNED: gettext_lazy("该版本已退回，请勿重复操作。"),
    VersionStatus.CATALOGUED: gettext_lazy("该版本已入库，请勿重复操作。"),
    VersionStatus.PUBLISHED: gettext_lazy("该版本已发布，请勿重复操作。"),
}


def _status_refusal(locked: ItemVersion, target: str, action: str) -> ValidationError:
    if locked.status == target and target in _ALREADY:
        return ValidationError(str(_ALREADY[target]), code="already")
    return ValidationError(
        _("该版本当前为“%(status)s”状态，不能%(action)s。")
        % {"status": VersionStatus(locked.status).label, "action": action},
        code="wrong_status",
    )


def _version_lock(version: ItemVersion) -> ItemVersion:
    return ItemVersion.objects.select_for_update().select_related("item").get(pk=version.pk)


def _transition(version: ItemVersion, to: str, actor: Actor, comment: str = "", *, at: Any = None) -> None:
    """Record and apply one status change (the caller saves the version)."""
    VersionTransition.objects.create(
        version=version,
        from_status=version.status if version.pk else "",
        to_status=to,
        actor=actor,
        occurred_at=at or clock.now(),
        comment=comment,
    )
    version.status = to


_STAMPS = (
    "status",
    "submitted_at",
    "reviewed_at",
    "reviewed_by",
    "review_comment",
    "published_at",
    "published_by",
    "updated_at",
    "updated_by",
)


def _sync(target: models.Model, source: models.Model, names: tuple[str, ...] | list[str]) -> None:
    """Let the caller's instance reflect what was written through the locked copy."""
    if target is source:
        return
    for name in names:
        setattr(target, name, getattr(source, name))


def _detail(version: ItemVersion, old: str, **extra: Any) -> dict[str, Any]:
    return {
        "item": version.item.implementation_code,
        "number": version.number,
        "from": old,
        "to": version.status,
        **extra,
    }


def _simple_transition(
    *,
    actor: Actor,
    version: ItemVersion,
    action: str,
    verb: str,
    allowed: frozenset[str] | set[str],
    target: str,
    perm: str,
    perm_message: str,
    comment: str = "",
    before: Any = None,
    stamp: Any = None,
) -> ItemVersion:
    with refusals_audited(actor=actor, action=action, obj=version), transaction.atomic():
        locked = _version_lock(version)
        require_perm(actor, perm, perm_message, locked.item.agency if perm == DRAFT_PERM else None)
        if locked.status not in allowed:
            raise _status_refusal(locked, target, verb)
        if before is not None:
            before(locked)
        old, now = locked.status, clock.now()
        _transition(locked, target, actor, comment, at=now)
        if stamp is not None:
            stamp(locked, now)
        locked.stamp(actor)
        locked.save()
        audit_record(actor=actor, action=action, obj=locked, detail=_detail(locked, old, comment=comment))
    _sync(version, locked, _STAMPS)
    return version


# ---------------------------------------------------------------------------------------------------
# The services
# ---------------------------------------------------------------------------------------------------

_BASIC_CODE = re.compile(r"^[0-9A-Z]{12}$")


@contextmanager
def _files_kept_on_commit() -> Iterator[list[str]]:
    """The names of files a write stores; they are removed again if the write does not complete."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        stored_discard(stored)
        raise


def item_create(
    *, actor: Actor, agency: Agency, basic_code: str, use_level: str, data: Mapping[str, Any]
) -> ItemVersion:
    """A new item of ``agency`` and its first version (梳理中). Returns the version."""
    with _files_kept_on_commit() as stored:
        return _item_create(
            actor=actor, agency=agency, basic_code=basic_code, use_level=use_level, data=data, stored=stored
        )


def _item_create(
    *, actor: Actor, agency: Agency, basic_code: str, use_level: str, data: Mapping[str, Any], stored: list[str]
) -> ItemVersion:
    code = (basic_code or "").strip().upper()
    with refusals_audited(actor=actor, action="item.create", obj=agency, basic_code=code, use_level=use_level):
        try:
            with transaction.atomic():
                require_perm(actor, DRAFT_PERM, _("只有本机构的事项管理员可以新建事项。"), agency)
                errors: dict[str, list[str]] = {}
                if not _BASIC_CODE.match(code):
                    errors["basic_code"] = [_("基本编码应为12位数字或大写字母。")]
                if use_level not in UseLevel.values:
                    errors["use_level"] = [_("未知的行使层级“%(level)s”。") % {"level": use_level}]
                if not agency.is_active:
                    errors.setdefault(NON_FIELD_ERRORS, []).append(
                        _("机构“%(agency)s”已停用，不能新建事项。") % {"agency": agency}
                    )
                if not errors and ServiceItem.objects.filter(agency=agency, basic_code=code).exists():
                    errors["basic_code"] = [
                        _("%(agency)s已有基本编码为%(code)s的事项。") % {"agency": agency.short_name, "code": code}
                    ]
                try:
                    _content_check_only(data)
                except ValidationError as exc:
                    for key, messages in exc.message_dict.items():
                        errors.setdefault(key, []).extend(messages)
                if errors:
                    raise ValidationError(errors)
                item = ServiceItem(
                    agency=agency,
                    basic_code=code,
                    use_level=use_level,
                    implementation_code=f"{agency.uscc}{use_level}{code}",
                )
                item.stamp(actor)
                version = ItemVersion(item=item, number=1, status=VersionStatus.DRAFT)
                item.save()
                version.item = item
                _content_write(version, data, actor, stored)
                VersionTransition.objects.create(
                    version=version,
                    from_status="",
                    to_status=VersionStatus.DRAFT,
                    actor=actor,
                    occurred_at=clock.now(),
                    comment=_("新建"),
                )
                audit_record(
                    actor=actor,
                    action="item.create",
                    obj=item,
                    detail={"implementation_code": item.implementation_code, "number": 1, "name": version.name},
                )
                return version
        except IntegrityError as exc:
            raise ValidationError(
                _("实施编码%(code)s已存在。") % {"code": f"{agency.uscc}{use_level}{code}"}, code="duplicate"
            ) from exc


def _content_check_only(data: Mapping[str, Any]) -> None:
    """Run the content checks of :func:`_content_write` on a throw-away version (nothing is written)."""
    unknown = sorted(set(data) - DATA_KEYS)
    if unknown:
        raise ValidationError({NON_FIELD_ERRORS: [_("未知的字段：%(fields)s。") % {"fields": "、".join(unknown)}]})
    probe = ItemVersion(number=1)
    errors: dict[str, list[str]] = {}
    _scalars_apply(probe, data, errors, [])
    _children_clean(probe, data, errors, [])
    _relations_clean(probe, data, errors)
    _form_clean(probe, data, errors)
    if errors:
        raise ValidationError(errors)


def version_update(*, actor: Actor, version: ItemVersion, data: Mapping[str, Any]) -> list[str]:
    """Change a draft or returned version; return the changed names (empty: nothing was written)."""
    with (
        _files_kept_on_commit() as stored,
        refusals_audited(actor=actor, action="item_version.update", obj=version),
        transaction.atomic(),
    ):
        locked = _version_lock(version)
        require_perm(actor, DRAFT_PERM, _("只有本机构的事项管理员可以修改事项。"), locked.item.agency)
        if locked.status not in EDITABLE_STATUSES:
            messages = {
                VersionStatus.REVIEW: _("该版本已提交审核，不能再修改。"),
                VersionStatus.CATALOGUED: _("该版本已入库，不能再修改。"),
                VersionStatus.PUBLISHED: _("该版本已发布，不能再修改；请先创建修订版本。"),
            }
            raise ValidationError(
                str(messages.get(locked.status, _("该版本已停止使用，不能再修改。"))), code="not_editable"
            )
        changed = _content_write(locked, data, actor, stored)
        if changed:
            audit_record(
                actor=actor,
                action="item_version.update",
                obj=locked,
                detail={"item": locked.item.implementation_code, "number": locked.number, "changes": changed},
            )
    if changed:
        version.refresh_from_db()
    return changed


def version_submit(*, actor: Actor, version: ItemVersion) -> ItemVersion:
    """梳理中/已退回 → 待审核, once the consistency rules pass."""

    def stamp(locked: ItemVersion, now: Any) -> None:
        locked.submitted_at = now

    return _simple_transition(
        actor=actor,
        version=version,
        action="item_version.submit",
        verb=_("提交审核"),
        allowed=EDITABLE_STATUSES,
        target=VersionStatus.REVIEW,
        perm=DRAFT_PERM,
        perm_message=_("只有本机构的事项管理员可以提交审核。"),
        before=version_check,
        stamp=stamp,
    )


def _not_author(actor: Actor) -> Any:
    def check(locked: ItemVersion) -> None:
        if actor is not None and locked.created_by_id == actor.pk:
            raise PermissionDenied(_("审核人不能审核本人编制的事项版本。"))

    return check


def version_approve(*, actor: Actor, version: ItemVersion, comment: str = "") -> ItemVersion:
    """待审核 → 已入库."""
    comment = (comment or "").strip()

    def stamp(locked: ItemVersion, now: Any) -> None:
        locked.reviewed_at, locked.reviewed_by, locked.review_comment = now, actor, comment

    return _simple_transition(
        actor=actor,
        version=version,
        action="item_version.approve",
        verb=_("审核通过"),
        allowed={VersionStatus.REVIEW},
        target=VersionStatus.CATALOGUED,
        perm=REVIEW_PERM,
        perm_message=_("只有事项审核员可以审核事项。"),
        comment=comment,
        before=_not_author(actor),
        stamp=stamp,
    )


def version_return(*, actor: Actor, version: ItemVersion, reasons: str) -> ItemVersion:
    """待审核 → 已退回, with the reasons the item manager reads."""
    reasons = (reasons or "").strip()

    def before(locked: ItemVersion) -> None:
        if not reasons:
            raise ValidationError({"reasons": [_("退回时请填写退回理由。")]})

    def stamp(locked: ItemVersion, now: Any) -> None:
        locked.reviewed_at, locked.reviewed_by, locked.review_comment = now, actor, reasons

    return _simple_transition(
        actor=actor,
        version=version,
        action="item_version.return",
        verb=_("退回"),
        allowed={VersionStatus.REVIEW},
        target=VersionStatus.RETURNED,
        perm=REVIEW_PERM,
        perm_message=_("只有事项审核员可以审核事项。"),
        comment=reasons,
        before=before,
        stamp=stamp,
    )


def version_publish(*, actor: Actor, version: ItemVersion) -> ItemVersion:
    """已入库 → 已发布; the previously published version becomes 已替代, in the same transaction."""
    with refusals_audited(actor=actor, action="item_version.publish", obj=version):
        try:
            with transaction.atomic():
                require_perm(actor, PUBLISH_PERM, _("只有平台运营人员可以发布事项。"))
                item = ServiceItem.objects.select_for_update().get(pk=version.item_id)
                locked = _version_lock(version)
                if locked.status != VersionStatus.CATALOGUED:
                    raise _status_refusal(locked, VersionStatus.PUBLISHED, _("发布"))
                if item.retired_at is not None:
                    raise ValidationError(_("该事项已取消，不能再发布。"), code="retired")
                now = clock.now()
                previous = item.published_version_id
                if previous is not None:
                    old = ItemVersion.objects.select_for_update().get(pk=previous)
                    _transition(
                        old, VersionStatus.SUPERSEDED, actor, _("被第%(n)d版替代") % {"n": locked.number}, at=now
                    )
                    old.stamp(actor)
                    old.save(update_fields=["status", "updated_at", "updated_by"])
                _transition(locked, VersionStatus.PUBLISHED, actor, at=now)
                locked.published_at, locked.published_by = now, actor
                locked.stamp(actor)
                locked.save()
                item.published_version = locked
                item.stamp(actor)
                item.save(update_fields=["published_version", "updated_at", "updated_by"])
                audit_record(
                    actor=actor,
                    action="item_version.publish",
                    obj=locked,
                    detail=_detail(locked, VersionStatus.CATALOGUED, superseded=previous),
                )
                catalog_generation_bump()
                _search_refresh_after_commit(item.pk)
        except IntegrityError as exc:
            raise ValidationError(_("该事项已有已发布的版本，请刷新后重试。"), code="conflict") from exc
    _sync(version, locked, _STAMPS)
    version.item.published_version = locked
    return version


def _copy_fields() -> list[str]:
    skip = {
        "id",
        "item",
        "number",
        "status",
        "based_on",
        "change_summary",
        "submitted_at",
        "reviewed_at",
        "reviewed_by",
        "review_comment",
        "published_at",
        "published_by",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
    }
    return [f.name for f in ItemVersion._meta.concrete_fields if f.name not in skip]


def item_revise(*, actor: Actor, item: ServiceItem, change_summary: str = "") -> ItemVersion:
    """A new draft copied from the published version (with its lists and classifications)."""
    with refusals_audited(actor=actor, action="item.revise", obj=item):
        try:
            with transaction.atomic():
                require_perm(actor, DRAFT_PERM, _("只有本机构的事项管理员可以修订事项。"), item.agency)
                locked_item = ServiceItem.objects.select_for_update().get(pk=item.pk)
                if locked_item.published_version_id is None:
                    raise ValidationError(_("该事项没有已发布的版本，不能修订。"), code="not_published")
                open_version = locked_item.versions.filter(status__in=OPEN_STATUSES).first()
                if open_version is not None:
                    raise ValidationError(
                        _("该事项已有正在办理的第%(n)d版（%(status)s），不能再新建修订版本。")
                        % {"n": open_version.number, "status": VersionStatus(open_version.status).label},
                        code="open_version",
                    )
                source = locked_item.published_version
                number = (locked_item.versions.aggregate(m=Max("number"))["m"] or 0) + 1
                draft = ItemVersion(
                    item=locked_item,
                    number=number,
                    status=VersionStatus.DRAFT,
                    based_on=source,
                    change_summary=(change_summary or "").strip(),
                    **{name: getattr(source, name) for name in _copy_fields()},
                )
                draft.stamp(actor)
                draft.full_clean(exclude=list(_copy_fields()) + ["item"], validate_constraints=False)
                draft.save()
                for key, model in CHILDREN.items():
                    names = child_fields(model)
                    model.objects.bulk_create(
                        model(version=draft, order=row.order, **{n: getattr(row, n) for n in names})
                        for row in getattr(source, key).all()
                    )
                for key in RELATIONS:
                    getattr(draft, key).set(getattr(source, key).all())
                _transition_new(draft, actor, _("修订自第%(n)d版") % {"n": source.number})
                audit_record(
                    actor=actor,
                    action="item.revise",
                    obj=locked_item,
                    detail={
                        "implementation_code": locked_item.implementation_code,
                        "number": number,
                        "based_on": source.number,
                        "change_summary": draft.change_summary,
                    },
                )
                return draft
        except IntegrityError as exc:
            raise ValidationError(_("该事项已有正在办理的修订版本，不能再新建。"), code="open_version") from exc


def _transition_new(version: ItemVersion, actor: Actor, comment: str) -> None:
    VersionTransition.objects.create(
        version=version,
        from_status="",
        to_status=VersionStatus.DRAFT,
        actor=actor,
        occurred_at=clock.now(),
        comment=comment,
    )


def _search_refresh_after_commit(item_id: int) -> None:
    """Re-index the item once the change is committed (the search index is derived data).

    ``robust``: a failure to index is logged and never undoes or fails the committed change;
    ``manage.py search_rebuild`` repairs the index.
    """

    def refresh() -> None:
        from ..search.items import item_search_document_refresh

        item_search_document_refresh(ServiceItem.objects.get(pk=item_id))

    transaction.on_commit(refresh, robust=True)


def item_retire(*, actor: Actor, item: ServiceItem, reason: str) -> ServiceItem:
    """Take a published item off the portal: its published version (and any open revision) → 已取消."""
    reason = (reason or "").strip()
    with refusals_audited(actor=actor, action="item.retire", obj=item), transaction.atomic():
        require_perm(actor, RETIRE_PERM, _("只有本机构的事项管理员或平台运营人员可以取消事项。"), item)
        locked_item = ServiceItem.objects.select_for_update().get(pk=item.pk)
        if not reason:
            raise ValidationError({"reason": [_("取消事项时请填写原因。")]})
        if locked_item.retired_at is not None:
            raise ValidationError(_("该事项已经取消，请勿重复操作。"), code="already")
        if locked_item.published_version_id is None:
            raise ValidationError(_("该事项没有已发布的版本，不能取消。"), code="not_published")
        now = clock.now()
        retired = []
        for version in (
            ItemVersion.objects.select_for_update()
            .filter(item=locked_item, status__in=[VersionStatus.PUBLISHED, *OPEN_STATUSES])
            .order_by("number")
        ):
            _transition(version, VersionStatus.RETIRED, actor, reason, at=now)
            version.stamp(actor)
            version.save(update_fields=["status", "updated_at", "updated_by"])
            retired.append(version.number)
        locked_item.published_version = None
        locked_item.retired_at = now
        locked_item.stamp(actor)
        locked_item.save(update_fields=["published_version", "retired_at", "updated_at", "updated_by"])
        audit_record(
            actor=actor,
            action="item.retire",
            obj=locked_item,
            detail={"implementation_code": locked_item.implementation_code, "reason": reason, "versions": retired},
        )
        catalog_generation_bump()
        _search_refresh_after_commit(locked_item.pk)
    _sync(item, locked_item, ("published_version", "retired_at", "updated_at", "updated_by"))
    return item
