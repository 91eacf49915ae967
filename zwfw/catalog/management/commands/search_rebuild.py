"""``manage.py search_rebuild [--kind KIND ...]``: rebuild the search index from its sources (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zwfw.catalog.search import search_rebuild


class Command(BaseCommand):
    help = "Rebuild the unified search index from every registered source (items, lists, …)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", action="append", help="只重建这一类（可重复）：item、list_entry …")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = search_rebuild(options["kind"])
        summary = "，".join(f"{kind} {count}" for kind, count in counts.items()) or "无"
        self.stdout.write(self.style.SUCCESS(f"检索索引已重建：{summary}。"))
