"""Applying online: start from the guide, the draft page (form, materials, place, delivery), submission.

The draft page is one form: whatever button is pressed (保存草稿, 检查, 提交申请, 上传, 移除), the typed values,
the place and the delivery wish are saved first (with the page's ``lock_version``: a page older than the last
save on another device changes nothing and says so), then files chosen for materials are stored and attached,
then the action runs. Submitting carries a one-time token as the idempotency key: a double click or a browser
retry lands on the same case page.

The same machinery serves the window clerk's page (:mod:`.window`), with the person as owner of the files.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from zwfw.catalog.selectors import published_item_list
from zwfw.core.downloads import file_download
from zwfw.core.dynforms import form_class, schema_fields
from zwfw.core.uploads import file_types_accept, file_types_label
from zwfw.identity.decorators import assurance_required
from zwfw.identity.selectors import acting_for

from ..choices import ApplicationStatus, Channel, DeliveryMethod
from ..models import Application, ApplicationMaterial, Upload
from ..selectors.applications import (
    APPLICATION_MAX_BYTES,
    PROBLEM_SECTIONS,
    UPLOAD_MAX_BYTES,
    UPLOAD_TYPES,
    application_get_for,
    application_material_rows,
    application_problem_count,
    application_problems,
    application_total_bytes,
    application_values,
    case_of_application,
    draft_existing,
    drafts_of,
    online_application_open,
    place_choices,
    upload_get_for,
    upload_usable_for,
    uploads_reusable,
)
from ..services.application import (
    application_submit,
    draft_create,
    draft_discard,
    draft_update,
    material_attach,
    material_detach,
)
from ..services.receipt import receipt_ensure
from ..services.uploads import upload_store

FORM_PREFIX = "f"


def _section_titles() -> dict[str, str]:
    return {
        "item": _("事项"),
        "applicant": _("申请人"),
        "form": _("申请表"),
        "materials": _("申请材料"),
        "place": _("办理地点和送达"),
    }


def _crumbs(*trail: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("首页"), reverse("portal:home")), *trail]


# --- starting from the guide ----------------------------------------------------------------------------


def _published_version(request: HttpRequest, code: str) -> Any:
    """The item's published version, or 404: one query, shared by the level check and the view.

    Not the guide's ``published_item_get`` (nine queries: fees, FAQs, windows, themes… this page does not show)."""
    found = getattr(request, "_apply_published", None)
    if found is None or found[0] != code:
        found = (code, published_item_list().filter(item__implementation_code=code).first())
        request._apply_published = found  # type: ignore[attr-defined]
    if found[1] is None:
        raise Http404
    return found[1]


def _required_level(request: HttpRequest, code: str, **kwargs: Any) -> int:
    return int(_published_version(request, code).required_assurance_level or 1)


@never_cache
@require_http_methods(["GET", "POST"])
@assurance_required(_required_level)
def start(request: HttpRequest, code: str) -> HttpResponse:
    """``/apply/<implementation code>/``: GET explains, POST starts (or continues) the draft."""
    version = _published_version(request, code)
    organisation = acting_for(request)
    is_open = online_application_open(version)
    if request.method == "POST" and is_open:
        try:
            application = draft_create(actor=request.user, item=version.item, organisation=organisation)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _error_text(exc))
        else:
            return redirect("cases_apply:draft", pk=application.pk)
    existing = (
        draft_existing(applicant=request.user, item=version.item, organisation=organisation, channel=Channel.ONLINE)
        if request.user.is_authenticated
        else None
    )
    guide_url = reverse("portal:item_detail", kwargs={"code": code})
    return render(
        request,
        "cases/apply/start.html",
        {
            "version": version,
            "organisation": organisation,
            "is_open": is_open,
            "existing": existing,
            "materials": list(version.materials.all()),
            "breadcrumbs": _crumbs((version.name, guide_url), (_("在线申请"), None)),
        },
    )


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    return str(exc)


# --- the draft page (shared with the window) ------------------------------------------------------------


