"""Applying (网上申报 and its window twin): drafts, materials, and the one submission that opens a case.

- :func:`draft_create` — from the guide page (or a window clerk for a walk-in): a draft on the item's
  published version, the form prefilled from the account; starting twice continues the first draft.
- :func:`draft_update` — save the form's values, the township/centre (就近申报, where to collect) and the
  delivery wish. Saves carry the ``lock_version`` the page was built from: a stale save (the draft was saved
  on the phone since the PC page was opened) changes nothing and says so in Chinese (code ``stale``).
- :func:`draft_discard` — the applicant drops a draft.
- :func:`material_attach` / :func:`material_detach` — give a stored upload (new, or reused from an earlier
  application) for one of the version's material requirements; only the applicant's own uploads or their
  organisation's; at most :data:`APPLICATION_MAX_BYTES` per application.
- :func:`application_submit` — idempotent: the draft row is locked, an already submitted draft returns its
  case; with ``submit_key`` (the API's ``Idempotency-Key``, or the web form's one-time token) the same key and
  the same ``fingerprint`` return the same case and a different fingerprint is refused (code
  ``idempotency_mismatch``). Everything is checked at once (:func:`~..selectors.applications.application_problems`)
  against the *published* version (a draft of a replaced version is moved onto it first). The case is opened by
  the engine with the applicant's snapshot and the event audited; after commit the applicant gets an SMS with
  the case number and query code and an in-site message. The receipt PDF (申报回执) is not rendered here: it is
  rendered from the case as submitted the first time it is asked for (:func:`.receipt.receipt_ensure`).

Every service runs in one transaction; refusals are Chinese ``ValidationError`` / ``PermissionDenied`` and are
audited after the rollback (``refusals_audited``).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from zwfw.catalog.models import ItemVersion, MaterialRequirement
from zwfw.core import clock
from zwfw.core.dynforms import schema_fields
from zwfw.core.pii import mask_id_number, mask_mobile, mask_name
from zwfw.core.services.audit import audit_record
from zwfw.core.services.refusals import refusals_audited
from zwfw.notify.services import message_send, sms_notice_send
from zwfw.org.choices import CentreKind
from zwfw.workflow.choices import PauseKind
from zwfw.workflow.stages import process_problems

from ..choices import ApplicantKind, ApplicationStatus, Channel, DeliveryMethod, MaterialProblem
from ..models import Application, ApplicationMaterial, Case, CasePause, Upload
from ..notices import sms_signed
from ..selectors.applications import (
    APPLICATION_MAX_BYTES,
    application_may_edit,
    application_prefill,
    application_problems,
    application_values,
    county_centre,
    draft_existing,
    online_application_open,
    requirement_match,
    upload_usable_for,
)
from . import engine

logger = logging.getLogger(__name__)

#: Longest text kept for one field, and for the whole form (as JSON).
VALUE_MAX_CHARS = 5000
DATA_MAX_CHARS = 100_000
ADDRESS_MAX_CHARS = 300
SUBMIT_KEY_MAX = 80


def stale_error() -> ValidationError:
    return ValidationError(
        _("该草稿已在其他设备或页面上保存过更新的内容，本次修改没有保存。请刷新页面，核对最新内容后再修改。"),
        code="stale",
    )


def _not_found() -> PermissionDenied:
    return PermissionDenied(_("您不能修改这份申请。"))


def _edit_check(actor: Any, application: Application) -> None:
    if actor is not None and not application_may_edit(actor, application):
        raise _not_found()


def _draft_check(application: Application) -> None:
    if application.status == ApplicationStatus.SUBMITTED:
        raise ValidationError(_("这份申请已经提交，不能再修改。"), code="submitted")
    if application.status != ApplicationStatus.DRAFT:
        raise ValidationError(_("这份草稿已删除。"), code="discarded")


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("item", "version", "organisation", "applicant", "region", "centre")
        .get(pk=application.pk)
    )


# --- drafts ---------------------------------------------------------------------------------------------


def _kind_check(version: ItemVersion, organisation: Any) -> None:
    if organisation is None and not version.for_persons:
        raise ValidationError(_("该事项只面向法人和其他组织，请先在个人中心切换为代表单位办理。"), code="audience")
    if organisation is not None and not version.for_organisations:
        raise ValidationError(_("该事项只面向个人，请切换为以个人身份办理。"), code="audience")


@transaction.atomic
def _draft_create(
    *, actor: Any, item: Any, organisation: Any, channel: str, applicant: Any, centre: Any
) -> Application:
    if item.retired_at is not None or item.published_version_id is None:
        raise ValidationError(_("该事项已停止办理，不能申请。"), code="not_published")
    version = ItemVersion.objects.prefetch_related("steps").get(pk=item.published_version_id)
    if channel == Channel.WINDOW:
        if actor is not None and not actor.has_perm("cases.register_window"):
            raise PermissionDenied(_("只有窗口受理人员可以为申请人登记申请。"))
        if centre is None:
            raise ValidationError(_("请先选择您所在的服务中心。"), code="centre")
        problems = process_problems(list(version.steps.all()))
        if problems:
            raise ValidationError(
                _("该事项的办理流程不完整，暂不能受理：%(p)s") % {"p": "；".join(problems)}, code="process"
            )
    else:
        if applicant.pk != getattr(actor, "pk", applicant.pk):
            raise PermissionDenied(_("只能为自己申请；代他人在窗口登记请使用窗口受理。"))
        if not online_application_open(version):
            raise ValidationError(_("该事项目前不接受网上申请，请按办事指南到窗口办理。"), code="not_online")
        if int(applicant.assurance_level or 0) < int(version.required_assurance_level or 0):
            raise ValidationError(
                _("办理该事项需要实名等级：%(level)s。请先提升实名等级。")
                % {"level": version.get_required_assurance_level_display()},
                code="assurance",
            )
    if getattr(applicant, "kind", "person") != "person":
        raise ValidationError(_("工作人员账号不能作为申请人。"), code="applicant_kind")
    if organisation is not None and not applicant.has_perm("identity.act_for_organisation", organisation):
        raise PermissionDenied(_("您不是该单位的经办人，不能代表该单位申请。"))
    _kind_check(version, organisation)

    existing = draft_existing(
        applicant=applicant,
        item=item,
        organisation=organisation,
        channel=channel,
        registered_by=actor if channel == Channel.WINDOW else None,
    )
    if existing is not None:
        return existing
    if centre is None:
        centre = county_centre()
    region = centre.region if centre is not None and centre.kind == CentreKind.TOWNSHIP else None
    application = Application(
        applicant=applicant,
        applicant_kind=ApplicantKind.ORGANISATION if organisation is not None else ApplicantKind.PERSON,
        organisation=organisation,
        item=item,
        version=version,
        channel=channel,
        data=json.dumps(
            application_prefill(version, applicant=applicant, organisation=organisation), ensure_ascii=False
        ),
        region=region,
        centre=centre,
        registered_by=actor if channel == Channel.WINDOW else None,
        delivery_method=DeliveryMethod.WINDOW,
    )
    application.stamp(actor)
    application.save()
    audit_record(
        actor=actor,
        action="application.create",
        obj=application,
        detail={
            "item": item.implementation_code,
            "version": version.number,
            "channel": channel,
            "applicant_id": applicant.pk,
            "organisation_id": organisation.pk if organisation is not None else None,
            "centre_id": centre.pk if centre is not None else None,
        },
    )
    return application


def draft_create(
    *,
    actor: Any,
    item: Any,
    organisation: Any = None,
    channel: str = Channel.ONLINE,
    applicant: Any = None,
    centre: Any = None,
) -> Application:
    """A draft for ``item``'s published version (or the applicant's open draft for it)."""
    applicant = applicant or actor
    with refusals_audited(actor=actor, action="application.create", obj=item):
        return _draft_create(
            actor=actor, item=item, organisation=organisation, channel=channel, applicant=applicant, centre=centre
        )


def _clean_data(version: ItemVersion, data: Any) -> dict[str, Any]:
    """Keep only the form's fields, as text, lists of text or booleans (a draft may be incomplete)."""
    if not isinstance(data, dict):
        raise ValidationError(_("表单内容格式不正确。"), code="data")
    names = {f.get("name") for f in schema_fields(version.application_form)}
    kept: dict[str, Any] = {}
    for name, value in data.items():
        if name not in names:
            continue
        if isinstance(value, bool) or value is None:
            kept[name] = value if value is not None else ""
        elif isinstance(value, (list, tuple)):
            kept[name] = [str(v)[:VALUE_MAX_CHARS] for v in value][:100]
        else:
            text = str(value)
            if len(text) > VALUE_MAX_CHARS:
                raise ValidationError(
                    _("“%(name)s”的内容太长（最多 %(n)d 字）。") % {"name": name, "n": VALUE_MAX_CHARS}, code="data"
                )
            kept[name] = text
    encoded = json.dumps(kept, ensure_ascii=False)
    if len(encoded) > DATA_MAX_CHARS:
        raise ValidationError(_("表单内容太长，无法保存。"), code="data")
    return kept


