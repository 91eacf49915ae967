"""The 便民服务 screens under /staff/catalog/convenience/: the county office's 平台运营人员 keep the
navigation of non-approval services and trusted links (list with filters, create, edit, deactivate).

Every write goes through :mod:`zwfw.catalog.services.convenience`; these views only collect input and
put the service's Chinese messages next to the fields.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zwfw.core.permissions import permission_required_or_403

from ..forms import ConvenienceFilterForm, ConvenienceForm
from ..models import ConvenienceService
from ..services.convenience import MAINTAIN_PERM, convenience_service_deactivate, convenience_service_upsert

PER_PAGE = 30

operator_only = permission_required_or_403(
    MAINTAIN_PERM, gettext_lazy("只有县政府办公室的平台运营人员可以维护便民服务。")
)


def _service_errors(exc: ValidationError, form: ConvenienceForm) -> list[str]:
    """Put the service's messages on their fields; return those that belong to no field."""
    loose: list[str] = []
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    for field, messages_ in errors.items():
        if field in form.fields:
            for message in messages_:
                form.add_error(field, message)
        elif field == "life_event_codes" and "life_events" in form.fields:
            for message in messages_:
                form.add_error("life_events", message)
        else:
            loose += messages_
    return loose


@operator_only
def convenience_list(request: HttpRequest) -> HttpResponse:
    filters = ConvenienceFilterForm(request.GET)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    services = ConvenienceService.objects.select_related("agency").order_by("category", "sort_order", "id")
    if chosen.get("q"):
        services = services.filter(Q(name__contains=chosen["q"]) | Q(code__contains=chosen["q"]))
    if chosen.get("category"):
        services = services.filter(category=chosen["category"])
    if chosen.get("state") == "active":
        services = services.filter(is_active=True)
    elif chosen.get("state") == "inactive":
        services = services.filter(is_active=False)
    page = Paginator(services, PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in chosen.items() if v})
    return render(
        request,
        "catalog/staff/convenience_list.html",
        {"filters": filters, "page": page, "query": query, "filtered": bool(query)},
    )


def _save(request: HttpRequest, form: ConvenienceForm, code: str) -> tuple[Any, list[str]]:
    try:
        service, outcome = convenience_service_upsert(actor=request.user, code=code, **form.service_kwargs())
    except ValidationError as exc:
        return None, _service_errors(exc, form)
    return (service, outcome), []


@operator_only
def convenience_new(request: HttpRequest) -> HttpResponse:
    loose: list[str] = []
    if request.method == "POST":
        form = ConvenienceForm(request.POST)
        if form.is_valid():
            code = form.cleaned_data["code"]
            if ConvenienceService.objects.filter(code=code).exists():
                # The service would update the existing entry: a new one must not overwrite it.
                form.add_error("code", _("代码“%(code)s”已被使用，请换一个。") % {"code": code})
            else:
                saved, loose = _save(request, form, code)
                if saved is not None:
                    messages.success(request, _("便民服务“%(name)s”已创建。") % {"name": saved[0].name})
                    return redirect("catalog:convenience_list")
    else:
        form = ConvenienceForm()
    return render(request, "catalog/staff/convenience_form.html", {"form": form, "loose": loose, "service": None})


@operator_only
def convenience_edit(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_object_or_404(ConvenienceService, pk=pk)
    loose: list[str] = []
    if request.method == "POST":
        form = ConvenienceForm(request.POST, editing=True)
        if form.is_valid():
            saved, loose = _save(request, form, service.code)
            if saved is not None:
                if saved[1] == "unchanged":
                    messages.info(request, _("没有修改。"))
                else:
                    messages.success(request, _("便民服务“%(name)s”已保存。") % {"name": saved[0].name})
                return redirect("catalog:convenience_list")
    else:
        form = ConvenienceForm(initial=ConvenienceForm.initial_of(service), editing=True)
    return render(request, "catalog/staff/convenience_form.html", {"form": form, "loose": loose, "service": service})


@operator_only
@require_POST
def convenience_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_object_or_404(ConvenienceService, pk=pk)
    try:
        convenience_service_deactivate(actor=request.user, service=service)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("便民服务“%(name)s”已停用，门户不再显示。") % {"name": service.name})
    return redirect("catalog:convenience_list")
