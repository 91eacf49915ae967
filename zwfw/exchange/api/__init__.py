"""The public read API at ``/api/v1/`` (django-ninja, OpenAPI 3.1, documented at ``/api/v1/docs``).

Layout, meant to grow:

- ``api``: the one :class:`~ninja.NinjaAPI` object (title, version, the error shape of
  :mod:`.errors`, the JSON renderer and the local Swagger UI of :mod:`.rendering`).
- ``public``: the router every anonymous read hangs below; its view decorator
  (:func:`.caching.public_read`) gives each GET an ETag, 304 answers and
  ``Cache-Control: public, max-age=60``. One router module per domain is mounted on it.
- Authenticated endpoints (OIDC bearer tokens, the mobile app's applications: later issues) get
  their own routers mounted on ``api`` with ``auth=...``, outside ``public``: they are neither
  anonymous nor publicly cacheable.

Handlers read only through the domains' selectors, choices, models and search (tests/test_architecture.py).
"""

from __future__ import annotations

from ninja import NinjaAPI, Router

from . import cases, classifications, convenience, dept, identity, items, lists, openinfo, search
from .caching import public_read
from .errors import install_error_handlers
from .rendering import LocalSwagger, UnicodeJSONRenderer

DESCRIPTION = """\
景泰政务服务网的公开数据接口：已发布的政务服务事项和办事指南、五张清单、政务公开、便民服务和统一检索。

- 公开数据只读、免登录；返回 JSON（UTF-8）。
- `/me` 和 `/identity/verify` 需要统一身份认证平台签发的访问令牌（`Authorization: Bearer …`，
  分别为用户令牌和接入系统的客户端凭证令牌，按授权范围检查），应答不缓存。
- 网上申报（移动端）：`/applications…`、`/uploads`、`/cases…` 使用用户令牌（授权范围 `cases`）；
  提交申请必须带 `Idempotency-Key` 请求头，同一键重试只生成一个办件。
- 部门业务系统：`/dept/…` 使用客户端凭据令牌（授权范围 `cases.inbox`、`cases.handle`），
  以安全管理员为该应用设置的服务账号的岗位为限办理（受理、补正告知、签收、指派、审查、特别程序、延期、决定、送达、终止）。
- 办件的每个办理动作（含补正、撤回）都可带 `Idempotency-Key`：同一键、同一请求的重试只执行一次，
  同一键用于不同请求返回 409 `idempotency_mismatch`。
- 列表分页：`page`（从 1 开始）和 `page_size`（1–100，默认 20），返回 `count`、`pages` 和 `items`。
- 缓存：每个应答带 `ETag` 和 `Cache-Control: public, max-age=60`；
  请求带 `If-None-Match` 且数据未变时返回 304（无正文）。
- 错误：统一为 `{"detail": "中文说明", "code": "错误代码"}`，参数错误（422）另有逐项的 `errors`。
- 地址字段 `url` 是本站页面路径，`api_url` 是本接口路径，使用时加上本站域名。

接入说明见代码库中的 docs/api.md。
"""

api = NinjaAPI(
    title="景泰政务服务网 API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    renderer=UnicodeJSONRenderer(),
    docs=LocalSwagger(),
    docs_decorator=public_read,
)
install_error_handlers(api)

#: Every anonymous, publicly cacheable read is mounted below this router.
public = Router()
public.add_decorator(public_read, mode="view")
public.add_router("", items.router)
public.add_router("", classifications.router)
public.add_router("", convenience.router)
public.add_router("", lists.router)
public.add_router("", openinfo.router)
public.add_router("", search.router)
api.add_router("", public)
# Bearer-token endpoints (OIDC access tokens): not public, never cached.
api.add_router("", identity.router)
api.add_router("", cases.router)  # the mobile app's applicant journey (a person's token, scope cases)
api.add_router("", dept.router)  # department systems: inbox and handling (client credentials + service account)

__all__ = ["api"]
