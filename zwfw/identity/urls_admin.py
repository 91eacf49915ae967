"""The 安全管理员's, 系统管理员's and 审计管理员's identity screens under /staff/.

- /staff/security/ — the 安全管理员: staff accounts (账号管理) and roles (岗位授权);
- /staff/system/password-policy/ — the 系统管理员: the two password policies;
- /staff/system/audit/logins/ — the 审计管理员: the login log (core's /staff/system/audit/ is the audit log).

Every view asks for its one permission (``zwfw.identity.rules``); the others get the 403 page.
"""

from django.urls import path

from .views import admin_accounts, admin_logins, admin_policy

urlpatterns = [
    path("staff/security/accounts/", admin_accounts.account_list, name="admin_accounts"),
    path("staff/security/accounts/new/", admin_accounts.account_create, name="admin_account_create"),
    path("staff/security/accounts/<int:pk>/", admin_accounts.account_detail, name="admin_account"),
    path("staff/security/accounts/<int:pk>/name/", admin_accounts.account_rename, name="admin_account_rename"),
    path("staff/security/accounts/<int:pk>/active/", admin_accounts.account_active, name="admin_account_active"),
    path(
        "staff/security/accounts/<int:pk>/password/",
        admin_accounts.account_password_reset,
        name="admin_account_password_reset",
    ),
    path("staff/security/accounts/<int:pk>/totp/", admin_accounts.account_totp_reset, name="admin_account_totp_reset"),
    path("staff/security/accounts/<int:pk>/unlock/", admin_accounts.account_unlock, name="admin_account_unlock"),
    path(
        "staff/security/accounts/<int:pk>/grant/", admin_accounts.membership_grant_view, name="admin_membership_grant"
    ),
    path("staff/security/memberships/", admin_accounts.membership_list_view, name="admin_memberships"),
    path(
        "staff/security/memberships/<int:pk>/revoke/",
        admin_accounts.membership_revoke_view,
        name="admin_membership_revoke",
    ),
    path("staff/system/password-policy/", admin_policy.policy_index, name="admin_password_policy"),
    path(
        "staff/system/password-policy/<str:profile>/",
        admin_policy.policy_update,
        name="admin_password_policy_update",
    ),
    path("staff/system/audit/logins/", admin_logins.login_log_view, name="admin_login_log"),
]