def _rebase(application: Application, *, actor: Any) -> bool:
    """Move a draft of a replaced version onto the published one (materials follow by name). True if moved."""
    item = application.item
    if item.published_version_id in (None, application.version_id) or item.retired_at is not None:
        return False
    new = ItemVersion.objects.get(pk=item.published_version_id)
    old_number = application.version.number
    for material in application.materials.select_related("requirement"):
        match = requirement_match(material.requirement, new)
        if match is None:
            material.delete()
            continue
        if ApplicationMaterial.objects.filter(
            application=application, requirement=match, upload_id=material.upload_id
        ).exists():
            material.delete()
            continue
        material.requirement = match
        material.save(update_fields=["requirement"])
    names = {f.get("name") for f in schema_fields(new.application_form)}
    values = {k: v for k, v in application_values(application).items() if k in names}
    application.version = new
    application.data = json.dumps(values, ensure_ascii=False)
    audit_record(
        actor=actor,
        action="application.rebase",
        obj=application,
        detail={"from_version": old_number, "to_version": new.number},
    )
    return True


def _place_set(application: Application, *, region: Any, centre: Any) -> None:
    version = application.version
    if centre is not None:
        if centre in ("", False):
            application.centre = None
            application.region = None
        else:
            application.centre = centre
            if region is None:
                region = centre.region if centre.kind == CentreKind.TOWNSHIP else ""
    if region is not None:
        if region in ("", False):
            application.region = None
        else:
            if application.channel != Channel.WINDOW and not version.handling_regions.filter(pk=region.pk).exists():
                raise ValidationError(
                    _("该事项不能在“%(name)s”办理，请改选其他地点。") % {"name": region.name}, code="region"
                )
            application.region = region
    if (
        application.centre is not None
        and application.region is not None
        and application.centre.region_id != application.region_id
    ):
        raise ValidationError(_("所选服务中心不在所选乡镇，请重新选择。"), code="centre")