@dataclass
class DraftMode:
    """What differs between the applicant's page and the clerk's."""

    name: str  # "apply" or "window"
    template: str
    draft_url: str
    submitted_url: str
    owner: Any = None  # whose files uploads become
    organisation: Any = None
    centres: list[Any] = field(default_factory=list)  # where the applicant may apply and collect


def _posted_values(schema: Any, post: Any) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for spec in schema_fields(schema):
        key = f"{FORM_PREFIX}-{spec['name']}"
        if spec.get("type") == "multichoice":
            values[spec["name"]] = post.getlist(key)
        elif spec.get("type") == "boolean":
            values[spec["name"]] = "on" if post.get(key) else ""
        else:
            values[spec["name"]] = post.get(key, "")
    return values


def _bound_data(values: dict[str, Any]) -> dict[str, Any]:
    return {f"{FORM_PREFIX}-{name}": value for name, value in values.items()}


def _centre_posted(request: HttpRequest, mode: DraftMode) -> Any:
    raw = request.POST.get("centre")
    if raw is None:
        return None
    by_pk = {str(c.pk): c for c in mode.centres}
    return by_pk.get(raw, "") if raw else ""


def _place_unchanged(application: Application, *, centre: Any, method: Any, address: Any) -> bool:
    same_centre = centre is None or (centre or None) == application.centre
    return (
        same_centre
        and (method is None or method == application.delivery_method)
        and (address is None or address.strip() == (application.delivery_address or ""))
    )


def _files_store(
    request: HttpRequest, application: Application, mode: DraftMode, rows: list[Any]
) -> dict[int, list[str]]:
    """Store and attach the files chosen or reused for each requirement; errors by requirement pk."""
    errors: dict[int, list[str]] = {}
    for row in rows:
        requirement = row.requirement
        for chosen in request.FILES.getlist(f"file_{requirement.pk}"):
            try:
                upload = upload_store(
                    actor=request.user, file=chosen, owner=mode.owner, organisation=application.organisation
                )
                material_attach(actor=request.user, application=application, requirement=requirement, upload=upload)
            except (ValidationError, PermissionDenied) as exc:
                errors.setdefault(requirement.pk, []).append(_error_text(exc))
        reuse = request.POST.get(f"reuse_{requirement.pk}", "")
        if reuse:
            upload = Upload.objects.filter(pk=reuse if reuse.isdigit() else 0).first()
            if upload is None or not upload_usable_for(upload, application):
                errors.setdefault(requirement.pk, []).append(_("所选的已上传文件不可用，请重新选择。"))
                continue
            try:
                material_attach(actor=request.user, application=application, requirement=requirement, upload=upload)
            except (ValidationError, PermissionDenied) as exc:
                errors.setdefault(requirement.pk, []).append(_error_text(exc))
    return errors


