"""Processes and application forms on the item version: services, consistency rules, diff, editor and preview."""

from __future__ import annotations

import copy

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from zwfw.catalog.choices import VersionStatus
from zwfw.catalog.diff import version_diff
from zwfw.catalog.models import ItemVersion
from zwfw.catalog.services.item import item_revise, version_submit, version_update
from zwfw.core.models import AuditEvent

from .builders import DIBAO_FORM, dibao_create, dibao_data, published_dibao
from .editor_post import editor_post

pytestmark = pytest.mark.django_db


def _normalised(schema: dict) -> dict:
    """A schema as the editor writes it back (every field says whether it is required)."""
    return {
        "fields": [{**f, "required": bool(f.get("required"))} for f in schema["fields"]],
        "materials": schema.get("materials", []),
    }


def _joint_steps(agency) -> list[dict]:
    return [
        {"name": "受理", "time_limit_days": 1},
        {"name": "审核", "time_limit_days": 8, "parallel_group": 1, "join_rule": "any"},
        {"name": "会审", "time_limit_days": 6, "agency": agency, "parallel_group": 1, "join_rule": "any"},
        {"name": "审批", "time_limit_days": 5},
        {"name": "送达", "time_limit_days": 1, "at_township": True},
    ]


# --- services --------------------------------------------------------------------------------------


def test_a_new_item_keeps_its_form_and_its_process_columns(personas):
    version = dibao_create(
        actor=personas.sun_li,
        agency=personas.civil_affairs,
        application_form=DIBAO_FORM,
        steps=_joint_steps(personas.market.slug),
    )
    assert version.application_form == DIBAO_FORM
    steps = list(version.steps.order_by("order"))
    assert [(s.kind, s.role) for s in steps] == [
        ("accept", "window_clerk"),
        ("examine", "examiner"),
        ("examine", "examiner"),
        ("decide", "decider"),
        ("deliver", "window_clerk"),
    ]
    assert steps[2].agency == personas.market and steps[2].join_rule == "any" and steps[2].parallel_group == 1
    assert steps[1].agency is None and steps[3].join_rule == "all"
    assert steps[4].at_township is True


@pytest.mark.parametrize("how", ["instance", "pk", "slug"])
def test_a_step_agency_may_be_given_as_an_agency_a_pk_or_a_slug(personas, how):
    market = personas.market
    given = {"instance": market, "pk": market.pk, "slug": market.slug}[how]
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs, steps=_joint_steps(given))
    assert version.steps.get(name="会审").agency == market


def test_bad_steps_and_a_bad_form_are_refused_with_every_problem_and_nothing_written(personas):
    steps = _joint_steps("no-such-agency")
    steps[0]["role"] = "sysadmin"
    bad_form = {"fields": [{"name": "a", "label": "甲", "type": "colour"}], "materials": [{"order": 9}]}
    with pytest.raises(ValidationError) as exc:
        dibao_create(actor=personas.sun_li, agency=personas.civil_affairs, steps=steps, application_form=bad_form)
    errors = exc.value.message_dict
    assert any("办理机构“no-such-agency”不存在" in m for m in errors["steps"])
    assert any("办理岗位只能是" in m for m in errors["steps"])
    assert any("类型“colour”不认识" in m for m in errors["application_form"])
    assert any("第9号材料不存在" in m or "材料规则" in m for m in errors["application_form"])
    assert not ItemVersion.objects.exists()


def test_an_explicit_kind_and_role_are_kept(personas):
    steps = dibao_data()["steps"]
    steps[1].update(name="现场核查", kind="examine", role="decider")
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs, steps=steps)
    step = version.steps.get(name="现场核查")
    assert (step.kind, step.role) == ("examine", "decider")


