"""The 办事指南 consistency rules (STANDARDS.md §1): each fails on a bad guide and passes on a good one."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zwfw.catalog.choices import CaseType, HandlingForm, OnlineDepth, ReviewKind
from zwfw.catalog.models import ItemFee, ItemVersion, MaterialRequirement, ProcessStep
from zwfw.catalog.services.item import CHILDREN, VERSION_FIELDS, version_update
from zwfw.catalog.validation import CONSISTENCY_RULES, RULES, Guide, guide_problems, version_check
from zwfw.org.models import Agency

from .builders import DIBAO_FORM, dibao_create, dibao_data

WINDOW_LESS_PLACE = "景泰县政务服务中心一楼"


def _guide(*, window_count: int = 0, region_count: int = 0, **overrides) -> Guide:
    """An unsaved guide built from the 低保 data with ``overrides`` (lists included)."""
    data = dibao_data(**overrides)
    scalars = {k: v for k, v in data.items() if k in VERSION_FIELDS}
    version = ItemVersion(**scalars)
    return Guide(
        version=version,
        materials=[MaterialRequirement(order=i, **m) for i, m in enumerate(data["materials"], 1)],
        fees=[ItemFee(order=i, **f) for i, f in enumerate(data["fees"], 1)],
        steps=[ProcessStep(order=i, **s) for i, s in enumerate(data["steps"], 1)],
        window_count=window_count,
        region_count=region_count,
    )


def _steps(**changes_by_order) -> list[dict]:
    """The builder's four steps with ``changes_by_order`` (``s2={...}``) applied to some of them."""
    steps = dibao_data()["steps"]
    for key, changes in changes_by_order.items():
        steps[int(key[1:]) - 1].update(changes)
    return steps


CLOSED = Agency(name="景泰县旧机构", slug="old", is_active=False)
JOINT = [
    {"name": "受理", "time_limit_days": 1, "kind": "accept"},
    {"name": "审核", "time_limit_days": 8, "kind": "examine", "parallel_group": 1},
    {"name": "会审", "time_limit_days": 6, "kind": "examine", "parallel_group": 1},
    {"name": "审批", "time_limit_days": 5, "kind": "decide"},
    {"name": "送达", "time_limit_days": 1, "kind": "deliver"},
]


FEE = {"name": "工本费", "standard": "10元/证", "legal_basis": "甘发改收费〔2020〕1号"}
IMMEDIATE = {
    "promised_limit_days": 0,
    "case_type": CaseType.IMMEDIATE,
    "review_kind": ReviewKind.IMMEDIATE,
    "steps": [
        {"name": "受理", "time_limit_days": 0, "kind": "accept"},
        {"name": "审查", "time_limit_days": 0, "kind": "examine"},
        {"name": "办结", "time_limit_days": 0, "kind": "decide"},
        {"name": "送达", "time_limit_days": 0, "kind": "deliver"},
    ],
}
FULLY_ONLINE = {"online_depth": OnlineDepth.FULLY_ONLINE, "visits_required": 0, "visits_reason": ""}

#: rule code → (overrides that break it, the field it points at, overrides that satisfy it)
CASES = {
    "required_fields": ({"legal_basis": " ", "result_name": ""}, "legal_basis", {}),
    "choices_valid": ({"result_type": "stamped"}, "result_type", {}),
    "materials_present": (
        {"materials": []},
        "materials",
        {"materials": [], "conditions": "持本人身份证到窗口即可办理，无需提交材料。"},
    ),
    "steps_present": ({"steps": []}, "steps", {}),
    "phones_present_and_different": ({"complaint_phone": "0943 5521234"}, "complaint_phone", {}),
    "phones_well_formed": ({"consult_phone": "请拨打民政局电话"}, "consult_phone", {"consult_phone": "12345"}),
    "promised_within_legal": ({"promised_limit_days": 31}, "promised_limit_days", {"promised_limit_days": 30}),
    "immediate_pairs": ({"promised_limit_days": 0, "steps": []}, "case_type", IMMEDIATE),
    "service_objects_valid": ({"service_objects": []}, "service_objects", {"service_objects": ["1", "2"]}),
    "handling_forms_valid": ({"handling_forms": ["fax"]}, "handling_forms", {"handling_forms": ["post"]}),
    "fully_online_needs_no_visit": (
        {"online_depth": OnlineDepth.FULLY_ONLINE},
        "visits_required",
        FULLY_ONLINE,
    ),
    "zero_visits_needs_remote_form": (
        {"visits_required": 0, "handling_forms": [HandlingForm.WINDOW]},
        "handling_forms",
        {"visits_required": 0, "handling_forms": [HandlingForm.WINDOW, HandlingForm.POST]},
    ),
    "visits_need_reason": ({"visits_reason": ""}, "visits_reason", {"visits_required": 0, "visits_reason": ""}),
    "steps_within_promised": (
        {"promised_limit_days": 10},
        "steps",
        # A parallel stage counts once, with its longest branch: 1 + 8 + 5 + 1.
        {"promised_limit_days": 15, "steps": JOINT},
    ),
    "process_runnable": (
        {"steps": _steps(s4={"kind": "examine"})},
        "steps",
        {"steps": JOINT},
    ),
    "step_agencies_active": ({"steps": _steps(s2={"agency": CLOSED})}, "steps", {}),
    "township_steps_need_townships": (
        {"steps": _steps(s1={"at_township": True})},
        "handling_regions",
        {"steps": _steps(s1={"at_township": True}), "region_count": 3},
    ),
    "application_form_valid": (
        {"application_form": {"fields": [{"name": "x", "label": "甲", "type": "colour"}]}},
        "application_form",
        {"application_form": DIBAO_FORM},
    ),
    "free_means_no_fees": ({"fees": [FEE]}, "fees", {"fees": [FEE], "is_free": False}),
    "free_means_no_online_payment": (
        {"online_payment": True},
        "online_payment",
        {"online_payment": True, "is_free": False, "fees": [FEE]},
    ),
    "place_precise": (
        {"handling_place": WINDOW_LESS_PLACE},
        "handling_place",
        {"handling_place": "县政务服务中心203室"},
    ),
}


