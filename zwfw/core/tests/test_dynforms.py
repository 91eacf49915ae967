"""The form engine (zwfw.core.dynforms): schema check, Django form, server-side cleaning, conditions, materials."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict
from stdnum.cn import uscc as stdnum_uscc

from zwfw.core import dynforms
from zwfw.core.dynforms import (
    form_class,
    form_schema_problems,
    form_values_clean,
    form_values_display,
    form_visible_fields,
    materials_required,
    prefill_values,
)

VALID_ID = "11010519491231002X"
VALID_USCC = "91620423MA01C8LE3Q"  # passes org's full GB 32100 check (registered in OrgConfig.ready)

SHOP = {
    "fields": [
        {
            "name": "shop_name",
            "label": "店铺名称",
            "type": "text",
            "required": True,
            "max_length": 20,
            "help": "与招牌一致",
            "prefill": "organisation.name",
        },
        {
            "name": "business_type",
            "label": "经营类别",
            "type": "choice",
            "required": True,
            "options": [["catering", "餐饮服务"], ["retail", "食品销售"]],
        },
        {
            "name": "seats",
            "label": "就餐座位数",
            "type": "integer",
            "min": 0,
            "max": 2000,
            "required": True,
            "show_if": {"field": "business_type", "equals": "catering"},
        },
        {"name": "has_employees", "label": "是否雇工", "type": "boolean"},
        {
            "name": "employees",
            "label": "雇工人数",
            "type": "integer",
            "min": 1,
            "required": True,
            "show_if": {"field": "has_employees", "equals": True},
        },
        {"name": "capital", "label": "资金数额（万元）", "type": "decimal", "min": 0},
        {"name": "opening", "label": "开业日期", "type": "date", "min": "2026-01-01"},
        {
            "name": "scope",
            "label": "经营范围",
            "type": "multichoice",
            "options": [["hot", "热食类"], ["cold", "冷食类"], ["drink", "自制饮品"]],
        },
        {
            "name": "cold_room",
            "label": "冷食专间面积",
            "type": "decimal",
            "show_if": {"field": "scope", "in": ["cold"]},
        },
        {"name": "contact_mobile", "label": "联系电话", "type": "mobile", "required": True},
        {"name": "operator_id", "label": "经营者身份证号", "type": "id_number"},
        {"name": "licence_uscc", "label": "统一社会信用代码", "type": "uscc"},
        {"name": "email", "label": "电子邮箱", "type": "email"},
        {"name": "note", "label": "其他说明", "type": "textarea"},
        {"name": "promise", "label": "本人承诺所填内容真实", "type": "boolean", "required": True},
    ],
    "materials": [{"order": 3, "required_if": {"field": "business_type", "equals": "catering"}}],
}


def good_data(**changes):
    data = {
        "shop_name": " 王记牛肉面 ",
        "business_type": "catering",
        "seats": "30",
        "contact_mobile": "138 0000 1111",
        "promise": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# --- the schema check ------------------------------------------------------------------------------


def test_the_example_schema_and_an_empty_one_are_fine():
    assert form_schema_problems(SHOP, material_orders=[1, 2, 3]) == []
    assert form_schema_problems({}) == []
    assert form_schema_problems({"fields": []}) == []


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ("text", "格式不正确"),
        ({"fields": {}}, "必须是一个列表"),
        ({"extra": 1}, "不认识的项"),
        ({"fields": [{"name": "a", "label": "甲", "type": "colour"}]}, "类型“colour”不认识"),
        (
            {"fields": [{"name": "a", "label": "甲", "type": "text"}, {"name": "a", "label": "乙", "type": "text"}]},
            "字段名“a”重复了",
        ),
        ({"fields": [{"name": "Shop Name", "label": "甲", "type": "text"}]}, "字段名不正确"),
        ({"fields": [{"name": "1a", "label": "甲", "type": "text"}]}, "字段名不正确"),
        ({"fields": [{"name": "a", "label": " ", "type": "text"}]}, "没有填写显示名称"),
        ({"fields": [{"name": "a", "label": "甲", "type": "choice"}]}, "必须列出选项"),
        (
            {"fields": [{"name": "a", "label": "甲", "type": "choice", "options": [["x", "X"], ["x", "Y"]]}]},
            "选项“x”重复了",
        ),
        ({"fields": [{"name": "a", "label": "甲", "type": "choice", "options": ["x"]}]}, "两项文字"),
        ({"fields": [{"name": "a", "label": "甲", "type": "text", "options": [["x", "X"]]}]}, "不能有选项"),
        ({"fields": [{"name": "a", "label": "甲", "type": "text", "max_length": 0}]}, "最大长度"),
        ({"fields": [{"name": "a", "label": "甲", "type": "integer", "max_length": 5}]}, "只有文字字段"),
        ({"fields": [{"name": "a", "label": "甲", "type": "integer", "min": "x"}]}, "必须是数字"),
        ({"fields": [{"name": "a", "label": "甲", "type": "integer", "min": 1.5}]}, "必须是数字"),
        ({"fields": [{"name": "a", "label": "甲", "type": "integer", "min": 5, "max": 1}]}, "最小值大于最大值"),
        ({"fields": [{"name": "a", "label": "甲", "type": "date", "min": "2026/1/1"}]}, "YYYY-MM-DD"),
        ({"fields": [{"name": "a", "label": "甲", "type": "text", "min": 1}]}, "只有数字和日期字段"),
        ({"fields": [{"name": "a", "label": "甲", "type": "text", "prefill": "applicant.salary"}]}, "预填来源"),
        ({"fields": [{"name": "a", "label": "甲", "type": "integer", "prefill": "applicant.name"}]}, "不能从账号预填"),
        ({"fields": [{"name": "a", "label": "甲", "type": "text", "required": "yes"}]}, "必填"),
        ({"fields": [{"name": "a", "label": "甲", "type": "text", "colour": "red"}]}, "不认识的项：colour"),
        (
            {"fields": [{"name": "a", "label": "甲", "type": "text", "show_if": {"field": "b", "equals": "1"}}]},
            "“b”不存在",
        ),
        (
            {
                "fields": [
                    {"name": "a", "label": "甲", "type": "text", "show_if": {"field": "b", "equals": "1"}},
                    {"name": "b", "label": "乙", "type": "text"},
                ]
            },
            "必须排在它前面",
        ),
        (
            {"fields": [{"name": "a", "label": "甲", "type": "text", "show_if": {"field": "a", "equals": "1"}}]},
            "不能依据它自己",
        ),
        (
            {
                "fields": [
                    {"name": "b", "label": "乙", "type": "text"},
                    {"name": "a", "label": "甲", "type": "text", "show_if": {"field": "b"}},
                ]
            },
            "只能写",
        ),
        (
            {
                "fields": [
                    {"name": "b", "label": "乙", "type": "text"},
                    {"name": "a", "label": "甲", "type": "text", "show_if": {"field": "b", "in": []}},
                ]
            },
            "至少一个取值",
        ),
        (
            {
                "fields": [
                    {"name": "b", "label": "乙", "type": "choice", "options": [["x", "X"]]},
                    {"name": "a", "label": "甲", "type": "text", "show_if": {"field": "b", "equals": "y"}},
                ]
            },
            "不是字段“b”的选项",
        ),
        (
            {
                "fields": [
                    {"name": "b", "label": "乙", "type": "boolean"},
                    {"name": "a", "label": "甲", "type": "text", "show_if": {"field": "b", "equals": "是"}},
                ]
            },
            "勾选项",
        ),
        ({"fields": [{"name": "a", "label": "甲", "type": "text", "show_if": "b=1"}]}, "条件格式不正确"),
        ({"fields": [], "materials": [{"required_if": {"field": "a", "equals": "1"}}]}, "材料序号"),
        (
            {
                "fields": [{"name": "a", "label": "甲", "type": "text"}],
                "materials": [{"order": 9, "required_if": {"field": "a", "equals": "1"}}],
            },
            "第9号材料不存在",
        ),
        (
            {
                "fields": [{"name": "a", "label": "甲", "type": "text"}],
                "materials": [
                    {"order": 1, "required_if": {"field": "a", "equals": "1"}},
                    {"order": 1, "required_if": {"field": "a", "equals": "2"}},
                ],
            },
            "重复了",
        ),
        ({"fields": [], "materials": [{"order": 1, "required_if": {"field": "zz", "equals": "1"}}]}, "“zz”不存在"),
    ],
)
def test_schema_problems_are_named_in_chinese(schema, expected):
    problems = form_schema_problems(schema, material_orders=[1, 2])
    assert problems, schema
    assert any(expected in p for p in problems), problems


def test_every_problem_at_once():
    schema = {"fields": [{"name": "A", "label": "", "type": "x"}, {"name": "b", "label": "乙", "type": "choice"}]}
    assert len(form_schema_problems(schema)) >= 4


def test_material_orders_are_checked_only_when_given():
    schema = {
        "fields": [{"name": "a", "label": "甲", "type": "text"}],
        "materials": [{"order": 7, "required_if": {"field": "a", "equals": "1"}}],
    }
    assert form_schema_problems(schema) == []
    assert form_schema_problems(schema, material_orders=()) != []


# --- the Django form -------------------------------------------------------------------------------


def test_form_class_fields_labels_help_and_widgets():
    form = form_class(SHOP, prefill={"shop_name": "王记"})()
    assert list(form.fields) == [f["name"] for f in SHOP["fields"]]
    assert form.fields["shop_name"].label == "店铺名称"
    assert form.fields["shop_name"].initial == "王记"
    assert form.fields["shop_name"].help_text == "与招牌一致"
    assert form.fields["shop_name"].required is True
    html = str(form)
    assert 'maxlength="20"' in html
    assert 'type="tel"' in html
    assert 'type="date"' in html
    # A conditional field is never HTML-required and says when it applies.
    seats = form.fields["seats"]
    assert seats.required is False
    assert "仅当“经营类别”为“餐饮服务”时填写" in seats.help_text
    assert seats.widget.attrs["data-show-if-field"] == "business_type"
    assert json.loads(seats.widget.attrs["data-show-if-values"]) == ["catering"]
    assert json.loads(form.fields["employees"].widget.attrs["data-show-if-values"]) == ["true"]
    assert "为“是”时填写" in form.fields["employees"].help_text


def test_clean_values_are_json_and_normalised():
    values, errors = form_values_clean(
        SHOP,
        good_data(
            has_employees="on",
            employees="2",
            capital="12.5",
            opening="2026-03-01",
            scope=["hot", "cold"],
            cold_room="8",
            operator_id=VALID_ID.lower(),
            licence_uscc=VALID_USCC,
            email="a@example.cn",
        ),
    )
    assert errors == {}
    assert values["shop_name"] == "王记牛肉面"
    assert values["contact_mobile"] == "13800001111"
    assert values["seats"] == 30
    assert values["capital"] == "12.50"
    assert values["opening"] == "2026-03-01"
    assert values["scope"] == ["hot", "cold"]
    assert values["cold_room"] == "8.00"
    assert values["operator_id"] == VALID_ID
    assert values["licence_uscc"] == VALID_USCC
    assert values["has_employees"] is True and values["employees"] == 2
    json.dumps(values)  # serialisable


def test_hidden_fields_are_dropped_and_not_required():
    values, errors = form_values_clean(SHOP, good_data(business_type="retail", seats="abc", employees="-5"))
    assert errors == {}
    assert "seats" not in values and "employees" not in values and "cold_room" not in values
    assert values["has_employees"] is False


def test_shown_conditional_fields_are_required_and_validated():
    values, errors = form_values_clean(SHOP, good_data(seats="", has_employees="true"))
    assert set(errors) == {"seats", "employees"}
    assert errors["seats"] == ["请填写此项。"]
    _, errors = form_values_clean(SHOP, good_data(seats="5000"))
    assert "seats" in errors


def test_every_error_at_once_and_never_trusting_the_client():
    values, errors = form_values_clean(
        SHOP,
        {
            "shop_name": "名" * 21,
            "business_type": "bank",
            "contact_mobile": "12345",
            "promise": "",
            "operator_id": "620423199001011235",
            "licence_uscc": "91620423MA01C8LE4Y",
            "email": "not-mail",
            "opening": "2025-12-31",
            "capital": "-1",
            "scope": ["evil"],
            "unexpected": "dropped",
        },
    )
    assert set(errors) == {
        "shop_name",
        "business_type",
        "contact_mobile",
        "promise",
        "operator_id",
        "licence_uscc",
        "email",
        "opening",
        "capital",
        "scope",
    }
    assert "unexpected" not in values
    assert errors["contact_mobile"] == ["请输入正确的11位手机号码。"]
    assert "居民身份证号码不正确" in errors["operator_id"][0]
    assert "统一社会信用代码" in errors["licence_uscc"][0]
    assert "2026-01-01" in errors["opening"][0]


def test_a_query_dict_with_a_prefix_works():
    query = QueryDict(mutable=True)
    for key, value in good_data().items():
        query[f"f-{key}"] = value
    query.setlist("f-scope", ["cold"])
    query["f-cold_room"] = "3"
    values, errors = form_values_clean(SHOP, query, prefix="f")
    assert errors == {}
    assert values["scope"] == ["cold"] and values["cold_room"] == "3.00"


def test_a_field_whose_controller_is_hidden_is_hidden():
    schema = {
        "fields": [
            {"name": "kind", "label": "类别", "type": "choice", "options": [["a", "A"], ["b", "B"]]},
            {
                "name": "sub",
                "label": "子项",
                "type": "choice",
                "options": [["x", "X"], ["y", "Y"]],
                "show_if": {"field": "kind", "equals": "a"},
            },
            {
                "name": "detail",
                "label": "详情",
                "type": "text",
                "required": True,
                "show_if": {"field": "sub", "equals": "x"},
            },
        ]
    }
    assert form_visible_fields(schema, {"kind": "a", "sub": "x"}) == ["kind", "sub", "detail"]
    assert form_visible_fields(schema, {"kind": "b", "sub": "x"}) == ["kind"]
    values, errors = form_values_clean(schema, {"kind": "b", "sub": "x"})
    assert errors == {} and values == {"kind": "b"}


def test_materials_required_follows_the_rules():
    @dataclass
    class Req:
        order: int
        is_required: bool

    rows = [Req(3, False), Req(1, True), Req(2, False)]
    asked = materials_required(SHOP, {"business_type": "catering"}, rows)
    assert [(r.order, req) for r, req in asked] == [(1, True), (2, False), (3, True)]
    asked = materials_required(SHOP, {"business_type": "retail"}, rows)
    assert [(r.order, req) for r, req in asked] == [(1, True), (2, False)]
    assert [(r.order, req) for r, req in materials_required({}, {}, rows)] == [(1, True), (2, False), (3, False)]


def test_prefill_values_takes_known_sources_only():
    assert prefill_values(SHOP, {"organisation.name": "景泰县王记面馆", "applicant.name": "王建军"}) == {
        "shop_name": "景泰县王记面馆"
    }
    assert prefill_values(SHOP, {"organisation.name": ""}) == {}
    assert prefill_values({}, {"applicant.name": "王建军"}) == {}


def test_display_masks_personal_numbers_and_names_choices():
    values, _ = form_values_clean(SHOP, good_data(operator_id=VALID_ID, scope=["hot", "drink"]))
    rows = dict(form_values_display(SHOP, values))
    assert rows["经营类别"] == "餐饮服务"
    assert rows["经营范围"] == "热食类、自制饮品"
    assert rows["联系电话"] == "138****1111"
    assert rows["经营者身份证号"] == "110105********002X"
    assert rows["本人承诺所填内容真实"] == "是"
    assert "雇工人数" not in rows
    assert dict(form_values_display(SHOP, values, mask=False))["联系电话"] == "13800001111"


def test_a_registered_type_check_replaces_the_default():
    original = dynforms._TYPE_CHECKS["uscc"]

    def strict(value: str) -> str:
        raise ValidationError("机构代码校验不通过", code="x")

    try:
        dynforms.type_check_register("uscc", strict)
        _, errors = form_values_clean(SHOP, good_data(licence_uscc=VALID_USCC))
        assert errors["licence_uscc"] == ["机构代码校验不通过"]
    finally:
        dynforms._TYPE_CHECKS["uscc"] = original
    with pytest.raises(ValueError):
        dynforms.type_check_register("text", strict)


def test_the_valid_uscc_constant_is_valid():
    assert stdnum_uscc.is_valid(VALID_USCC)
