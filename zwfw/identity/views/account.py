"""The user centre (用户中心): profile, real-name level, organisations, security."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from zwfw.org.selectors import memberships_of


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "identity/account.html",
        {
            "memberships": memberships_of(request.user),
            "breadcrumbs": [(_("首页"), reverse("portal:home")), (_("用户中心"), None)],
        },
    )