def test_a_revision_copies_the_form_and_the_process(personas):
    steps = _joint_steps(personas.market)
    steps[4].pop("at_township")
    v1 = published_dibao(personas, application_form=DIBAO_FORM, steps=steps)
    v2 = item_revise(actor=personas.sun_li, item=v1.item)
    assert v2.application_form == DIBAO_FORM
    columns = ("order", "name", "kind", "role", "agency_id", "at_township", "parallel_group", "join_rule")
    assert list(v2.steps.values_list(*columns)) == list(v1.steps.values_list(*columns))
    assert version_diff(ItemVersion.objects.get(pk=v1.pk), v2) == []


def test_material_rules_follow_their_material_when_only_the_materials_change(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs, application_form=DIBAO_FORM)
    materials = dibao_data()["materials"]
    # Story 1's change: one material fewer. The rule of material 5 (残疾证…) moves with it to 4.
    changed = version_update(
        actor=personas.sun_li,
        version=version,
        data={"materials": [m for m in materials if m["name"] != "家庭收入及财产状况声明"]},
    )
    version.refresh_from_db()
    assert "application_form" in changed
    assert version.application_form["materials"] == [
        {"order": 4, "required_if": DIBAO_FORM["materials"][0]["required_if"]}
    ]
    assert version.materials.get(order=4).name == "残疾证或重大疾病诊断证明"
    # Removing the material takes its rule with it.
    version_update(actor=personas.sun_li, version=version, data={"materials": materials[:3]})
    version.refresh_from_db()
    assert version.application_form["materials"] == []


def test_a_form_given_with_the_materials_must_match_them(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    with pytest.raises(ValidationError) as exc:
        version_update(
            actor=personas.sun_li,
            version=version,
            data={"materials": dibao_data()["materials"][:3], "application_form": DIBAO_FORM},
        )
    assert exc.value.message_dict["application_form"] == ["材料规则所指的第5号材料不存在。"]
    version.refresh_from_db()
    assert version.application_form == {} and version.materials.count() == 5


def test_changing_the_form_is_an_audited_change(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    assert version_update(actor=personas.sun_li, version=version, data={"application_form": DIBAO_FORM}) == [
        "application_form"
    ]
    event = AuditEvent.objects.filter(action="item_version.update").latest("id")
    assert event.detail["changes"] == ["application_form"]
    assert version_update(actor=personas.sun_li, version=version, data={"application_form": DIBAO_FORM}) == []
    assert version_update(actor=personas.sun_li, version=version, data={"application_form": None}) == [
        "application_form"
    ]
    version.refresh_from_db()
    assert version.application_form == {}


# --- the consistency rules on submission -----------------------------------------------------------


def test_submission_checks_the_process_and_its_agencies(personas):
    steps = _joint_steps(personas.market)
    steps[3]["kind"] = "examine"  # no 决定 any more
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs, steps=steps)
    personas.market.is_active = False  # closed after the draft was written
    personas.market.save(update_fields=["is_active"])
    with pytest.raises(ValidationError) as exc:
        version_submit(actor=personas.sun_li, version=version)
    problems = exc.value.message_dict
    assert "办理流程缺少“决定”环节。" in problems["steps"]
    assert any("办理机构“景泰县市场监督管理局”已停用" in m for m in problems["steps"])
    # 送达 at the applicant's township needs townships to choose from.
    assert problems["handling_regions"] == ["有由乡镇就近办理的环节，请在“可办理的乡镇（村）”中选择可以办理的乡镇。"]
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_a_joint_stage_counts_its_longest_branch_against_the_promise(personas):
    steps = _joint_steps(personas.market)
    steps[4].pop("at_township")
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs, steps=steps, promised_limit_days=15)
    version_submit(actor=personas.sun_li, version=version)  # 1 + max(8, 6) + 5 + 1 = 15
    assert version.status == VersionStatus.REVIEW


