"""The claims a relying party receives about a person, by scope (ID token, userinfo and /api/v1/me).

=============  ==========================================================================================
scope          claims
=============  ==========================================================================================
openid         ``sub``: the account's primary key as a string (stable, never reused; it reveals nothing
               about the person, so the same subject is given to every client)
profile        ``name``, ``preferred_username``, ``id_number_masked`` (6+4), ``phone_number_masked`` (3+4)
realname       ``assurance_level`` (1–3), ``assurance_level_label``; also ``acr`` (the level as a string)
organisation   ``organisations``: the organisations the person acts for (uscc, name, role, role_label,
               verified); in the ID token also ``acting_for``: the one chosen in the user centre when
               the person logged in to the client (same shape), or null
=============  ==========================================================================================

Full ID numbers and mobile numbers never leave the platform in a claim.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..choices import AssuranceLevel, OrganisationStatus
from ..models import OrganisationAgent, User

#: claim → the scope that releases it (DOT's ``oidc_claim_scope``).
CLAIM_SCOPE: dict[str, str] = {
    "sub": "openid",
    "name": "profile",
    "preferred_username": "profile",
    "id_number_masked": "profile",
    "phone_number_masked": "profile",
    "assurance_level": "realname",
    "assurance_level_label": "realname",
    "acr": "realname",
    "organisations": "organisation",
    "acting_for": "organisation",
}
#: Where the authorization step leaves the chosen organisation's USCC for the token step (the grant's
#: ``claims``; see zwfw.identity.oidc.views.AuthorizationView).
ACTING_FOR_CLAIMS_KEY = "zwfw_acting_for"


def organisations_of(user: User) -> list[dict[str, Any]]:
    """The organisations ``user`` acts for (active agent links only)."""
    links = (
        OrganisationAgent.objects.filter(user=user, is_active=True)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    return [
        {
            "uscc": link.organisation.uscc,
            "name": link.organisation.name,
            "role": link.role,
            "role_label": str(link.get_role_display()),
            "verified": link.organisation.status == OrganisationStatus.VERIFIED,
        }
        for link in links
    ]


def _acting_for(user: User, uscc: str | None) -> dict[str, Any] | None:
    if not uscc:
        return None
    return next((o for o in organisations_of(user) if o["uscc"] == uscc), None)


def claim_sources(user: User, acting_for_uscc: str | None = None) -> dict[str, Callable[[], Any]]:
    """Every claim of ``user`` as a zero-argument callable (computed only when its scope is granted)."""
    return {
        "sub": lambda: str(user.pk),
        "name": lambda: user.full_name or user.username,
        "preferred_username": lambda: user.username,
        "id_number_masked": lambda: user.id_number_masked,
        "phone_number_masked": lambda: user.mobile_masked,
        "assurance_level": lambda: int(user.assurance_level),
        "assurance_level_label": lambda: str(AssuranceLevel(user.assurance_level).label),
        "acr": lambda: str(int(user.assurance_level)),
        "organisations": lambda: organisations_of(user),
        "acting_for": lambda: _acting_for(user, acting_for_uscc),
    }


def user_claims(user: User, scopes: Iterable[str]) -> dict[str, Any]:
    """The claims ``scopes`` release about ``user``."""
    granted = set(scopes)
    return {name: source() for name, source in claim_sources(user).items() if CLAIM_SCOPE[name] in granted}
