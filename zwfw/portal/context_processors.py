from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .selectors import subsite_directory, subsite_directory_version
from .sites import Site


def site(request: HttpRequest) -> dict[str, Any]:
    """What every page of the shell needs, kept cheap.

    - ``portal_site_name``: the portal's name, which the shell shows (``site_name`` is kept for
      other templates, but Django's auth views overwrite it with the host name, so the shell
      does not use it).
    - ``portal_site``: the county portal as a :class:`~zwfw.portal.sites.Site`; a sub-site's views
      pass their own ``portal_site``, which takes precedence.
    - ``portal_directory``: the sub-site directory for the footer (and the home page). It is lazy:
      one query, run only when a template touches it, and cached per structure version.
    - ``portal_directory_version``: the version token; templates cache the fragments that list the
      sub-sites under it (``{% cache … portal_directory_version %}``), so the footer is rendered once
      per change of the structure, not once per request.
    """
    version = SimpleLazyObject(subsite_directory_version)
    return {
        "site_name": settings.ZWFW_SITE_NAME,
        "portal_site_name": settings.ZWFW_SITE_NAME,
        "portal_site": Site(),
        "portal_directory": SimpleLazyObject(lambda: subsite_directory(version=str(version))),
        "portal_directory_version": version,
    }
