"""The window clerk's screens: 现场实名核验 (level 3 after checking the ID card) and 窗口注册.

The ID number is typed into a POST form and looked up by its blind index; it never appears in a
URL. The person found is kept in the clerk's session between the steps. Showing the full ID number
and name is audited (``person_view_full``).
"""

from __future__ import annotations

import secrets
import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from zwfw.core.permissions import permission_required_or_403
from zwfw.notify.choices import SmsPurpose
from zwfw.notify.services import sms_send

from ..choices import UserKind
from ..forms_person import InPersonVerifyForm, PersonFindForm, WindowCodeForm, WindowRegisterForm
from ..models import Organisation
from ..selectors import user_by_id_number
from ..services.assurance import assurance_raise_in_person, person_view_full
from ..services.organisation import organisation_verify
from ..services.person import person_register_at_window, person_window_confirm

PERM = "identity.verify_in_person"
NO_PERM = _("只有窗口工作人员可以进行现场实名核验。")
TARGET_KEY = "identity.verify_target"
WINDOW_KEY = "identity.window_register"
CODE_TTL = 10 * 60
CODE_ATTEMPTS = 3


def _crumbs(title: str) -> list:
    return [(_("工作台"), reverse("portal:staff_dashboard")), (title, None)]


@never_cache  # the page may show a full ID number: not to be kept by the browser or a proxy
@permission_required_or_403(PERM, NO_PERM)
@require_http_methods(["GET", "POST"])
def verify_in_person(request: HttpRequest) -> HttpResponse:
    find_form = PersonFindForm()
    verify_form = InPersonVerifyForm()
    person = None
    action = request.POST.get("action", "")
    if request.method == "GET":
        request.session.pop(TARGET_KEY, None)
    elif action == "find":
        request.session.pop(TARGET_KEY, None)
        find_form = PersonFindForm(request.POST)
        if find_form.is_valid():
            found = user_by_id_number(find_form.cleaned_data["id_number"])
            if found is None or found.kind != UserKind.PERSON:
                find_form.add_error("id_number", _("没有使用该身份证号码注册的个人账号。可以为申请人在窗口注册。"))
            else:
                person_view_full(actor=request.user, user=found)
                request.session[TARGET_KEY] = found.pk
                person = found
    elif action == "raise":
        from ..models import User

        person = User.objects.filter(pk=request.session.get(TARGET_KEY), kind=UserKind.PERSON).first()
        if person is None:
            messages.error(request, _("请先按身份证号码查找申请人。"))
            return redirect("identity:verify_in_person")
        verify_form = InPersonVerifyForm(request.POST)
        if verify_form.is_valid():
            try:
                assurance_raise_in_person(actor=request.user, user=person, id_card_checked=True)
            except (ValidationError, PermissionDenied) as exc:
                verify_form.add_error(None, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
            else:
                request.session.pop(TARGET_KEY, None)
                messages.success(
                    request, _("已完成现场核验：%(name)s 的实名等级为三级。") % {"name": person.get_full_name()}
                )
                return redirect("identity:verify_in_person")
    return render(
        request,
        "identity/verify/in_person.html",
        {
            "find_form": find_form,
            "verify_form": verify_form,
            "person": person,
            "breadcrumbs": _crumbs(_("现场实名核验")),
        },
    )


def _code_hash(code: str, user_pk: int) -> str:
    return salted_hmac("identity.window_register", f"{user_pk}:{code}").hexdigest()


def _window_code_send(request: HttpRequest, person: Any) -> None:
    """Send a fresh code to the person registered at the window; remember only its keyed hash."""
    code = f"{secrets.randbelow(10**6):06d}"
    request.session[WINDOW_KEY] = {
        "user": person.pk,
        "hash": _code_hash(code, person.pk),
        "expires": time.time() + CODE_TTL,
        "attempts": 0,
    }
    try:
        sms_send(
            to=person.mobile,
            purpose=SmsPurpose.VERIFY_PHONE,
            code=code,
            text=_("【%(sign)s】您正在政务服务窗口注册账号，验证码 %(code)s，请告诉窗口工作人员。")
            % {"sign": settings.ZWFW_SMS_SIGN, "code": code},
        )
    except ValidationError as exc:  # the SMS rate limits (zwfw.notify.limits)
        messages.error(request, "；".join(exc.messages))


@permission_required_or_403(PERM, NO_PERM)
@require_http_methods(["GET", "POST"])
def register_at_window(request: HttpRequest) -> HttpResponse:
    from ..models import User

    form = WindowRegisterForm()
    code_form = None
    pending = request.session.get(WINDOW_KEY)
    person = User.objects.filter(pk=pending["user"]).first() if pending else None
    action = request.POST.get("action", "")
    if request.method == "POST" and action == "register":
        form = WindowRegisterForm(request.POST)
        if form.is_valid():
            try:
                person = person_register_at_window(
                    actor=request.user,
                    full_name=form.cleaned_data["full_name"],
                    id_number=form.cleaned_data["id_number"],
                    mobile=form.cleaned_data["mobile"],
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
            else:
                _window_code_send(request, person)
                return redirect("identity:register_at_window")
    elif request.method == "POST" and action == "confirm" and pending and person is not None:
        code_form = WindowCodeForm(request.POST)
        if code_form.is_valid():
            pending["attempts"] += 1
            request.session[WINDOW_KEY] = pending
            expired = time.time() > pending["expires"] or pending["attempts"] > CODE_ATTEMPTS
            if expired:
                request.session.pop(WINDOW_KEY, None)
                messages.error(
                    request,
                    _("验证码已失效。账号已创建但手机号码未验证：请为申请人办理现场核验，或让其用短信验证码登录。"),
                )
                return redirect("identity:register_at_window")
            if constant_time_compare(_code_hash(code_form.cleaned_data["code"].strip(), person.pk), pending["hash"]):
                person_window_confirm(actor=request.user, user=person)
                request.session.pop(WINDOW_KEY, None)
                messages.success(
                    request,
                    _("%(name)s 的账号已注册，实名等级为三级。申请人可用手机号码和短信验证码登录。")
                    % {"name": person.get_full_name()},
                )
                return redirect("identity:register_at_window")
            code_form.add_error("code", _("验证码不正确，请核对后重新输入。"))
    elif request.method == "POST" and action == "resend" and pending and person is not None:
        _window_code_send(request, person)
        return redirect("identity:register_at_window")
    elif request.method == "POST" and action == "cancel":
        request.session.pop(WINDOW_KEY, None)
        return redirect("identity:register_at_window")
    if pending and person is not None and code_form is None:
        code_form = WindowCodeForm()
    return render(
        request,
        "identity/verify/register.html",
        {
            "form": form,
            "code_form": code_form if pending and person is not None else None,
            "person": person if pending else None,
            "breadcrumbs": _crumbs(_("窗口注册账号")),
        },
    )


@permission_required_or_403(PERM, NO_PERM)
@require_http_methods(["POST"])
def organisation_verify_view(request: HttpRequest) -> HttpResponse:
    from zwfw.org.uscc import uscc_validate

    try:
        code = uscc_validate(request.POST.get("uscc", "").strip().upper())
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("identity:verify_in_person")
    organisation = Organisation.objects.filter(uscc=code).first()
    if organisation is None:
        messages.error(request, _("没有登记该统一社会信用代码的单位。"))
        return redirect("identity:verify_in_person")
    try:
        organisation_verify(actor=request.user, organisation=organisation)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
    else:
        messages.success(request, _("单位“%(name)s”已核验。") % {"name": organisation.name})
    return redirect("identity:verify_in_person")
