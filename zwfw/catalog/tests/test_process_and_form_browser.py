"""Editing an application form and previewing it in a real browser, axe-core on every page.

孙丽 (事项管理员 of 县民政局) adds two fields to the draft of 最低生活保障审批 — a check box and a text that
is shown only when the box is ticked — and makes a material required under the same condition. The
preview shows the conditional field only while the box is ticked (core/dynforms.js), and the server's
check names the missing answer and then the materials the answers ask for.
"""

from __future__ import annotations

from typing import Any

import pytest

from zwfw.catalog.tests.builders import dibao_create
from zwfw.identity.tests.factories import TEST_PASSWORD
from zwfw.testing.browser import PHONE, axe_check, login_through_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def go(page: Any, click: Any) -> Any:
    with page.expect_navigation():
        click()
    axe_check(page)
    return page


def test_the_item_manager_edits_the_form_and_previews_it(page, visit, live_server, personas):
    page.set_default_timeout(20000)
    draft = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    login_through_form(page, live_server, personas.sun_li.username, TEST_PASSWORD)
    visit(f"/staff/catalog/versions/{draft.pk}/edit/")

    form_rows = page.locator("#formset-application_form .row-fieldset")
    first, second = form_rows.nth(0), form_rows.nth(1)
    first.get_by_label("字段名（英文）").fill("has_disabled_member")
    first.get_by_label("显示名称").fill("家庭成员中有残疾或重病人员")
    first.get_by_label("类型").select_option("boolean")
    second.get_by_label("字段名（英文）").fill("disabled_member_note")
    second.get_by_label("显示名称").fill("残疾或重病情况说明")
    second.get_by_label("类型").select_option("textarea")
    second.get_by_label("必填", exact=True).check()
    second.get_by_label("显示条件：依据的字段").fill("has_disabled_member")
    second.get_by_label("显示条件：字段取值").fill("是")
    fifth_material = page.locator("#formset-materials .row-fieldset").nth(4)
    fifth_material.get_by_label("条件必需：依据的表单字段").fill("has_disabled_member")
    fifth_material.get_by_label("条件必需：字段取值").fill("是")
    # A step handled at the applicant's township.
    page.locator("#formset-steps .row-fieldset").first.get_by_label("由申请人所选乡镇就近办理").check()
    go(page, page.get_by_role("button", name="保存草稿").click)
    assert page.get_by_text("已保存。").is_visible()
    draft.refresh_from_db()
    assert [f["name"] for f in draft.application_form["fields"]] == ["has_disabled_member", "disabled_member_note"]
    assert draft.application_form["materials"] == [
        {"order": 5, "required_if": {"field": "has_disabled_member", "equals": True}}
    ]
    assert draft.steps.get(order=1).at_township is True

    # The preview, from the version page.
    go(page, page.get_by_role("link", name="预览申请表单和申请材料").click)
    assert page.get_by_role("heading", name="申请表单预览：最低生活保障审批（第1版）").is_visible()
    note = page.get_by_label("残疾或重病情况说明")
    assert not note.is_visible()  # hidden until the box is ticked
    assert page.get_by_role("row", name="残疾证或重大疾病诊断证明").get_by_text("时必需").is_visible()
    page.get_by_label("家庭成员中有残疾或重病人员").check()
    assert note.is_visible()
    axe_check(page)

    # The server judges: the shown field is required.
    go(page, page.get_by_role("button", name="试填检查").click)
    assert "残疾或重病情况说明：请填写此项。" in page.get_by_role("alert").inner_text()
    page.get_by_label("残疾或重病情况说明").fill("本人肢体二级残疾")
    go(page, page.get_by_role("button", name="试填检查").click)
    assert page.get_by_text("检查通过").is_visible()
    assert (
        page.get_by_role("row", name="残疾证或重大疾病诊断证明")
        .get_by_role("cell", name="必需", exact=True)
        .is_visible()
    )

    # At phone width the preview stays usable.
    page.set_viewport_size(PHONE)
    visit(f"/staff/catalog/versions/{draft.pk}/form-preview/")
    assert page.get_by_role("button", name="试填检查").is_visible()
