"""The county's structure: regions, agencies, service centres and windows, written through services."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zwfw.core.choices import Outcome
from zwfw.core.models import AuditEvent
from zwfw.org.choices import AgencyKind, CentreKind, RegionLevel, TownshipKind
from zwfw.org.models import Agency, Region, ServiceCentre, Window
from zwfw.org.services.agency import agency_create, agency_update
from zwfw.org.services.centre import centre_create, centre_update, window_create, window_update
from zwfw.org.services.region import region_upsert
from zwfw.org.tests.factories import AgencyFactory, RegionFactory, jingtai_county
from zwfw.org.uscc import uscc_make

pytestmark = pytest.mark.django_db

VALID_USCC = uscc_make(registry="1", category="1", region="620423", serial=1399001)


def _last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-id").first()


def _agency(**overrides):
    fields = {
        "actor": None,
        "name": "景泰县林业和草原局",
        "short_name": "县林草局",
        "slug": "lcj",
        "kind": AgencyKind.COUNTY_DEPARTMENT,
        "uscc": VALID_USCC,
        "region": jingtai_county(),
        "address": "景泰县一条山镇人民路9号",
        "phone": "0943-5529001",
        "complaint_phone": "0943-5529009",
        "office_hours": "周一至周五 8:30—12:00，14:30—18:00",
    }
    fields.update(overrides)
    return agency_create(**fields)


# --- agencies ---------------------------------------------------------------------------------


def test_agency_create_writes_the_row_and_its_audit_event():
    agency = _agency()
    assert Agency.objects.get(slug="lcj").uscc == VALID_USCC
    event = _last_event()
    assert (event.action, event.outcome, event.object_id) == (
        "agency.create",
        Outcome.SUCCESS,
        str(agency.pk),
    )
    assert event.detail == {"slug": "lcj", "kind": AgencyKind.COUNTY_DEPARTMENT, "uscc": VALID_USCC}


def test_an_invalid_uscc_is_refused_with_a_clear_message_and_audited():
    bad = VALID_USCC[:-1] + ("0" if VALID_USCC[-1] != "0" else "1")
    with pytest.raises(ValidationError) as caught:
        _agency(uscc=bad)
    assert caught.value.messages == [f"统一社会信用代码“{bad}”无效：应为18位，由数字和大写字母组成，且校验位正确。"]
    assert not Agency.objects.filter(slug="lcj").exists()
    refusal = _last_event()
    assert (refusal.action, refusal.outcome) == ("agency.create", Outcome.DENIED)
    assert "统一社会信用代码" in refusal.detail["reason"]


def test_a_uscc_whose_organisation_code_check_fails_is_refused():
    good = uscc_make(registry="1", category="1", region="620423", serial=1399002)
    # Change the organisation code's check character and recompute the overall check digit, so
    # only the embedded GB 11714 check fails.
    from stdnum.cn import uscc as stdnum_uscc

    body = good[:16] + ("1" if good[16] != "1" else "2")
    tampered = body + stdnum_uscc.calc_check_digit(body)
    with pytest.raises(ValidationError, match="组织机构代码"):
        _agency(uscc=tampered)


def test_a_uscc_is_stored_compact():
    agency = _agency(uscc=" " + VALID_USCC.lower() + " ")
    assert agency.uscc == VALID_USCC


@pytest.mark.parametrize(
    ("field", "message"),
    [("slug", "子站标识“agency-x”已被其他机构使用"), ("name", "机构全称“景泰县重复局”已被其他机构使用")],
)
def test_duplicates_are_refused_with_a_clear_message(field, message):
    AgencyFactory(slug="agency-x", name="景泰县重复局")
    with pytest.raises(ValidationError, match=message):
        _agency(**{field: {"slug": "agency-x", "name": "景泰县重复局"}[field]})


def test_the_same_phone_for_consultation_and_complaints_is_refused():
    with pytest.raises(ValidationError, match="监督投诉电话不能与咨询电话相同"):
        _agency(complaint_phone="0943-5529001")


def test_a_township_government_must_sit_in_a_township():
    with pytest.raises(ValidationError, match="乡镇人民政府的所在区划必须是乡镇"):
        _agency(kind=AgencyKind.TOWNSHIP_GOVERNMENT)
    with pytest.raises(ValidationError, match="县级机构的所在区划不能是乡镇"):
        _agency(region=RegionFactory())


def test_only_the_system_or_a_structure_manager_may_write(personas):
    with pytest.raises(PermissionDenied, match="系统管理员"):
        _agency(actor=personas.chen_jing)
    refusal = _last_event()
    assert (refusal.action, refusal.outcome, refusal.actor_label) == (
        "agency.create",
        Outcome.DENIED,
        "chenjing",
    )
    with pytest.raises(PermissionDenied):
        agency_update(actor=personas.ma_qiang, agency=personas.market, data={"phone": "0943-1"})


def test_agency_update_changes_what_differs_and_audits_the_change():
    agency = _agency()
    changed = agency_update(actor=None, agency=agency, data={"phone": "0943-5529002", "short_name": "县林草局"})
    assert changed == ["phone"]
    assert Agency.objects.get(pk=agency.pk).phone == "0943-5529002" and agency.phone == "0943-5529002"
    event = _last_event()
    assert event.action == "agency.update" and event.detail == {"changes": {"phone": ["0943-5529001", "0943-5529002"]}}


def test_agency_update_with_nothing_different_writes_nothing():
    agency = _agency()
    count, stamp = AuditEvent.objects.count(), Agency.objects.get(pk=agency.pk).updated_at
    assert agency_update(actor=None, agency=agency, data={"phone": agency.phone, "region": agency.region}) == []
    assert agency_update(actor=None, agency=agency, data={"uscc": VALID_USCC.lower()}) == []
    assert AuditEvent.objects.count() == count
    assert Agency.objects.get(pk=agency.pk).updated_at == stamp


def test_agency_update_refuses_an_invalid_uscc_and_keeps_the_old_one():
    agency = _agency()
    with pytest.raises(ValidationError, match="统一社会信用代码"):
        agency_update(actor=None, agency=agency, data={"uscc": "123"})
    assert Agency.objects.get(pk=agency.pk).uscc == VALID_USCC
    assert _last_event().outcome == Outcome.DENIED


# --- regions ----------------------------------------------------------------------------------


def test_region_upsert_creates_updates_and_leaves_alone():
    county = jingtai_county()
    region, outcome = region_upsert(
        actor=None,
        code="620423101",
        name="芦阳镇",
        level=RegionLevel.TOWNSHIP,
        parent=county,
        township_kind=TownshipKind.TOWN,
        slug="luyang",
    )
    assert outcome == "created" and _last_event().action == "region.create"
    count = AuditEvent.objects.count()
    same = dict(code="620423101", level=RegionLevel.TOWNSHIP, parent=county, township_kind=TownshipKind.TOWN)
    assert region_upsert(actor=None, name="芦阳镇", slug="luyang", **same)[1] == "unchanged"
    assert AuditEvent.objects.count() == count
    assert region_upsert(actor=None, name="芦阳镇", slug="luyang", sort_order=2, **same)[1] == "updated"
    assert _last_event().detail == {"changes": {"sort_order": [0, 2]}}
    assert Region.objects.get(code="620423101").sort_order == 2


@pytest.mark.parametrize(
    ("code", "level", "kind", "message"),
    [
        ("62042", RegionLevel.TOWNSHIP, TownshipKind.TOWN, "格式错误"),
        ("620422100", RegionLevel.TOWNSHIP, TownshipKind.TOWN, "不在上级区划"),
        ("620423100", RegionLevel.COUNTY, "", "与级别"),
        ("620423100", RegionLevel.TOWNSHIP, "", "须注明是“镇”还是“乡”"),
    ],
)
def test_region_upsert_refuses_inconsistent_codes(code, level, kind, message):
    county = jingtai_county()
    with pytest.raises(ValidationError, match=message):
        region_upsert(actor=None, code=code, name="某乡", level=level, parent=county, township_kind=kind)
    assert _last_event().outcome == Outcome.DENIED


# --- centres and windows ----------------------------------------------------------------------


def test_centre_and_window_services_write_and_audit(personas):
    county = jingtai_county()
    centre = centre_create(
        actor=None,
        name="景泰县政务服务中心",
        kind=CentreKind.COUNTY,
        region=county,
        agency=personas.county_office,
        address="景泰县一条山镇兴泉路88号",
        phone="0943-5520345",
        office_hours="周一至周五",
    )
    assert _last_event().action == "centre.create"
    window = window_create(actor=None, centre=centre, number="05", name="市场监管窗口", agencies=[personas.market])
    event = _last_event()
    assert event.action == "window.create" and event.detail["agencies"] == ["scjgj"]
    assert list(window.agencies.all()) == [personas.market]

    assert centre_update(actor=None, centre=centre, data={"phone": "0943-5520346"}) == ["phone"]
    assert _last_event().action == "centre.update"
    assert window_update(actor=None, window=window, data={}, agencies=[personas.market, personas.civil_affairs]) == [
        "agencies"
    ]
    assert _last_event().detail["changes"]["agencies"] == [["scjgj"], ["mzj", "scjgj"]]

    count = AuditEvent.objects.count()
    stamps = (ServiceCentre.objects.get().updated_at, Window.objects.get().updated_at)
    assert centre_update(actor=None, centre=centre, data={"phone": "0943-5520346"}) == []
    assert (
        window_update(
            actor=None,
            window=window,
            data={"name": "市场监管窗口"},
            agencies=[personas.civil_affairs, personas.market],
        )
        == []
    )
    assert AuditEvent.objects.count() == count
    assert (ServiceCentre.objects.get().updated_at, Window.objects.get().updated_at) == stamps


def test_window_refusals(personas):
    county = jingtai_county()
    centre = centre_create(
        actor=None,
        name="县大厅",
        kind=CentreKind.COUNTY,
        region=county,
        agency=personas.county_office,
        address="一条山镇",
        phone="0943-5520345",
        office_hours="工作日",
    )
    window_create(actor=None, centre=centre, number="01", name="综合受理窗口", agencies=[personas.market])
    with pytest.raises(ValidationError, match="已有01号窗口"):
        window_create(actor=None, centre=centre, number="01", name="综合受理窗口", agencies=[personas.market])
    with pytest.raises(ValidationError, match="至少指定一个进驻机构"):
        window_create(actor=None, centre=centre, number="02", name="空窗口", agencies=[])
    with pytest.raises(ValidationError, match="窗口号“0 2”格式错误"):
        window_create(actor=None, centre=centre, number="0 2", name="窗口", agencies=[personas.market])
    with pytest.raises(PermissionDenied):
        window_create(actor=personas.liu_yang, centre=centre, number="03", name="窗口", agencies=[personas.market])
    assert Window.objects.count() == 1
    assert AuditEvent.objects.filter(action="window.create", outcome=Outcome.DENIED).count() == 4


def test_a_township_centre_must_sit_in_a_township(personas):
    with pytest.raises(ValidationError, match="乡镇便民服务中心的所在区划应为乡级区划"):
        centre_create(
            actor=None,
            name="芦阳镇便民服务中心",
            kind=CentreKind.TOWNSHIP,
            region=jingtai_county(),
            agency=personas.luyang,
            address="芦阳镇",
            phone="0943-5612020",
            office_hours="工作日",
        )
