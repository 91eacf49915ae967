"""Organisations in the user centre: register one, see its agents, manage them (单位管理员), and
switch whom one acts for. An organisation's pages answer 404 to anyone who does not act for it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..account_sections import account_sections_for
from ..forms_person import AgentAddForm, AgentRoleForm, OrganisationRegisterForm
from ..models import Organisation
from ..selectors import acting_for, agent_link_for_admin, agents_of, is_organisation_admin, organisation_for_agent
from ..services.organisation import (
    acting_for_switch,
    organisation_agent_add,
    organisation_agent_remove,
    organisation_agent_role_set,
    organisation_register,
)


def _context(request: HttpRequest, title: str, *trail: tuple[str, str | None]) -> dict:
    return {
        "sections": account_sections_for(request.user),
        "current_section": "organisations",
        "section_title": title,
        "acting_for": acting_for(request),
        "breadcrumbs": [
            (_("首页"), reverse("portal:home")),
            (_("用户中心"), reverse("identity:account")),
            (_("我代办的单位"), reverse("identity:account_organisations")),
            *trail,
        ],
    }


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    form = OrganisationRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = organisation_register(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
        else:
            messages.success(
                request,
                _("单位“%(name)s”已登记，您是它的单位管理员。请携带营业执照（登记证书）到政务服务窗口核验。")
                % {"name": organisation.name},
            )
            return redirect("identity:organisation_detail", pk=organisation.pk)
    title = _("登记单位")
    return render(
        request, "identity/organisations/register.html", {**_context(request, title, (title, None)), "form": form}
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_for_agent(request.user, pk)
    is_admin = is_organisation_admin(request.user, organisation)
    return render(
        request,
        "identity/organisations/detail.html",
        {
            **_context(request, organisation.name, (organisation.name, None)),
            "organisation": organisation,
            "agents": agents_of(organisation),
            "is_admin": is_admin,
            "add_form": AgentAddForm() if is_admin else None,
            "role_form": AgentRoleForm,
        },
    )


def _admin_organisation(request: HttpRequest, pk: int) -> Organisation:
    organisation = organisation_for_agent(request.user, pk)
    if not request.user.has_perm("identity.manage_organisation_agents", organisation):
        raise PermissionDenied(_("只有单位管理员可以管理经办人。"))
    return organisation


def _refusal(request: HttpRequest, exc: Exception) -> None:
    text = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
    messages.error(request, text)


@login_required
@require_http_methods(["GET", "POST"])
def agent_add(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _admin_organisation(request, pk)
    form = AgentAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            link = organisation_agent_add(
                actor=request.user,
                organisation=organisation,
                mobile=form.cleaned_data["mobile"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as exc:
            form.add_error("mobile", exc)
        else:
            messages.success(request, _("已添加经办人 %(name)s。") % {"name": link.user.get_full_name()})
            return redirect("identity:organisation_detail", pk=organisation.pk)
    title = _("添加经办人")
    return render(
        request,
        "identity/organisations/agent_add.html",
        {
            **_context(
                request,
                title,
                (organisation.name, reverse("identity:organisation_detail", args=[organisation.pk])),
                (title, None),
            ),
            "organisation": organisation,
            "form": form,
        },
    )


@login_required
@require_POST
def agent_role(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    organisation = organisation_for_agent(request.user, pk)
    link = agent_link_for_admin(request.user, organisation, link_pk)
    form = AgentRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择角色。"))
    else:
        try:
            organisation_agent_role_set(actor=request.user, link=link, role=form.cleaned_data["role"])
        except (ValidationError, PermissionDenied) as exc:
            _refusal(request, exc)
        else:
            messages.success(request, _("已修改 %(name)s 的角色。") % {"name": link.user.get_full_name()})
    return redirect("identity:organisation_detail", pk=organisation.pk)


@login_required
@require_POST
def agent_remove(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    organisation = organisation_for_agent(request.user, pk)
    link = agent_link_for_admin(request.user, organisation, link_pk)
    try:
        organisation_agent_remove(actor=request.user, link=link)
    except (ValidationError, PermissionDenied) as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("已移除经办人 %(name)s。") % {"name": link.user.get_full_name()})
        if link.user_id == request.user.pk:
            return redirect("identity:account_organisations")
    return redirect("identity:organisation_detail", pk=organisation.pk)


@login_required
@require_POST
def switch(request: HttpRequest) -> HttpResponse:
    """当前身份: act as oneself (empty ``organisation``) or for an organisation one is an agent of."""
    value = request.POST.get("organisation", "")
    if value in ("", "self"):
        acting_for_switch(request=request, organisation=None)
        messages.success(request, _("当前身份：个人。"))
    else:
        try:
            organisation = organisation_for_agent(request.user, int(value))
        except ValueError as exc:
            raise Http404 from exc
        acting_for_switch(request=request, organisation=organisation)
        messages.success(request, _("当前身份：%(name)s（经办人）。") % {"name": organisation.name})
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("identity:account_organisations")
