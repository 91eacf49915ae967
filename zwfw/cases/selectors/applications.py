"""Reads of the applying part: drafts, uploads, what an application still lacks, window clerks' centres.

Who may see an application (every other person gets 404, never a hint that it exists):

- its applicant; for an organisation's application, every active agent of the organisation;
- the window clerk who registered it (while they still hold the window role).

An upload (a file given as a material) is visible to its owner, the agents of its organisation, the clerk who
scanned it, and staff who may see a case that uses it (``cases.view_case``).

:func:`application_problems` is the one check before submission: the form's errors, the materials still
missing (with the form's material rules), the place and delivery, the applicant's own data, and whether the
item is still published in this version — all at once, as ``{section: [Chinese messages]}``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from zwfw.catalog.models import ItemVersion, MaterialRequirement
from zwfw.core.dynforms import form_values_clean, materials_required, prefill_values, schema_fields
from zwfw.org.choices import CentreKind, Role
from zwfw.org.models import Membership, ServiceCentre
from zwfw.workflow.stages import process_problems

from ..choices import ApplicantKind, ApplicationStatus, Channel, DeliveryMethod
from ..models import Application, ApplicationMaterial, Case, Upload

#: One file may be at most 20 MB (a scanned 30-page document).
UPLOAD_MAX_BYTES = 20 * 1024 * 1024
#: All files of one application together may be at most 100 MB.
APPLICATION_MAX_BYTES = 100 * 1024 * 1024
#: The types an applicant may upload (by content).
UPLOAD_TYPES = ("pdf", "ofd", "doc", "docx", "xls", "xlsx", "jpg", "png")
#: How many earlier uploads the draft page offers for reuse.
REUSABLE_MAX = 50

PROBLEM_SECTIONS = ("item", "applicant", "form", "materials", "place")


def _usable(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


# --- the item -------------------------------------------------------------------------------------------


def online_application_open(version: ItemVersion | None) -> bool:
    """Whether a published version takes applications online: its form has at least one field and its process
    is complete. A version without form fields (``{}``, or only material rules) is applied for at a window
    only, whatever its materials; the form preview and docs/howto/forms-and-processes.md say the same."""
    if version is None or not schema_fields(version.application_form):
        return False
    return not process_problems(list(version.steps.all()))


def online_application_open_for(version_pk: int) -> bool:
    """The same for a version's primary key (the guide page knows only that)."""
    version = ItemVersion.objects.filter(pk=version_pk).prefetch_related("steps").first()
    return online_application_open(version)


# --- who sees what --------------------------------------------------------------------------------------


def application_may_edit(user: Any, application: Application) -> bool:
    """The applicant, an agent of the applying organisation, or the registering window clerk."""
    if not _usable(user):
        return False
    if application.organisation_id is not None:
        if user.has_perm("identity.act_for_organisation", application.organisation):
            return True
    elif application.applicant_id == user.pk:
        return True
    if application.registered_by_id == user.pk and user.has_perm("cases.register_window"):
        return True
    return False


def application_get_for(user: Any, pk: Any) -> Application:
    """An application ``user`` may see (draft or submitted), else 404."""
    try:
        pk = int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    application = (
        Application.objects.select_related("item", "version", "organisation", "region", "centre", "applicant")
        .filter(pk=pk)
        .exclude(status=ApplicationStatus.DISCARDED)
        .first()
    )
    if application is None or not application_may_edit(user, application):
        raise Http404
    return application


def drafts_of(user: Any, *, organisation: Any = None) -> QuerySet[Application]:
    """The drafts of the person (or of the organisation they act for), newest first."""
    if not _usable(user):
        return Application.objects.none()
    qs = Application.objects.filter(status=ApplicationStatus.DRAFT).select_related("version", "item")
    if organisation is not None:
        return qs.filter(organisation=organisation).order_by("-updated_at", "-id")
    return qs.filter(applicant=user, organisation__isnull=True).order_by("-updated_at", "-id")


