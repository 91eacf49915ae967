"""``manage.py calendar_check``: raise the missing-calendar-year alerts; exit 1 while a needed year is missing.

Run daily (deploy/systemd/zwfw-calendar-check.timer). It opens a SystemAlert for the current year and,
from 1 October, the next year if either has no calendar, writes any alert queued by a failed
deadline computation, and exits non-zero so that monitoring sees the gap too.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zwfw.core.workdays import calendar_alerts_refresh, calendar_missing_years, missing_year_alerts_flush


class Command(BaseCommand):
    help = "Open alerts for missing working-day calendar years; exit 1 while one is missing."

    def handle(self, *args: Any, **options: Any) -> None:
        missing_year_alerts_flush()
        calendar_alerts_refresh()
        missing = calendar_missing_years()
        if missing:
            years = "、".join(str(y) for y in missing)
            raise CommandError(f"工作日历缺少 {years} 年的节假日安排，请系统管理员录入（已提醒系统管理员）。")
        self.stdout.write(self.style.SUCCESS("工作日历完整：当前需要的年度均已录入。"))
