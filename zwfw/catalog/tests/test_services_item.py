"""The item lifecycle services: 梳理 → 审核 → 入库 → 发布, revision, retirement, refusals."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from zwfw.catalog.choices import ServiceObject, UseLevel, VersionStatus
from zwfw.catalog.models import ItemVersion, LifeEvent, ServiceItem, Theme, VersionTransition
from zwfw.catalog.services.item import (
    item_create,
    item_retire,
    item_revise,
    version_approve,
    version_publish,
    version_return,
    version_submit,
    version_update,
)
from zwfw.core.choices import Outcome
from zwfw.core.models import AuditChainHead, AuditEvent
from zwfw.org.choices import Role
from zwfw.org.models import Membership
from zwfw.org.tests.factories import RegionFactory, WindowFactory

from .builders import DIBAO_BASIC_CODE, dibao_create, dibao_data, published_dibao

pytestmark = pytest.mark.django_db


def _last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-id").first()


def _transitions(version: ItemVersion) -> list[tuple[str, str]]:
    return list(VersionTransition.objects.filter(version=version).values_list("from_status", "to_status"))


def _snapshot(version: ItemVersion) -> dict:
    """Everything a refused call must leave unchanged."""
    version = ItemVersion.objects.get(pk=version.pk)
    return {
        "version": {f.name: getattr(version, f.attname) for f in ItemVersion._meta.concrete_fields},
        "materials": list(version.materials.values_list("order", "name")),
        "transitions": VersionTransition.objects.count(),
        "items": list(ServiceItem.objects.values_list("pk", "published_version_id", "retired_at")),
    }


# --- create and update -------------------------------------------------------------------------


def test_an_item_manager_creates_an_item_with_its_first_draft(personas):
    theme = Theme.objects.create(code="shbz", name="社会保障", audience="person")
    event = LifeEvent.objects.create(code="kunnan", name="生活困难", audience="person")
    region = RegionFactory(code="620423102", name="一条山镇", slug="yitiaoshan")
    window = WindowFactory()
    version = dibao_create(
        actor=personas.sun_li,
        agency=personas.civil_affairs,
        themes=["shbz"],
        life_events=["kunnan"],
        handling_regions=["620423102"],
        windows=[window.pk],
    )
    item = version.item
    assert item.implementation_code == f"{personas.civil_affairs.uscc}4{DIBAO_BASIC_CODE}"
    assert len(item.implementation_code) == 31
    assert (version.number, version.status, version.created_by) == (1, VersionStatus.DRAFT, personas.sun_li)
    assert version.for_persons and not version.for_organisations
    assert [m.name for m in version.materials.all()][:2] == ["最低生活保障申请书", "居民身份证和户口簿"]
    assert [s.order for s in version.steps.all()] == [1, 2, 3, 4]
    assert list(version.themes.all()) == [theme] and list(version.life_events.all()) == [event]
    assert list(version.handling_regions.all()) == [region] and list(version.windows.all()) == [window]
    assert _transitions(version) == [("", VersionStatus.DRAFT)]
    e = _last_event()
    assert (e.action, e.outcome, e.actor_label, e.object_id) == ("item.create", Outcome.SUCCESS, "sunli", str(item.pk))


def test_create_refuses_unknown_keys_bad_codes_and_reports_them_together(personas):
    with pytest.raises(ValidationError) as exc:
        item_create(
            actor=personas.sun_li,
            agency=personas.civil_affairs,
            basic_code="abc",
            use_level="9",
            data=dibao_data(colour="red"),
        )
    assert {"basic_code", "use_level", "__all__"} <= set(exc.value.message_dict)
    assert "未知的字段：colour。" in exc.value.message_dict["__all__"]
    assert not ServiceItem.objects.exists()
    assert (_last_event().action, _last_event().outcome) == ("item.create", Outcome.DENIED)


def test_create_refuses_bad_children_and_classifications(personas):
    data = dibao_data(materials=[{"name": ""}, {"name": "户口簿", "colour": 1}], themes=["nope"], service_objects=["7"])
    with pytest.raises(ValidationError) as exc:
        item_create(
            actor=personas.sun_li, agency=personas.civil_affairs, basic_code="000205001000", use_level="4", data=data
        )
    errors = exc.value.message_dict
    assert any("第1项" in m for m in errors["materials"]) and any("colour" in m for m in errors["materials"])
    assert "themes" in errors and "service_objects" in errors
    assert not ServiceItem.objects.exists()


def test_the_same_basic_code_twice_in_one_agency_is_refused(personas):
    dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    with pytest.raises(ValidationError, match="已有基本编码"):
        dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    assert ServiceItem.objects.count() == 1


def test_update_returns_the_changed_fields_and_writes_nothing_when_nothing_changed(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    events = AuditEvent.objects.count()
    assert version_update(actor=personas.sun_li, version=version, data=dibao_data()) == []
    assert AuditEvent.objects.count() == events
    changed = version_update(
        actor=personas.sun_li,
        version=version,
        data={"promised_limit_days": 15, "materials": dibao_data()["materials"][:4], "service_objects": ["1", "9"]},
    )
    assert changed == ["materials", "promised_limit_days", "service_objects"]
    version.refresh_from_db()
    assert version.promised_limit_days == 15 and version.materials.count() == 4
    assert version.for_persons and version.for_organisations
    e = _last_event()
    assert e.action == "item_version.update" and e.detail["changes"] == changed


def test_update_refuses_promised_beyond_legal(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    with pytest.raises(ValidationError) as exc:
        version_update(actor=personas.sun_li, version=version, data={"promised_limit_days": 40})
    assert "promised_limit_days" in exc.value.message_dict
    version.refresh_from_db()
    assert version.promised_limit_days == 20


# --- the full path -----------------------------------------------------------------------------


def test_draft_review_catalogue_publish(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    version_submit(actor=personas.sun_li, version=version)
    assert version.status == VersionStatus.REVIEW and version.submitted_at is not None
    assert _last_event().action == "item_version.submit"

    version_approve(actor=personas.wu_gang, version=version, comment="同意入库")
    assert version.status == VersionStatus.CATALOGUED
    assert (version.reviewed_by, version.review_comment) == (personas.wu_gang, "同意入库")
    assert _last_event().action == "item_version.approve"

    version_publish(actor=personas.ma_qiang, version=version)
    version.refresh_from_db()
    item = ServiceItem.objects.get(pk=version.item_id)
    assert version.status == VersionStatus.PUBLISHED and version.published_by == personas.ma_qiang
    assert item.published_version == version
    e = _last_event()
    assert (e.action, e.actor_label, e.detail["to"]) == ("item_version.publish", "maqiang", VersionStatus.PUBLISHED)
    assert _transitions(version) == [
        ("", VersionStatus.DRAFT),
        (VersionStatus.DRAFT, VersionStatus.REVIEW),
        (VersionStatus.REVIEW, VersionStatus.CATALOGUED),
        (VersionStatus.CATALOGUED, VersionStatus.PUBLISHED),
    ]
    assert [t.actor for t in version.transitions.all()] == [
        personas.sun_li,
        personas.sun_li,
        personas.wu_gang,
        personas.ma_qiang,
    ]


def test_a_returned_version_shows_the_reasons_and_can_be_fixed_and_resubmitted(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    version_submit(actor=personas.sun_li, version=version)
    with pytest.raises(ValidationError, match="退回理由"):
        version_return(actor=personas.wu_gang, version=version, reasons="  ")
    assert ItemVersion.objects.get(pk=version.pk).status == VersionStatus.REVIEW

    version_return(actor=personas.wu_gang, version=version, reasons="设定依据缺少条款号")
    assert version.status == VersionStatus.RETURNED and version.review_comment == "设定依据缺少条款号"
    assert version.transitions.last().comment == "设定依据缺少条款号"
    assert _last_event().action == "item_version.return"

    assert version_update(actor=personas.sun_li, version=version, data={"legal_basis": "《社会救助暂行办法》第十一条"})
    version_submit(actor=personas.sun_li, version=version)
    assert version.status == VersionStatus.REVIEW


def test_revise_keeps_the_old_version_published_until_the_revision_is_published(personas):
    v1 = published_dibao(personas)
    item = ServiceItem.objects.get(pk=v1.item_id)
    v2 = item_revise(actor=personas.sun_li, item=item, change_summary="缩短承诺时限")
    assert (v2.number, v2.status, v2.based_on) == (2, VersionStatus.DRAFT, v1)
    assert v2.materials.count() == 5 and v2.steps.count() == 4 and v2.faqs.count() == 1
    assert v2.name == v1.name and v2.service_objects == [ServiceObject.PERSON]
    assert _last_event().action == "item.revise"

    version_update(actor=personas.sun_li, version=v2, data={"promised_limit_days": 15})
    version_submit(actor=personas.sun_li, version=v2)
    version_approve(actor=personas.wu_gang, version=v2)
    item.refresh_from_db()
    assert item.published_version == v1  # the portal still shows version 1

    version_publish(actor=personas.ma_qiang, version=v2)
    item.refresh_from_db()
    v1.refresh_from_db()
    assert item.published_version == v2 and v1.status == VersionStatus.SUPERSEDED
    assert v1.transitions.last().to_status == VersionStatus.SUPERSEDED
    assert v1.materials.count() == 5  # every version stays readable


def test_revise_is_refused_while_a_version_is_open_or_nothing_is_published(personas):
    draft = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    with pytest.raises(ValidationError, match="没有已发布的版本"):
        item_revise(actor=personas.sun_li, item=draft.item)
    v1 = published_dibao(personas, basic_code="000205001001")
    item_revise(actor=personas.sun_li, item=v1.item)
    with pytest.raises(ValidationError, match="正在办理的第2版"):
        item_revise(actor=personas.sun_li, item=v1.item)
    assert v1.item.versions.count() == 2
    assert (_last_event().action, _last_event().outcome) == ("item.revise", Outcome.DENIED)


def test_retire_takes_the_item_off_the_portal(personas):
    v1 = published_dibao(personas)
    item = ServiceItem.objects.get(pk=v1.item_id)
    v2 = item_revise(actor=personas.sun_li, item=item)
    with pytest.raises(ValidationError, match="原因"):
        item_retire(actor=personas.ma_qiang, item=item, reason="")
    item_retire(actor=personas.ma_qiang, item=item, reason="依据《社会救助暂行办法》修订，事项合并")
    assert item.published_version is None and item.retired_at is not None
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert v1.status == VersionStatus.RETIRED and v2.status == VersionStatus.RETIRED
    e = _last_event()
    assert e.action == "item.retire" and e.detail["versions"] == [1, 2]
    with pytest.raises(ValidationError, match="已经取消"):
        item_retire(actor=personas.ma_qiang, item=item, reason="再次")


# --- wrong status and double clicks ------------------------------------------------------------


def test_a_submitted_version_cannot_be_changed(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    version_submit(actor=personas.sun_li, version=version)
    before = _snapshot(version)
    with pytest.raises(ValidationError, match="该版本已提交审核，不能再修改"):
        version_update(actor=personas.sun_li, version=version, data={"name": "新名称"})
    assert _snapshot(version) == before
    e = _last_event()
    assert (e.action, e.outcome) == ("item_version.update", Outcome.DENIED)


def test_a_double_submit_is_refused_and_changes_nothing(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    stale = ItemVersion.objects.get(pk=version.pk)  # the second browser tab
    version_submit(actor=personas.sun_li, version=version)
    before = _snapshot(version)
    with pytest.raises(ValidationError, match="该版本已提交审核，请勿重复操作"):
        version_submit(actor=personas.sun_li, version=stale)
    assert _snapshot(version) == before


@pytest.mark.parametrize("step", ["approve", "return", "publish"])
def test_transitions_from_the_wrong_status_are_refused(personas, step):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    before = _snapshot(version)
    with pytest.raises(ValidationError, match="梳理中"):
        if step == "approve":
            version_approve(actor=personas.wu_gang, version=version)
        elif step == "return":
            version_return(actor=personas.wu_gang, version=version, reasons="x")
        else:
            version_publish(actor=personas.ma_qiang, version=version)
    assert _snapshot(version) == before


def test_a_double_publish_is_refused(personas):
    version = published_dibao(personas)
    before = _snapshot(version)
    with pytest.raises(ValidationError, match="该版本已发布，请勿重复操作"):
        version_publish(actor=personas.ma_qiang, version=version)
    assert _snapshot(version) == before


def test_submission_runs_the_consistency_check(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs, complaint_phone="0943-5521234")
    with pytest.raises(ValidationError) as exc:
        version_submit(actor=personas.sun_li, version=version)
    assert exc.value.message_dict == {"complaint_phone": ["监督投诉电话不能与咨询电话相同。"]}
    assert ItemVersion.objects.get(pk=version.pk).status == VersionStatus.DRAFT
    e = _last_event()
    assert (e.action, e.outcome) == ("item_version.submit", Outcome.DENIED)
    assert "监督投诉电话不能与咨询电话相同" in e.detail["reason"]


# --- permissions -------------------------------------------------------------------------------


def test_only_the_agencys_item_manager_drafts(personas):
    other_manager = personas.chen_jing
    Membership.objects.create(user=other_manager, agency=personas.market, role=Role.ITEM_MANAGER)
    for actor in (other_manager, personas.zhou_tao, personas.wang_jianjun):
        with pytest.raises(PermissionDenied):
            dibao_create(actor=actor, agency=personas.civil_affairs)
        e = _last_event()
        assert (e.action, e.outcome, e.actor_label) == ("item.create", Outcome.DENIED, actor.username)
    assert not ServiceItem.objects.exists()
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    with pytest.raises(PermissionDenied):
        version_update(actor=personas.chen_jing, version=version, data={"name": "x"})
    with pytest.raises(PermissionDenied):
        version_submit(actor=personas.wang_jianjun, version=version)
    assert ItemVersion.objects.get(pk=version.pk).status == VersionStatus.DRAFT
    assert _last_event().outcome == Outcome.DENIED


def test_only_reviewers_review_and_only_operators_publish(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    version_submit(actor=personas.sun_li, version=version)
    for actor in (personas.sun_li, personas.chen_jing, personas.ma_qiang, personas.wang_jianjun):
        with pytest.raises(PermissionDenied):
            version_approve(actor=actor, version=version)
        assert (_last_event().action, _last_event().outcome) == ("item_version.approve", Outcome.DENIED)
    version_approve(actor=personas.wu_gang, version=version)
    for actor in (personas.sun_li, personas.wu_gang, personas.chen_jing):
        with pytest.raises(PermissionDenied):
            version_publish(actor=actor, version=version)
    assert ItemVersion.objects.get(pk=version.pk).status == VersionStatus.CATALOGUED


def test_the_agencys_item_manager_or_an_operator_retires(personas):
    Membership.objects.create(user=personas.chen_jing, agency=personas.market, role=Role.ITEM_MANAGER)
    version = published_dibao(personas)
    item = ServiceItem.objects.get(pk=version.item_id)
    for actor in (personas.chen_jing, personas.wu_gang, personas.zhou_tao, personas.wang_jianjun):
        with pytest.raises(PermissionDenied, match="取消事项"):
            item_retire(actor=actor, item=item, reason="合并")
        assert (_last_event().action, _last_event().outcome) == ("item.retire", Outcome.DENIED)
    assert ServiceItem.objects.get(pk=item.pk).published_version_id == version.pk
    item_retire(actor=personas.sun_li, item=item, reason="依法取消")
    assert ServiceItem.objects.get(pk=item.pk).retired_at is not None


def test_the_author_cannot_approve_their_own_version(personas):
    Membership.objects.create(user=personas.wu_gang, agency=personas.civil_affairs, role=Role.ITEM_MANAGER)
    version = dibao_create(actor=personas.wu_gang, agency=personas.civil_affairs)
    version_submit(actor=personas.wu_gang, version=version)
    with pytest.raises(PermissionDenied, match="本人编制"):
        version_approve(actor=personas.wu_gang, version=version)
    assert ItemVersion.objects.get(pk=version.pk).status == VersionStatus.REVIEW
    assert (_last_event().action, _last_event().outcome) == ("item_version.approve", Outcome.DENIED)


def test_the_system_may_do_everything(personas):
    version = item_create(
        actor=None,
        agency=personas.civil_affairs,
        basic_code=DIBAO_BASIC_CODE,
        use_level=UseLevel.COUNTY,
        data=dibao_data(),
    )
    version_submit(actor=None, version=version)
    version_approve(actor=None, version=version)
    version_publish(actor=None, version=version)
    assert ItemVersion.objects.get(pk=version.pk).status == VersionStatus.PUBLISHED
    assert _last_event().actor_label == "system"


# --- real concurrency (PostgreSQL) -------------------------------------------------------------


def _race(*calls) -> list[str]:
    """Run ``calls`` at the same moment on separate connections; return "ok" / the refusal message."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call) -> None:
        try:
            barrier.wait()
            call()
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(exc.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


needs_postgresql = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="needs concurrent transactions on separate connections (PostgreSQL)",
)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submits_make_one_transition(personas):
    AuditChainHead.objects.get_or_create(pk=1)  # a transactional test starts from emptied tables
    for attempt in range(3):
        version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs, basic_code=f"00020500100{attempt}")

        def submit(pk: int = version.pk) -> None:
            version_submit(actor=personas.sun_li, version=ItemVersion.objects.get(pk=pk))

        outcomes = _race(submit, submit)
        assert outcomes == ["ok", "该版本已提交审核，请勿重复操作。"]
        assert VersionTransition.objects.filter(version=version, to_status=VersionStatus.REVIEW).count() == 1


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_revisions_make_one_draft(personas):
    AuditChainHead.objects.get_or_create(pk=1)
    v1 = published_dibao(personas)
    outcomes = _race(
        lambda: item_revise(actor=personas.sun_li, item=ServiceItem.objects.get(pk=v1.item_id)),
        lambda: item_revise(actor=personas.sun_li, item=ServiceItem.objects.get(pk=v1.item_id)),
    )
    assert outcomes[0] == "ok" and "正在办理的第2版" in outcomes[1]
    assert ItemVersion.objects.filter(item_id=v1.item_id).count() == 2
