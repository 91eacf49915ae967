"""The version diff: what 吴刚 sees when a revision comes for review (story 1)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from zwfw.catalog.diff import FieldChange, version_diff
from zwfw.catalog.models import ItemVersion, Theme
from zwfw.catalog.services.item import item_revise, version_submit, version_update

from .builders import dibao_data, published_dibao

pytestmark = pytest.mark.django_db


def test_story_1_the_revision_shows_exactly_what_sun_li_changed(personas):
    v1 = published_dibao(personas)
    v2 = item_revise(actor=personas.sun_li, item=v1.item, change_summary="缩短承诺时限，精简材料")
    materials = dibao_data()["materials"]
    version_update(
        actor=personas.sun_li,
        version=v2,
        data={
            "promised_limit_days": 15,
            "materials": [m for m in materials if m["name"] != "家庭收入及财产状况声明"],
            "complaint_phone": "0943-5521234",
        },
    )
    with pytest.raises(ValidationError, match="监督投诉电话不能与咨询电话相同"):
        version_submit(actor=personas.sun_li, version=v2)
    version_update(actor=personas.sun_li, version=v2, data={"complaint_phone": "12345"})
    version_submit(actor=personas.sun_li, version=v2)

    changes = version_diff(ItemVersion.objects.get(pk=v1.pk), ItemVersion.objects.get(pk=v2.pk))
    assert changes == [
        FieldChange("promised_limit_days", "承诺办结时限（工作日）", "20", "15"),
        FieldChange("complaint_phone", "监督投诉电话", "0943-5522110", "12345"),
        FieldChange(
            "materials",
            "申请材料",
            "删除：家庭收入及财产状况声明（必需：是；原件/复印件：原件；份数：1；材料形式：纸质或电子；来源渠道：申请人自备）",
            "",
        ),
    ]


def test_no_changes_between_a_version_and_its_copy(personas):
    v1 = published_dibao(personas)
    v2 = item_revise(actor=personas.sun_li, item=v1.item)
    assert version_diff(v1, v2) == []


def test_choices_classifications_and_changed_rows_are_described_readably(personas):
    v1 = published_dibao(personas)
    Theme.objects.create(code="shbz", name="社会保障", audience="person")
    v2 = item_revise(actor=personas.sun_li, item=v1.item)
    steps = dibao_data()["steps"]
    steps[2] = {**steps[2], "time_limit_days": 3}
    version_update(
        actor=personas.sun_li,
        version=v2,
        data={
            "service_objects": ["1", "6"],
            "themes": ["shbz"],
            "steps": steps,
            "faqs": [*dibao_data()["faqs"], {"question": "低保标准是多少？", "answer": "按县政府公布的标准执行。"}],
        },
    )
    by_field = {}
    for change in version_diff(v1, v2):
        by_field.setdefault(change.field, []).append(change)
    assert by_field["service_objects"] == [FieldChange("service_objects", "服务对象", "自然人", "自然人、行政机关")]
    assert by_field["themes"] == [FieldChange("themes", "主题", "", "社会保障")]
    assert by_field["steps"] == [
        FieldChange("steps", "办理环节", "审批（时限（工作日）：5）", "审批（时限（工作日）：3）")
    ]
    assert by_field["faqs"] == [
        FieldChange("faqs", "常见问题", "", "新增：低保标准是多少？（解答：按县政府公布的标准执行。）")
    ]


def test_a_change_of_order_is_reported_once(personas):
    v1 = published_dibao(personas)
    v2 = item_revise(actor=personas.sun_li, item=v1.item)
    materials = dibao_data()["materials"]
    version_update(actor=personas.sun_li, version=v2, data={"materials": [materials[1], materials[0], *materials[2:]]})
    changes = version_diff(v1, v2)
    assert len(changes) == 1 and changes[0].label == "申请材料顺序"
    assert changes[0].new.startswith("居民身份证和户口簿、最低生活保障申请书")


def test_without_an_old_version_everything_is_new(personas):
    v1 = published_dibao(personas)
    changes = version_diff(None, v1)
    fields = [c.field for c in changes]
    assert "name" in fields and fields.count("materials") == 5 and fields.count("steps") == 4
    assert all(c.old == "" for c in changes)
    assert FieldChange("item_type", "事项类型", "", "行政给付") in changes
    assert FieldChange("is_free", "不收费", "", "是") in changes
