"""The open-information services: audit events, Chinese refusals that write nothing, idempotence,
optimistic concurrency, index numbers and the rules (who maintains whose information)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zwfw.core.choices import Outcome
from zwfw.core.models import AuditEvent
from zwfw.openinfo.choices import OpenInfoStatus, OpenInfoValidity
from zwfw.openinfo.models import OpenInfo, OpenInfoCategory, OpenInfoSequence
from zwfw.openinfo.services import openinfo_create, openinfo_publish, openinfo_update, openinfo_withdraw
from zwfw.org.choices import Role
from zwfw.org.models import Membership

from .builders import draft, published

pytestmark = pytest.mark.django_db


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, outcome=Outcome.SUCCESS).order_by("id"))


def test_categories_are_seeded_by_migration():
    names = list(OpenInfoCategory.objects.order_by("order").values_list("name", flat=True))
    assert names[0] == "机构职能" and "财政预决算" in names and names[-1] == "政府信息公开年报"
    assert OpenInfoCategory.objects.get(code="11").name == "通知公告"


def test_create_writes_a_draft_and_one_audit_event(personas):
    info = draft(personas.sun_li, personas.civil_affairs, title="  关于开展  低保年审的通知 ")
    assert info.status == OpenInfoStatus.DRAFT and info.index_number is None
    assert info.title == "关于开展 低保年审的通知"  # whitespace collapsed
    assert info.created_by == personas.sun_li and info.validity == OpenInfoValidity.VALID
    [event] = _events("openinfo.create")
    assert event.actor == personas.sun_li and event.object_id == str(info.pk)
    assert event.detail["category"] == "11" and event.detail["agency_id"] == personas.civil_affairs.pk


def test_create_refuses_bad_input_in_chinese_naming_fields_and_writes_nothing(personas):
    with pytest.raises(ValidationError) as caught:
        openinfo_create(
            actor=personas.sun_li,
            agency=personas.civil_affairs,
            category="99",
            title="   ",
            written_on="2026-13-01",
            body="正文",
        )
    errors = caught.value.message_dict
    assert set(errors) == {"category", "title", "written_on"}
    assert errors["title"] == ["请填写标题。"]
    assert "成文日期" in errors["written_on"][0]
    assert not OpenInfo.objects.exists()
    refusal = AuditEvent.objects.get(action="openinfo.create")
    assert refusal.outcome == Outcome.DENIED and "请填写标题" in refusal.detail["reason"]


def test_a_future_written_date_and_a_huge_body_are_refused(personas):
    with pytest.raises(ValidationError) as caught:
        draft(personas.sun_li, personas.civil_affairs, written_on=dt.date(2999, 1, 1), body="字" * 50_001)
    assert set(caught.value.message_dict) == {"written_on", "body"}
    assert not OpenInfo.objects.exists()


def test_double_submitted_create_form_makes_one_entry(personas):
    key = uuid.uuid4()
    first = draft(personas.sun_li, personas.civil_affairs, submission_key=key)
    second = draft(personas.sun_li, personas.civil_affairs, submission_key=str(key))
    assert first.pk == second.pk
    assert OpenInfo.objects.count() == 1 and len(_events("openinfo.create")) == 1
    # Someone else replaying the key does not get (or change) the entry.
    with pytest.raises(ValidationError):
        draft(personas.ma_qiang, personas.civil_affairs, submission_key=key)


def test_rules_agency_item_manager_and_operator_only(personas):
    # 陈静 is an examiner of the market bureau: not an item manager.
    with pytest.raises(PermissionDenied):
        draft(personas.chen_jing, personas.market)
    # 孙丽 manages 县民政局's information, not the market bureau's.
    with pytest.raises(PermissionDenied):
        draft(personas.sun_li, personas.market)
    info = draft(personas.ma_qiang, personas.market)  # the operator: any agency
    with pytest.raises(PermissionDenied):
        openinfo_update(actor=personas.sun_li, info=info, data={"title": "改"})
    with pytest.raises(PermissionDenied):
        openinfo_publish(actor=personas.sun_li, info=info, secrecy_reviewed=True)
    assert OpenInfo.objects.count() == 1
    assert OpenInfo.objects.get().title != "改"
    # A township's item manager maintains the township government's information.
    township_manager = personas.liu_yang
    Membership.objects.create(user=township_manager, agency=personas.luyang, role=Role.ITEM_MANAGER)
    assert draft(township_manager, personas.luyang).agency == personas.luyang


def test_update_is_audited_and_an_unchanged_save_writes_nothing(personas):
    info = draft(personas.sun_li, personas.civil_affairs)
    version = info.lock_version
    assert openinfo_update(
        actor=personas.sun_li, info=info, data={"title": "关于调整低保标准的通知"}, expected_version=version
    )
    assert info.title == "关于调整低保标准的通知" and info.lock_version == version + 1
    [event] = _events("openinfo.update")
    assert event.detail["changes"]["title"]["to"] == "关于调整低保标准的通知"
    # The same form posted again (double click): nothing changes, nothing is written.
    assert not openinfo_update(
        actor=personas.sun_li, info=info, data={"title": "关于调整低保标准的通知"}, expected_version=version
    )
    assert len(_events("openinfo.update")) == 1


def test_an_edit_drawn_from_an_older_version_is_refused(personas):
    info = draft(personas.sun_li, personas.civil_affairs)
    stale = info.lock_version
    openinfo_update(actor=personas.ma_qiang, info=info, data={"title": "马强改的标题"}, expected_version=stale)
    other_tab = OpenInfo.objects.get(pk=info.pk)
    with pytest.raises(ValidationError) as caught:
        openinfo_update(actor=personas.sun_li, info=other_tab, data={"title": "孙丽改的标题"}, expected_version=stale)
    assert "马强" in caught.value.messages[0] and "未保存" in caught.value.messages[0]
    assert OpenInfo.objects.get(pk=info.pk).title == "马强改的标题"


def test_publish_assigns_an_index_number_once_and_is_idempotent(personas):
    info = draft(personas.sun_li, personas.civil_affairs)
    assert openinfo_publish(actor=personas.sun_li, info=info, secrecy_reviewed=True)
    year = info.published_on.year
    assert info.index_number == f"{personas.civil_affairs.uscc}/11-{year}-0001"
    assert info.status == OpenInfoStatus.PUBLISHED and info.published_at is not None
    # Double submit: nothing written, same number.
    assert not openinfo_publish(actor=personas.sun_li, info=info, secrecy_reviewed=True)
    assert len(_events("openinfo.publish")) == 1
    # The next entry of the same agency, category and year gets the next number.
    second = published(personas.sun_li, personas.civil_affairs, title="第二条通知")
    assert second.index_number.endswith(f"/11-{year}-0002")
    # Withdrawn and published again: the number is kept.
    openinfo_withdraw(actor=personas.sun_li, info=info, reason="内容有误，更正后重新发布")
    openinfo_publish(actor=personas.sun_li, info=info, secrecy_reviewed=True)
    assert info.index_number.endswith(f"/11-{year}-0001")
    assert OpenInfoSequence.objects.get(agency=personas.civil_affairs).last_number == 2


def test_index_numbers_stay_unique_when_the_sequence_row_is_lost(personas):
    """Even if the sequence were reset, the database refuses a second identical 索引号."""
    first = published(personas.sun_li, personas.civil_affairs)
    OpenInfoSequence.objects.all().update(last_number=0)
    second = draft(personas.sun_li, personas.civil_affairs, title="另一条")
    with pytest.raises(Exception):  # noqa: B017 - IntegrityError, wrapped differently per database
        openinfo_publish(actor=personas.sun_li, info=second, secrecy_reviewed=True)
    second.refresh_from_db()
    assert second.status == OpenInfoStatus.DRAFT and second.index_number is None
    assert first.index_number


def test_publish_refusals(personas):
    info = draft(personas.sun_li, personas.civil_affairs, body="")
    with pytest.raises(ValidationError) as caught:
        openinfo_publish(actor=personas.sun_li, info=info, secrecy_reviewed=False)
    assert set(caught.value.message_dict) == {"secrecy_reviewed", "body"}
    with pytest.raises(ValidationError) as caught:
        openinfo_publish(actor=personas.sun_li, info=info, secrecy_reviewed=True, published_on=dt.date(2026, 10, 1))
    assert "发布日期不能早于成文日期。" in caught.value.message_dict["published_on"]
    info.refresh_from_db()
    assert info.status == OpenInfoStatus.DRAFT and not OpenInfoSequence.objects.exists()


def test_withdraw_needs_a_reason_and_is_idempotent(personas):
    info = published(personas.sun_li, personas.civil_affairs)
    with pytest.raises(ValidationError) as caught:
        openinfo_withdraw(actor=personas.sun_li, info=info, reason="  ")
    assert caught.value.message_dict == {"reason": ["请填写撤回原因。"]}
    assert openinfo_withdraw(actor=personas.sun_li, info=info, reason="已被新文件替代")
    assert info.status == OpenInfoStatus.WITHDRAWN and info.withdraw_reason == "已被新文件替代"
    assert not openinfo_withdraw(actor=personas.sun_li, info=info, reason="再点一次")
    [event] = _events("openinfo.withdraw")
    assert event.detail["reason"] == "已被新文件替代"
    drafted = draft(personas.sun_li, personas.civil_affairs, title="草稿")
    with pytest.raises(ValidationError, match="尚未发布"):
        openinfo_withdraw(actor=personas.sun_li, info=drafted, reason="x")


def test_body_is_kept_as_plain_text(personas):
    body = "第一段\r\n续行<script>alert(1)</script>\r\n\r\n\r\n\r\n第二段\x00"
    info = draft(personas.sun_li, personas.civil_affairs, body=body)
    assert info.body == "第一段\n续行<script>alert(1)</script>\n\n第二段"
    assert info.paragraphs == ["第一段\n续行<script>alert(1)</script>", "第二段"]
