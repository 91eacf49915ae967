"""A stand-in real-name service (real HTTP, in a thread) for the ``http`` ID verifier backend."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


class _Service:
    def __init__(self) -> None:
        self.answer: Any = {"match": True}
        self.status = 200
        self.received: list[Any] = []
        self.url = ""


@pytest.fixture(name="verifier_service")
def verifier_service_fixture() -> Iterator[_Service]:
    service = _Service()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            length = int(self.headers.get("Content-Length", 0))
            service.received.append(json.loads(self.rfile.read(length) or b"null"))
            body = json.dumps(service.answer).encode()
            self.send_response(service.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    service.url = f"http://127.0.0.1:{server.server_address[1]}/verify"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield service
    server.shutdown()
    server.server_close()
