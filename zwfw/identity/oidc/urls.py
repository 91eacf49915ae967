"""The provider's endpoints under /o/: django-oauth-toolkit's, without its self-service screens.

DOT's default URL list also mounts ``applications/`` (any logged-in user could register a client)
and ``authorized_tokens/``, the device flow and dynamic client registration. Clients here are
registered only by the 安全管理员 (/staff/security/clients/), so only these are mounted:
authorize (our consent page), token, revoke, introspect, userinfo, logout (our confirmation page),
discovery, JWKS and the RFC 8414 metadata.
"""

from django.urls import path
from oauth2_provider import urls as dot_urls

from . import views

app_name = "oauth2_provider"

_DEVICE = {"device-authorization", "device", "device-confirm", "device-grant-status"}
_OURS = {"authorize", "rp-initiated-logout"}

urlpatterns = [
    path("authorize/", views.AuthorizationView.as_view(), name="authorize"),
    path("logout/", views.RPInitiatedLogoutView.as_view(), name="rp-initiated-logout"),
    *[p for p in dot_urls.base_urlpatterns if p.name not in _DEVICE | _OURS],
    *[p for p in dot_urls.oidc_urlpatterns if p.name not in _OURS],
    *[p for p in dot_urls.metadata_urlpatterns if p.name.startswith("oauth-server-metadata")],
]
