"""Staff menu entry of the window twin (就近申报: registering a walk-in application)."""

from django.utils.translation import gettext_lazy as _

from zwfw.core.menu import StaffMenuEntry, staff_menu_register

staff_menu_register(StaffMenuEntry(_("窗口申报登记"), "cases_window:index", "cases.register_window", _("窗口服务"), 39))
