"""Enumerations of the org domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    TOWNSHIP = "township", _("乡级")
    VILLAGE = "village", _("村级")


class TownshipKind(models.TextChoices):
    """Whether a township-level region is a 镇 or a 乡 (shown in its name as well)."""

    TOWN = "town", _("镇")
    TOWNSHIP = "township", _("乡")
    NONE = "", _("不适用")


class AgencyKind(models.TextChoices):
    COUNTY_OFFICE = "county_office", _("县政府办公室")
    COUNTY_DEPARTMENT = "county_department", _("县直部门")
    VERTICAL = "vertical", _("垂直管理部门")
    TOWNSHIP_GOVERNMENT = "township_government", _("乡镇人民政府")
    PARTY_BODY = "party_body", _("党委工作机关")
    SUPERVISION = "supervision", _("监察机关")


class CentreKind(models.TextChoices):
    COUNTY = "county", _("县级政务服务中心")
    TOWNSHIP = "township", _("乡镇便民服务中心")


class Role(models.TextChoices):
    """A staff role, always held within one agency (a :class:`~zwfw.org.models.Membership`)."""

    WINDOW_CLERK = "window_clerk", _("窗口受理人员")
    EXAMINER = "examiner", _("审查人员")
    DECIDER = "decider", _("审批决定人")
    ITEM_MANAGER = "item_manager", _("事项管理员")
    ITEM_REVIEWER = "item_reviewer", _("事项审核员")
    SUPERVISOR = "supervisor", _("监察人员")
    OPERATOR = "operator", _("平台运营人员")
    SYSADMIN = "sysadmin", _("系统管理员")
    SECADMIN = "secadmin", _("安全管理员")
    AUDITOR = "auditor", _("审计管理员")


#: The three administrators (三员): no person may hold more than one of these roles.
ADMIN_ROLES: frozenset[str] = frozenset({Role.SYSADMIN, Role.SECADMIN, Role.AUDITOR})
