"""The site's URL map. Each domain owns its own urls.py; this file only mounts them."""

from django.urls import include, path

urlpatterns = [
    # 系统管理 (working-day calendar, system alerts) and 审计 (audit log) in the staff back office.
    path("staff/system/", include("zwfw.core.urls")),
    # 权力事项管理系统: drafting, review and publication of service items.
    path("staff/catalog/", include("zwfw.catalog.urls")),
    path("staff/catalog/excel/", include("zwfw.catalog.urls_excel")),
    # 清单管理 (部门责任清单, 收费清单, 财政专项资金清单, 扶贫专项清单) and 政务公开 maintenance.
    path("staff/lists/", include("zwfw.lists.urls")),
    path("staff/openinfo/", include("zwfw.openinfo.urls")),
    # 网上申报 (applying online, drafts, materials), the window twin, the handling inbox, and tracking (ADR 0017).
    path("apply/", include("zwfw.cases.urls_apply")),
    path("staff/window/", include("zwfw.cases.urls_window")),
    path("staff/cases/", include("zwfw.cases.urls_staff")),
    path("account/cases/", include("zwfw.cases.urls_supplement")),
    path("", include("zwfw.cases.urls_track")),
    # The public read API (django-ninja, OpenAPI 3.1, docs at /api/v1/docs).
    path("api/v1/", include("zwfw.exchange.urls")),
    # allauth's account flows (signup, phone verification, login by SMS code, password, TOTP, sessions).
    path("accounts/", include("allauth.urls")),
    # The OpenID Connect provider (discovery, JWKS, authorize, token, userinfo, logout): 单点登录.
    path("o/", include("zwfw.identity.oidc.urls", namespace="oauth2_provider")),
    # Login, the user centre and the identity screens of the three administrators.
    path("", include("zwfw.identity.urls")),
    path("", include("zwfw.portal.urls")),
]
