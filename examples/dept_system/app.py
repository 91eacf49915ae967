"""An example relying party: a department's own system that logs people in through 景泰政务服务网.

A standalone WSGI app (standard library server, no Django, nothing of the platform imported) using
authlib as the OpenID Connect client:

- ``/``          home: who is logged in here, or a link to log in;
- ``/login``     starts the authorization code flow (PKCE S256, ``state`` and ``nonce``);
- ``/callback``  checks ``state`` and the RFC 9207 ``iss``, exchanges the code, validates the ID token
                 against the provider's JWKS (signature, ``iss``, ``aud``, ``exp``, ``nonce``,
                 ``at_hash``) and calls userinfo;
- ``/me``        the person: name, real-name level, organisations, and the verified ID-token claims;
- ``/logout``    (POST) forgets the local session and sends the browser to the provider's
                 ``end_session_endpoint`` (RP-initiated logout) with ``id_token_hint``.

Run it beside the platform (see README.md)::

    python examples/dept_system/app.py --issuer http://127.0.0.1:8000/o \\
        --client-id … --client-secret … --port 8101
"""

from __future__ import annotations

import argparse
import html
import os
import secrets
import sys
import threading
import time
from http.cookies import SimpleCookie
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qs, urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import requests
from authlib.integrations.requests_client import OAuth2Session
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry

LEVELS = {1: "一级：手机号码已验证", 2: "二级：身份证号码已核验", 3: "三级：窗口现场核验"}
ROLES = {"admin": "单位管理员", "agent": "经办人"}


class Provider:
    """The OpenID provider as its discovery document describes it (fetched on first use)."""

    def __init__(self, issuer: str) -> None:
        self.issuer = issuer.rstrip("/")
        self._metadata: dict[str, Any] | None = None
        self._keys: KeySet | None = None
        self._lock = threading.Lock()

    @property
    def metadata(self) -> dict[str, Any]:
        with self._lock:
            if self._metadata is None:
                response = requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=10)
                response.raise_for_status()
                metadata = response.json()
                if metadata["issuer"].rstrip("/") != self.issuer:
                    raise RuntimeError(f"issuer mismatch: {metadata['issuer']} != {self.issuer}")
                self._metadata = metadata
            return self._metadata

    def keys(self, *, refresh: bool = False) -> KeySet:
        if self._keys is None or refresh:
            response = requests.get(self.metadata["jwks_uri"], timeout=10)
            response.raise_for_status()
            self._keys = KeySet.import_key_set(response.json())
        return self._keys


def id_token_validate(provider: Provider, client_id: str, token: dict[str, Any], nonce: str) -> dict[str, Any]:
    """The ID token's claims after checking signature (JWKS), iss, aud, exp, iat, nonce and at_hash."""
    registry = JWSRegistry(algorithms=provider.metadata["id_token_signing_alg_values_supported"])
    try:
        decoded = jwt.decode(token["id_token"], provider.keys(), registry=registry)
    except Exception:  # noqa: BLE001 - a key rotated at the provider: fetch the JWKS again once
        decoded = jwt.decode(token["id_token"], provider.keys(refresh=True), registry=registry)
    claims = CodeIDToken(
        decoded.claims,
        decoded.header,
        {"iss": {"essential": True, "value": provider.metadata["issuer"]}},
        {"client_id": client_id, "nonce": nonce, "access_token": token["access_token"]},
    )
    claims.validate(leeway=60)
    if decoded.header.get("alg") != "RS256":
        raise ValueError("unexpected ID token algorithm")
    return dict(claims)


