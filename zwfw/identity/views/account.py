"""The user centre (用户中心) at /account/: an overview and one page per section (account_sections).

Every page shows the signed-in user; no URL here carries a user id.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zwfw.org.selectors import memberships_of

from ..account_sections import account_sections_for
from ..choices import AssuranceLevel, UserKind
from ..forms_person import IdCheckForm
from ..selectors import acting_for, agent_links_of, last_id_check
from ..services.assurance import assurance_verify_id, verifier_outcome_message
from ..services.security import login_history_for


def _crumbs(*trail: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("首页"), reverse("portal:home")), (_("用户中心"), reverse("identity:account")), *trail]


def _page(request: HttpRequest, template: str, section: str, title: str, **context: Any) -> HttpResponse:
    return render(
        request,
        template,
        {
            "sections": account_sections_for(request.user),
            "current_section": section,
            "section_title": title,
            "acting_for": acting_for(request),
            "breadcrumbs": _crumbs((title, None)),
            **context,
        },
    )


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "identity/account.html",
        {
            "sections": account_sections_for(request.user),
            "acting_for": acting_for(request),
            "levels": AssuranceLevel,
            "breadcrumbs": [(_("首页"), reverse("portal:home")), (_("用户中心"), None)],
        },
    )


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return _page(request, "identity/account/profile.html", "profile", _("个人资料"))


@login_required
@require_http_methods(["GET", "POST"])
def level(request: HttpRequest) -> HttpResponse:
    user = request.user
    can_check = user.kind == UserKind.PERSON and user.assurance_level < AssuranceLevel.ID_CHECKED
    form = IdCheckForm(initial={"full_name": user.full_name}) if can_check else None
    if request.method == "POST" and can_check:
        form = IdCheckForm(request.POST)
        if form.is_valid():
            try:
                result = assurance_verify_id(
                    user=user, full_name=form.cleaned_data["full_name"], id_number=form.cleaned_data["id_number"]
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                (messages.success if result.ok else messages.warning)(request, verifier_outcome_message(result))
                return redirect("identity:account_level")
    return _page(
        request,
        "identity/account/level.html",
        "level",
        _("实名等级"),
        levels=AssuranceLevel,
        form=form,
        last_check=last_id_check(user) if user.kind == UserKind.PERSON else None,
    )


@login_required
def security(request: HttpRequest) -> HttpResponse:
    history = login_history_for(request.user, limit=10)
    return _page(
        request,
        "identity/account/security.html",
        "security",
        _("账号安全"),
        login_history=history,
        is_staff_user=request.user.kind == UserKind.STAFF,
    )


@login_required
def posts(request: HttpRequest) -> HttpResponse:
    return _page(
        request, "identity/account/posts.html", "posts", _("我的岗位"), memberships=memberships_of(request.user)
    )


@login_required
def organisations(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "identity/account/organisations.html",
        "organisations",
        _("我代办的单位"),
        links=agent_links_of(request.user),
    )
