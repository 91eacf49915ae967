"""The demonstration cases (zwfw.demo.cases): made through the cases services on the real date, in the states
the stories need, and a second run writes nothing."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from zwfw.cases.choices import ActionCode, CaseState, Channel, DeliveryMethod, DocumentKind
from zwfw.cases.models import Application, Case, CaseAction, CaseDocument, Upload, UpProProcess
from zwfw.catalog.data.classifications import LIFE_EVENTS, THEMES
from zwfw.catalog.data.jingtai_items import ITEMS
from zwfw.core import clock
from zwfw.core.audit_chain import audit_chain_verify
from zwfw.core.models import AuditEvent
from zwfw.demo.cases import KEY_PREFIX, NOODLE_SHOP_USCC, cases_seed, cases_seed_default
from zwfw.demo.catalog import catalog_seed
from zwfw.org.uscc import uscc_validate
from zwfw.workflow.choices import PauseKind, StepKind, StepState

pytestmark = pytest.mark.django_db

STORY_ITEMS = ("个体工商户设立登记", "食品经营许可", "道路货物运输经营许可", "残疾人证办理")


@pytest.fixture
def county(settings, tmp_path, sms_limits_off):
    """The county with its demo people (through seed_jingtai) and the four story items (through the catalogue)."""
    settings.MEDIA_ROOT = tmp_path
    with override_settings(DEBUG=True):
        call_command("seed_jingtai", "--no-catalog", stdout=StringIO())
    entries = [e for e in ITEMS if e["data"]["name"] in STORY_ITEMS]
    catalog_seed(items=entries, themes=THEMES, life_events=LIFE_EVENTS)


def at(monkeypatch, moment: dt.datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(dt.UTC))


def test_the_story_cases_are_made_through_the_services_and_a_second_run_writes_nothing(
    county, monkeypatch, django_capture_on_commit_callbacks
):
    at(monkeypatch, dt.datetime(2026, 11, 27, 10, tzinfo=clock.COUNTY_TZ))  # the day this was written
    lines: list[str] = []
    with django_capture_on_commit_callbacks(execute=True):
        tally = cases_seed_default(lines.append)
    assert tally["created"] == 4, lines
    assert lines == ["演示办件：新建 4，已存在 0。"]
    by_item = {c.version.name: c for c in Case.objects.select_related("version", "applicant", "organisation")}

    licence = by_item["个体工商户设立登记"]
    assert licence.state == CaseState.DELIVERED and licence.applicant.username == "wangjianjun"
    assert licence.result_number == NOODLE_SHOP_USCC == uscc_validate(NOODLE_SHOP_USCC)
    assert licence.delivery_method == DeliveryMethod.ELECTRONIC
    assert licence.documents.filter(kind=DocumentKind.DECISION).count() == 1
    assert list(licence.actions.exclude(code=ActionCode.CLAIM).values_list("actor__username", flat=True)) == [
        "wangjianjun",
        "yangfan",
        "chenjing",
        "zhoutao",
        "yangfan",
    ]

    food = by_item["食品经营许可"]
    assert food.state == CaseState.PROCESSING
    joint = food.steps.filter(kind=StepKind.EXAMINE, state=StepState.ACTIVE).select_related("agency")
    assert {s.agency.slug for s in joint} == {"scjgj", "wjj"}  # 陈静's and 苏红's inboxes
    assert food.promised_due is not None and food.legal_due.year == 2026

    freight = by_item["道路货物运输经营许可"]
    assert freight.state == CaseState.SUPPLEMENTING and freight.organisation.name == "景泰县绿源枸杞种植专业合作社"
    pause = freight.pauses.get()
    assert pause.kind == PauseKind.SUPPLEMENT and pause.ended_at is None
    assert [i.name for i in pause.items.order_by("order")] == ["机动车行驶证", "车辆技术等级评定或综合性能检测报告"]
    assert freight.accept_due is None and freight.documents.filter(kind=DocumentKind.SUPPLEMENT_NOTICE).exists()

    card = by_item["残疾人证办理"]
    assert card.state == CaseState.SUBMITTED and card.channel == Channel.WINDOW
    assert card.centre.name == "芦阳镇便民服务中心" and card.region.name == "芦阳镇"
    accept = card.steps.get(kind=StepKind.ACCEPT)
    assert accept.state == StepState.ACTIVE and accept.agency.slug == "luyang"  # 刘洋's inbox
    assert Application.objects.get(pk=card.application_id).registered_by.username == "liuyang"
    assert all(u.owner.username == "lixiuying" for u in Upload.objects.filter(uses__application=card.application))

    # Every case has its receipt and its library rows; every upload is a PDF checked by content.
    assert CaseDocument.objects.filter(kind=DocumentKind.RECEIPT).count() == 4
    assert UpProProcess.objects.count() == CaseAction.objects.exclude(code=ActionCode.CLAIM).count()
    assert all(u.content_type == "application/pdf" for u in Upload.objects.all())
    assert Application.objects.filter(submit_key__startswith=KEY_PREFIX).count() == 4

    def counts() -> tuple[int, ...]:
        return tuple(m.objects.count() for m in (Case, Upload, CaseAction, AuditEvent))

    before = counts()
    again: list[str] = []
    assert cases_seed_default(again.append)["unchanged"] == 4
    assert again == ["演示办件：新建 0，已存在 4。"]
    assert counts() == before
    assert audit_chain_verify().ok


def test_a_case_whose_limits_reach_a_year_without_calendar_is_skipped_not_guessed(county, monkeypatch):
    # On 2026-12-28 the food permit's 10 working days run into 2027, which the calendar does not have.
    at(monkeypatch, dt.datetime(2026, 12, 28, 10, tzinfo=clock.COUNTY_TZ))
    lines: list[str] = []
    tally = cases_seed_default(lines.append)
    assert tally["skipped_calendar"] >= 1
    assert "2027" in lines[0] and "工作日历" in lines[0]
    assert not Case.objects.filter(version__name="食品经营许可").exists()  # rolled back, nothing half-made
    assert tally["created"] + tally["skipped_calendar"] == 4


def test_without_the_demo_people_nothing_is_made(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_jingtai", "--no-catalog", "--no-demo-users", stdout=StringIO())
    assert cases_seed()["skipped_people"] == 4
    assert not Case.objects.exists()
