"""The 系统管理员's password-policy screen (/staff/system/password-policy/).

Both policies on one page, each with its own form. A save goes through
:func:`zwfw.identity.services.password_policy.password_policy_update`, which checks the ranges,
the 等保 floors and that nobody changed the row since the page was shown (the hidden ``version``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from zwfw.core.views.audit import permission_required_or_403_audited

from ..choices import PasswordProfile
from ..models import PasswordPolicy
from ..services.password_policy import POLICY_LIMITS, password_policy_update, password_policy_version

PERMISSION = "identity.manage_password_policy"

sysadmin_required = permission_required_or_403_audited(PERMISSION, gettext_lazy("只有系统管理员可以修改密码策略。"))


def _number(name: str) -> forms.IntegerField:
    low, high = POLICY_LIMITS[name]
    field = PasswordPolicy._meta.get_field(name)
    errors = {
        "required": _("请填写“%(label)s”。") % {"label": field.verbose_name},
        "invalid": _("“%(label)s”应为整数。") % {"label": field.verbose_name},
        "min_value": _("“%(label)s”不能小于 %(n)d。") % {"label": field.verbose_name, "n": low},
        "max_value": _("“%(label)s”不能大于 %(n)d。") % {"label": field.verbose_name, "n": high},
    }
    hint = _("%(low)d 至 %(high)d。") % {"low": low, "high": high}
    help_text = f"{field.help_text} {hint}" if field.help_text else hint
    return forms.IntegerField(
        label=field.verbose_name, min_value=low, max_value=high, help_text=help_text, error_messages=errors
    )


class PolicyForm(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in POLICY_LIMITS:
            self.fields[name] = _number(name)


def _policies() -> dict[str, PasswordPolicy]:
    return {p.profile: p for p in PasswordPolicy.objects.all()}


def _form_for(policy: PasswordPolicy) -> PolicyForm:
    initial = {name: getattr(policy, name) for name in POLICY_LIMITS}
    return PolicyForm(prefix=policy.profile, initial={**initial, "version": password_policy_version(policy)})


def _render(
    request: HttpRequest,
    *,
    bound: PolicyForm | None = None,
    profile: str = "",
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    sections = []
    policies = _policies()
    for value, label in PasswordProfile.choices:
        policy = policies.get(value)
        if policy is None:
            continue
        mine = value == profile
        form = bound if bound is not None and mine else _form_for(policy)
        sections.append(
            {"profile": value, "label": label, "policy": policy, "form": form, "errors": errors if mine else []}
        )
    return render(request, "identity/admin/password_policy.html", {"sections": sections}, status=status)


@require_GET
@sysadmin_required
def policy_index(request: HttpRequest) -> HttpResponse:
    return _render(request)


@require_POST
@sysadmin_required
def policy_update(request: HttpRequest, profile: str) -> HttpResponse:
    if profile not in PasswordProfile.values:
        raise Http404(_("没有这个密码策略。"))
    form = PolicyForm(request.POST, prefix=profile)
    if not form.is_valid():
        return _render(request, bound=form, profile=profile, status=400)
    data = {name: form.cleaned_data[name] for name in POLICY_LIMITS}
    try:
        changed = password_policy_update(
            actor=request.user, profile=profile, data=data, version=form.cleaned_data["version"]
        )
    except PermissionDenied as exc:
        return _render(request, bound=form, profile=profile, errors=[str(exc)], status=403)
    except ValidationError as exc:
        # A stale edit shows the current settings (the administrator's values are in the message's
        # place: they must look at what changed first); any other refusal keeps what was typed.
        stale = any(getattr(e, "code", None) == "stale" for e in exc.error_list)
        return _render(request, bound=None if stale else form, profile=profile, errors=exc.messages, status=400)
    label = PasswordProfile(profile).label
    if changed:
        messages.success(request, _("已保存“%(label)s”密码策略。此后设置的密码按新规则检查。") % {"label": label})
    else:
        messages.info(request, _("“%(label)s”密码策略没有变化。") % {"label": label})
    return HttpResponseRedirect(reverse("identity:admin_password_policy"))