@transaction.atomic
def _draft_update(
    *,
    actor: Any,
    application: Application,
    lock_version: int,
    data: Any,
    region: Any,
    centre: Any,
    delivery_method: Any,
    delivery_address: Any,
) -> Application:
    locked = _locked(application)
    _edit_check(actor, locked)
    _draft_check(locked)
    if int(lock_version) != locked.lock_version:
        raise stale_error()
    changed = []
    if _rebase(locked, actor=actor):
        changed.append("version")
    if data is not None:
        locked.data = json.dumps(_clean_data(locked.version, data), ensure_ascii=False)
        changed.append("data")
    if region is not None or centre is not None:
        _place_set(locked, region=region, centre=centre)
        changed.append("place")
    if delivery_method is not None:
        if delivery_method not in DeliveryMethod.values:
            raise ValidationError(_("请选择送达方式。"), code="delivery")
        locked.delivery_method = delivery_method
        changed.append("delivery_method")
    if delivery_address is not None:
        address = str(delivery_address).strip()
        if len(address) > ADDRESS_MAX_CHARS:
            raise ValidationError(
                _("邮寄地址太长（最多 %(n)d 字）。") % {"n": ADDRESS_MAX_CHARS}, code="delivery_address"
            )
        locked.delivery_address = address
        changed.append("delivery_address")
    locked.lock_version += 1
    locked.stamp(actor)
    locked.save()
    audit_record(
        actor=actor,
        action="application.update",
        obj=locked,
        detail={"changed": changed, "lock_version": locked.lock_version},
    )
    return locked


