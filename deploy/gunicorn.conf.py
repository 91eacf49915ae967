"""gunicorn settings for production (zwfw-web.service runs ``gunicorn -c deploy/gunicorn.conf.py``).

The socket comes from systemd (zwfw-web.socket, /run/zwfw/gunicorn.sock), so ``bind`` below is used
only when gunicorn is started by hand. Every value can be overridden from the EnvironmentFile
(GUNICORN_* variables, see deploy/env.example) without editing this file.

The real client address
-----------------------
The application trusts only ``REMOTE_ADDR`` (zwfw/core/middleware.py: the audit log records it as
"from where"). Behind nginx, the peer gunicorn sees is nginx itself — an empty address on the unix
socket, 127.0.0.1 over TCP — and gunicorn does not take the client address from a header by
itself: ``forwarded_allow_ips`` only decides who may set the scheme headers (X-Forwarded-Proto).
So the hook at the end of this file wraps the application: when the peer is a trusted proxy (the
unix socket, or an address in ``forwarded_allow_ips``), ``REMOTE_ADDR`` becomes the value of the
``X-Real-IP`` header, which nginx always overwrites with ``$remote_addr`` (deploy/nginx/zwfw.conf).
From any other peer the header is ignored. gunicorn's access log, if enabled, then shows the
client too.
"""

from __future__ import annotations

import ipaddress
import multiprocessing
import os
from collections.abc import Callable, Iterable
from typing import Any


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "unix:/run/zwfw/gunicorn.sock")

# Sync workers: one request at a time each; nginx buffers uploads and slow clients so a worker is
# never held by the network. 2 × cores + 1 is gunicorn's own rule of thumb; bench/README.md has the
# figures for a 2-core machine. Each worker holds ~60–70 MB after warm-up.
workers = _env_int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
# A request that takes longer than this is killed (the worker is restarted); nginx's
# proxy_read_timeout is longer, so the user sees gunicorn's error, not a proxy timeout.
timeout = _env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 20
# Recycle workers now and then: bounds slow memory growth; the jitter avoids all restarting at once.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10

# Requests: the same bounds nginx enforces, so a request that reaches gunicorn directly is bounded too.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# Logs to stderr (the journal). The per-request record is nginx's access log (kept ≥ 180 days,
# docs/deploy.md); set GUNICORN_ACCESS_LOG=- to log requests here too, with the time in µs.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(D)sus "%(a)s"'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "zwfw-web"

# Peers allowed to set X-Forwarded-Proto (and, through the hook below, X-Real-IP). Connections on
# the unix socket are always trusted by gunicorn; list nginx's address if it connects over TCP.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# gunicorn >= 25.1 opens a control socket in $XDG_RUNTIME_DIR or ~/.gunicorn by default: not needed.
control_socket_disable = True


# --- The real client address (see the module docstring) --------------------------------------


def _networks(entries: Iterable[str]) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network] | None:
    """The trusted proxies as networks; None means '*' (every peer is trusted)."""
    networks = []
    for entry in entries:
        entry = entry.strip()
        if entry == "*":
            return None
        if entry:
            networks.append(ipaddress.ip_network(entry, strict=False))
    return networks


class RealClientAddress:
    """WSGI middleware: REMOTE_ADDR from X-Real-IP, but only when the peer is a trusted proxy."""

    def __init__(self, app: Callable[..., Any], trusted: Iterable[str]) -> None:
        self.app = app
        self.trusted = _networks(trusted)

    def _peer_trusted(self, peer: str) -> bool:
        if not peer:
            return True  # the unix socket: only nginx can write to it (zwfw-web.socket)
        if self.trusted is None:
            return True
        try:
            address = ipaddress.ip_address(peer)
        except ValueError:
            return False
        return any(address in network for network in self.trusted)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        claimed = environ.pop("HTTP_X_REAL_IP", "").strip()
        if claimed and self._peer_trusted(environ.get("REMOTE_ADDR", "")):
            try:
                environ["REMOTE_ADDR"] = str(ipaddress.ip_address(claimed))
                environ.pop("REMOTE_PORT", None)  # the proxy's port, not the client's
            except ValueError:
                pass  # not an address: keep the peer's
        return self.app(environ, start_response)


def post_worker_init(worker: Any) -> None:
    worker.wsgi = RealClientAddress(worker.wsgi, worker.cfg.forwarded_allow_ips)
