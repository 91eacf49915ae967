"""Account security on every request: staff TOTP enrolment, staff idle timeout, expired passwords;
and allauth's session tracking ("my sessions"), both skipped for the API.

The API (``/api/``) authenticates with bearer tokens, never with the session cookie; touching the
session there would add ``Vary: Cookie`` and defeat the public API's caching.

``AccountSecurityMiddleware``, for a signed-in user, in this order:

1. Staff idle timeout: a staff session unused for ``ZWFW_STAFF_IDLE_TIMEOUT`` seconds (30 minutes)
   ends; the next request goes to the staff login with a message. Persons keep Django's session age.
2. Staff without a TOTP authenticator (等保 level 3: two factors) may open only the TOTP activation
   page (and what it needs: reauthentication, recovery codes, logout) until it is active.
3. A password past the policy's maximum age, or marked ``must_change_password``, leaves only the
   password change page (and logout) until it is changed.

allauth's own ``/accounts/login/`` answers with a redirect to our ``/login/`` (keeping ``?next=``).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from urllib.parse import urlencode

from allauth.usersessions.middleware import UserSessionsMiddleware as AllauthUserSessionsMiddleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from zwfw.core import clock
from zwfw.core.services.audit import audit_record

from .choices import PasswordProfile
from .services.security import is_staff_account, password_policy_for, totp_enrolled

SESSIONLESS_PREFIXES = ("/api/", "/static/")
#: Session keys: when the staff session was last used (epoch seconds); TOTP known to be enrolled.
LAST_SEEN_KEY = "zwfw_staff_last_seen"
TOTP_OK_KEY = "zwfw_totp_ok"
#: The password policy's maximum age, remembered in the session: [profile, max_age_days, fetched at].
POLICY_KEY = "zwfw_password_policy"
POLICY_SESSION_SECONDS = 300
#: The last-seen stamp is rewritten at most this often (seconds), to spare a session write per request.
LAST_SEEN_RESOLUTION = 30


def _sessionless(request: HttpRequest) -> bool:
    return request.path.startswith(SESSIONLESS_PREFIXES)


#: allauth's activity tracking (a ``UserSession`` read and write in a transaction) runs at most this often per
#: session and worker (seconds): "my sessions" shows the last activity to the minute, and a page view does not
#: cost a database write (on SQLite, a write lock) each time.
ACTIVITY_RESOLUTION = 60
#: Sessions remembered per worker for that purpose (the oldest are forgotten first: they are tracked again).
ACTIVITY_MEMORY = 10_000


class UserSessionsMiddleware(AllauthUserSessionsMiddleware):
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        super().__init__(get_response)
        self._tracked: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()  # threaded servers (runserver, gthread workers) share the instance

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _sessionless(request):
            return self.get_response(request)
        session = getattr(request, "session", None)
        key = getattr(session, "session_key", None)
        now = time.monotonic()
        if key:
            last = self._tracked.get(key)
            if last is not None and now - last < ACTIVITY_RESOLUTION:
                return self.get_response(request)
        response = super().__call__(request)
        user = getattr(request, "user", None)
        if key and user is not None and user.is_authenticated:
            with self._lock:
                self._tracked[key] = now
                self._tracked.move_to_end(key)
                while len(self._tracked) > ACTIVITY_MEMORY:
                    self._tracked.popitem(last=False)
        return response


def _paths(*names: str) -> tuple[str, ...]:
    return tuple(reverse(name) for name in names)


def _next_query(request: HttpRequest) -> str:
    if request.method != "GET":
        return ""
    return "?" + urlencode({"next": request.get_full_path()})


class AccountSecurityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._allowed: dict[str, tuple[str, ...]] | None = None

    def allowed(self) -> dict[str, tuple[str, ...]]:
        # Resolved on first use: the URLconf is not loaded when middleware is built.
        if self._allowed is None:
            always = (*_paths("identity:logout", "account_logout"), "/static/")
            self._allowed = {
                "totp": (
                    *always,
                    *_paths(
                        "mfa_activate_totp",
                        "account_reauthenticate",
                        "mfa_view_recovery_codes",
                        "mfa_download_recovery_codes",
                        "mfa_generate_recovery_codes",
                    ),
                ),
                "password": (
                    *always,
                    *_paths("account_change_password", "account_set_password", "account_reauthenticate"),
                ),
            }
        return self._allowed

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _sessionless(request):
            return self.get_response(request)
        if request.path == "/accounts/login/":
            query = request.META.get("QUERY_STRING", "")
            return HttpResponseRedirect(reverse("identity:login") + (f"?{query}" if query else ""))
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response = self._check(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _check(self, request: HttpRequest, user: object) -> HttpResponse | None:
        staff = is_staff_account(user)
        if staff:
            response = self._idle_timeout(request, user)
            if response is not None:
                return response
            if not request.session.get(TOTP_OK_KEY):
                if totp_enrolled(user):
                    request.session[TOTP_OK_KEY] = True
                elif not request.path.startswith(self.allowed()["totp"]):
                    messages.warning(
                        request,
                        _(
                            "工作人员账号须先绑定动态口令（TOTP）才能使用系统。请用手机上的验证器应用扫描二维码完成绑定。"
                        ),
                    )
                    return HttpResponseRedirect(reverse("mfa_activate_totp"))
        if self._password_change_required(request, user, staff) and not request.path.startswith(
            self.allowed()["password"]
        ):
            messages.warning(request, _("您的密码已过期或须修改，请先设置新密码。"))
            return HttpResponseRedirect(reverse("account_change_password"))
        return None

    def _password_change_required(self, request: HttpRequest, user: object, staff: bool) -> bool:
        """``must_change_password``, or a password older than the policy allows. The policy's maximum
        age is remembered in the session for a few minutes, sparing a query on every request."""
        if not user.has_usable_password():  # type: ignore[attr-defined]
            return False
        if user.must_change_password:  # type: ignore[attr-defined]
            return True
        profile = PasswordProfile.DENGBAO if staff else PasswordProfile.ASVS
        now = time.time()
        cached = request.session.get(POLICY_KEY)
        if not cached or cached[0] != profile or now - cached[2] > POLICY_SESSION_SECONDS:
            max_age_days = password_policy_for(user).max_age_days
            request.session[POLICY_KEY] = cached = [profile, max_age_days, now]
        max_age_days = cached[1]
        if not max_age_days:
            return False
        changed = user.password_changed_at or user.date_joined  # type: ignore[attr-defined]
        return clock.now() >= changed + dt.timedelta(days=max_age_days)

    def _idle_timeout(self, request: HttpRequest, user: object) -> HttpResponse | None:
        now = time.time()
        last = request.session.get(LAST_SEEN_KEY)
        if last is not None and now - float(last) > settings.ZWFW_STAFF_IDLE_TIMEOUT:
            audit_record(
                actor=user,
                action="session.idle_timeout",
                obj=user,  # type: ignore[arg-type]
                detail={"idle_seconds": int(now - float(last))},
            )
            logout(request)
            minutes = settings.ZWFW_STAFF_IDLE_TIMEOUT // 60
            messages.info(
                request,
                _("您已 %(minutes)d 分钟未操作，为保护账号安全已自动退出，请重新登录。") % {"minutes": minutes},
            )
            return HttpResponseRedirect(reverse("identity:staff_login") + _next_query(request))
        if last is None or now - float(last) >= LAST_SEEN_RESOLUTION:
            request.session[LAST_SEEN_KEY] = now
        return None
