"""The window twin (就近申报): a clerk at the county or a township centre registers a walk-in application.

1. Find the person by resident ID number (typed into a POST form, looked up by its blind index, never in a URL;
   the person found is kept in the clerk's session). Without an account the clerk registers one at
   ``/staff/identity/register/`` and comes back.
2. Pick the item; the draft is created for the person (channel 窗口申报, ``registered_by`` = the clerk, the
   centre = the clerk's centre, where the result is collected unless another delivery is chosen).
3. Fill in the form and scan the papers (the files belong to the person, ``uploaded_by`` = the clerk), check,
   submit: the same services as online, so the case continues exactly like any other; the person gets the SMS
   with the case number and query code, and the clerk prints the receipt.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from stdnum.cn import ric

from zwfw.catalog.selectors import published_item_get, published_item_list
from zwfw.core.permissions import permission_required_or_403
from zwfw.identity.models import User
from zwfw.identity.selectors import user_by_id_number

from ..choices import ApplicationStatus, Channel
from ..models import Application
from ..selectors.applications import application_get_for, window_centres_of, window_drafts_of
from ..services.application import draft_create
from .apply import DraftMode, draft_handle, receipt_response, submitted_context

PERM = "cases.register_window"
NO_PERM = gettext_lazy("只有窗口受理人员可以登记窗口申请。")
PERSON_KEY = "cases.window.person"
ITEMS_SHOWN = 20


def _crumbs(*trail: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("工作台"), reverse("portal:staff_dashboard")), *trail]


def _person(request: HttpRequest) -> User | None:
    pk = request.session.get(PERSON_KEY)
    if not pk:
        return None
    return User.objects.filter(pk=pk, kind="person", is_active=True).first()


@never_cache
@permission_required_or_403(PERM, NO_PERM)
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    """Find the person, pick the item, start the draft; the clerk's open walk-in drafts."""
    centres = window_centres_of(request.user)
    action = request.POST.get("action", "")
    find_error = ""
    if request.method == "POST" and action == "find":
        typed = request.POST.get("id_number", "").strip().upper()
        request.session.pop(PERSON_KEY, None)
        if not ric.is_valid(typed):
            find_error = _("身份证号码不正确，请核对证件后重新输入（18位，最后一位可能是X）。")
        else:
            found = user_by_id_number(typed)
            if found is None or found.kind != "person" or not found.is_active:
                find_error = _("没有使用该身份证号码注册的个人账号。请先为申请人在窗口注册账号，注册后回到本页。")
            else:
                request.session[PERSON_KEY] = found.pk
                return redirect("cases_window:index")
    elif request.method == "POST" and action == "clear":
        request.session.pop(PERSON_KEY, None)
        return redirect("cases_window:index")
    elif request.method == "POST" and action == "start":
        person = _person(request)
        version = published_item_get(request.POST.get("item", ""))
        centre = next((c for c in centres if str(c.pk) == request.POST.get("centre", "")), None)
        if centre is None and len(centres) == 1:
            centre = centres[0]
        if person is None:
            messages.error(request, _("请先按身份证号码查找申请人。"))
        elif version is None:
            messages.error(request, _("没有找到该事项，请重新选择。"))
        elif centre is None:
            messages.error(request, _("请选择您所在的服务中心。"))
        else:
            try:
                application = draft_create(
                    actor=request.user, item=version.item, applicant=person, channel=Channel.WINDOW, centre=centre
                )
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
            else:
                return redirect("cases_window:draft", pk=application.pk)
        return redirect("cases_window:index")
    person = _person(request)
    query = request.GET.get("q", "").strip()[:50]
    items: list[Any] = []
    if person is not None and query:
        items = list(published_item_list().filter(name__icontains=query)[:ITEMS_SHOWN])
    return render(
        request,
        "cases/window/index.html",
        {
            "person": person,
            "find_error": find_error,
            "centres": centres,
            "query": query,
            "items": items,
            "drafts": list(window_drafts_of(request.user)[:50]),
            "breadcrumbs": _crumbs((_("窗口申报登记"), None)),
        },
        status=400 if find_error else 200,
    )


def _window_application(request: HttpRequest, pk: int) -> Application:
    application = application_get_for(request.user, pk)
    if application.channel != Channel.WINDOW or application.registered_by_id != request.user.pk:
        raise Http404
    return application


@never_cache
@permission_required_or_403(PERM, NO_PERM)
@require_http_methods(["GET", "POST"])
def draft_page(request: HttpRequest, pk: int) -> HttpResponse:
    application = _window_application(request, pk)
    mode = DraftMode(
        name="window",
        template="cases/window/draft.html",
        draft_url=reverse("cases_window:draft", kwargs={"pk": application.pk}),
        submitted_url=reverse("cases_window:submitted", kwargs={"pk": application.pk}),
        owner=application.applicant,
        organisation=application.organisation,
        centres=[],
    )
    return draft_handle(request, application, mode)


@never_cache
@permission_required_or_403(PERM, NO_PERM)
@require_GET
def submitted(request: HttpRequest, pk: int) -> HttpResponse:
    application = _window_application(request, pk)
    if application.status != ApplicationStatus.SUBMITTED:
        return redirect("cases_window:draft", pk=application.pk)
    context = submitted_context(application)
    context["receipt_url"] = reverse("cases_window:receipt", kwargs={"pk": application.pk})
    context["breadcrumbs"] = _crumbs((_("窗口申报登记"), reverse("cases_window:index")), (_("已提交"), None))
    return render(request, "cases/window/submitted.html", context)


@permission_required_or_403(PERM, NO_PERM)
@require_GET
def receipt_download(request: HttpRequest, pk: int) -> FileResponse:
    return receipt_response(_window_application(request, pk), request)
