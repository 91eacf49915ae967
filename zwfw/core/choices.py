"""Enumerations owned by core. Each enumeration lives in exactly one choices.py (STYLE.md habit 4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    """How an audited action ended."""

    SUCCESS = "success", _("成功")
    FAILURE = "failure", _("失败")
    DENIED = "denied", _("拒绝")


class CalendarSource(models.TextChoices):
    """Where a year's arrangement came from."""

    CHINESECALENDAR = "chinesecalendar", _("数据包导入")
    MANUAL = "manual", _("手工录入")


class CalendarDayKind(models.TextChoices):
    """How a day breaks the Monday–Friday rule."""

    HOLIDAY = "holiday", _("放假（法定节假日/休息日）")
    WORKDAY = "workday", _("调休上班日")


class SystemAlertKind(models.TextChoices):
    CALENDAR_YEAR_MISSING = "calendar_year_missing", _("工作日历缺少年度")


class AlertLevel(models.TextChoices):
    """Severity, from least to most severe."""

    INFO = "info", _("提示")
    WARNING = "warning", _("警告")
    CRITICAL = "critical", _("严重")


class AssuranceLevel(models.IntegerChoices):
    """实名等级: how sure the platform is that the account belongs to the person named on it.

    Items may require a level (``catalog.ItemVersion.required_assurance_level``); identity keeps each
    person's level and the application flow asks the user to raise theirs when it is too low.
    """

    PHONE = 1, _("一级：手机号码已验证")
    ID_CHECKED = 2, _("二级：身份证号码已核验")
    IN_PERSON = 3, _("三级：窗口现场核验")
