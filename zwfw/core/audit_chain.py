"""Checking the audit chain, and the database triggers that keep the event table append-only."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.backends.base.base import BaseDatabaseWrapper

from .models import AuditChainHead, AuditEvent
from .models.audit import GENESIS_HASH


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    reason: str


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_break: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.first_break is None


def audit_chain_verify(*, chunk_size: int = 5000) -> ChainReport:
    """Walk every event in id order and return the first place the chain is broken, if any.

    Detects: a changed row (its hash no longer matches its content), a removed row (a gap in
    the ids or a predecessor hash that points elsewhere), and removed newest rows (the chain
    head names an event that is not there).
    """
    expected_prev = GENESIS_HASH
    expected_id = 1
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=chunk_size):
        if event.id != expected_id:
            return ChainReport(checked, ChainBreak(expected_id, f"事件 #{expected_id} 缺失（被删除）"))
        if event.prev_hash != expected_prev:
            return ChainReport(checked, ChainBreak(event.id, f"事件 #{event.id} 的前序摘要与前一事件不符"))
        if event.compute_hash() != event.hash:
            return ChainReport(checked, ChainBreak(event.id, f"事件 #{event.id} 的内容已被修改"))
        expected_prev = event.hash
        expected_id += 1
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None:
        if checked:
            return ChainReport(checked, ChainBreak(checked, "审计链头缺失（链头记录被删除）"))
        return ChainReport(checked, None)
    if head.last_event_id != checked or head.last_hash != expected_prev:
        missing = checked + 1
        return ChainReport(
            checked, ChainBreak(missing, f"事件 #{missing} 及之后的事件缺失（链头指向 #{head.last_event_id}）")
        )
    return ChainReport(checked, None)


_TABLE = "core_auditevent"


def append_only_triggers_install(connection: BaseDatabaseWrapper) -> None:
    """Make the database itself refuse UPDATE, DELETE (and TRUNCATE) on the event table."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$ "
                "BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql"
            )
            cursor.execute(f"DROP TRIGGER IF EXISTS core_auditevent_append_only ON {_TABLE}")
            cursor.execute(
                f"CREATE TRIGGER core_auditevent_append_only BEFORE UPDATE OR DELETE ON {_TABLE} "
                "FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only()"
            )
            cursor.execute(f"DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON {_TABLE}")
            cursor.execute(
                f"CREATE TRIGGER core_auditevent_no_truncate BEFORE TRUNCATE ON {_TABLE} "
                "FOR EACH STATEMENT EXECUTE FUNCTION core_auditevent_append_only()"
            )
        elif connection.vendor == "sqlite":
            for verb in ("UPDATE", "DELETE"):
                name = f"core_auditevent_no_{verb.lower()}"
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                cursor.execute(
                    f"CREATE TRIGGER {name} BEFORE {verb} ON {_TABLE} "
                    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
                )


def append_only_triggers_remove(connection: BaseDatabaseWrapper) -> None:
    """Drop the triggers (a maintenance step; the tamper test uses it to act as a rogue DBA)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS core_auditevent_append_only ON {_TABLE}")
            cursor.execute(f"DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON {_TABLE}")
        elif connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS core_auditevent_no_update")
            cursor.execute("DROP TRIGGER IF EXISTS core_auditevent_no_delete")
