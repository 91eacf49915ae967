"""Template tags of the shared shell.

The staff layout (``portal/staff/base.html``) is extended by screens of other domains whose
views know nothing about the shell, so the layout fetches its own data here: the user's
agencies and current agency, the side menu, and the system alerts.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from zwfw.core.menu import staff_menu_for
from zwfw.org.staff_session import active_agency_get, staff_agencies_get

from ..sites import Site
from ..system_alerts import open_system_alerts

register = template.Library()


@register.simple_tag(takes_context=True)
def shell_defaults(context: template.Context) -> str:
    """Fill in what the context processor would give, for pages rendered without a request.

    Django renders ``500.html`` and ``403_csrf.html`` with a bare context (no context
    processors), and they must still draw the shell. Used once, at the top of portal/base.html.
    """
    if not context.get("portal_site_name"):
        context["portal_site_name"] = settings.ZWFW_SITE_NAME
    if context.get("portal_site") is None:
        context["portal_site"] = Site()
    return ""


@register.inclusion_tag("portal/staff/_header.html", takes_context=True)
def staff_header(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    return {
        "request": request,
        "user": request.user,
        "portal_site_name": context.get("portal_site_name", ""),
        "agencies": staff_agencies_get(request),
        "active_agency": active_agency_get(request),
    }


@register.inclusion_tag("portal/staff/_menu.html", takes_context=True)
def staff_menu(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    groups = staff_menu_for(request.user)
    for group in groups:
        group["entries"] = [{**e, "current": request.path.startswith(e["url"])} for e in group["entries"]]
    return {
        "groups": groups,
        "dashboard_current": getattr(request.resolver_match, "view_name", "") == "portal:staff_dashboard",
    }


@register.inclusion_tag("portal/staff/_alerts.html", takes_context=True)
def staff_alerts(context: template.Context) -> dict[str, Any]:
    return {"alerts": open_system_alerts(user=context["request"].user)}
