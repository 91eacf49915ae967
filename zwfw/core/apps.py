from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "zwfw.core"
    label = "core"
    verbose_name = _("基础")

    def ready(self) -> None:
        from django.core.signals import request_finished

        from .menu import StaffMenuEntry, staff_menu_register
        from .workdays import missing_year_alerts_flush

        staff_menu_register(
            StaffMenuEntry(
                label=_("工作日历"),
                url_name="core:calendar_index",
                permission="core.manage_calendar",
                group=_("系统管理"),
                order=10,
            )
        )
        staff_menu_register(
            StaffMenuEntry(
                label=_("审计日志"),
                url_name="core:audit_log",
                permission="core.view_audit_log",
                group=_("安全审计"),
                order=10,
            )
        )
        # A missing calendar year found inside a transaction that then rolled back is written
        # once the request is over (zwfw.core.workdays explains why).
        request_finished.connect(missing_year_alerts_flush, dispatch_uid="core.missing_year_alerts_flush")
