"""The 安全管理员's, 系统管理员's and 审计管理员's identity screens under /staff/."""

urlpatterns: list = []
