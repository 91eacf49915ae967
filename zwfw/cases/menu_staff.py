"""Staff menu entry of handling: the inbox (待办 / 在办 / 已办) for window clerks, examiners and deciders."""

from django.utils.translation import gettext_lazy as _

from zwfw.core.menu import StaffMenuEntry, staff_menu_register

staff_menu_register(StaffMenuEntry(_("办件办理"), "cases_staff:inbox", "cases.view_inbox", _("网上审批"), 38))
