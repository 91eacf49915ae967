"""The 审计管理员's login log (/staff/system/audit/logins/).

Successful logins, failed ones and lockouts as django-axes recorded them (``AccessLog``,
``AccessFailureLog``; :func:`zwfw.identity.selectors_admin.login_log`), newest first, 50 a page,
filtered by date (county dates), result and login name. Usernames are shown as stored: a mobile
number typed at the login form is stored as a keyed hash ``h:…``, so the page never shows one.
The filter form is POSTed and answered with a redirect to the GET list whose ``username`` is the
stored key, so a mobile number typed into the filter finds its rows without ever being in a URL.

Reading the log is audited (``login_log.view``) once per search, like the audit log
(:func:`zwfw.core.views.audit.log_viewing_record`).
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from zwfw.core.views.audit import DateRangeFilterForm, log_viewing_record, permission_required_or_403_audited

from ..selectors_admin import RESULT_FAILURE, RESULT_LOCKOUT, RESULT_SUCCESS, axes_key_of, login_log

PERMISSION = "identity.view_login_log"
PAGE_SIZE = 50
RESULTS = [
    (RESULT_SUCCESS, gettext_lazy("登录成功")),
    (RESULT_FAILURE, gettext_lazy("登录失败")),
    (RESULT_LOCKOUT, gettext_lazy("锁定")),
]

auditor_required = permission_required_or_403_audited(PERMISSION, gettext_lazy("只有审计管理员可以查看登录日志。"))


class LoginLogFilterForm(DateRangeFilterForm):
    result = forms.ChoiceField(
        label=gettext_lazy("结果"),
        required=False,
        choices=[("", gettext_lazy("全部")), *RESULTS],
        error_messages={"invalid_choice": gettext_lazy("请选择列表中的结果。")},
    )
    username = forms.CharField(
        label=gettext_lazy("登录名"),
        required=False,
        max_length=150,
        help_text=gettext_lazy("工作人员用户名可只填开头；手机号码须填完整，按其摘要查找，不会出现在网址中"),
    )
    field_order = ["result", "username", "date_from", "date_to"]

    def filters(self) -> dict[str, str]:
        """The filters in use, as text (the query string and the audit event); a login name with a
        digit — possibly a mobile number — only as the key django-axes stores for it."""
        filters = {}
        for name, value in self.cleaned_data.items():
            if not value:
                continue
            if name == "username":
                value = value.strip()
                value = value if value.startswith("h:") else axes_key_of(value)
            filters[name] = value.isoformat() if isinstance(value, dt.date) else value
        return filters


class LoginLogQueryForm(LoginLogFilterForm):
    """The GET side: a login name with digits arrives only as its stored key (``h:…``)."""

    def clean_username(self) -> str:
        value = self.cleaned_data["username"].strip()
        if any(ch.isdigit() for ch in value) and not value.startswith("h:"):
            raise forms.ValidationError(_("含数字的登录名（如手机号码）请在筛选表单中填写后提交，不要写在网址里。"))
        return value


@require_http_methods(["GET", "POST"])
@auditor_required
def login_log_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        posted = LoginLogFilterForm(request.POST)
        if not posted.is_valid():
            return render(request, "identity/admin/login_log.html", {"form": posted, "page": None}, status=400)
        query = urlencode(posted.filters())
        return HttpResponseRedirect(reverse("identity:admin_login_log") + (f"?{query}" if query else ""))
    form = LoginLogQueryForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "identity/admin/login_log.html", {"form": form, "page": None}, status=400)
    if not form.is_bound:
        form = LoginLogQueryForm({})
        form.is_valid()
    data = form.cleaned_data
    log_viewing_record(request, action="login_log.view", filters=form.filters())
    rows = login_log(
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        result=data.get("result", ""),
        username=data.get("username", ""),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page", "1")[:10])
    labels = dict(RESULTS)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "identity/admin/login_log.html",
        {
            "form": form,
            "page": page,
            "rows": [{**row, "result_label": labels[row["result"]]} for row in page.object_list],
            "query": query.urlencode(),
            "filtered": any(data.values()),
        },
    )
