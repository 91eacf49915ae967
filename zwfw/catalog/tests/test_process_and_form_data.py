"""The demonstration catalogue's processes and forms: the SCENARIOS.md story items are there, realistic,
and load through the services with their joint stages, 就近 township steps, forms and material rules."""

from __future__ import annotations

import copy
from io import StringIO

import pytest
from django.core.management import call_command

from zwfw.catalog.data.classifications import LIFE_EVENTS, THEMES
from zwfw.catalog.data.jingtai_items import ITEMS, TOWNSHIPS
from zwfw.catalog.models import ItemVersion, ServiceItem
from zwfw.core.dynforms import form_values_clean, materials_required
from zwfw.demo.catalog import catalog_seed

BY_NAME = {entry["data"]["name"]: entry for entry in ITEMS}

#: The story items (SCENARIOS.md stories 1–4) and the agency that runs each.
STORY_ITEMS = {
    "个体工商户设立登记": "scjgj",
    "食品经营许可": "scjgj",
    "残疾人证办理": "mzj",
    "道路货物运输经营许可": "jtj",
    "最低生活保障审批": "mzj",
}


def _fields(name: str) -> dict[str, dict]:
    return {f["name"]: f for f in BY_NAME[name]["data"]["application_form"]["fields"]}


@pytest.mark.parametrize(("name", "agency"), STORY_ITEMS.items())
def test_each_story_item_has_its_own_form_with_a_condition_and_a_material_rule(name, agency):
    entry = BY_NAME[name]
    assert entry["agency"] == agency
    form = entry["data"]["application_form"]
    assert any("show_if" in f for f in form["fields"]), "at least one conditional field"
    assert form["materials"], "at least one material rule"
    assert "purpose" not in _fields(name), "not the generic form"
    kinds = [s["kind"] for s in entry["data"]["steps"]]
    assert kinds[0] == "accept" and kinds[-1] == "deliver" and kinds.count("decide") == 1


def test_the_food_permit_is_a_joint_approval_of_two_agencies_all_must_agree():
    steps = BY_NAME["食品经营许可"]["data"]["steps"]
    joint = [s for s in steps if s.get("parallel_group") == 1]
    assert len(joint) == 2 and {s.get("agency", "scjgj") for s in joint} == {"scjgj", "wjj"}
    assert {s["join_rule"] for s in joint} == {"all"}
    assert {s["kind"] for s in joint} == {"examine"}


def test_the_disability_card_is_taken_in_and_handed_over_at_the_township():
    data = BY_NAME["残疾人证办理"]["data"]
    steps = data["steps"]
    assert steps[0]["kind"] == "accept" and steps[0]["at_township"] is True
    assert steps[-1]["kind"] == "deliver" and steps[-1]["at_township"] is True
    assert not any(s.get("at_township") for s in steps[1:-1])  # the county examines and decides
    assert TOWNSHIPS["luyang"][0] in data["handling_regions"]


def test_the_road_freight_permit_asks_for_vehicle_documents_and_fits_story_4():
    data = BY_NAME["道路货物运输经营许可"]["data"]
    names = [m["name"] for m in data["materials"]]
    assert "机动车行驶证" in names and "车辆技术等级评定或综合性能检测报告" in names
    assert any("保险" in n for n in names) and any("卫星定位" in n for n in names)
    assert data["promised_limit_days"] == 10 and data["legal_limit_days"] == 20
    assert "检测时间不计入" in data["special_procedures"]
    fields = _fields("道路货物运输经营许可")
    assert fields["unit_uscc"]["prefill"] == "organisation.uscc"  # 赵敏 applies for the co-operative
    assert fields["vehicle_count"]["type"] == "integer" and fields["vehicle_plates"]["type"] == "textarea"


def test_search_keywords_for_the_noodle_shop():
    for name in ("个体工商户设立登记", "食品经营许可"):
        keywords = BY_NAME[name]["data"]["keywords"].split()
        assert "开饭馆" in keywords and "餐饮" in keywords