def draft_update(
    *,
    actor: Any,
    application: Application,
    lock_version: int,
    data: dict[str, Any] | None = None,
    region: Any = None,
    centre: Any = None,
    delivery_method: str | None = None,
    delivery_address: str | None = None,
) -> Application:
    """Save a draft. ``None`` leaves a part unchanged; ``""`` clears the township or the centre.

    ``data`` is the form's raw values by field name (incomplete is fine: everything is checked before
    submission). A ``lock_version`` other than the draft's is refused with code ``stale``.
    """
    with refusals_audited(actor=actor, action="application.update", obj=application):
        return _draft_update(
            actor=actor,
            application=application,
            lock_version=lock_version,
            data=data,
            region=region,
            centre=centre,
            delivery_method=delivery_method,
            delivery_address=delivery_address,
        )


def draft_discard(*, actor: Any, application: Application) -> None:
    """Drop a draft (its uploads stay available for reuse)."""
    with refusals_audited(actor=actor, action="application.discard", obj=application):
        with transaction.atomic():
            locked = _locked(application)
            _edit_check(actor, locked)
            if locked.status == ApplicationStatus.DISCARDED:
                return
            _draft_check(locked)
            locked.status = ApplicationStatus.DISCARDED
            locked.lock_version += 1
            locked.stamp(actor)
            locked.save()
            audit_record(actor=actor, action="application.discard", obj=locked, detail={})


# --- materials ------------------------------------------------------------------------------------------


def _supplement_check(application: Application, supplement: CasePause) -> None:
    case = Case.objects.filter(application=application).first()
    if (
        case is None
        or supplement.case_id != case.pk
        or supplement.kind != PauseKind.SUPPLEMENT
        or supplement.ended_at is not None
    ):
        raise ValidationError(_("该补正已结束或不属于这份申请。"), code="supplement")