def draft_handle(request: HttpRequest, application: Application, mode: DraftMode) -> HttpResponse:
    """GET shows the draft; POST saves it, stores files, then runs the pressed button's action."""
    if application.status == ApplicationStatus.SUBMITTED:
        return redirect(mode.submitted_url)
    if request.method == "GET":
        return _draft_render(request, application, mode)
    action = request.POST.get("action", "save")
    schema = application.version.application_form
    values = _posted_values(schema, request.POST)
    centre = _centre_posted(request, mode)
    method = request.POST.get("delivery_method")
    address = request.POST.get("delivery_address")
    if action == "discard":
        try:
            draft_discard(actor=request.user, application=application)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _error_text(exc))
            return redirect(mode.draft_url)
        messages.success(request, _("草稿已删除。"))
        return redirect("cases_apply:drafts" if mode.name == "apply" else "cases_window:index")

    saved = application_values(application)
    # A field the draft never saved counts as changed (a fresh draft's first 提交 must save what was typed).
    unchanged = all(k in saved and saved[k] == v for k, v in values.items()) and _place_unchanged(
        application, centre=centre, method=method, address=address
    )
    # A second click of 提交 posts exactly what the first one saved: no save, so no stale refusal.
    if not (unchanged and action == "submit"):
        try:
            application = draft_update(
                actor=request.user,
                application=application,
                lock_version=_int(request.POST.get("lock_version")),
                data=values,
                centre=centre,
                delivery_method=method,
                delivery_address=address,
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) == "submitted":
                return redirect(mode.submitted_url)
            if getattr(exc, "code", None) == "stale":
                messages.error(request, _error_text(exc))
                return redirect(mode.draft_url)
            return _draft_render(request, application, mode, posted=values, errors_top=exc.messages, status=400)
        except PermissionDenied as exc:
            raise Http404 from exc

    # Files chosen or reused for materials: only then are the requirements worked out (a 提交 carries none).
    offered = any(k.startswith("file_") for k in request.FILES) or any(
        k.startswith("reuse_") and v for k, v in request.POST.items()
    )
    upload_errors = _files_store(request, application, mode, application_material_rows(application)) if offered else {}
    if action.startswith("detach:"):
        material = ApplicationMaterial.objects.filter(pk=_int(action.split(":", 1)[1]), application=application).first()
        if material is not None:
            try:
                material_detach(actor=request.user, application=application, material=material)
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, _error_text(exc))
            else:
                messages.success(request, _("已移除文件“%(name)s”。") % {"name": material.upload.original_name})
    application.refresh_from_db()
    if upload_errors:
        return _draft_render(request, application, mode, upload_errors=upload_errors, status=400)
    if action == "check":
        problems = application_problems(application)
        if not problems:
            messages.success(request, _("检查通过：表单和材料齐全，可以提交。"))
        return _draft_render(request, application, mode, problems=problems, checked=True)
    if action == "submit":
        try:
            case = application_submit(
                actor=request.user,
                application=application,
                submit_key=request.POST.get("submit_token") or None,
                fingerprint=f"web:{application.pk}",
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) in ("incomplete", None):
                problems = application_problems(application)
                return _draft_render(
                    request, application, mode, problems=problems or {"item": exc.messages}, checked=True, status=400
                )
            return _draft_render(request, application, mode, errors_top=exc.messages, status=400)
        except PermissionDenied as exc:
            raise Http404 from exc
        messages.success(request, _("申请已提交，办件编号 %(number)s。") % {"number": case.number})
        return redirect(mode.submitted_url)
    if action == "upload":
        messages.success(request, _("文件已上传，草稿已保存。"))
    elif action == "save":
        messages.success(request, _("草稿已保存。可以随时在“我的草稿”中继续，换一台设备也可以。"))
    return redirect(mode.draft_url)


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def _draft_render(
    request: HttpRequest,
    application: Application,
    mode: DraftMode,
    *,
    posted: dict[str, Any] | None = None,
    problems: dict[str, list[str]] | None = None,
    checked: bool = False,
    upload_errors: dict[int, list[str]] | None = None,
    errors_top: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    version = application.version
    schema = version.application_form
    FormClass = form_class(schema)
    saved = application_values(application)
    if problems:
        # Bound to the saved values so every field's own error shows next to it.
        form = FormClass(data=_bound_data(saved), prefix=FORM_PREFIX)
        form.is_valid()
    else:
        form = FormClass(initial=posted if posted is not None else saved, prefix=FORM_PREFIX)
    rows = application_material_rows(application)
    reusable = uploads_reusable(application)
    total = application_total_bytes(application)
    sections = []
    if problems:
        titles = _section_titles()
        sections = [(titles[s], problems[s]) for s in PROBLEM_SECTIONS if problems.get(s)]
    context = {
        "application": application,
        "version": version,
        "form": form,
        "has_fields": bool(schema_fields(schema)),
        "rows": rows,
        "reusable": reusable,
        "upload_errors": upload_errors or {},
        "problems": sections,
        "problem_count": application_problem_count(problems or {}),
        "checked": checked,
        "errors_top": errors_top or [],
        "centres": mode.centres,
        "delivery_methods": DeliveryMethod.choices,
        "submit_token": secrets.token_urlsafe(24),
        "accept": file_types_accept(UPLOAD_TYPES),
        "allowed_label": file_types_label(UPLOAD_TYPES),
        "upload_max_mb": UPLOAD_MAX_BYTES // (1024 * 1024),
        "application_max_mb": APPLICATION_MAX_BYTES // (1024 * 1024),
        "total_mb": total / (1024 * 1024),
        "mode": mode.name,
        "draft_url": mode.draft_url,
        "file_url_name": "cases_apply:file",
    }
    if mode.name == "apply":
        context["breadcrumbs"] = _crumbs((_("我的草稿"), reverse("cases_apply:drafts")), (version.name, None))
    else:
        context["breadcrumbs"] = [
            (_("工作台"), reverse("portal:staff_dashboard")),
            (_("窗口申报登记"), reverse("cases_window:index")),
            (version.name, None),
        ]
    return render(request, mode.template, context, status=status)


def _apply_mode(request: HttpRequest, application: Application) -> DraftMode:
    def choices() -> list[Any]:
        centres = place_choices(application.version)
        if application.centre is not None and application.centre not in centres:
            centres = [application.centre, *centres]
        return centres

    return DraftMode(
        name="apply",
        template="cases/apply/draft.html",
        draft_url=reverse("cases_apply:draft", kwargs={"pk": application.pk}),
        submitted_url=reverse("cases_apply:submitted", kwargs={"pk": application.pk}),
        owner=request.user,
        organisation=application.organisation,
        # Worked out when used (a posted centre, or a page shown); a 提交 without a place posts needs none.
        centres=SimpleLazyObject(choices),  # type: ignore[arg-type]
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def draft_page(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_get_for(request.user, pk)
    if application.channel == Channel.WINDOW and application.status == ApplicationStatus.DRAFT:
        # A clerk's walk-in draft is edited at the window; the applicant sees it once submitted.
        if application.registered_by_id == request.user.pk:
            return redirect("cases_window:draft", pk=application.pk)
        raise Http404
    return draft_handle(request, application, _apply_mode(request, application))


@never_cache
@login_required
@require_GET
def draft_list(request: HttpRequest) -> HttpResponse:
    organisation = acting_for(request)
    drafts = list(drafts_of(request.user, organisation=organisation)[:100])
    return render(
        request,
        "cases/apply/drafts.html",
        {
            "drafts": drafts,
            "organisation": organisation,
            "breadcrumbs": _crumbs((_("我的草稿"), None)),
        },
    )


def submitted_context(application: Application) -> dict[str, Any]:
    case = case_of_application(application)
    if case is None:
        raise Http404
    return {
        "application": application,
        "case": case,
        "version": application.version,
        # Every submitted case has its receipt: rendered by the download link the first time it is used.
        "receipt": True,
    }


@never_cache
@login_required
@require_GET
def submitted(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_get_for(request.user, pk)
    if application.status != ApplicationStatus.SUBMITTED:
        return redirect("cases_apply:draft", pk=application.pk)
    context = submitted_context(application)
    context["breadcrumbs"] = _crumbs((_("申请已提交"), None))
    context["receipt_url"] = reverse("cases_apply:receipt", kwargs={"pk": application.pk})
    return render(request, "cases/apply/submitted.html", context)


@login_required
@require_GET
def receipt_download(request: HttpRequest, pk: int) -> FileResponse:
    application = application_get_for(request.user, pk)
    return receipt_response(application, request)


def receipt_response(application: Application, request: HttpRequest | None = None) -> FileResponse:
    """The case's 申报回执 as a download, rendered now if this is the first time it is asked for."""
    case = case_of_application(application)
    if case is None:
        raise Http404
    public_url = request.build_absolute_uri("/") if request is not None else ""
    document = receipt_ensure(case, public_url=public_url)
    return file_download(document.file.open, filename=f"申报回执-{case.number}.pdf", content_type="application/pdf")


@login_required
@require_GET
def file_view(request: HttpRequest, pk: int) -> FileResponse:
    """``/apply/files/<id>/``: an uploaded material, only for those who may see it (else 404), as a download."""
    upload = upload_get_for(request.user, pk)
    return file_download(upload.file.open, filename=upload.original_name, content_type=upload.content_type)
