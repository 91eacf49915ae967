"""The list maintenance screens under /staff/lists/ (清单管理).

An agency's 事项管理员 keeps its own entries of the four maintained lists; the 平台运营人员 keeps
everyone's. Each kind has: the list of entries, the editor (create / edit; the poverty editor has the
beneficiary rows), the entry page with its actions (publish, withdraw with a reason) and its history,
where any two revisions can be compared field by field. Every write goes through
:mod:`zwfw.lists.services.entries`; these views check who may see what and show the services' messages.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zwfw.core.permissions import permission_required_or_403
from zwfw.org.choices import Role
from zwfw.org.models import Agency
from zwfw.org.rules import active_roles
from zwfw.org.staff_session import active_agency_get

from .choices import EntryStatus, ListKind
from .forms import BeneficiaryLookupForm, WithdrawForm, beneficiary_formset, beneficiary_rows, entry_form
from .history import entry_snapshot, revision_diff
from .kinds import SPECS, spec_for
from .models import ListEntry
from .selectors import entry_revisions, staff_entries
from .services.entries import entry_create, entry_publish, entry_update, entry_withdraw, new_form_token
from .services.lookup import beneficiary_lookup

PER_PAGE = 30

#: The list screens need a maintainer role (an item manager somewhere, or the operator).
maintainers_only = permission_required_or_403("lists.maintain_entry", _("此页面仅供事项管理员和平台运营人员使用。"))


def _is_operator(user: Any) -> bool:
    return any(role == Role.OPERATOR for _, role in active_roles(user))


def _spec_or_404(kind: str):
    if kind not in SPECS:
        raise Http404
    return spec_for(kind)


def _entry_or_404(request: HttpRequest, kind: str, pk: int, perm: str = "lists.maintain_entry") -> ListEntry:
    spec = _spec_or_404(kind)
    entry = staff_entries(kind).filter(pk=pk).first()
    if entry is None or spec.model is not type(entry):
        raise Http404
    if not request.user.has_perm(perm, entry):
        raise PermissionDenied(_("这是其他机构的清单条目，您无权查看或修改。"))
    return entry


def _working_agency(request: HttpRequest) -> Agency | None:
    """The agency whose entries the list shows: the active agency if the user maintains it there."""
    agency = active_agency_get(request)
    if agency is not None and request.user.has_perm("lists.maintain_entry", agency):
        return agency
    return None


def _summary(exc: ValidationError, form: Any, formset: Any = None) -> list[tuple[str, str]]:
    """Put the services' messages next to their fields; return (label, message) for the summary."""
    pairs: list[tuple[str, str]] = []
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    for field, msgs in errors.items():
        if field in form.fields:
            for message in msgs:
                form.add_error(field, message)
            label = str(form.fields[field].label)
        elif field == "beneficiaries" and formset is not None:
            formset.service_errors = msgs
            label = _("受益户")
        else:
            label = _("条目")
        pairs += [(label, m) for m in msgs]
    return pairs


# --- list --------------------------------------------------------------------------------------------


@maintainers_only
def entry_list(request: HttpRequest, kind: str) -> HttpResponse:
    spec = _spec_or_404(kind)
    agency = _working_agency(request)
    operator = _is_operator(request.user)
    if agency is None and not operator:
        raise PermissionDenied(_("您在当前机构没有事项管理员岗位，请在页头切换机构。"))
    status = request.GET.get("status", "")
    status = status if status in EntryStatus.values else ""
    # The operator sees every agency's entries; an item manager only the current agency's.
    scope = None if operator else agency
    entries = staff_entries(kind, agency=scope, status=status or None).order_by(
        "agency__sort_order", "agency_id", "sort_order", "pk"
    )
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "lists/entry_list.html",
        {
            "kind": kind,
            "spec": spec,
            "kind_label": ListKind(kind).label,
            "agency": agency,
            "operator": operator,
            "page": page,
            "status": status,
            "statuses": EntryStatus.choices,
        },
    )


# --- editor ------------------------------------------------------------------------------------------


def _editor(request: HttpRequest, kind: str, entry: ListEntry | None) -> HttpResponse:
    spec = _spec_or_404(kind)
    agency = entry.agency if entry is not None else _working_agency(request)
    operator = _is_operator(request.user)
    if entry is None and agency is None and not operator:
        raise PermissionDenied(_("您在当前机构没有事项管理员岗位，请在页头切换机构。"))
    agency_choice = entry is None and operator
    summary: list[tuple[str, str]] = []
    formset = None
    if request.method == "POST":
        # A fresh instance: the form writes into it while validating, the entry shown stays as stored.
        instance = type(entry).objects.get(pk=entry.pk) if entry is not None else None
        form = entry_form(kind, data=request.POST, entry=instance, agency=agency, agency_choice=agency_choice)
        if spec.children:
            formset = beneficiary_formset(data=request.POST, project=entry)
        if form.is_valid() and (formset is None or formset.is_valid()):
            data = form.entry_data()
            if formset is not None:
                data[spec.children] = beneficiary_rows(formset)
            try:
                if entry is None:
                    target = form.cleaned_data.get("agency") if agency_choice else agency
                    if target is None:
                        raise ValidationError({"__all__": [_("请选择机构。")]})
                    entry = entry_create(
                        actor=request.user, kind=kind, agency=target, data=data, token=form.cleaned_data.get("token")
                    )
                    messages.success(request, _("已保存为草稿。核对无误后请发布。"))
                else:
                    changed = entry_update(
                        actor=request.user, entry=entry, data=data, lock_version=form.cleaned_data.get("lock_version")
                    )
                    messages.success(request, _("已保存。") if changed else _("内容没有变化，未作修改。"))
            except ValidationError as exc:
                summary = _summary(exc, form, formset)
            else:
                return redirect("lists:entry_detail", kind=kind, pk=entry.pk)
    else:
        form = entry_form(kind, entry=entry, agency=agency, agency_choice=agency_choice)
        if entry is None:
            form.initial["token"] = new_form_token()
        if spec.children:
            formset = beneficiary_formset(project=entry)
    return render(
        request,
        "lists/entry_form.html",
        {
            "kind": kind,
            "kind_label": ListKind(kind).label,
            "entry": entry,
            "agency": agency,
            "form": form,
            "formset": formset,
            "summary": summary,
        },
    )