def window_drafts_of(clerk: Any) -> QuerySet[Application]:
    """The walk-in drafts a clerk registered and has not submitted yet."""
    return (
        Application.objects.filter(registered_by=clerk, status=ApplicationStatus.DRAFT, channel=Channel.WINDOW)
        .select_related("version", "applicant")
        .order_by("-updated_at", "-id")
    )


def draft_existing(
    *, applicant: Any, item: Any, organisation: Any, channel: str, registered_by: Any = None
) -> Application | None:
    """An open draft of the same applicant for the same item (started twice: continue the first)."""
    qs = Application.objects.filter(
        applicant=applicant, item=item, status=ApplicationStatus.DRAFT, channel=channel, organisation=organisation
    )
    if registered_by is not None:
        qs = qs.filter(registered_by=registered_by)
    return qs.order_by("-updated_at", "-id").first()


def upload_get_for(user: Any, pk: Any) -> Upload:
    """An upload ``user`` may open, else 404 (owner, their organisation's agents, the scanning clerk,
    staff who may see a case using it)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    upload = Upload.objects.select_related("organisation").filter(pk=pk).first()
    if upload is None or not _usable(user):
        raise Http404
    if upload.owner_id == user.pk:
        return upload
    if upload.organisation_id is not None and user.has_perm("identity.act_for_organisation", upload.organisation):
        return upload
    if upload.uploaded_by_id == user.pk and user.has_perm("cases.register_window"):
        return upload
    cases = Case.objects.filter(application__materials__upload=upload).distinct()
    if any(user.has_perm("cases.view_case", case) for case in cases[:20]):
        return upload
    raise Http404


def upload_usable_for(upload: Upload, application: Application) -> bool:
    """Whether ``upload`` may be given for ``application``: the applicant's own files (personal ones, or those of
    the same organisation), or the applying organisation's."""
    if application.organisation_id is not None and upload.organisation_id == application.organisation_id:
        return True
    return upload.owner_id == application.applicant_id and upload.organisation_id in (None, application.organisation_id)


def uploads_reusable(application: Application) -> list[Upload]:
    """Earlier uploads the applicant may give again (newest first), not already given for this application."""
    mine = Q(owner_id=application.applicant_id) & (
        Q(organisation__isnull=True) | Q(organisation_id=application.organisation_id)
    )
    if application.organisation_id is not None:
        mine |= Q(organisation_id=application.organisation_id)
    used = ApplicationMaterial.objects.filter(application=application, replaced_at__isnull=True)
    used_hashes = set(used.values_list("upload__sha256", flat=True))
    found: list[Upload] = []
    for upload in Upload.objects.filter(mine).order_by("-created_at", "-id")[: REUSABLE_MAX * 2]:
        if upload.sha256 in used_hashes:  # the same content uploaded twice is offered once, and not again
            continue
        used_hashes.add(upload.sha256)
        found.append(upload)
    return found[:REUSABLE_MAX]


# --- the draft's content --------------------------------------------------------------------------------


def application_values(application: Application) -> dict[str, Any]:
    """The form's values as saved (raw, as typed; a dict)."""
    try:
        values = json.loads(application.data or "{}")
    except ValueError:
        return {}
    return values if isinstance(values, dict) else {}


def prefill_context(*, applicant: Any, organisation: Any = None) -> dict[str, str]:
    """The account's values a form may start from (``core.dynforms.PREFILL_SOURCES``)."""
    context = {"applicant.name": applicant.get_full_name() if applicant is not None else ""}
    if organisation is not None:
        context.update(
            {
                "organisation.name": organisation.name,
                "organisation.uscc": organisation.uscc,
                "organisation.legal_representative": organisation.legal_representative,
            }
        )
    return context


def application_prefill(application_or_version: Any, *, applicant: Any, organisation: Any = None) -> dict[str, str]:
    schema = getattr(application_or_version, "application_form", None)
    if schema is None:
        schema = application_or_version.version.application_form
    return prefill_values(schema, prefill_context(applicant=applicant, organisation=organisation))


def _current_version(application: Application) -> ItemVersion | None:
    """The version a submission is checked against: the item's published one (None when retired)."""
    item = application.item
    if item.retired_at is not None or item.published_version_id is None:
        return None
    if item.published_version_id == application.version_id:
        return application.version
    return ItemVersion.objects.filter(pk=item.published_version_id).first()


