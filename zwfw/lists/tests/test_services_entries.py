"""The list services: create / update / publish / withdraw, the rules, the history and its diff,
double submits and stale forms, and personal data kept out of everything but the encrypted columns."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from zwfw.core.choices import Outcome
from zwfw.core.models import AuditEvent
from zwfw.lists.choices import EntryStatus, RevisionAction
from zwfw.lists.history import revision_diff
from zwfw.lists.models import EntryRevision, Fee, PovertyBeneficiary, PovertyProject
from zwfw.lists.models.base import AppendOnly
from zwfw.lists.selectors import beneficiaries_by_id_number, entry_revisions
from zwfw.lists.services.entries import entry_create, entry_publish, entry_update, entry_withdraw
from zwfw.lists.tests.builders import fee_data, id_number, poverty_data, responsibility_data, township

pytestmark = pytest.mark.django_db

KINDS = ["responsibility", "fee", "fund", "poverty"]


def _data(kind):
    from zwfw.lists.tests.builders import data_for

    return data_for(kind)


@pytest.mark.parametrize("kind", KINDS)
def test_the_lifecycle_of_each_kind_writes_revisions_and_audit_events(personas, kind):
    sun_li = personas.sun_li
    entry = entry_create(actor=sun_li, kind=kind, agency=personas.civil_affairs, data=_data(kind))
    assert entry.status == EntryStatus.DRAFT and entry.created_by == sun_li
    entry_publish(actor=sun_li, entry=entry)
    assert entry.status == EntryStatus.PUBLISHED and entry.published_at is not None
    changed = entry_update(actor=sun_li, entry=entry, data={"name": "更正后的名称"}, lock_version=entry.lock_version)
    assert changed == ["name"] and entry.name == "更正后的名称"
    assert entry.status == EntryStatus.PUBLISHED, "a correction keeps a published entry published"
    entry_withdraw(actor=sun_li, entry=entry, reason="政策调整，停止执行")
    assert entry.status == EntryStatus.WITHDRAWN and entry.withdraw_reason == "政策调整，停止执行"

    revisions = entry_revisions(entry)
    assert [r.action for r in revisions] == ["create", "publish", "update", "withdraw"]
    assert [r.number for r in revisions] == [1, 2, 3, 4]
    assert revisions[2].changed_fields == ["name"] and revisions[3].note == "政策调整，停止执行"
    model = type(entry)._meta.model_name
    actions = list(
        AuditEvent.objects.filter(object_type=f"lists.{model}").order_by("id").values_list("action", flat=True)
    )
    assert actions == [f"{model}.create", f"{model}.publish", f"{model}.update", f"{model}.withdraw"]


def test_another_agencys_item_manager_is_refused_and_nothing_changes(personas):
    fee = entry_create(actor=personas.sun_li, kind="fee", agency=personas.civil_affairs, data=fee_data())
    outsider = personas.chen_jing  # an examiner of another agency, not an item manager
    from zwfw.org.choices import Role
    from zwfw.org.models import Membership

    Membership.objects.create(user=outsider, agency=personas.market, role=Role.ITEM_MANAGER)
    with pytest.raises(PermissionDenied):
        entry_update(actor=outsider, entry=fee, data={"standard": "每件1元"})
    with pytest.raises(PermissionDenied):
        entry_publish(actor=outsider, entry=fee)
    with pytest.raises(PermissionDenied):
        entry_create(actor=outsider, kind="fee", agency=personas.civil_affairs, data=fee_data(name="另一项"))
    fee.refresh_from_db()
    assert fee.status == EntryStatus.DRAFT and fee.standard == fee_data()["standard"]
    assert Fee.objects.count() == 1 and EntryRevision.objects.count() == 1
    denied = AuditEvent.objects.filter(outcome=Outcome.DENIED, action__startswith="fee.")
    assert denied.count() == 3
    # ...while the operator maintains and withdraws any agency's entries.
    entry_publish(actor=personas.ma_qiang, entry=fee)
    entry_withdraw(actor=personas.ma_qiang, entry=fee, reason="收费项目已取消")
    assert fee.status == EntryStatus.WITHDRAWN


def test_people_without_a_maintainer_role_are_refused(personas):
    for user in (personas.wang_jianjun, personas.wu_gang, personas.zheng_hua):
        with pytest.raises(PermissionDenied):
            entry_create(actor=user, kind="fee", agency=personas.civil_affairs, data=fee_data())
    assert not Fee.objects.exists()


def test_bad_input_names_the_field_in_chinese_and_writes_nothing(personas):
    bad = fee_data(name="", standard="   ", fund_management="somewhere", concerns_enterprises="maybe")
    with pytest.raises(ValidationError) as caught:
        entry_create(actor=personas.sun_li, kind="fee", agency=personas.civil_affairs, data=bad)
    errors = caught.value.message_dict
    assert errors["name"] == ["请填写“收费项目”。"]
    assert errors["standard"] == ["请填写“收费标准”。"]
    assert "fund_management" in errors and "concerns_enterprises" in errors
    with pytest.raises(ValidationError, match="未知的字段"):
        entry_create(actor=personas.sun_li, kind="fee", agency=personas.civil_affairs, data={**fee_data(), "hack": 1})
    with pytest.raises(ValidationError, match="年度"):
        entry_create(
            actor=personas.sun_li,
            kind="fund",
            agency=personas.civil_affairs,
            data={**_data("fund"), "year": "二〇二六"},
        )
    assert not Fee.objects.exists() and not EntryRevision.objects.exists()


def test_a_duplicate_name_is_refused_in_chinese(personas):
    entry_create(actor=personas.sun_li, kind="fee", agency=personas.civil_affairs, data=fee_data())
    with pytest.raises(ValidationError) as caught:
        entry_create(actor=personas.sun_li, kind="fee", agency=personas.civil_affairs, data=fee_data())
    assert "已有同名的条目" in caught.value.message_dict["name"][0]
    assert Fee.objects.count() == 1


def test_a_double_submitted_create_form_creates_one_entry(personas):
    token = uuid.uuid4()
    first = entry_create(actor=personas.sun_li, kind="fee", agency=personas.civil_affairs, data=fee_data(), token=token)
    second = entry_create(
        actor=personas.sun_li, kind="fee", agency=personas.civil_affairs, data=fee_data(), token=str(token)
    )
    assert first.pk == second.pk and Fee.objects.count() == 1
    assert EntryRevision.objects.count() == 1
    # Someone else presenting the same token gets nothing of it.
    with pytest.raises(ValidationError, match="表单已失效"):
        entry_create(actor=personas.ma_qiang, kind="fee", agency=personas.civil_affairs, data=fee_data(), token=token)


def test_publish_and_withdraw_twice_are_no_ops(personas):
    fee = entry_create(actor=personas.sun_li, kind="fee", agency=personas.civil_affairs, data=fee_data())
    entry_publish(actor=personas.sun_li, entry=fee)
    entry_publish(actor=personas.sun_li, entry=Fee.objects.get(pk=fee.pk))
    entry_withdraw(actor=personas.sun_li, entry=fee, reason="重复")
    entry_withdraw(actor=personas.sun_li, entry=Fee.objects.get(pk=fee.pk), reason="重复")
    assert [r.action for r in entry_revisions(fee)] == ["create", "publish", "withdraw"]


def test_a_draft_cannot_be_withdrawn_and_a_withdrawal_needs_a_reason(personas):
    fee = entry_create(actor=personas.sun_li, kind="fee", agency=personas.civil_affairs, data=fee_data())
    with pytest.raises(ValidationError, match="草稿"):
        entry_withdraw(actor=personas.sun_li, entry=fee, reason="x")
    entry_publish(actor=personas.sun_li, entry=fee)
    with pytest.raises(ValidationError) as caught:
        entry_withdraw(actor=personas.sun_li, entry=fee, reason="   ")
    assert caught.value.message_dict == {"reason": ["撤销时请填写撤销理由。"]}
    fee.refresh_from_db()
    assert fee.status == EntryStatus.PUBLISHED


def test_a_stale_edit_is_refused_in_chinese_and_changes_nothing(personas):
    fee = entry_create(actor=personas.sun_li, kind="fee", agency=personas.civil_affairs, data=fee_data())
    opened = fee.lock_version  # both open the editor now
    entry_update(
        actor=personas.ma_qiang, entry=Fee.objects.get(pk=fee.pk), data={"standard": "每证25元"}, lock_version=opened
    )
    with pytest.raises(ValidationError) as caught:
        entry_update(actor=personas.sun_li, entry=fee, data={"standard": "每证30元"}, lock_version=opened)
    assert caught.value.code == "stale" and "已被他人修改" in caught.value.messages[0]
    fee.refresh_from_db()
    assert fee.standard == "每证25元"
    assert [r.action for r in entry_revisions(fee)] == ["create", "update"]


def test_a_double_submitted_edit_is_saved_once(personas):
    fee = entry_create(actor=personas.sun_li, kind="fee", agency=personas.civil_affairs, data=fee_data())
    opened = fee.lock_version
    data = {"standard": "每证25元"}
    assert entry_update(actor=personas.sun_li, entry=Fee.objects.get(pk=fee.pk), data=data, lock_version=opened)
    # The second click carries the same (now old) lock version and the same content: nothing to do.
    assert entry_update(actor=personas.sun_li, entry=Fee.objects.get(pk=fee.pk), data=data, lock_version=opened) == []
    assert len(entry_revisions(fee)) == 2


def test_the_diff_between_two_revisions_is_field_by_field(personas):
    resp = entry_create(
        actor=personas.sun_li, kind="responsibility", agency=personas.civil_affairs, data=responsibility_data()
    )
    entry_update(
        actor=personas.sun_li,
        entry=resp,
        data={
            "content": "负责全县城乡低保对象的审核确认。",
            "cooperating_agencies": [personas.luyang.slug, personas.justice.slug],
            "supervision_phone": "0943-5520000",
        },
    )
    first, second = entry_revisions(resp)
    changes = {c.label: (c.old, c.new) for c in revision_diff(first, second)}
    assert changes == {
        "职责内容": ("负责全县城乡居民最低生活保障对象的审核确认和动态管理。", "负责全县城乡低保对象的审核确认。"),
        "协作部门": ("", "景泰县司法局、景泰县芦阳镇人民政府"),
        "监督电话": ("0943-5522110", "0943-5520000"),
    }
    everything = revision_diff(None, first)
    assert {"职责名称", "责任部门", "状态"} <= {c.label for c in everything}


def test_revisions_are_append_only(personas):
    fee = entry_create(actor=personas.sun_li, kind="fee", agency=personas.civil_affairs, data=fee_data())
    revision = EntryRevision.objects.get(entry_id=fee.pk)
    revision.note = "changed"
    with pytest.raises(AppendOnly):
        revision.save()
    with pytest.raises(AppendOnly):
        revision.delete()


# --- beneficiaries: validated, encrypted, masked, never in the history or the audit log ------------


def _project(personas, **overrides):
    region = township()
    return entry_create(
        actor=personas.sun_li, kind="poverty", agency=personas.civil_affairs, data=poverty_data(region, **overrides)
    )


def test_beneficiaries_are_encrypted_at_rest_and_masked_everywhere_else(personas):
    project = _project(personas)
    full = poverty_data(township())["beneficiaries"][0]["id_number"]
    rows = list(PovertyBeneficiary.objects.filter(project=project).order_by("order"))
    assert rows[0].name == "测试甲" and rows[0].id_number == full  # decrypted through the field
    assert (rows[0].name_masked, rows[0].id_number_masked) == ("测**", full[:6] + "********" + full[-4:])
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, id_number FROM lists_povertybeneficiary")
        stored = cursor.fetchall()
    assert all(n.startswith("v1:") and i.startswith("v1:") for n, i in stored)
    assert not any(full in i or "测试甲" in n for n, i in stored)
    revision = EntryRevision.objects.get(kind="poverty", entry_id=project.pk)
    events = list(AuditEvent.objects.filter(object_type="lists.povertyproject").values_list("detail", flat=True))
    for blob in (str(revision.snapshot), str(events)):
        assert full not in blob and "测试甲" not in blob
    assert "620423********" in str(revision.snapshot)
    # The blind index finds the person's rows without decrypting anything.
    assert [b.project_id for b in beneficiaries_by_id_number(full.lower())] == [project.pk]


def test_bad_beneficiary_rows_are_reported_row_by_row(personas):
    good = id_number("19900202", "111")
    rows = [
        {
            "name": "测试丁",
            "id_number": good[:-1] + ("0" if good[-1] != "0" else "1"),
            "household_size": 3,
            "assistance": "分红",
        },
        {"name": "测试戊", "id_number": good, "household_size": 0, "assistance": "分红"},
        {"name": "测试己", "id_number": good, "household_size": 2, "assistance": "分红"},
        {"name": "测试庚", "id_number": good, "household_size": 2, "assistance": "分红"},
        {"name": "", "id_number": "", "household_size": 2, "assistance": "分红"},
    ]
    with pytest.raises(ValidationError) as caught:
        _project(personas, beneficiaries=rows)
    messages = caught.value.message_dict["beneficiaries"]
    assert any(m.startswith("受益户第1行：居民身份证号码") and "无效" in m for m in messages)
    assert any(m.startswith("受益户第2行：家庭人口") for m in messages)
    assert any(m.startswith("受益户第3行与第2行是同一人") for m in messages)
    assert any(m.startswith("受益户第5行：请填写姓名") for m in messages)
    assert all(good not in m for m in messages), "messages show ID numbers masked"
    assert not PovertyProject.objects.exists()


def test_stored_households_keep_their_name_and_id_when_left_empty(personas):
    project = _project(personas)
    first, second = PovertyBeneficiary.objects.filter(project=project).order_by("order")
    rows = [
        {
            "ref": second.pk,
            "name": "",
            "id_number": "",
            "household_size": 5,
            "assistance": "务工岗位",
            "assistance_amount": "2500",
        },
        {
            "ref": first.pk,
            "name": "",
            "id_number": "",
            "household_size": 4,
            "assistance": "入股分红",
            "assistance_amount": "3000",
        },
    ]
    changed = entry_update(actor=personas.sun_li, entry=project, data={"beneficiaries": rows})
    assert changed == ["beneficiaries"]
    now = list(PovertyBeneficiary.objects.filter(project=project).order_by("order"))
    assert [(b.name, b.household_size) for b in now] == [("测试乙丙", 5), ("测试甲", 4)]
    assert now[0].id_number == second.id_number and now[0].assistance_amount == Decimal("2500.00")
    last = entry_revisions(project)[-1]
    assert last.changed_fields == ["beneficiaries"]
    assert any("家庭人口" in c.new for c in revision_diff(entry_revisions(project)[0], last))
    # A row id of another project is refused.
    other = _project(personas, name="另一个项目")
    foreign = PovertyBeneficiary.objects.filter(project=other).first()
    with pytest.raises(ValidationError, match="不属于本项目"):
        entry_update(
            actor=personas.sun_li,
            entry=project,
            data={"beneficiaries": [{"ref": foreign.pk, "household_size": 2, "assistance": "x"}]},
        )


def test_a_poverty_project_needs_a_township_of_the_county(personas):
    with pytest.raises(ValidationError) as caught:
        entry_create(
            actor=personas.sun_li,
            kind="poverty",
            agency=personas.civil_affairs,
            data=poverty_data(township(), township="620423"),
        )
    assert caught.value.message_dict["township"] == ["“乡镇”不是本县的乡镇。"]
    assert RevisionAction.CREATE not in EntryRevision.objects.values_list("action", flat=True)
