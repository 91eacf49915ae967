"""The audit log: append-only, hash-chained, verifiable by a command."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction

from zwfw.core.audit_chain import append_only_triggers_install, append_only_triggers_remove, audit_chain_verify
from zwfw.core.choices import Outcome
from zwfw.core.crypto import sm3_hex
from zwfw.core.models import AuditChainHead, AuditEvent
from zwfw.core.services.audit import audit_record, audit_record_refusal

pytestmark = pytest.mark.django_db


def test_sm3_matches_the_standard_test_vector():
    # GB/T 32905-2016 appendix A, example 1.
    assert sm3_hex(b"abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


def test_events_are_chained_and_record_who_what_outcome_where(personas):
    first = audit_record(actor=personas.he_jun, action="calendar_year.confirm", detail={"year": 2026})
    second = audit_record(actor=None, action="sweep.run", outcome=Outcome.FAILURE, source_address="10.1.2.3")
    assert first.prev_hash == "0" * 64
    assert second.prev_hash == first.hash
    assert second.id == first.id + 1
    assert first.actor_label == "hejun" and second.actor_label == "system"
    assert second.source_address == "10.1.2.3" and second.outcome == Outcome.FAILURE
    head = AuditChainHead.objects.get()
    assert (head.last_event_id, head.last_hash, head.count) == (second.id, second.hash, 2)


def test_object_is_described_by_type_id_and_text(personas):
    event = audit_record(actor=personas.ma_qiang, action="agency.update", obj=personas.market)
    assert event.object_type == "org.agency"
    assert event.object_id == str(personas.market.pk)
    assert event.object_repr == "景泰县市场监督管理局"


def test_source_address_comes_from_the_request(client, personas):
    from django.test import RequestFactory

    from zwfw.core.middleware import RequestContextMiddleware

    seen = {}

    def view(request):
        seen["event"] = audit_record(actor=personas.ma_qiang, action="page.view")
        from django.http import HttpResponse

        return HttpResponse()

    RequestContextMiddleware(view)(RequestFactory().get("/", REMOTE_ADDR="192.0.2.7"))
    assert seen["event"].source_address == "192.0.2.7"


def test_refusal_is_recorded_as_denied():
    event = audit_record_refusal(actor=None, action="membership.grant", reason="三员不得兼任")
    assert event.outcome == Outcome.DENIED and event.detail["reason"] == "三员不得兼任"


def test_an_event_rolls_back_with_the_change_it_describes():
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=None, action="doomed.change")
        raise RuntimeError
    assert not AuditEvent.objects.filter(action="doomed.change").exists()
    assert audit_chain_verify().ok


def test_the_orm_refuses_to_change_or_delete_events():
    event = audit_record(actor=None, action="x.y")
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).update(action="z")
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()


def test_database_triggers_refuse_update_and_delete():
    audit_record(actor=None, action="x.y")
    append_only_triggers_install(connection)
    try:
        for sql in ("UPDATE core_auditevent SET action = 'tampered'", "DELETE FROM core_auditevent"):
            with pytest.raises(IntegrityError if connection.vendor == "sqlite" else Exception), transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(sql)
    finally:
        append_only_triggers_remove(connection)
    assert AuditEvent.objects.get().action == "x.y"


def _tamper(sql: str, params: list) -> None:
    """Act as a database administrator who goes around the ORM (triggers are off in tests)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _three_events() -> list[AuditEvent]:
    return [audit_record(actor=None, action=f"step.{i}", detail={"n": i}) for i in range(3)]


def test_audit_verify_passes_on_a_clean_log(capsys):
    _three_events()
    call_command("audit_verify")
    assert "共 3 条事件" in capsys.readouterr().out


def test_audit_verify_passes_on_an_empty_log(capsys):
    call_command("audit_verify")
    assert "共 0 条事件" in capsys.readouterr().out


def test_audit_verify_names_a_changed_event():
    events = _three_events()
    _tamper("UPDATE core_auditevent SET detail = %s WHERE id = %s", ['{"n": 99}', events[1].id])
    with pytest.raises(CommandError, match=f"#{events[1].id}.*已被修改"):
        call_command("audit_verify")


def test_audit_verify_names_a_changed_event_even_with_its_hash_recomputed():
    events = _three_events()
    forged = AuditEvent.objects.get(pk=events[1].id)
    forged.action = "step.forged"
    _tamper(
        "UPDATE core_auditevent SET action = %s, hash = %s WHERE id = %s",
        [forged.action, forged.compute_hash(), forged.id],
    )
    # The forger fixed event 2's own hash, so the break shows at event 3, whose prev_hash no longer matches.
    with pytest.raises(CommandError, match=f"#{events[2].id}.*前序摘要"):
        call_command("audit_verify")


def test_audit_verify_names_a_removed_event():
    events = _three_events()
    _tamper("DELETE FROM core_auditevent WHERE id = %s", [events[1].id])
    with pytest.raises(CommandError, match=f"#{events[1].id}.*缺失"):
        call_command("audit_verify")


def test_audit_verify_notices_removed_newest_events():
    events = _three_events()
    _tamper("DELETE FROM core_auditevent WHERE id = %s", [events[2].id])
    with pytest.raises(CommandError, match=f"#{events[2].id}"):
        call_command("audit_verify")


def test_audit_verify_notices_a_removed_chain_head():
    _three_events()
    _tamper("DELETE FROM core_auditchainhead", [])
    with pytest.raises(CommandError, match="链头缺失"):
        call_command("audit_verify")


def test_a_flushed_database_gets_its_chain_head_back():
    _tamper("DELETE FROM core_auditchainhead", [])
    event = audit_record(actor=None, action="after.flush")
    assert event.id == 1 and event.prev_hash == "0" * 64
    assert audit_chain_verify().ok


@pytest.mark.django_db
def test_a_typed_mobile_or_id_number_is_masked_in_the_audit_detail():
    from zwfw.core.services.audit import audit_record_refusal

    event = audit_record_refusal(
        actor=None,
        action="user.create",
        reason="用户名“13800138000”不符合规则",
        detail={"username": "13800138000", "nested": ["11010519491231002X"]},
    )
    event.refresh_from_db()
    text = str(event.detail)
    assert "13800138000" not in text and "11010519491231002X" not in text
    assert event.detail["username"] == "138****8000"
    assert event.detail["nested"] == ["110105********002X"]
