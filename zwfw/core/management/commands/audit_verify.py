"""``manage.py audit_verify``: check the audit log's hash chain; exit 1 naming the first broken event."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zwfw.core.audit_chain import audit_chain_verify


class Command(BaseCommand):
    help = "Verify the SM3 hash chain of the audit log; exits non-zero at the first broken event."

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_chain_verify()
        if not report.ok:
            assert report.first_break is not None
            raise CommandError(
                f"审计日志校验失败：第一个异常事件 #{report.first_break.event_id}：{report.first_break.reason}"
                f"（此前 {report.checked} 条事件完好）"
            )
        self.stdout.write(self.style.SUCCESS(f"审计日志完好：共 {report.checked} 条事件，哈希链连续。"))
