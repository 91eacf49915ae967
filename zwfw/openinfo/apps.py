from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenInfoConfig(AppConfig):
    name = "zwfw.openinfo"
    label = "openinfo"
    verbose_name = _("政务公开库")

    def ready(self) -> None:
        from zwfw.catalog.search import SearchKind, search_source_register
        from zwfw.core.menu import StaffMenuEntry, staff_menu_register

        from .search import open_info_search_documents

        staff_menu_register(
            StaffMenuEntry(_("政务公开信息"), "openinfo:list", "openinfo.maintain_info", _("政务公开"), 40)
        )
        search_source_register(SearchKind.OPEN_INFO, open_info_search_documents)
