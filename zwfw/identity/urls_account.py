"""The user centre at /account/ (no user ids in these URLs) and the window clerk's identity screens."""

from django.urls import path

from .views import account, organisations, verify

urlpatterns = [
    path("account/", account.account, name="account"),
    path("account/profile/", account.profile, name="account_profile"),
    path("account/level/", account.level, name="account_level"),
    path("account/security/", account.security, name="account_security"),
    path("account/posts/", account.posts, name="account_posts"),
    path("account/organisations/", account.organisations, name="account_organisations"),
    path("account/organisations/new/", organisations.register, name="organisation_register"),
    path("account/organisations/switch/", organisations.switch, name="acting_for_switch"),
    path("account/organisations/<int:pk>/", organisations.detail, name="organisation_detail"),
    path("account/organisations/<int:pk>/agents/add/", organisations.agent_add, name="organisation_agent_add"),
    path(
        "account/organisations/<int:pk>/agents/<int:link_pk>/role/",
        organisations.agent_role,
        name="organisation_agent_role",
    ),
    path(
        "account/organisations/<int:pk>/agents/<int:link_pk>/remove/",
        organisations.agent_remove,
        name="organisation_agent_remove",
    ),
    path("staff/identity/verify/", verify.verify_in_person, name="verify_in_person"),
    path("staff/identity/register/", verify.register_at_window, name="register_at_window"),
    path("staff/identity/organisations/verify/", verify.organisation_verify_view, name="organisation_verify"),
]