def material_attach(
    *,
    actor: Any,
    application: Application,
    requirement: MaterialRequirement,
    upload: Upload,
    supplement: CasePause | None = None,
) -> ApplicationMaterial:
    """Give ``upload`` for ``requirement`` (the same file twice: the first row is returned)."""
    with refusals_audited(actor=actor, action="application.material_attach", obj=application, upload_id=upload.pk):
        with transaction.atomic():
            locked = _locked(application)
            _edit_check(actor, locked)
            if supplement is None:
                _draft_check(locked)
            else:
                _supplement_check(locked, supplement)
            if requirement.version_id != locked.version_id:
                raise ValidationError(_("该材料不属于这份申请的事项版本，请刷新页面后重试。"), code="requirement")
            if not upload_usable_for(upload, locked):
                raise PermissionDenied(_("只能使用您自己或本单位上传的文件。"))
            # The files in force, in one query: the same file (or the same content, a double-posted upload)
            # already given for this material is the answer; the others' sizes count towards the cap.
            current = list(
                ApplicationMaterial.objects.filter(application=locked, replaced_at__isnull=True)
                .select_related("upload")
                .order_by("added_at", "id")
            )
            mine = [m for m in current if m.requirement_id == requirement.pk]
            existing = next((m for m in mine if m.upload_id == upload.pk), None) or next(
                (m for m in mine if m.upload.sha256 == upload.sha256), None
            )
            if existing is not None:
                return existing
            sizes = {m.upload_id: m.upload.size for m in current}  # a file given for two materials counts once
            total = sum(sizes.values()) + (0 if upload.pk in sizes else upload.size)
            if total > APPLICATION_MAX_BYTES:
                raise ValidationError(
                    _(
                        "加上此文件后，材料合计 %(size).1f MB，超过了每件申请 %(max)d MB 的上限。"
                        "请压缩文件或删除不需要的文件。"
                    )
                    % {"size": total / (1024 * 1024), "max": APPLICATION_MAX_BYTES // (1024 * 1024)},
                    code="application_too_big",
                )
            now = clock.now()
            if supplement is not None:
                wrong = supplement.items.filter(requirement=requirement, problem=MaterialProblem.WRONG).exists()
                if wrong:
                    ApplicationMaterial.objects.filter(
                        application=locked, requirement=requirement, replaced_at__isnull=True, supplement__isnull=True
                    ).update(replaced_at=now)
            material, _created = ApplicationMaterial.objects.update_or_create(
                application=locked,
                requirement=requirement,
                upload=upload,
                defaults={
                    "added_at": now,
                    "added_by": actor or locked.applicant,
                    "supplement": supplement,
                    "replaced_at": None,
                },
            )
            locked.stamp(actor)
            locked.save(update_fields=["updated_at", "updated_by"])
            audit_record(
                actor=actor,
                action="application.material_attach",
                obj=locked,
                detail={
                    "requirement": requirement.name,
                    "upload_id": upload.pk,
                    "name": upload.original_name,
                    "supplement_id": supplement.pk if supplement is not None else None,
                },
            )
            return material


def material_detach(*, actor: Any, application: Application, material: ApplicationMaterial) -> None:
    """Take a file back from a draft (the upload itself stays, for reuse)."""
    with refusals_audited(actor=actor, action="application.material_detach", obj=application):
        with transaction.atomic():
            locked = _locked(application)
            _edit_check(actor, locked)
            _draft_check(locked)
            current = (
                ApplicationMaterial.objects.filter(pk=material.pk, application=locked)
                .select_related("requirement", "upload")
                .first()
            )
            if current is None:
                return
            current.delete()
            locked.stamp(actor)
            locked.save(update_fields=["updated_at", "updated_by"])
            audit_record(
                actor=actor,
                action="application.material_detach",
                obj=locked,
                detail={"requirement": current.requirement.name, "upload_id": current.upload_id},
            )


# --- submission -----------------------------------------------------------------------------------------


def applicant_snapshot(application: Application) -> dict[str, str]:
    """The applicant as the case records it (up_pro_accept): personal data for the encrypted columns,
    masked copies for lists."""
    person = application.applicant
    organisation = application.organisation
    contact = {
        "contact_name": person.get_full_name(),
        "contact_mobile": person.mobile or "",
        "contact_mobile_masked": person.mobile_masked or mask_mobile(person.mobile or ""),
    }
    if organisation is not None:
        return {
            "name": organisation.name,
            "name_masked": organisation.name,
            "doc_type": "001",
            "doc_number": organisation.uscc,
            "doc_masked": organisation.uscc,
            "legal_representative": organisation.legal_representative,
            **contact,
        }
    return {
        "name": person.get_full_name(),
        "name_masked": mask_name(person.get_full_name()),
        "doc_type": "111",
        "doc_number": person.id_number or "",
        "doc_masked": person.id_number_masked or mask_id_number(person.id_number or ""),
        "legal_representative": "",
        **contact,
    }


def _mismatch() -> ValidationError:
    return ValidationError(
        _("同一个幂等键（Idempotency-Key）已用于内容不同的提交，本次提交未被受理。请使用新的幂等键。"),
        code="idempotency_mismatch",
    )


def _by_key(applicant_id: int, key: str) -> Application | None:
    return Application.objects.filter(applicant_id=applicant_id, submit_key=key).first()


def _replay(previous: Application, fingerprint: str) -> Case:
    if previous.submit_fingerprint != (fingerprint or ""):
        raise _mismatch()
    return Case.objects.get(application=previous)


def _notify_after_commit(case_pk: int) -> None:
    case = Case.objects.select_related("version", "applicant", "application").get(pk=case_pk)
    text = sms_signed(
        _(
            "您申请的“%(item)s”已提交，办件编号 %(number)s，查询码 %(code)s。"
            "请妥善保存，凭编号和查询码可在景泰政务服务网查询办理进度。"
        )
        % {"item": case.version.name, "number": case.number, "code": case.query_code}
    )
    try:
        # A notice (purpose NOTICE, as sms_notice_send); the query code is hidden in the stored copy.
        sms_notice_send(to=case.contact_mobile, text=text, code=case.query_code)
    except (ValidationError, ValueError) as exc:  # a rate limit or an unusable number: the case stands
        logger.warning("submission SMS for case %s not sent: %s", case.pk, type(exc).__name__)
    message_send(
        recipient=case.applicant,
        title=_("申请已提交：%(item)s") % {"item": case.version.name},
        body=_("办件编号 %(number)s。查询码已通过短信发送，也印在申报回执上。") % {"number": case.number},
        link=reverse("cases_track:case", kwargs={"number": case.number}),
        topic="case.submitted",
    )


@transaction.atomic
def _submit(
    *,
    actor: Any,
    application: Application,
    lock_version: int | None,
    key: str | None,
    fingerprint: str,
) -> Case:
    if key:
        previous = _by_key(application.applicant_id, key)
        if previous is not None:
            return _replay(previous, fingerprint)
    locked = _locked(application)
    _edit_check(actor, locked)
    if locked.status == ApplicationStatus.SUBMITTED:
        # A double click or a retry of the same draft: its case (a different key for the same draft is no new case),
        # unless this very key was just used for it with another body (a concurrent call we waited for).
        if key and locked.submit_key == key:
            return _replay(locked, fingerprint)
        return Case.objects.get(application=locked)
    _draft_check(locked)
    if lock_version is not None and int(lock_version) != locked.lock_version:
        raise stale_error()
    _rebase(locked, actor=actor)
    problems = application_problems(locked)
    if problems:
        refusal = ValidationError([m for section in problems.values() for m in section])
        refusal.code = "incomplete"  # a list error has no code of its own; callers and the API read this one
        refusal.problems = problems  # type: ignore[attr-defined]
        raise refusal
    case = engine.case_open(application=locked, actor=actor, applicant=applicant_snapshot(locked))
    locked.status = ApplicationStatus.SUBMITTED
    locked.submitted_at = case.submitted_at
    locked.submit_key = key
    locked.submit_fingerprint = fingerprint or ""
    locked.lock_version += 1
    locked.stamp(actor)
    locked.save()
    audit_record(
        actor=actor,
        action="application.submit",
        obj=case,
        detail={
            "application_id": locked.pk,
            "item": locked.item.implementation_code,
            "version": locked.version.number,
            "channel": locked.channel,
            "applicant": case.applicant_name_masked,
            "registered_by": locked.registered_by_id,
            "idempotency_key": bool(key),
        },
    )
    transaction.on_commit(lambda: _notify_after_commit(case.pk))
    return case


def application_submit(
    *,
    actor: Any,
    application: Application,
    lock_version: int | None = None,
    submit_key: str | None = None,
    fingerprint: str = "",
) -> Case:
    """Submit the draft: exactly one case, whatever the number of clicks, retries or repeated API calls.

    No receipt is rendered here: it is made on demand, with the address of the site that asks for it
    (:func:`.receipt.receipt_ensure`).
    """
    key = (submit_key or "").strip() or None
    with refusals_audited(actor=actor, action="application.submit", obj=application):
        if key is not None and len(key) > SUBMIT_KEY_MAX:
            raise ValidationError(
                _("幂等键（Idempotency-Key）最长 %(n)d 个字符。") % {"n": SUBMIT_KEY_MAX}, code="idempotency_key"
            )
        try:
            return _submit(
                actor=actor,
                application=application,
                lock_version=lock_version,
                key=key,
                fingerprint=fingerprint,
            )
        except IntegrityError:
            # Another submission with the same key committed between our look-up and our save.
            previous = _by_key(application.applicant_id, key) if key else None
            if previous is None:
                raise
            return _replay(previous, fingerprint)