def materials_current(application: Application) -> list[ApplicationMaterial]:
    return list(
        application.materials.filter(replaced_at__isnull=True)
        .select_related("requirement", "upload")
        .order_by("requirement__order", "added_at", "id")
    )


def requirement_match(requirement: MaterialRequirement, version: ItemVersion) -> MaterialRequirement | None:
    """The requirement of ``version`` that continues ``requirement`` of an earlier version (same name)."""
    if requirement.version_id == version.pk:
        return requirement
    return version.materials.filter(name=requirement.name).order_by("order").first()


@dataclass
class MaterialRow:
    requirement: MaterialRequirement
    required: bool
    files: list[ApplicationMaterial]

    @property
    def from_library(self) -> bool:
        return self.requirement.source == "licence_library"


def application_material_rows(application: Application, *, values: dict[str, Any] | None = None) -> list[MaterialRow]:
    """The version's requirements asked for with the current values, each with the files given."""
    version = application.version
    if values is None:
        values, _errors = form_values_clean(version.application_form, application_values(application))
    given: dict[int, list[ApplicationMaterial]] = {}
    for material in materials_current(application):
        given.setdefault(material.requirement_id, []).append(material)
    return [
        MaterialRow(requirement=req, required=required, files=given.get(req.pk, []))
        for req, required in materials_required(version.application_form, values, list(version.materials.all()))
    ]


def application_total_bytes(application: Application) -> int:
    """The size of every file currently given for the application."""
    total = (
        Upload.objects.filter(uses__application=application, uses__replaced_at__isnull=True)
        .distinct()
        .aggregate(total=Sum("size"))["total"]
    )
    return int(total or 0)


def application_field_errors(application: Application) -> dict[str, list[str]]:
    """The form's errors by field name (against the version the draft is on)."""
    _values, errors = form_values_clean(application.version.application_form, application_values(application))
    return errors


# --- places ---------------------------------------------------------------------------------------------


def county_centre() -> ServiceCentre | None:
    return ServiceCentre.objects.filter(kind=CentreKind.COUNTY).order_by("sort_order", "id").first()


def place_choices(version: ItemVersion) -> list[ServiceCentre]:
    """Where an applicant may apply and collect: the county centre, and the centre of every township the
    version names (就近申报)."""
    centres: list[ServiceCentre] = []
    county = county_centre()
    if county is not None:
        centres.append(county)
    regions = [r.pk for r in version.handling_regions.all()]
    if regions:
        townships = ServiceCentre.objects.filter(kind=CentreKind.TOWNSHIP, region_id__in=regions).select_related(
            "region"
        )
        centres += list(townships.order_by("sort_order", "id"))
    return centres


def window_centres_of(user: Any) -> list[ServiceCentre]:
    """The centres where ``user`` works as a window clerk: their window's centre, else the centres their
    agency runs or has a window in."""
    if not _usable(user):
        return []
    memberships = Membership.objects.filter(user=user, role=Role.WINDOW_CLERK, is_active=True).select_related(
        "window__centre"
    )
    centres: dict[int, ServiceCentre] = {}
    for membership in memberships:
        if membership.window_id is not None and membership.window.centre_id:
            centres.setdefault(membership.window.centre_id, membership.window.centre)
            continue
        for centre in ServiceCentre.objects.filter(
            Q(agency_id=membership.agency_id) | Q(windows__agencies=membership.agency_id)
        ).distinct():
            centres.setdefault(centre.pk, centre)
    return sorted(centres.values(), key=lambda c: (c.sort_order, c.pk))


# --- the check before submission ------------------------------------------------------------------------


