"""Tracking pages: the public progress page (办件查询) and the applicant's 我的办件 / 我的消息 in the user centre.

- ``/progress/``: number + query code in a POSTed form (the code never appears in a URL, a ``Referer`` or a
  log line); the answer shows each step with dates and the acting agencies, never staff. ``?number=`` may
  prefill the number (a receipt's QR code), never the code. Failed lookups are limited per address.
- ``/account/cases/``: drafts and cases, own and of the organisations the person acts for (filter ``for``).
- ``/account/cases/<number>/``: one case: facts, what to supplement, steps, the full timeline, documents.
- ``/account/cases/<number>/documents/<pk>/``: a document, as an attachment, through this authorising view.
- ``/account/messages/``: in-site messages; marking read is a POST.

Someone else's case, document or message is a 404: its existence is not revealed.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from zwfw.core.downloads import file_download
from zwfw.core.middleware import current_source_address
from zwfw.identity.account_sections import account_sections_for
from zwfw.identity.selectors import acting_for
from zwfw.notify.services import message_mark_read

from ..choices import WITHDRAWABLE_STATES, CaseState, DocumentKind
from ..selectors.tracking import (
    ProgressLookupThrottled,
    applicant_case_get,
    applicant_cases,
    applicant_document_get,
    case_documents_for_applicant,
    case_form_values,
    case_progress,
    message_get,
    messages_of,
    messages_unread_count,
    my_drafts,
    organisations_acted_for,
    progress_lookup,
)
from ..services.receipt import receipt_ensure

PAGE_SIZE = 20


def optional_url(name: str, *args: Any) -> str | None:
    """The URL of another part's page if that part is installed (drafts, supplements), else None."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def supplement_url(case: Any) -> str | None:
    return optional_url("cases_supplement:form", case.number)


def withdraw_url(case: Any) -> str | None:
    return optional_url("cases_supplement:withdraw", case.number) if case.state in WITHDRAWABLE_STATES else None


# --- the public progress page ---------------------------------------------------------------------


class ProgressForm(forms.Form):
    number = forms.CharField(
        label=gettext_lazy("办件编号"),
        max_length=52,
        help_text=gettext_lazy("申报成功后页面、短信和回执上的办件编号。"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "inputmode": "text"}),
    )
    query_code = forms.CharField(
        label=gettext_lazy("查询码"),
        max_length=16,
        help_text=gettext_lazy("8 位字母和数字，与办件编号一同告知申请人。"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )


def _no_store(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, no_store=True, private=True)
    # Not "no-referrer": the browser would then send "Origin: null" with the form and fail the CSRF check.
    response["Referrer-Policy"] = "same-origin"
    return response


@require_http_methods(["GET", "POST"])
def progress(request: HttpRequest) -> HttpResponse:
    found = None
    status = 200
    if request.method == "POST":
        form = ProgressForm(request.POST)
        if form.is_valid():
            address = current_source_address() or request.META.get("REMOTE_ADDR")
            try:
                case = progress_lookup(
                    number=form.cleaned_data["number"], query_code=form.cleaned_data["query_code"], address=address
                )
            except ProgressLookupThrottled as exc:
                form.add_error(None, exc)
                status = 429
            else:
                if case is None:
                    form.add_error(None, _("办件编号或查询码不正确，请核对后重新输入。"))
                else:
                    found = case_progress(case, public=True)
                    form = ProgressForm(initial={"number": case.number})
    else:
        number = (request.GET.get("number") or "").strip()[:52]
        form = ProgressForm(initial={"number": number} if number else None)
    response = render(
        request,
        "cases/track/progress.html",
        {
            "form": form,
            "found": found,
            "breadcrumbs": [(_("首页"), reverse("portal:home")), (_("办件查询"), None)],
        },
        status=status,
    )
    return _no_store(response)


# --- the user centre ------------------------------------------------------------------------------


def _account_page(request: HttpRequest, template: str, section: str, title: str, **context: Any) -> HttpResponse:
    trail = context.pop("trail", [(title, None)])
    return render(
        request,
        template,
        {
            "sections": account_sections_for(request.user),
            "current_section": section,
            "section_title": title,
            "acting_for": acting_for(request),
            "breadcrumbs": [(_("首页"), reverse("portal:home")), (_("用户中心"), reverse("identity:account")), *trail],
            **context,
        },
    )


@login_required
def my_cases_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    organisations = organisations_acted_for(user)
    chosen = request.GET.get("for", "all")
    cases = applicant_cases(user)
    if chosen == "me":
        cases = cases.filter(applicant=user, organisation__isnull=True)
    elif chosen != "all":
        org = next((o for o in organisations if str(o.pk) == chosen), None)
        if org is None:
            chosen = "all"
        else:
            cases = cases.filter(organisation=org)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    drafts = list(my_drafts(user)[:50])
    filters = [("all", _("全部")), ("me", _("个人办件"))] + [(str(o.pk), o.name) for o in organisations]
    return _account_page(
        request,
        "cases/track/my_cases.html",
        "cases",
        _("我的办件"),
        drafts=drafts,
        page=page,
        filters=filters,
        chosen=chosen,
        query=f"for={chosen}" if chosen != "all" else "",
        has_organisations=bool(organisations),
    )


@login_required
def case_page(request: HttpRequest, number: str) -> HttpResponse:
    case = applicant_case_get(request.user, number)
    progress_view = case_progress(case, public=False)
    documents = list(case_documents_for_applicant(case))
    if not any(d.kind == DocumentKind.RECEIPT for d in documents):
        # The receipt is rendered on demand (services.receipt): the first view of the documents stores it.
        receipt_ensure(case, public_url=request.build_absolute_uri("/"))
        documents = list(case_documents_for_applicant(case))
    title = _("办件详情")
    return _account_page(
        request,
        "cases/track/case_detail.html",
        "cases",
        title,
        case=case,
        progress=progress_view,
        documents=documents,
        form_values=case_form_values(case),
        awaiting_supplement=case.state == CaseState.SUPPLEMENTING,
        supplement_url=supplement_url(case),
        withdraw_url=withdraw_url(case),
        trail=[(_("我的办件"), reverse("cases_track:mine")), (case.number, None)],
    )


@login_required
def document_download(request: HttpRequest, number: str, pk: int) -> FileResponse:
    document = applicant_document_get(request.user, number, pk)
    if document.kind == DocumentKind.RECEIPT:  # rendered again if its file went missing
        document = receipt_ensure(document.case, public_url=request.build_absolute_uri("/"))
    return file_download(
        document.file.open,
        filename=f"{document.case.number}-{document.get_kind_display()}.{document.extension}",
        content_type=document.content_type,
    )


@login_required
def messages_page(request: HttpRequest) -> HttpResponse:
    page = Paginator(messages_of(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return _account_page(
        request,
        "cases/track/messages.html",
        "messages",
        _("我的消息"),
        page=page,
        unread=messages_unread_count(request.user),
    )


@login_required
@require_POST
def messages_read_all(request: HttpRequest) -> HttpResponse:
    message_mark_read(recipient=request.user)
    return redirect("cases_track:messages")


@login_required
@require_POST
def message_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one message read and go where it points (a site-relative link), or back to the list."""
    message = message_get(request.user, pk)
    message_mark_read(recipient=request.user, message_ids=[message.pk])
    link = message.link
    if link and link.startswith("/") and url_has_allowed_host_and_scheme(link, allowed_hosts=None):
        return HttpResponseRedirect(link)
    return redirect("cases_track:messages")