def test_submission_checks_the_form_against_the_materials(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    # A form stored before a rule was checked (data written around the service) is caught on submission.
    form = copy.deepcopy(DIBAO_FORM)
    form["materials"][0]["order"] = 8
    ItemVersion.objects.filter(pk=version.pk).update(application_form=form)
    with pytest.raises(ValidationError) as exc:
        version_submit(actor=personas.sun_li, version=ItemVersion.objects.get(pk=version.pk))
    assert exc.value.message_dict["application_form"] == ["材料规则所指的第8号材料不存在。"]


# --- the diff ---------------------------------------------------------------------------------------


def test_the_diff_shows_form_and_process_changes(personas):
    v1 = published_dibao(personas, application_form=DIBAO_FORM)
    v2 = item_revise(actor=personas.sun_li, item=v1.item)
    form = copy.deepcopy(DIBAO_FORM)
    form["fields"][1]["label"] = "家庭人口数"
    form["fields"].append({"name": "bank", "label": "开户银行", "type": "text"})
    form["fields"] = [f for f in form["fields"] if f["name"] != "reason"]
    form["materials"][0]["required_if"] = {"field": "family_size", "in": [5, 6]}
    steps = dibao_data()["steps"]
    steps[1]["agency"] = personas.market
    version_update(actor=personas.sun_li, version=v2, data={"application_form": form, "steps": steps})
    changes = version_diff(ItemVersion.objects.get(pk=v1.pk), ItemVersion.objects.get(pk=v2.pk))
    by_label: dict[str, list] = {}
    for change in changes:
        by_label.setdefault(change.label, []).append(change)
    (step_change,) = by_label["办理环节"]
    assert "办理机构" in step_change.new and "景泰县市场监督管理局" in step_change.new
    form_changes = by_label["申请表单"]
    assert any(c.old.startswith("删除字段：reason（显示名称：申请理由") for c in form_changes)
    assert any(c.new.startswith("新增字段：bank（显示名称：开户银行") for c in form_changes)
    assert any(
        c.old == "family_size（显示名称：共同生活家庭人口）" and c.new == "family_size（显示名称：家庭人口数）"
        for c in form_changes
    )
    (rule,) = by_label["材料条件"]
    assert rule.old == "残疾证或重大疾病诊断证明：仅当“家庭成员中有残疾或重病人员”为是时必需"
    assert rule.new == "残疾证或重大疾病诊断证明：仅当“家庭人口数”为5、6时必需"


# --- the editor and the preview ---------------------------------------------------------------------


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_editor_shows_the_form_rows_and_the_step_columns(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs, application_form=DIBAO_FORM)
    page = login(personas.sun_li).get(reverse("catalog:version_edit", args=[version.pk])).content.decode()
    assert 'name="form_fields-TOTAL_FORMS" value="8"' in page  # 6 fields + 2 empty rows
    assert 'value="family_size"' in page and "共同生活家庭人口" in page
    assert 'name="form_fields-5-show_if_field" value="has_disabled_member"' in page
    assert 'name="materials-4-required_if_field" value="has_disabled_member"' in page
    assert 'name="materials-4-required_if_values" value="是"' in page
    assert 'name="steps-0-kind"' in page and 'name="steps-0-agency"' in page and 'name="steps-0-at_township"' in page
    assert reverse("catalog:version_form_preview", args=[version.pk]) in page


def test_the_editor_saves_the_form_rows_and_the_process(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    steps = dibao_data()["steps"]
    steps[1].update(agency=personas.market.pk, parallel_group=1)
    steps.insert(2, {"name": "会审", "time_limit_days": 3, "kind": "examine", "parallel_group": 1, "join_rule": "all"})
    post = editor_post(dibao_data(steps=steps), application_form=DIBAO_FORM, extra={"save": "1"})
    response = login(personas.sun_li).post(reverse("catalog:version_edit", args=[version.pk]), post)
    assert response.status_code == 302, response.content.decode()[:3000]
    version.refresh_from_db()
    assert version.application_form == _normalised(DIBAO_FORM)
    assert list(version.steps.values_list("name", "agency_id", "parallel_group")) == [
        ("受理", None, None),
        ("审核", personas.market.pk, 1),
        ("会审", None, 1),
        ("审批", None, None),
        ("送达", None, None),
    ]


def test_the_editor_refuses_a_bad_form_and_keeps_what_was_typed(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    form = copy.deepcopy(DIBAO_FORM)
    form["fields"][0]["show_if"] = {"field": "family_size", "equals": "3"}  # refers to a later field
    post = editor_post(dibao_data(), application_form=form, extra={"save": "1"})
    response = login(personas.sun_li).post(reverse("catalog:version_edit", args=[version.pk]), post)
    assert response.status_code == 200
    page = response.content.decode()
    assert "必须排在它前面" in page and "未能保存" in page
    assert 'name="form_fields-0-show_if_field" value="family_size"' in page
    version.refresh_from_db()
    assert version.application_form == {}


def test_a_post_without_form_rows_leaves_the_form_alone(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs, application_form=DIBAO_FORM)
    post = editor_post(dibao_data(handling_hours="工作日 8:30-18:00"), extra={"save": "1"})
    assert login(personas.sun_li).post(reverse("catalog:version_edit", args=[version.pk]), post).status_code == 302
    version.refresh_from_db()
    assert version.handling_hours == "工作日 8:30-18:00" and version.application_form == DIBAO_FORM


def test_a_new_item_can_be_created_with_its_form(personas):
    post = editor_post(
        dibao_data(), application_form=DIBAO_FORM, extra={"basic_code": "000205001000", "use_level": "4", "save": "1"}
    )
    response = login(personas.sun_li).post(reverse("catalog:item_new"), post)
    assert response.status_code == 302
    assert ItemVersion.objects.get().application_form == _normalised(DIBAO_FORM)


def test_the_preview_shows_a_draft_form_and_its_materials(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs, application_form=DIBAO_FORM)
    url = reverse("catalog:version_form_preview", args=[version.pk])
    for user in (personas.sun_li, personas.wu_gang, personas.ma_qiang):
        response = login(user).get(url)
        assert response.status_code == 200
    page = response.content.decode()
    assert "申请表单预览" in page and "共同生活家庭人口" in page
    assert 'data-show-if-field="has_disabled_member"' in page
    assert "core/dynforms.js" in page
    assert "仅当“家庭成员中有残疾或重病人员”为“是”时必需" in page
    assert "最低生活保障申请书" in page and "审批决定人" in page


def test_the_preview_checks_typed_values_on_the_server_and_saves_nothing(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs, application_form=DIBAO_FORM)
    url = reverse("catalog:version_form_preview", args=[version.pk])
    client = login(personas.sun_li)
    events = AuditEvent.objects.count()
    bad = client.post(url, {"family_size": "0", "has_disabled_member": "on"}).content.decode()
    assert "试填的内容有以下问题" in bad and "残疾或重病情况说明：请填写此项。" in bad and "申请人姓名" in bad
    good = client.post(
        url,
        {
            "applicant_name": "李秀英",
            "family_size": "2",
            "monthly_income": "800",
            "reason": "老伴去世，无固定收入",
            "has_disabled_member": "on",
            "disabled_member_note": "本人肢体二级残疾",
        },
    ).content.decode()
    assert "检查通过" in good
    assert good.count("<td>必需</td>") == 5  # the rule made the fifth material required
    assert AuditEvent.objects.count() == events
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_the_preview_is_refused_to_staff_who_may_not_see_the_item_and_404_for_none(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs, application_form=DIBAO_FORM)
    url = reverse("catalog:version_form_preview", args=[version.pk])
    assert login(personas.chen_jing).get(url).status_code == 403  # an examiner of another agency
    assert login(personas.wang_jianjun).get(url).status_code == 403  # not staff
    anonymous = Client().get(url)
    assert anonymous.status_code in (302, 403)
    missing = reverse("catalog:version_form_preview", args=[version.pk + 1000])
    assert login(personas.sun_li).get(missing).status_code == 404


def test_the_preview_of_a_version_without_form(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    page = login(personas.sun_li).get(reverse("catalog:version_form_preview", args=[version.pk])).content.decode()
    assert "没有设置申请表单字段" in page
