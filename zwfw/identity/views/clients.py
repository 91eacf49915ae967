"""接入应用: the 安全管理员 registers the township sub-sites, department systems and machine clients
that use the platform's single sign-on (/staff/security/clients/).

The client secret exists in plain text only in the answer to a registration or a rotation: the page
shows it once (never stored, never in a URL, ``Cache-Control: no-store``). Every action is a service
in :mod:`zwfw.identity.oidc.services`, audited.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zwfw.core.permissions import permission_required_or_403

from ..oidc.forms import ClientEditForm, ClientForm, DeactivateForm, ServiceUserForm
from ..oidc.models import ClientKind, OidcClient
from ..oidc.scopes import SCOPES
from ..oidc.selectors import client_get, client_list
from ..oidc.services import (
    GRANT_LABELS,
    client_deactivate,
    client_error_messages,
    client_register,
    client_secret_rotate,
    client_service_user_set,
    client_update,
)

secadmin_only = permission_required_or_403("identity.manage_clients", gettext_lazy("此页面仅供安全管理员使用。"))


def _client_or_404(pk: int) -> OidcClient:
    client = client_get(pk)
    if client is None:
        raise Http404
    return client


def _secret_page(request: HttpRequest, client: OidcClient, secret: str, *, rotated: bool) -> HttpResponse:
    response = render(request, "identity/clients/secret.html", {"client": client, "secret": secret, "rotated": rotated})
    add_never_cache_headers(response)
    return response


def _scopes_of(client: OidcClient) -> list[tuple[str, str]]:
    return [(s, SCOPES.get(s, s)) for s in client.scope_list]


@secadmin_only
def client_index(request: HttpRequest) -> HttpResponse:
    return render(request, "identity/clients/list.html", {"clients": client_list(), "grant_labels": GRANT_LABELS})


@secadmin_only
def client_create(request: HttpRequest) -> HttpResponse:
    errors: list[str] = []
    if request.method == "POST":
        form = ClientForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                client, secret = client_register(
                    actor=request.user,
                    name=data["name"],
                    kind=data["kind"],
                    grant_type=data["grant_type"],
                    confidential=data["confidential"],
                    redirect_uris=data["redirect_uris"],
                    post_logout_redirect_uris=data["post_logout_redirect_uris"],
                    allowed_scopes=data["allowed_scopes"],
                    skip_authorization=data["skip_authorization"],
                    description=data["description"],
                )
            except (ValidationError, PermissionDenied) as exc:
                errors = client_error_messages(exc)
            else:
                if secret:
                    return _secret_page(request, client, secret, rotated=False)
                messages.success(request, _("已登记公开客户端“%(name)s”。") % {"name": client.application.name})
                return redirect("identity:client_detail", pk=client.pk)
    else:
        form = ClientForm()
    return render(request, "identity/clients/form.html", {"form": form, "errors": errors, "client": None})


@secadmin_only
def client_detail(request: HttpRequest, pk: int) -> HttpResponse:
    client = _client_or_404(pk)
    return render(
        request,
        "identity/clients/detail.html",
        {
            "client": client,
            "app": client.application,
            "scopes": _scopes_of(client),
            "grant_label": GRANT_LABELS.get(client.application.authorization_grant_type, ""),
            "deactivate_form": DeactivateForm(),
            "service_user_form": (
                ServiceUserForm(initial={"service_user": client.service_user_id})
                if client.kind == ClientKind.MACHINE
                else None
            ),
        },
    )


@secadmin_only
def client_edit(request: HttpRequest, pk: int) -> HttpResponse:
    client = _client_or_404(pk)
    app = client.application
    errors: list[str] = []
    if request.method == "POST":
        form = ClientEditForm(request.POST)
        if form.is_valid():
            try:
                changed = client_update(actor=request.user, client=client, data=form.cleaned_data)
            except (ValidationError, PermissionDenied) as exc:
                errors = client_error_messages(exc)
            else:
                if changed:
                    messages.success(request, _("已保存修改。"))
                else:
                    messages.info(request, _("没有需要保存的修改。"))
                return redirect("identity:client_detail", pk=client.pk)
    else:
        form = ClientEditForm(
            initial={
                "name": app.name,
                "redirect_uris": "\n".join(app.redirect_uris.split()),
                "post_logout_redirect_uris": "\n".join(app.post_logout_redirect_uris.split()),
                "allowed_scopes": client.scope_list,
                "skip_authorization": app.skip_authorization,
            }
        )
    return render(request, "identity/clients/form.html", {"form": form, "errors": errors, "client": client})


@secadmin_only
@require_POST
def client_rotate(request: HttpRequest, pk: int) -> HttpResponse:
    client = _client_or_404(pk)
    try:
        secret = client_secret_rotate(actor=request.user, client=client)
    except (ValidationError, PermissionDenied) as exc:
        for message in client_error_messages(exc):
            messages.error(request, message)
        return redirect("identity:client_detail", pk=client.pk)
    return _secret_page(request, client, secret, rotated=True)


@secadmin_only
@require_POST
def client_deactivate_view(request: HttpRequest, pk: int) -> HttpResponse:
    client = _client_or_404(pk)
    form = DeactivateForm(request.POST)
    reason: Any = form.data.get("reason", "")
    try:
        client_deactivate(actor=request.user, client=client, reason=reason)
    except (ValidationError, PermissionDenied) as exc:
        for message in client_error_messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("已停用“%(name)s”，它的全部令牌已失效。") % {"name": client.application.name})
    return redirect("identity:client_detail", pk=client.pk)


@secadmin_only
@require_POST
def client_service_user_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Set or clear the staff account a machine client acts as (its tokens end at once)."""
    client = _client_or_404(pk)
    form = ServiceUserForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("identity:client_detail", pk=client.pk)
    try:
        client_service_user_set(actor=request.user, client=client, user=form.cleaned_data["service_user"])
    except (ValidationError, PermissionDenied) as exc:
        for message in client_error_messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("已保存服务账号；该应用此前取得的令牌已作废。"))
    return redirect("identity:client_detail", pk=client.pk)
