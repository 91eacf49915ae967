from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "zwfw.catalog"
    label = "catalog"
    verbose_name = _("事项库")

    def ready(self) -> None:
        from zwfw.core.menu import StaffMenuEntry, staff_menu_register

        group = _("权力事项管理")
        for entry in (
            StaffMenuEntry(_("本机构事项"), "catalog:item_list", "catalog.draft_item", group, 20),
            StaffMenuEntry(_("事项审核"), "catalog:review_queue", "catalog.review_item", group, 21),
            StaffMenuEntry(_("事项发布"), "catalog:publish_queue", "catalog.publish_item", group, 22),
            # Imports and big exports run as background jobs (core); their owners follow them here.
            StaffMenuEntry(_("我的后台任务"), "core:job_list", "catalog.draft_item", group, 29),
            StaffMenuEntry(_("便民服务"), "catalog:convenience_list", "catalog.manage_convenience", _("门户栏目"), 30),
        ):
            staff_menu_register(entry)

        from .search import SearchKind, search_source_register
        from .search.convenience import convenience_search_documents

        search_source_register(SearchKind.CONVENIENCE, convenience_search_documents)
