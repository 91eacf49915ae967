"""A tiny HTTP client for the runner's warm-up and the crash drill (standard library only, loopback only).

No redirects are followed and no cookie jar is kept: the caller says which session it is (a key minted by
``bench.casework``) and every POST carries a CSRF cookie with the same token in the form, as a browser does.
Connection errors (a server killed mid-request) surface as ``ConnectionError``/``OSError`` for the caller
to retry.
"""

from __future__ import annotations

import http.client
import re
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

HOST = "127.0.0.1"


def submit_form(
    item: dict[str, Any], applicant: dict[str, Any], csrf: str, token: str, *, action: str = "submit"
) -> str:
    """The draft page's POST: form values, the uploaded PDF reused per required material (``save``), and for
    ``submit`` the one-time token. The flow saves first, then submits: a fresh draft's first 提交 with values
    the draft never saved is taken as "unchanged" by the page and not saved (see bench/README.md)."""
    pairs: list[tuple[str, str]] = [
        ("csrfmiddlewaretoken", csrf),
        ("action", action),
        ("lock_version", "1"),
    ]
    if action == "submit":
        pairs.append(("submit_token", token))
    for name, value in item["fields"].items():
        if isinstance(value, list):
            pairs.extend((f"f-{name}", str(v)) for v in value)
        elif value != "":
            pairs.append((f"f-{name}", str(value)))
    if action == "save":
        for requirement in item["requirements"]:
            pairs.append((f"reuse_{requirement}", str(applicant["upload"])))
    return urlencode(pairs)


@dataclass
class Answer:
    status: int
    location: str
    body: bytes


class WebClient:
    def __init__(self, port: int, session: str = "", timeout: float = 15.0) -> None:
        self.port = port
        self.session = session
        self.timeout = timeout
        self.csrf = secrets.token_hex(16)

    def _headers(self, form: bool) -> dict[str, str]:
        cookie = f"csrftoken={self.csrf}"
        if self.session:
            cookie += f"; sessionid={self.session}"
        headers = {"Cookie": cookie, "Host": f"{HOST}:{self.port}"}
        if form:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return headers

    def request(self, method: str, path: str, body: str | None = None) -> Answer:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        try:
            conn.request(
                method, path, body=body.encode() if body is not None else None, headers=self._headers(body is not None)
            )
            response = conn.getresponse()
            data = response.read()
            return Answer(response.status, response.getheader("Location", "") or "", data)
        finally:
            conn.close()

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, fields: dict[str, str] | str) -> Answer:
        body = fields if isinstance(fields, str) else urlencode({"csrfmiddlewaretoken": self.csrf, **fields})
        return self.request("POST", path, body)


def case_number_in(body: bytes, implementation_code: str) -> str | None:
    """The 办件编号 (implementation code + yyyyMMdd + 4 digits) shown on a page, if any."""
    match = re.search(re.escape(implementation_code).encode() + rb"\d{12}", body)
    return match.group(0).decode() if match else None