def test_the_builders_guide_is_consistent():
    assert guide_problems(_guide()) == {}


def test_every_rule_has_a_case_and_a_description():
    assert set(CASES) == {r.code for r in RULES}
    assert len(CONSISTENCY_RULES) == len(RULES) and all(str(d) for _, d in CONSISTENCY_RULES)


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_rule_fails_on_a_bad_guide_and_passes_on_a_good_one(code):
    bad, field, good = CASES[code]
    rule = next(r for r in RULES if r.code == code)
    problems = list(rule.check(_guide(**bad)))
    good = dict(good)
    counts = {"region_count": good.pop("region_count", 0)}
    assert problems and problems[0][0] == field
    assert all(message for _, message in problems)
    assert list(rule.check(_guide(**good, **counts))) == []
    assert guide_problems(_guide(**good, **counts)) == {}


def test_review_kind_pairs_with_immediate_too():
    problems = guide_problems(_guide(**{**IMMEDIATE, "review_kind": ReviewKind.EXAMINE_THEN_APPROVE}))
    assert problems == {"review_kind": ["承诺时限为即办（0个工作日）时，审查类型必须是即审即办。"]}
    problems = guide_problems(_guide(case_type=CaseType.IMMEDIATE))
    assert set(problems) == {"case_type"}


def test_fully_online_needs_the_online_form():
    problems = guide_problems(_guide(**FULLY_ONLINE, handling_forms=[HandlingForm.POST]))
    assert problems == {"handling_forms": ["网上办理深度为全程网办（Ⅳ级）时，办理形式必须包含网上办理。"]}


def test_a_paid_item_must_list_its_fees():
    assert set(guide_problems(_guide(is_free=False))) == {"fees"}


def test_a_linked_window_makes_the_place_precise():
    assert guide_problems(_guide(handling_place=WINDOW_LESS_PLACE, window_count=1)) == {}


@pytest.mark.parametrize(
    "phone", ["0943-5520000", "09435520000", "12345", "13800000000", "0943-5520000-801", "0943-12366"]
)
def test_phone_numbers_that_look_right_pass(phone):
    assert guide_problems(_guide(consult_phone=phone, complaint_phone="12345" if phone != "12345" else "12315")) == {}


@pytest.mark.parametrize("phone", ["5520000", "abc", "0943-55", "23800000000"])
def test_phone_numbers_that_look_wrong_fail(phone):
    assert "consult_phone" in guide_problems(_guide(consult_phone=phone))


@pytest.mark.django_db
def test_several_problems_are_reported_together_on_a_stored_version(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    version_check(version)  # the builder's guide passes
    version_update(
        actor=personas.sun_li,
        version=version,
        data={
            "complaint_phone": "0943-5521234",
            "promised_limit_days": 10,
            "handling_place": WINDOW_LESS_PLACE,
            "materials": [],
        },
    )
    with pytest.raises(ValidationError) as exc:
        version_check(version)
    assert exc.value.message_dict == {
        "complaint_phone": ["监督投诉电话不能与咨询电话相同。"],
        "steps": ["各办理环节时限之和（15个工作日）超过承诺办结时限（10个工作日）。"],
        "handling_place": ["办理地点须精确到窗口或房间（例如“县政务服务中心一楼12号窗口”），或关联办理窗口。"],
        "materials": ["请至少列出一项申请材料；确实无需材料的，请在受理条件中写明“无需提交材料”。"],
    }


# --- robustness: whatever the values, only ValidationError ---------------------------------------

_anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.text(max_size=30),
    st.lists(st.one_of(st.text(max_size=5), st.integers(), st.none()), max_size=4),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
_field_values = st.fixed_dictionaries(
    {}, optional={name: _anything for name in VERSION_FIELDS if name != "result_sample"}
)
_step_limits = st.lists(st.one_of(st.integers(min_value=0, max_value=500), st.none()), max_size=4)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=_field_values, step_limits=_step_limits, fee_count=st.integers(0, 2), window_count=st.integers(0, 2))
def test_version_check_never_raises_anything_but_validation_error(values, step_limits, fee_count, window_count):
    version = ItemVersion(**values)
    guide = Guide(
        version=version,
        steps=[ProcessStep(order=i, name="环节", time_limit_days=d) for i, d in enumerate(step_limits, 1)],
        fees=[ItemFee(order=i, name="费") for i in range(1, fee_count + 1)],
        window_count=window_count,
    )
    problems = guide_problems(guide)
    assert all(isinstance(k, str) and all(isinstance(m, str) for m in v) for k, v in problems.items())
    # The unsaved version has no lists, so the check always finds at least the missing steps.
    with pytest.raises(ValidationError) as exc:
        version_check(version)
    assert "steps" in exc.value.message_dict


def test_children_keys_are_the_guide_lists():
    assert set(CHILDREN) == {"materials", "fees", "steps", "faqs"}
