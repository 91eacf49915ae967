"""The 安全管理员's screens (/staff/security/): staff accounts (账号管理) and roles (岗位授权).

Every change goes through a service (:mod:`zwfw.identity.services.user`,
:mod:`zwfw.org.services.membership`), which holds the rules — no self-grants, 三员 exclusive, only
the 安全管理员, not one's own account — and audits every action and refusal. The views only
validate forms and show the service's Chinese message: bad input re-renders with HTTP 400, a
refused permission (one's own account) with HTTP 403; nothing changes in either case.

A generated password (new account, password reset) is rendered once in the POST's response,
marked ``Cache-Control: no-store``; it is never put in a message, a session, a URL or a log.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwfw.core.views.audit import permission_required_or_403_audited
from zwfw.org.choices import Role
from zwfw.org.models import Agency, Membership
from zwfw.org.services.membership import membership_grant, membership_revoke

from ..models import User
from ..selectors_admin import failed_attempts, mark_locked, membership_list, staff_account_get, staff_account_list
from ..services.user import (
    staff_account_create,
    staff_active_set,
    staff_password_reset,
    staff_totp_reset,
    staff_unlock,
    user_update,
)

PERMISSION = "identity.manage_accounts"
PAGE_SIZE = 50

secadmin_required = permission_required_or_403_audited(PERMISSION, gettext_lazy("只有安全管理员可以管理账号和岗位。"))

_YES_NO = [("", gettext_lazy("全部")), ("yes", gettext_lazy("是")), ("no", gettext_lazy("否"))]
_CHOICE_ERRORS = {"invalid_choice": gettext_lazy("请选择列表中的选项。")}


# --- forms ----------------------------------------------------------------------------


class AccountFilterForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("姓名或用户名"), required=False, max_length=100, help_text=gettext_lazy("可只填一部分")
    )
    status = forms.ChoiceField(
        label=gettext_lazy("状态"),
        required=False,
        choices=[("", gettext_lazy("全部")), ("active", gettext_lazy("启用")), ("inactive", gettext_lazy("停用"))],
        error_messages=_CHOICE_ERRORS,
    )
    role = forms.ChoiceField(
        label=gettext_lazy("岗位"),
        required=False,
        choices=[("", gettext_lazy("全部")), *Role.choices],
        error_messages=_CHOICE_ERRORS,
    )
    totp = forms.ChoiceField(
        label=gettext_lazy("已设置动态口令"), required=False, choices=_YES_NO, error_messages=_CHOICE_ERRORS
    )
    locked = forms.ChoiceField(
        label=gettext_lazy("已锁定"), required=False, choices=_YES_NO, error_messages=_CHOICE_ERRORS
    )


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False, "active": True, "inactive": False}.get(value)


class AccountCreateForm(forms.Form):
    username = forms.CharField(
        label=gettext_lazy("用户名"),
        max_length=30,
        help_text=gettext_lazy("小写英文字母开头，可含数字和 . _ -，例如 zhangwei"),
        error_messages={"required": gettext_lazy("请填写用户名。")},
    )
    full_name = forms.CharField(
        label=gettext_lazy("姓名"), max_length=100, error_messages={"required": gettext_lazy("请填写姓名。")}
    )


class RenameForm(forms.Form):
    full_name = forms.CharField(
        label=gettext_lazy("姓名"), max_length=100, error_messages={"required": gettext_lazy("请填写姓名。")}
    )


class ActiveForm(forms.Form):
    active = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1", widget=forms.HiddenInput
    )


class GrantForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=gettext_lazy("机构"),
        queryset=Agency.objects.filter(is_active=True).order_by("sort_order", "name"),
        error_messages={
            "required": gettext_lazy("请选择机构。"),
            "invalid_choice": gettext_lazy("请选择列表中的机构。"),
        },
    )
    role = forms.ChoiceField(
        label=gettext_lazy("岗位"),
        choices=[("", gettext_lazy("请选择")), *Role.choices],
        error_messages={
            "required": gettext_lazy("请选择岗位。"),
            "invalid_choice": gettext_lazy("请选择列表中的岗位。"),
        },
    )
    title = forms.CharField(label=gettext_lazy("职务"), required=False, max_length=60)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].label_from_instance = lambda agency: agency.name


class MembershipFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("姓名或用户名"), required=False, max_length=100)
    agency = forms.ModelChoiceField(
        label=gettext_lazy("机构"),
        required=False,
        queryset=Agency.objects.order_by("sort_order", "name"),
        empty_label=gettext_lazy("全部"),
        error_messages={"invalid_choice": gettext_lazy("请选择列表中的机构。")},
    )
    role = forms.ChoiceField(
        label=gettext_lazy("岗位"),
        required=False,
        choices=[("", gettext_lazy("全部")), *Role.choices],
        error_messages=_CHOICE_ERRORS,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].label_from_instance = lambda agency: agency.name


def _errors_of(exc: ValidationError | PermissionDenied) -> list[str]:
    return list(exc.messages) if isinstance(exc, ValidationError) else [str(exc)]


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- the account list and a new account -------------------------------------------------


@require_GET
@secadmin_required
def account_list(request: HttpRequest) -> HttpResponse:
    form = AccountFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "identity/admin/account_list.html", {"form": form, "page": None}, status=400)
    data = form.cleaned_data if form.is_bound else {}
    users = staff_account_list(
        q=data.get("q", ""),
        active=_yes_no(data.get("status", "")),
        totp=_yes_no(data.get("totp", "")),
        locked=_yes_no(data.get("locked", "")),
        role=data.get("role", ""),
    )
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("page"))
    mark_locked(page.object_list)
    return render(
        request,
        "identity/admin/account_list.html",
        {
            "form": form if form.is_bound else AccountFilterForm(),
            "page": page,
            "query": _query_without_page(request),
            "filtered": any(data.values()),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@secadmin_required
def account_create(request: HttpRequest) -> HttpResponse:
    form = AccountCreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user, password = staff_account_create(
                actor=request.user, username=form.cleaned_data["username"], full_name=form.cleaned_data["full_name"]
            )
        except (ValidationError, PermissionDenied) as exc:
            for message in _errors_of(exc):
                form.add_error(None, message)
        else:
            return render(
                request,
                "identity/admin/account_password.html",
                {"account": user, "password": password, "created": True},
            )
    status = 400 if request.method == "POST" else 200
    return render(request, "identity/admin/account_create.html", {"form": form}, status=status)


# --- one account ------------------------------------------------------------------------


def _account_or_404(pk: int) -> User:
    account = staff_account_get(pk)
    if account is None:
        raise Http404(_("没有这个工作人员账号。"))
    return account


def _detail(
    request: HttpRequest,
    account: User,
    *,
    status: int = 200,
    errors: list[str] | None = None,
    grant_form: GrantForm | None = None,
    rename_form: RenameForm | None = None,
) -> HttpResponse:
    mark_locked([account])
    return render(
        request,
        "identity/admin/account_detail.html",
        {
            "account": account,
            "own": account.pk == request.user.pk,
            "failures": failed_attempts(account),
            "errors": errors or [],
            "grant_form": grant_form or GrantForm(),
            "rename_form": rename_form or RenameForm(initial={"full_name": account.full_name}),
            "history": Membership.objects.filter(user=account, is_active=False)
            .select_related("agency", "updated_by")
            .order_by("-updated_at")[:20],
        },
        status=status,
    )


def _refused(
    request: HttpRequest, account: User, exc: ValidationError | PermissionDenied, **forms_: Any
) -> HttpResponse:
    status = 403 if isinstance(exc, PermissionDenied) else 400
    return _detail(request, _account_or_404(account.pk), status=status, errors=_errors_of(exc), **forms_)


def _back(account: User) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("identity:admin_account", args=[account.pk]))


@require_GET
@secadmin_required
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _account_or_404(pk))


@require_POST
@secadmin_required
def account_rename(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account_or_404(pk)
    form = RenameForm(request.POST)
    if not form.is_valid():
        return _detail(request, account, status=400, rename_form=form)
    try:
        changed = user_update(actor=request.user, user=account, data={"full_name": form.cleaned_data["full_name"]})
    except (ValidationError, PermissionDenied) as exc:
        return _refused(request, account, exc, rename_form=form)
    if changed:
        messages.success(request, _("已将姓名改为“%(name)s”。") % {"name": account.full_name})
    return _back(account)


@require_POST
@secadmin_required
def account_active(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account_or_404(pk)
    form = ActiveForm(request.POST)
    if not form.is_valid():
        return _detail(request, account, status=400, errors=[_("页面已过期，请刷新后重试。")])
    active = form.cleaned_data["active"]
    try:
        staff_active_set(actor=request.user, user=account, active=active)
    except (ValidationError, PermissionDenied) as exc:
        return _refused(request, account, exc)
    if active:
        messages.success(request, _("已启用%(name)s的账号。") % {"name": account.get_full_name()})
    else:
        messages.success(request, _("已停用%(name)s的账号，其登录会话已全部结束。") % {"name": account.get_full_name()})
    return _back(account)


@never_cache
@require_POST
@secadmin_required
def account_password_reset(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account_or_404(pk)
    try:
        password = staff_password_reset(actor=request.user, user=account)
    except (ValidationError, PermissionDenied) as exc:
        return _refused(request, account, exc)
    return render(
        request, "identity/admin/account_password.html", {"account": account, "password": password, "created": False}
    )


@require_POST
@secadmin_required
def account_totp_reset(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account_or_404(pk)
    try:
        staff_totp_reset(actor=request.user, user=account)
    except (ValidationError, PermissionDenied) as exc:
        return _refused(request, account, exc)
    messages.success(
        request,
        _("已重置%(name)s的动态口令并结束其登录会话。其下次登录时须重新绑定动态口令。")
        % {"name": account.get_full_name()},
    )
    return _back(account)


@require_POST
@secadmin_required
def account_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account_or_404(pk)
    try:
        staff_unlock(actor=request.user, user=account)
    except (ValidationError, PermissionDenied) as exc:
        return _refused(request, account, exc)
    messages.success(request, _("已解锁%(name)s的账号，登录失败次数已清零。") % {"name": account.get_full_name()})
    return _back(account)


# --- roles (岗位授权) ---------------------------------------------------------------------


@require_POST
@secadmin_required
def membership_grant_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account_or_404(pk)
    form = GrantForm(request.POST)
    if not form.is_valid():
        return _detail(request, account, status=400, grant_form=form)
    data = form.cleaned_data
    try:
        membership_grant(
            actor=request.user, user=account, agency=data["agency"], role=data["role"], title=data["title"].strip()
        )
    except (ValidationError, PermissionDenied) as exc:
        return _refused(request, account, exc, grant_form=form)
    messages.success(
        request,
        _("已授予%(name)s：%(agency)s %(role)s。")
        % {"name": account.get_full_name(), "agency": data["agency"].short_name, "role": Role(data["role"]).label},
    )
    return _back(account)


@require_POST
@secadmin_required
def membership_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.select_related("user", "agency"), pk=pk)
    account = _account_or_404(membership.user_id)
    try:
        membership_revoke(actor=request.user, membership=membership)
    except (ValidationError, PermissionDenied) as exc:
        return _refused(request, account, exc)
    messages.success(
        request,
        _("已撤销%(name)s在%(agency)s的%(role)s岗位。")
        % {
            "name": account.get_full_name(),
            "agency": membership.agency.short_name,
            "role": membership.get_role_display(),
        },
    )
    return _back(account)


@require_GET
@secadmin_required
def membership_list_view(request: HttpRequest) -> HttpResponse:
    form = MembershipFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "identity/admin/membership_list.html", {"form": form, "page": None}, status=400)
    data = form.cleaned_data if form.is_bound else {}
    memberships = membership_list(
        agency_id=data["agency"].pk if data.get("agency") else None, role=data.get("role", ""), q=data.get("q", "")
    )
    page = Paginator(memberships, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "identity/admin/membership_list.html",
        {
            "form": form if form.is_bound else MembershipFilterForm(),
            "page": page,
            "query": _query_without_page(request),
        },
    )