@pytest.mark.parametrize("entry", ITEMS, ids=lambda e: e["data"]["name"])
def test_every_generic_form_makes_an_agents_letter_required_only_for_an_agent(entry):
    form = entry["data"]["application_form"]
    if "by_agent" not in {f["name"] for f in form["fields"]}:
        return

    class Row:
        def __init__(self, order: int, material: dict) -> None:
            self.order, self.is_required, self.name = order, material["is_required"], material["name"]

    rows = [Row(i, m) for i, m in enumerate(entry["data"]["materials"], 1)]
    alone = {r.name for r, _ in materials_required(form, {"by_agent": False}, rows)}
    helped = {r.name for r, required in materials_required(form, {"by_agent": True}, rows) if required}
    letters = {m["name"] for m in entry["data"]["materials"] if "委托" in m["name"] and not m["is_required"]}
    assert letters <= helped and not letters & alone


def test_the_noodle_shop_form_accepts_wang_jianjuns_answers():
    form = BY_NAME["个体工商户设立登记"]["data"]["application_form"]
    values, errors = form_values_clean(
        form,
        {
            "operator_name": "王建军",
            "use_name": "on",
            "shop_name": "景泰县王记牛肉面馆",
            "composition": "personal",
            "business_address": "景泰县一条山镇兴泉路12号",
            "premises": "rent",
            "business_scope": ["catering"],
            "employees": "3",
            "capital": "5",
            "contact_phone": "13909430001",
        },
    )
    assert errors == {}
    assert values["shop_name"] == "景泰县王记牛肉面馆" and "family_members" not in values


@pytest.mark.django_db
def test_the_story_items_load_through_the_services_with_their_processes_and_forms():
    call_command("seed_jingtai", "--no-catalog", "--no-demo-users", stdout=StringIO())
    tally = catalog_seed(items=[BY_NAME[name] for name in STORY_ITEMS], themes=THEMES, life_events=LIFE_EVENTS)
    assert tally["item_created"] == len(STORY_ITEMS)
    for name in STORY_ITEMS:
        version = ItemVersion.objects.get(name=name)
        assert version.item.published_version_id == version.pk
        assert version.application_form == BY_NAME[name]["data"]["application_form"]
    food = ItemVersion.objects.get(name="食品经营许可")
    joint = food.steps.filter(parallel_group=1).select_related("agency")
    assert {(s.agency.slug if s.agency else "scjgj") for s in joint} == {"scjgj", "wjj"}
    assert {s.role for s in joint} == {"examiner"}
    card = ItemVersion.objects.get(name="残疾人证办理")
    assert list(card.steps.values_list("kind", "role", "at_township")) == [
        ("accept", "window_clerk", True),
        ("examine", "examiner", False),
        ("decide", "decider", False),
        ("deliver", "window_clerk", True),
    ]
    freight = ServiceItem.objects.get(published_version__name="道路货物运输经营许可")
    assert freight.agency.slug == "jtj"


@pytest.mark.django_db
def test_a_database_seeded_before_forms_gets_them_once_as_a_published_revision():
    call_command("seed_jingtai", "--no-catalog", "--no-demo-users", stdout=StringIO())
    new = BY_NAME["食品经营许可"]
    old = copy.deepcopy(new)
    old["data"]["application_form"] = {}
    old["data"]["steps"] = [
        {k: v for k, v in s.items() if k in ("name", "handler", "time_limit_days", "description")}
        for s in new["data"]["steps"]
        if s.get("agency") != "wjj"
    ]
    old["data"]["materials"] = new["data"]["materials"][:5]
    catalog_seed(items=[old], themes=THEMES, life_events=LIFE_EVENTS)
    assert catalog_seed(items=[new], themes=[], life_events=[])["item_upgraded"] == 1
    item = ServiceItem.objects.get(published_version__name="食品经营许可")
    published = item.published_version
    assert published.number == 2 and published.application_form == new["data"]["application_form"]
    assert published.steps.filter(parallel_group=1).count() == 2 and published.materials.count() == 7
    assert catalog_seed(items=[new], themes=[], life_events=[])["item_unchanged"] == 1
