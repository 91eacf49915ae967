"""Demonstration clients of the single sign-on (for ``seed_jingtai`` and local trials).

- 县人社局业务系统（示例） — the example relying party ``examples/dept_system`` (a department's own
  system), client id ``jt-dept-demo``, redirect ``<rp>/callback``, post-logout ``<rp>/``;
- 县医保局业务系统（示例） — a second one on the next port (client id ``jt-dept-demo-2``), to try
  single sign-on between two systems;
- 省一体化平台（示例） — a machine client (client credentials, scope ``identity.verify``),
  client id ``jt-machine-demo``.

Idempotent: a client id that exists is left alone (its secret cannot be shown again; rotate it on
the 安全管理员's screen). New secrets are returned in plain text once, for the caller to print.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from .models import OidcClient
from .scopes import SSO_SCOPES
from .services import client_register


def _rp(base: str) -> dict[str, Any]:
    return {"redirect_uris": [f"{base}/callback"], "post_logout_redirect_uris": [f"{base}/"]}


def oidc_demo_clients_seed(*, rp_host: str = "http://127.0.0.1", rp_port: int = 8101) -> list[dict[str, Any]]:
    """Register the demonstration clients that are missing; return one row per client:
    ``{"name", "client_id", "secret"}`` (``secret`` None when the client already existed)."""
    wanted = [
        ("jt-dept-demo", "县人社局业务系统（示例）", "department", SSO_SCOPES, _rp(f"{rp_host}:{rp_port}")),
        ("jt-dept-demo-2", "县医保局业务系统（示例）", "department", SSO_SCOPES, _rp(f"{rp_host}:{rp_port + 1}")),
        ("jt-machine-demo", "省一体化平台（示例）", "machine", ["identity.verify"], {}),
    ]
    rows = []
    with transaction.atomic():
        for client_id, name, kind, scopes, uris in wanted:
            if OidcClient.objects.filter(application__client_id=client_id).exists():
                rows.append({"name": name, "client_id": client_id, "secret": None})
                continue
            _, secret = client_register(
                actor=None,
                name=name,
                kind=kind,
                allowed_scopes=scopes,
                client_id=client_id,
                description="演示数据：本地试用单点登录",
                **uris,
            )
            rows.append({"name": name, "client_id": client_id, "secret": secret})
    return rows