class RelyingParty:
    def __init__(self, *, issuer: str, client_id: str, client_secret: str, base_url: str, name: str, scope: str):
        self.provider = Provider(issuer)
        self.client_id = client_id
        self.client_secret = client_secret
        self.base_url = base_url.rstrip("/")
        self.name = name
        self.scope = scope
        self.cookie = "rp_session_" + "".join(c for c in self.base_url.rsplit(":", 1)[-1] if c.isalnum())
        self.sessions: dict[str, dict[str, Any]] = {}

    # --- helpers ---------------------------------------------------------------------------------

    def oauth(self) -> OAuth2Session:
        return OAuth2Session(
            self.client_id,
            self.client_secret,
            scope=self.scope,
            redirect_uri=f"{self.base_url}/callback",
            code_challenge_method="S256",
            token_endpoint_auth_method="client_secret_basic",  # noqa: S106 - a method name
        )

    def page(self, title: str, body: str, *, status: str = "200 OK", headers: list | None = None) -> tuple:
        document = f"""<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} - {html.escape(self.name)}</title></head>
<body>
<header><p><strong>{html.escape(self.name)}</strong>（示例：部门自建业务系统）</p></header>
<main>
<h1>{html.escape(title)}</h1>
{body}
</main>
</body>
</html>"""
        return (
            status,
            [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store"), *(headers or [])],
            document,
        )

    def redirect(self, location: str, headers: list | None = None) -> tuple:
        return "302 Found", [("Location", location), ("Cache-Control", "no-store"), *(headers or [])], ""

    def session(self, environ: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        cookie = SimpleCookie(environ.get("HTTP_COOKIE", ""))
        key = cookie[self.cookie].value if self.cookie in cookie else ""
        if key not in self.sessions:
            key = secrets.token_urlsafe(24)
            self.sessions[key] = {}
        return key, self.sessions[key]

    def set_cookie(self, key: str) -> tuple[str, str]:
        return ("Set-Cookie", f"{self.cookie}={key}; Path=/; HttpOnly; SameSite=Lax")

    # --- pages -----------------------------------------------------------------------------------

    def home(self, environ: dict[str, Any], session: dict[str, Any]) -> tuple:
        query = parse_qs(environ.get("QUERY_STRING", ""))
        notes = ""
        if "state" in query and query["state"][0] == session.pop("logout_state", None):
            notes = '<p role="status">您已退出登录（本系统和景泰政务服务网）。</p>'
        user = session.get("user")
        if user:
            body = f"""{notes}<p>您好，{html.escape(user.get("name", ""))}。</p>
<p><a href="/me">查看我的登录信息</a></p>"""
        else:
            body = f"""{notes}<p>本系统使用景泰政务服务网统一身份认证登录，一次登录即可使用县门户和各接入系统。</p>
<p><a href="/login">使用景泰政务服务网账号登录</a></p>"""
        return self.page("首页", body)

    def login(self, environ: dict[str, Any], session: dict[str, Any]) -> tuple:
        verifier = secrets.token_urlsafe(64)
        nonce = secrets.token_urlsafe(24)
        url, state = self.oauth().create_authorization_url(
            self.provider.metadata["authorization_endpoint"], code_verifier=verifier, nonce=nonce
        )
        session["pending"] = {"state": state, "nonce": nonce, "verifier": verifier}
        return self.redirect(url)

    def callback(self, environ: dict[str, Any], session: dict[str, Any]) -> tuple:
        query = parse_qs(environ.get("QUERY_STRING", ""))
        pending = session.pop("pending", None)
        if "error" in query:
            message = query.get("error_description", query["error"])[0]
            return self.page(
                "登录未完成",
                f'<p role="alert">统一身份认证返回错误：{html.escape(message)}</p><p><a href="/">返回首页</a></p>',
                status="400 Bad Request",
            )
        if not pending or query.get("state", [""])[0] != pending["state"]:
            return self.page(
                "登录未完成",
                '<p role="alert">登录请求已失效，请重新登录。</p><p><a href="/login">重新登录</a></p>',
                status="400 Bad Request",
            )
        if "iss" in query and query["iss"][0] != self.provider.metadata["issuer"]:
            return self.page("登录未完成", '<p role="alert">认证服务器不符。</p>', status="400 Bad Request")
        oauth = self.oauth()
        token = oauth.fetch_token(
            self.provider.metadata["token_endpoint"],
            authorization_response=f"{self.base_url}/callback?{environ.get('QUERY_STRING', '')}",
            code_verifier=pending["verifier"],
            state=pending["state"],
        )
        claims = id_token_validate(self.provider, self.client_id, token, pending["nonce"])
        userinfo = oauth.get(self.provider.metadata["userinfo_endpoint"]).json()
        if userinfo.get("sub") != claims["sub"]:
            raise ValueError("userinfo sub differs from the ID token's")
        session.update(user=userinfo, claims=claims, id_token=token["id_token"])
        return self.redirect("/me")

    def me(self, environ: dict[str, Any], session: dict[str, Any]) -> tuple:
        user = session.get("user")
        if not user:
            return self.redirect("/login")
        claims = session["claims"]
        level = user.get("assurance_level")
        organisations = user.get("organisations") or []
        # The organisation chosen at the platform when logging in is in the ID token only.
        acting = (claims.get("acting_for") or {}).get("name") or "本人"
        rows = "".join(
            "<li>{}（{}，{}）</li>".format(
                html.escape(o["name"]), html.escape(o["uscc"]), html.escape(ROLES.get(o["role"], o["role"]))
            )
            for o in organisations
        )
        verified = "".join(
            f'<dt>{html.escape(k)}</dt><dd id="claim-{html.escape(k)}">{html.escape(str(claims[k]))}</dd>'
            for k in ("iss", "sub", "aud", "acr", "auth_time")
            if k in claims
        )
        body = f"""<dl>
<dt>姓名</dt><dd id="user-name">{html.escape(user.get("name", ""))}</dd>
<dt>实名等级</dt><dd id="user-level">{html.escape(LEVELS.get(level, str(level)))}</dd>
<dt>身份证号码</dt><dd>{html.escape(user.get("id_number_masked") or "未登记")}</dd>
<dt>手机号码</dt><dd>{html.escape(user.get("phone_number_masked") or "未登记")}</dd>
<dt>当前代办单位</dt><dd id="user-acting-for">{html.escape(acting)}</dd>
</dl>
<h2>代办的单位</h2>
{f'<ul id="user-organisations">{rows}</ul>' if rows else '<p id="user-organisations">无</p>'}
<h2>已验证的 ID 令牌（签名已用认证服务器公钥核验）</h2>
<dl id="id-token-claims">{verified}</dl>
<form method="post" action="/logout"><button type="submit">退出登录</button></form>"""
        return self.page("我的登录信息", body)

    def logout(self, environ: dict[str, Any], session: dict[str, Any]) -> tuple:
        id_token = session.get("id_token")
        session.clear()
        state = secrets.token_urlsafe(16)
        session["logout_state"] = state
        params = {"client_id": self.client_id, "post_logout_redirect_uri": f"{self.base_url}/", "state": state}
        if id_token:
            params["id_token_hint"] = id_token
        return self.redirect(f"{self.provider.metadata['end_session_endpoint']}?{urlencode(params)}")

    # --- WSGI ------------------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        key, session = self.session(environ)
        path, method = environ.get("PATH_INFO", "/"), environ.get("REQUEST_METHOD", "GET")
        routes = {
            ("GET", "/"): self.home,
            ("GET", "/login"): self.login,
            ("GET", "/callback"): self.callback,
            ("GET", "/me"): self.me,
            ("POST", "/logout"): self.logout,
        }
        handler = routes.get((method, path))
        try:
            if handler is None:
                status, headers, body = self.page(
                    "页面不存在", '<p><a href="/">返回首页</a></p>', status="404 Not Found"
                )
            else:
                status, headers, body = handler(environ, session)
        except Exception as exc:  # noqa: BLE001 - shown to the person, and logged
            print(f"dept_system error: {exc!r}", file=sys.stderr)
            status, headers, body = self.page(
                "登录未完成",
                '<p role="alert">与统一身份认证的通信失败，请重新登录。</p><p><a href="/">返回首页</a></p>',
                status="502 Bad Gateway",
            )
        start_response(status, [*headers, self.set_cookie(key)])
        return [body.encode("utf-8")]


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        print(f"dept_system {time.strftime('%H:%M:%S')} {format % args}", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="示例部门业务系统（OpenID Connect 依赖方）")
    parser.add_argument("--issuer", required=True, help="认证服务器的 issuer，例如 http://127.0.0.1:8000/o")
    parser.add_argument("--client-id", required=True)
    parser.add_argument(
        "--client-secret",
        default=os.environ.get("DEPT_SYSTEM_CLIENT_SECRET", ""),
        help="客户端密钥（也可放在环境变量 DEPT_SYSTEM_CLIENT_SECRET 中，避免出现在进程列表里）",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8101)
    parser.add_argument("--name", default="县人社局业务系统")
    parser.add_argument("--scope", default="openid profile realname organisation")
    args = parser.parse_args(argv)
    if not args.client_secret:
        parser.error("--client-secret or DEPT_SYSTEM_CLIENT_SECRET is required")
    app = RelyingParty(
        issuer=args.issuer,
        client_id=args.client_id,
        client_secret=args.client_secret,
        base_url=f"http://{args.host}:{args.port}",
        name=args.name,
        scope=args.scope,
    )
    server = make_server(args.host, args.port, app, server_class=ThreadingServer, handler_class=QuietHandler)
    print(f"dept_system listening on http://{args.host}:{args.port}/ (issuer {args.issuer})", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