@maintainers_only
def entry_new(request: HttpRequest, kind: str) -> HttpResponse:
    return _editor(request, kind, None)


@maintainers_only
def entry_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return _editor(request, kind, _entry_or_404(request, kind, pk))


# --- entry page: actions and history -----------------------------------------------------------------


def _revision_pair(revisions: list[Any], request: HttpRequest) -> tuple[Any, Any]:
    by_number = {r.number: r for r in revisions}

    def pick(name: str, default: Any) -> Any:
        value = request.GET.get(name, "")
        return by_number.get(int(value), default) if value.isdigit() else default

    newest = revisions[-1] if revisions else None
    new = pick("b", newest)
    previous = by_number.get(new.number - 1) if new is not None else None
    old = pick("a", previous)
    if old is not None and new is not None and old.number > new.number:
        old, new = new, old
    if old is not None and new is not None and old.number == new.number:
        old = None
    return old, new


@permission_required_or_403("lists.view_entry_history", _("此页面仅供工作人员使用。"))
def entry_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    entry = _entry_or_404(request, kind, pk, perm="lists.view_entry_history")
    revisions = entry_revisions(entry)
    old, new = _revision_pair(revisions, request)
    user = request.user
    can_maintain = user.has_perm("lists.maintain_entry", entry)
    beneficiaries = []
    if spec_for(kind).children:
        beneficiaries = list(entry.beneficiaries.order_by("order").defer("name", "id_number"))
    return render(
        request,
        "lists/entry_detail.html",
        {
            "kind": kind,
            "kind_label": ListKind(kind).label,
            "entry": entry,
            "facts": _facts(entry),
            "beneficiaries": beneficiaries,
            "revisions": list(reversed(revisions)),
            "old": old,
            "new": new,
            "changes": revision_diff(old, new) if new is not None else [],
            "can_edit": can_maintain,
            "can_publish": can_maintain and entry.status != EntryStatus.PUBLISHED,
            "can_withdraw": user.has_perm("lists.withdraw_entry", entry) and entry.status == EntryStatus.PUBLISHED,
            "withdraw_form": WithdrawForm(),
        },
    )


def _facts(entry: ListEntry) -> list[tuple[str, str]]:
    snapshot_fields = entry_snapshot(entry)["fields"]
    spec = spec_for(entry.kind)
    labels = {"agency": str(spec.model._meta.get_field("agency").verbose_name)}
    labels.update({n: str(spec.field_obj(n).verbose_name) for n in spec.fields})
    return [(labels[n], snapshot_fields[n]) for n in ("agency", *spec.fields) if n in labels and snapshot_fields.get(n)]


@maintainers_only
@require_POST
def entry_publish_view(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    entry = _entry_or_404(request, kind, pk)
    was = entry.status
    try:
        entry_publish(actor=request.user, entry=entry)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("已发布，门户即可查看。") if was != EntryStatus.PUBLISHED else _("该条目已发布。"))
    return redirect("lists:entry_detail", kind=kind, pk=pk)


@maintainers_only
@require_POST
def entry_withdraw_view(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    entry = _entry_or_404(request, kind, pk, perm="lists.withdraw_entry")
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("撤销时请填写撤销理由（不超过300字）。"))
        return redirect("lists:entry_detail", kind=kind, pk=pk)
    try:
        entry_withdraw(actor=request.user, entry=entry, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("已撤销，门户不再显示该条目。"))
    return redirect("lists:entry_detail", kind=kind, pk=pk)


# --- who is a beneficiary where (an audited look-up by ID number) ----------------------------------


@maintainers_only
def beneficiary_lookup_view(request: HttpRequest) -> HttpResponse:
    """受益户查询: the projects that list a person. POST only, so the ID number never enters a URL."""
    rows = None
    if request.method == "POST":
        form = BeneficiaryLookupForm(request.POST)
        if form.is_valid():
            try:
                rows = beneficiary_lookup(actor=request.user, id_number=form.cleaned_data["id_number"])
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error("id_number", message)
        # The number typed is not echoed back into the page.
        form = BeneficiaryLookupForm(initial={}) if rows is not None else form
    else:
        form = BeneficiaryLookupForm()
    return render(request, "lists/beneficiary_lookup.html", {"form": form, "rows": rows})
