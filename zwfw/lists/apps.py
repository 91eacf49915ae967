from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListsConfig(AppConfig):
    name = "zwfw.lists"
    label = "lists"
    verbose_name = _("权责清单")

    def ready(self) -> None:
        from zwfw.catalog.search import SearchKind, search_source_register
        from zwfw.core.menu import StaffMenuEntry, staff_menu_register

        group = _("清单管理")
        for order, (kind, label) in enumerate(
            (
                ("responsibility", _("部门责任清单")),
                ("fee", _("行政事业性收费清单")),
                ("fund", _("财政专项资金管理清单")),
                ("poverty", _("扶贫专项清单")),
            ),
            start=30,
        ):
            staff_menu_register(StaffMenuEntry(label, f"lists:{kind}_list", "lists.maintain_entry", group, order))

        staff_menu_register(
            StaffMenuEntry(_("受益户查询"), "lists:beneficiary_lookup", "lists.maintain_entry", group, 34)
        )

        from .search import list_entry_search_documents

        search_source_register(SearchKind.LIST_ENTRY, list_entry_search_documents)
