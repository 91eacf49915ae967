from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "zwfw.identity"
    label = "identity"
    verbose_name = _("统一身份认证")

    def ready(self) -> None:
        from . import menu_account, menu_admin, menu_clients, signals  # noqa: F401 - signals connect on import

        menu_admin.register()
        menu_clients.register()
        menu_account.register()
