"""The site's URL map. Each domain owns its own urls.py; this file only mounts them."""

from django.urls import include, path

urlpatterns = [
    # 系统管理 (working-day calendar, system alerts) and 审计 (audit log) in the staff back office.
    path("staff/system/", include("zwfw.core.urls")),
    # 权力事项管理系统: drafting, review and publication of service items.
    path("staff/catalog/", include("zwfw.catalog.urls")),
    path("", include("zwfw.portal.urls")),
]
