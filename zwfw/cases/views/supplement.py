"""The applicant's side of handling, under ``/account/cases/<number>/``: supplementing and withdrawing.

- ``supplement_page`` shows every item of the supplement notice (补正材料通知书) with a file input for each
  material asked for; one POST stores the files (``services.uploads.upload_store``: type by content, size cap,
  generated names; at most :data:`SUPPLEMENT_FILES_PER_ITEM` per item, and the application's files at most
  100 MB in all once the supplement is in (``handling.supplement_size_check``) — both refused before anything
  is stored) and hands them to ``handling.supplement_submit``, which checks that every requested material
  came and returns the case to the clerk. Problems are shown all at once; nothing is submitted until complete.
- ``withdraw`` (GET confirmation, POST with a reason) withdraws the application before a decision.

Someone else's case is 404 (its existence is not revealed).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zwfw.core import clock
from zwfw.core.uploads import MB, upload_check, upload_name_clean, upload_sha256

from ..choices import WITHDRAWABLE_STATES
from ..models import Case, Upload
from ..selectors.applications import APPLICATION_MAX_BYTES
from ..selectors.inbox import supplement_case_for, supplement_open
from ..services import handling

try:  # the applying part's upload service (type by content, caps, audit)
    from ..services.uploads import upload_store
except ImportError:  # pragma: no cover - only before the applying part exists
    upload_store = None

SUPPLEMENT_TYPES = ("pdf", "ofd", "doc", "docx", "xls", "xlsx", "jpg", "png")
SUPPLEMENT_MAX_BYTES = 20 * MB
#: Files one supplement item takes; more is refused with a message (never silently cut).
SUPPLEMENT_FILES_PER_ITEM = 10


def _store(*, actor: Any, file: Any, case: Case) -> Upload:
    """One supplement file as an :class:`Upload` of the applicant (or their organisation)."""
    organisation = case.organisation
    if upload_store is not None:
        return upload_store(actor=actor, file=file, organisation=organisation)
    kind = upload_check(file, allowed=SUPPLEMENT_TYPES, max_bytes=SUPPLEMENT_MAX_BYTES)
    upload = Upload(
        owner=actor,
        organisation=organisation,
        uploaded_by=actor,
        original_name=upload_name_clean(getattr(file, "name", ""), kind.extension),
        extension=kind.extension,
        content_type=kind.content_type,
        size=file.size,
        sha256=upload_sha256(file),
        created_at=clock.now(),
    )
    file.seek(0)
    upload.file.save("upload", file, save=False)
    upload.save()
    return upload


def _case_link(case: Case) -> str:
    try:
        return reverse("cases_track:case", args=[case.number])
    except NoReverseMatch:
        return reverse("portal:home")


@login_required
def supplement_page(request: HttpRequest, number: str) -> HttpResponse:
    case = supplement_case_for(request.user, number)
    pause = supplement_open(case)
    if pause is None:
        messages.info(request, _("该办件当前不需要补正材料。"))
        return redirect(_case_link(case))
    items = list(pause.items.all())
    errors: list[str] = []
    item_errors: dict[int, str] = {}
    if request.method == "POST":
        materials = []
        chosen = {item.pk: request.FILES.getlist(f"file_{item.pk}") for item in items if item.requirement_id}
        for item in items:
            files = chosen.get(item.pk, [])
            if item.requirement_id is not None and len(files) > SUPPLEMENT_FILES_PER_ITEM:
                item_errors[item.pk] = _(
                    "“%(name)s”最多上传 %(max)d 个文件，您选择了 %(n)d 个。请把多页扫描件合并为一个 PDF 后重新选择。"
                ) % {"name": item.name, "max": SUPPLEMENT_FILES_PER_ITEM, "n": len(files)}
        if not item_errors:
            chosen_sizes = {
                ("new", item_pk, index): getattr(file, "size", 0) or 0
                for item_pk, files in chosen.items()
                for index, file in enumerate(files)
            }
            try:
                handling.supplement_size_check(case, pause, chosen_sizes)
            except ValidationError as exc:
                errors = list(exc.messages)  # too big in all: nothing is stored
        for item in items:
            if item.requirement_id is None or item_errors or errors:
                continue  # too many files anywhere, or too big in all: nothing is stored
            files = chosen[item.pk]
            if not files:
                item_errors[item.pk] = _("请上传“%(name)s”。") % {"name": item.name}
                continue
            for file in files:
                try:
                    upload = _store(actor=request.user, file=file, case=case)
                except ValidationError as exc:
                    item_errors[item.pk] = "；".join(exc.messages)
                    break
                materials.append((item.requirement, upload))
        if not item_errors and not errors:
            try:
                handling.supplement_submit(actor=request.user, case=case, materials=materials)
            except ValidationError as exc:
                errors = list(exc.messages)
            else:
                messages.success(request, _("补正材料已提交，等待窗口受理。受理期限自今日重新计算。"))
                return redirect(_case_link(case))
    rows = [(item, item_errors.get(item.pk, "")) for item in items]
    return render(
        request,
        "cases/supplement/form.html",
        {
            "case": case,
            "pause": pause,
            "rows": rows,
            "errors": errors + [e for e in item_errors.values()],
            "notice": case.documents.filter(kind="supplement_notice").order_by("-created_at").first(),
            "case_link": _case_link(case),
            "accept": ",".join(f".{t}" for t in SUPPLEMENT_TYPES),
            "files_max": SUPPLEMENT_FILES_PER_ITEM,
            "application_max_mb": APPLICATION_MAX_BYTES // MB,
        },
        status=400 if request.method == "POST" else 200,
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("撤回原因"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


@login_required
def withdraw(request: HttpRequest, number: str) -> HttpResponse:
    case = supplement_case_for(request.user, number)
    if case.state not in WITHDRAWABLE_STATES:
        messages.info(request, _("该办件已作出决定或已结束，不能撤回。"))
        return redirect(_case_link(case))
    form = WithdrawForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            handling.case_withdraw(actor=request.user, case=case, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            errors = list(exc.messages)
        else:
            messages.success(request, _("申请已撤回。"))
            return redirect(_case_link(case))
    return render(
        request,
        "cases/supplement/withdraw.html",
        {"case": case, "form": form, "errors": errors, "case_link": _case_link(case)},
        status=400 if request.method == "POST" else 200,
    )
