"""The staff member's current agency (当前机构), kept in the session.

Part of org's public surface: every domain's back-office screens ask it which agency they work for.

A staff member may belong to several agencies (吴刚 reviews items for 县委编办 and 县司法局); every
back-office screen works *for* one of them at a time. Screens call :func:`active_agency_get`
to learn which one, and the switcher in the staff header calls :func:`active_agency_set`.
Both re-check membership, so a revoked membership or a deactivated agency stops counting at
once, whatever the session says.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _

from zwfw.core.services.audit import audit_record, audit_record_refusal

from .models import Agency
from .selectors import agencies_of

SESSION_KEY = "zwfw_staff_agency_id"
SWITCH_ACTION = "staff_session.switch_agency"

_AGENCIES_ATTR = "_zwfw_staff_agencies"
_ACTIVE_ATTR = "_zwfw_active_agency"


def staff_agencies_get(request: HttpRequest) -> list[Agency]:
    """The user's own active agencies, read once per request."""
    cached = getattr(request, _AGENCIES_ATTR, None)
    if cached is None:
        user = request.user
        cached = list(agencies_of(user)) if user.is_authenticated and user.is_active else []
        setattr(request, _AGENCIES_ATTR, cached)
    return cached


def active_agency_get(request: HttpRequest) -> Agency | None:
    """The agency the user currently acts for: the one chosen in the session if the user still
    belongs to it, otherwise the first of their agencies; None for a user with no agency."""
    if hasattr(request, _ACTIVE_ATTR):
        return getattr(request, _ACTIVE_ATTR)
    agencies = staff_agencies_get(request)
    chosen_id = request.session.get(SESSION_KEY)
    agency = next((a for a in agencies if a.pk == chosen_id), agencies[0] if agencies else None)
    setattr(request, _ACTIVE_ATTR, agency)
    return agency


def active_agency_set(request: HttpRequest, agency: Agency | None) -> Agency:
    """Make ``agency`` the user's current agency, or raise PermissionDenied and change nothing.

    ``agency`` is None when the submitted choice names no agency at all. Both the switch and a
    refused attempt are written to the audit log.
    """
    user = request.user
    if agency is None or not agency.is_active or not user.has_perm("org.act_for_agency", agency):
        audit_record_refusal(
            actor=user if user.is_authenticated else None,
            action=SWITCH_ACTION,
            obj=agency,
            reason="not_a_member" if agency is not None else "unknown_agency",
        )
        raise PermissionDenied(_("您不是该机构的工作人员，不能切换到该机构。"))
    previous = active_agency_get(request)
    audit_record(
        actor=user,
        action=SWITCH_ACTION,
        obj=agency,
        detail={"from_agency_id": previous.pk if previous else None, "to_agency_id": agency.pk},
    )
    request.session[SESSION_KEY] = agency.pk
    setattr(request, _ACTIVE_ATTR, agency)
    return agency
