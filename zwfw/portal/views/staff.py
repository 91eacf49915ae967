"""The staff back office shell: the dashboard and the agency switcher.

Other domains' staff screens extend ``portal/staff/base.html`` and are listed in the side
menu through ``zwfw.core.menu``; they find the current agency with
:func:`zwfw.portal.staff_session.active_agency_get`.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zwfw.core.permissions import permission_required_or_403
from zwfw.org.models import Agency
from zwfw.org.selectors import agency_list
from zwfw.org.staff_session import active_agency_get, active_agency_set

from ..selectors import memberships_of

STAFF_PERMISSION = "portal.use_staff_shell"


#: Anonymous users go to the login page; signed-in users without a staff role get 403.
staff_required = permission_required_or_403(STAFF_PERMISSION, _("此页面仅供工作人员使用。"))


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    agency = active_agency_get(request)
    roles = [m for m in memberships_of(user=request.user) if agency is not None and m.agency_id == agency.pk]
    return render(request, "portal/staff/dashboard.html", {"active_agency": agency, "roles": roles})


def _agency_from_post(request: HttpRequest) -> Agency | None:
    raw = request.POST.get("agency", "")
    if not raw.isdigit():
        return None
    # Inactive agencies too: active_agency_set refuses them, and the refusal is audited.
    return agency_list(active=None).filter(pk=int(raw)).first()


@require_POST
@staff_required
def switch_agency(request: HttpRequest) -> HttpResponse:
    """Switch the current agency; a foreign or unknown agency is refused with 403 and audited."""
    agency = active_agency_set(request, _agency_from_post(request))
    messages.success(request, _("已切换到%(agency)s。") % {"agency": agency.name})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = reverse("portal:staff_dashboard")
    return HttpResponseRedirect(next_url)
