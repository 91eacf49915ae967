"""Identity's pages, mounted at the site root: login, the user centre, the administrators' screens.

Each part has its own module (login, account, admin, clients) so that they grow independently.
"""

from django.urls import include, path

from . import urls_account, urls_admin, urls_clients, urls_login

app_name = "identity"

urlpatterns = [
    path("", include(urls_login)),
    path("", include(urls_account)),
    path("", include(urls_admin)),
    path("", include(urls_clients)),
]
