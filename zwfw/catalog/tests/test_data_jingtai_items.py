"""The demonstration catalogue (zwfw/catalog/data) is complete, well-coded and passes the 办事指南 rules.

The consistency rules of STANDARDS.md §1 are checked here on the plain data, independently of the
rule engine, so that the demonstration data never fails a submission for review.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from zwfw.catalog import choices
from zwfw.catalog.data.classifications import LIFE_EVENTS, THEMES
from zwfw.catalog.data.jingtai_items import ITEMS
from zwfw.core.dynforms import form_schema_problems
from zwfw.org.choices import AgencyKind
from zwfw.org.data import jingtai
from zwfw.workflow.stages import StepSpec, process_problems, stages_plan

AGENCIES = {a.slug: a for a in jingtai.AGENCIES}
TOWNSHIP_CODES = {r.code for r in jingtai.REGIONS if len(r.code) == 9}
THEME_CODES = {t["code"] for t in THEMES}
EVENT_CODES = {e["code"] for e in LIFE_EVENTS}

GUIDE_FIELDS = {
    "name", "item_type", "agency_nature", "power_source", "service_objects", "case_type", "review_kind",
    "legal_basis", "conditions", "legal_limit_days", "legal_limit_explain", "promised_limit_days",
    "promised_limit_explain", "is_free", "handling_forms", "visits_required", "visits_reason", "online_depth",
    "online_payment", "handling_place", "handling_hours", "consult_phone", "complaint_phone",
    "special_procedures", "required_assurance_level", "result_type", "result_name", "keywords", "materials",
    "fees", "steps", "faqs", "themes", "life_events", "handling_regions", "application_form",
}  # fmt: skip


def _values(choice_class) -> set[str]:
    return {c.value for c in choice_class}


def _ids(entry) -> str:
    return entry["data"]["name"]


def test_size_and_spread():
    assert len(ITEMS) >= 80
    agencies = {i["agency"] for i in ITEMS}
    assert len(agencies) >= 15
    townships = {a for a in agencies if AGENCIES[a].kind == AgencyKind.TOWNSHIP_GOVERNMENT}
    assert len(townships) >= 3
    assert any(i["data"]["item_type"] == choices.ItemType.PUBLIC_SERVICE for i in ITEMS)


def test_names_unique():
    counts = Counter(i["data"]["name"] for i in ITEMS)
    assert [n for n, c in counts.items() if c > 1] == []


def test_basic_codes_unique_per_agency():
    pairs = Counter((i["agency"], i["basic_code"]) for i in ITEMS)
    assert [p for p, c in pairs.items() if c > 1] == []


def test_classifications_well_formed():
    for table in (THEMES, LIFE_EVENTS):
        codes = [e["code"] for e in table]
        names = [e["name"] for e in table]
        assert len(codes) == len(set(codes)) and len(names) == len(set(names))
        for entry in table:
            assert set(entry) == {"code", "name", "audience", "sort_order"}
            assert re.fullmatch(r"[a-z0-9-]+", entry["code"])
            assert entry["audience"] in _values(choices.Audience)


@pytest.mark.parametrize("entry", ITEMS, ids=_ids)
def test_item(entry):
    assert set(entry) == {"agency", "basic_code", "use_level", "data"}
    agency = AGENCIES.get(entry["agency"])
    assert agency is not None, "unknown agency slug"
    assert re.fullmatch(r"[0-9A-Z]{12}", entry["basic_code"])
    township = agency.kind == AgencyKind.TOWNSHIP_GOVERNMENT
    assert entry["use_level"] == ("5" if township else "4")

    d = entry["data"]
    assert set(d) == GUIDE_FIELDS
    # Choice fields.
    assert d["item_type"] in _values(choices.ItemType)
    assert entry["basic_code"][:2] == d["item_type"]
    assert d["agency_nature"] in _values(choices.AgencyNature)
    assert d["power_source"] in _values(choices.PowerSource)
    assert d["case_type"] in _values(choices.CaseType)
    assert d["review_kind"] in _values(choices.ReviewKind)
    assert d["online_depth"] in _values(choices.OnlineDepth)
    assert d["result_type"] in _values(choices.ResultType)
    assert d["service_objects"] and set(d["service_objects"]) <= _values(choices.ServiceObject)
    assert d["handling_forms"] and set(d["handling_forms"]) <= _values(choices.HandlingForm)
    for text in ("name", "legal_basis", "conditions", "handling_place", "handling_hours", "result_name", "keywords"):
        assert d[text].strip(), text
    assert len(d["name"]) <= 200 and len(d["keywords"]) <= 200 and len(d["result_name"]) <= 200
    assert len(d["handling_place"]) <= 300 and len(d["visits_reason"]) <= 300
    assert len(d["legal_limit_explain"]) <= 300 and len(d["promised_limit_explain"]) <= 300

    # Phones: present, different, the agency's own.
    assert d["consult_phone"] and d["complaint_phone"]
    assert d["consult_phone"] != d["complaint_phone"]
    assert (d["consult_phone"], d["complaint_phone"]) == (agency.phone, agency.complaint_phone)

    # Time limits and the 即办 pairing.
    assert 0 <= d["promised_limit_days"] <= d["legal_limit_days"]
    immediate = d["promised_limit_days"] == 0
    assert (d["case_type"] == choices.CaseType.IMMEDIATE) == immediate
    assert (d["review_kind"] == choices.ReviewKind.IMMEDIATE) == immediate
    if not immediate:
        assert d["case_type"] == choices.CaseType.PROMISED
        assert d["review_kind"] == choices.ReviewKind.EXAMINE_THEN_APPROVE

    # Visits and forms.
    if d["online_depth"] == choices.OnlineDepth.FULLY_ONLINE:
        assert d["visits_required"] == 0
        assert choices.HandlingForm.ONLINE in d["handling_forms"]
    if d["visits_required"] == 0:
        assert {choices.HandlingForm.ONLINE, choices.HandlingForm.POST} & set(d["handling_forms"])
    else:
        assert d["visits_reason"].strip()

    # Fees.
    assert d["is_free"] == (not d["fees"])
    if d["is_free"]:
        assert d["online_payment"] is False
    for fee in d["fees"]:
        assert set(fee) == {"name", "standard", "legal_basis", "exemptions"}
        assert fee["name"] and fee["standard"] and fee["legal_basis"]

    # Place precise to a window or room.
    assert re.search(r"窗口|室|房间|办公室|大厅\S*号", d["handling_place"]), d["handling_place"]

    # Guide parts.
    assert d["materials"]
    for mat in d["materials"]:
        assert set(mat) == {
            "name", "is_required", "form", "copies", "material_format", "source", "source_note",
            "acceptance_standard", "note",
        }  # fmt: skip
        assert mat["name"] and len(mat["name"]) <= 200 and mat["copies"] >= 1
        assert mat["form"] in _values(choices.MaterialForm)
        assert mat["material_format"] in _values(choices.MaterialFormat)
        assert mat["source"] in _values(choices.MaterialSource)
        assert len(mat["acceptance_standard"]) <= 300 and len(mat["note"]) <= 300 and len(mat["source_note"]) <= 200
    assert len({mat["name"] for mat in d["materials"]}) == len(d["materials"])
    assert d["steps"]
    for step in d["steps"]:
        assert {"name", "handler", "time_limit_days", "description", "kind"} <= set(step) <= {
            "name", "handler", "time_limit_days", "description", "kind", "agency", "at_township",
            "parallel_group", "join_rule",
        }  # fmt: skip
        assert step["name"] and len(step["name"]) <= 60 and step["time_limit_days"] >= 0
        assert len(step["description"]) <= 500
        assert step.get("agency", entry["agency"]) in AGENCIES
        if step.get("at_township"):
            assert d["handling_regions"], "a 就近 step needs townships"
    # A complete, runnable process whose stages (parallel ones by their longest branch) fit the promise.
    specs = [
        StepSpec(i, st["name"], st["kind"], st.get("parallel_group"), st.get("join_rule", "all"), st["time_limit_days"])
        for i, st in enumerate(d["steps"], 1)
    ]
    assert process_problems(specs) == []
    assert sum(max(st.time_limit_days for st in stage) for stage in stages_plan(specs)) <= d["promised_limit_days"]
    # An application form that passes the schema check against the item's materials.
    assert d["application_form"]["fields"]
    assert form_schema_problems(d["application_form"], material_orders=range(1, len(d["materials"]) + 1)) == []
    assert 1 <= len(d["faqs"]) <= 3
    for faq in d["faqs"]:
        assert set(faq) == {"question", "answer"} and faq["question"] and faq["answer"]

    # Classifications and regions.
    assert d["themes"] and set(d["themes"]) <= THEME_CODES
    assert set(d["life_events"]) <= EVENT_CODES
    assert set(d["handling_regions"]) <= TOWNSHIP_CODES
    if township:
        assert agency.region in d["handling_regions"]


def test_required_items_present():
    names = {i["data"]["name"] for i in ITEMS}
    needed = [
        "个体工商户设立登记", "食品经营许可", "企业注销登记", "结婚登记（内地居民）", "离婚登记（内地居民）",
        "最低生活保障审批", "临时救助审批", "建设工程规划许可证核发", "道路货物运输经营许可", "残疾人证办理",
        "二级及以下医疗机构设置审批", "农村宅基地审批", "生育登记", "社会保障卡申领", "城乡居民养老保险参保登记",
        "建筑工程施工许可证核发", "烟花爆竹经营（零售）许可", "营业性演出审批", "医师执业注册",
    ]  # fmt: skip
    assert [n for n in needed if n not in names] == []
    assert any(n.startswith("居民身份证申领") for n in names) and any(n.startswith("户口迁移") for n in names)
    assert any(n.startswith("不动产登记") for n in names) and any(n.startswith("排污许可") for n in names)
    assert any(n.startswith("民办学校设立") for n in names) and any("发票" in n for n in names)


def test_subsistence_allowance_is_the_version_before_story_1():
    """SCENARIOS.md story 1 shortens the promised limit and drops one material: this is the version before."""
    (entry,) = [i for i in ITEMS if i["data"]["name"] == "最低生活保障审批"]
    data = entry["data"]
    assert entry["agency"] == "mzj" and data["promised_limit_days"] == 20
    assert any("村（居）民委员会出具" in mat["name"] for mat in data["materials"])


def test_items_with_legal_effect_require_a_higher_real_name_level():
    from zwfw.catalog.data.jingtai_items import REQUIRED_LEVELS

    by_name = {i["data"]["name"]: i["data"]["required_assurance_level"] for i in ITEMS}
    assert set(REQUIRED_LEVELS) <= set(by_name), "a name in REQUIRED_LEVELS is not in the catalogue"
    assert set(by_name.values()) == {1, 2, 3}
    assert by_name["个体工商户设立登记"] == 2 and by_name["不动产抵押权登记"] == 3