def application_problems(application: Application) -> dict[str, list[str]]:
    """Everything that stops the submission, all at once: ``{section: [messages]}`` (empty when none).

    Sections: ``item`` (no longer published, or a newer version: then the rest is checked against the
    published version), ``applicant`` (the account lacks what the case record needs), ``form`` (each field's
    errors, as "label：message"), ``materials`` (required ones missing), ``place`` (township, collection centre,
    delivery address).
    """
    problems: dict[str, list[str]] = {}

    def add(section: str, message: str) -> None:
        problems.setdefault(section, []).append(message)

    version = _current_version(application)
    if version is None:
        add("item", _("该事项已停止网上办理或已取消，不能再提交。可以删除此草稿。"))
        return problems
    if version.pk != application.version_id:
        add(
            "item",
            _("该事项的办事指南已更新为第%(n)d版，已按新版本重新核对；请检查表单和材料后再提交。")
            % {"n": version.number},
        )
    if application.channel != Channel.WINDOW and not online_application_open(version):
        add("item", _("该事项目前不接受网上申请。"))

    applicant = application.applicant
    if application.applicant_kind == ApplicantKind.ORGANISATION or application.organisation_id:
        organisation = application.organisation
        if organisation is None or not applicant.has_perm("identity.act_for_organisation", organisation):
            add("applicant", _("您已不再是该单位的经办人，不能代表该单位提交。"))
    elif not applicant.id_number:
        add("applicant", _("账号没有登记居民身份证号码，请先在个人资料中完成实名登记。"))
    if not applicant.mobile:
        add("applicant", _("账号没有手机号码，无法接收办件编号和查询码短信，请先绑定手机号码。"))

    schema = version.application_form
    values, errors = form_values_clean(schema, application_values(application))
    labels = {f.get("name"): f.get("label", f.get("name")) for f in (schema or {}).get("fields", [])}
    for name, messages in errors.items():
        for message in messages:
            add("form", _("%(label)s：%(message)s") % {"label": labels.get(name, name), "message": message})

    given = {
        m.requirement.name if m.requirement.version_id != version.pk else m.requirement_id
        for m in materials_current(application)
    }
    for requirement, required in materials_required(schema, values, list(version.materials.all())):
        if not required or requirement.source == "licence_library":
            continue
        if requirement.pk not in given and requirement.name not in given:
            add("materials", _("缺少必需的材料：%(name)s") % {"name": requirement.name})
    total = application_total_bytes(application)
    if total > APPLICATION_MAX_BYTES:
        add(
            "materials",
            _("材料文件合计 %(size).1f MB，超过了每件申请 %(max)d MB 的上限，请删除或压缩部分文件。")
            % {"size": total / (1024 * 1024), "max": APPLICATION_MAX_BYTES // (1024 * 1024)},
        )

    if application.region_id is not None and application.channel != Channel.WINDOW:
        if not version.handling_regions.filter(pk=application.region_id).exists():
            add("place", _("该事项不能在所选乡镇办理，请改选县政务服务中心或其他乡镇。"))
    if application.delivery_method == DeliveryMethod.WINDOW and application.centre_id is None:
        add("place", _("请选择领取结果的服务中心。"))
    if application.delivery_method == DeliveryMethod.POST and not (application.delivery_address or "").strip():
        add("place", _("选择邮寄送达时，请填写邮寄地址。"))
    return problems


def application_problem_count(problems: dict[str, list[str]]) -> int:
    return sum(len(messages) for messages in problems.values())


def case_of_application(application: Application) -> Case | None:
    return Case.objects.filter(application=application).first()


__all__ = [
    "APPLICATION_MAX_BYTES",
    "MaterialRow",
    "PROBLEM_SECTIONS",
    "REUSABLE_MAX",
    "UPLOAD_MAX_BYTES",
    "UPLOAD_TYPES",
    "application_field_errors",
    "application_get_for",
    "application_material_rows",
    "application_may_edit",
    "application_prefill",
    "application_problem_count",
    "application_problems",
    "application_total_bytes",
    "application_values",
    "case_of_application",
    "county_centre",
    "draft_existing",
    "drafts_of",
    "materials_current",
    "online_application_open",
    "online_application_open_for",
    "place_choices",
    "prefill_context",
    "requirement_match",
    "upload_get_for",
    "upload_usable_for",
    "uploads_reusable",
    "window_centres_of",
    "window_drafts_of",
]
