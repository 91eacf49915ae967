"""The item lifecycle in a real browser (SCENARIOS.md story 1 and issue 3's "Done means").

孙丽 (事项管理员, 县民政局) revises 最低生活保障审批, is stopped by the consistency check, fixes it and
submits; 吴刚 (审核员) sees exactly what changed and approves; 马强 (运营人员) publishes. The public guide
shows the old version until then, the new one afterwards, and never disappears. A reviewer's return
shows its reasons on the editor, and the editor and the version page fit a 360 px phone.

Each person has their own browser context; axe-core checks every page each of them loads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from zwfw.catalog.choices import VersionStatus
from zwfw.catalog.models import ItemVersion
from zwfw.catalog.services.item import item_revise, version_submit, version_update
from zwfw.catalog.tests.builders import dibao_data, published_dibao
from zwfw.identity.tests.factories import TEST_PASSWORD
from zwfw.testing.browser import DESKTOP, PHONE, axe_check, login_through_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OPTIONAL_MATERIAL = "残疾证或重大疾病诊断证明"
CONSULT_PHONE = "0943-5521234"
COMPLAINT_PHONE = "0943-5522110"


def assert_fits_the_phone(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways on a phone: {width}px wide"


def go(page: Any, click: Callable[[], Any]) -> Any:
    """Click something that loads a new document, then check that document with axe-core."""
    with page.expect_navigation():
        click()
    axe_check(page)
    return page


def menu(page: Any, entry: str) -> Any:
    return go(page, page.get_by_role("navigation", name="工作台菜单").get_by_role("link", name=entry, exact=True).click)


@pytest.fixture
def new_page(browser: Any, browser_context_args: dict[str, Any]) -> Iterator[Callable[..., Any]]:
    """Pages in fresh browser contexts (another person); fails if any page they load is not axe-checked."""
    contexts: list[tuple[Any, list[str]]] = []

    def _new_page(viewport: dict[str, int] = DESKTOP) -> Any:
        context = browser.new_context(**{**browser_context_args, "viewport": viewport})
        context._zwfw_axe_checked = set()
        loaded: list[str] = []
        page = context.new_page()
        page.set_default_timeout(5000)
        page.on("load", lambda p: loaded.append(p.url))
        contexts.append((context, loaded))
        return page

    yield _new_page
    unchecked = [u for context, loaded in contexts for u in dict.fromkeys(loaded) if u not in context._zwfw_axe_checked]
    for context, _loaded in contexts:
        context.close()
    if unchecked:
        pytest.fail("pages loaded but never checked with axe_check(): " + ", ".join(unchecked))


def log_in(page: Any, live_server: Any, user: Any) -> Any:
    login_through_form(page, live_server, user.username, TEST_PASSWORD)
    page.goto(live_server.url + "/staff/")
    axe_check(page)
    return page


def public_guide(page: Any, live_server: Any, code: str) -> dict[str, Any]:
    """What a citizen sees on the guide page (it must answer 200 every time)."""
    response = page.goto(f"{live_server.url}/items/{code}/")
    assert response is not None and response.status == 200, f"the guide page answered {response and response.status}"
    axe_check(page)
    summary = page.get_by_role("list", name="办理要点").inner_text()
    materials = page.get_by_role("table", name="申请材料清单").get_by_role("rowheader").all_inner_texts()
    return {"summary": summary, "materials": [m.strip().split("\n")[0] for m in materials]}


def assert_old_guide(guide: dict[str, Any]) -> None:
    assert "20 个工作日" in guide["summary"]
    assert OPTIONAL_MATERIAL in guide["materials"] and len(guide["materials"]) == 5


def open_item(page: Any, name: str = "最低生活保障审批") -> Any:
    return go(page, page.get_by_role("link", name=name, exact=True).click)


def test_story_1_revision_reviewed_published_while_the_old_guide_stays(page, visit, live_server, personas, new_page):
    published = published_dibao(personas)
    code = published.item.implementation_code
    page.set_default_timeout(5000)
    citizen = new_page(PHONE)
    assert_old_guide(public_guide(citizen, live_server, code))

    # 孙丽 revises the published item.
    log_in(page, live_server, personas.sun_li)
    menu(page, "本机构事项")
    assert page.get_by_role("heading", level=1).inner_text() == "县民政局的事项"
    open_item(page)
    page.get_by_label("修订说明").fill("压缩承诺时限，取消非必需材料")
    go(page, page.get_by_role("button", name="修订（新建版本）").click)
    assert page.get_by_role("heading", level=1).inner_text() == "编辑：最低生活保障审批（第2版）"
    assert page.get_by_text("已创建修订草稿").is_visible()

    page.get_by_label("承诺办结时限（工作日）").fill("15")
    row = page.locator("#formset-materials .row-fieldset").filter(
        has=page.locator(f'input[value="{OPTIONAL_MATERIAL}"]')
    )
    row.get_by_label("删除此行").check()
    page.get_by_label("监督投诉电话").fill(CONSULT_PHONE)  # the same as 咨询电话: not allowed
    go(page, page.get_by_role("button", name="保存并提交审核").click)
    summary = page.get_by_role("alert").filter(has_text="未能提交审核")
    assert summary.is_visible()
    assert "监督投诉电话" in summary.inner_text()
    assert "草稿已保存" in summary.inner_text()
    # The message is also next to the field itself.
    field = page.locator(".field-has-error").filter(has=page.get_by_label("监督投诉电话"))
    assert field.locator(".field-error").is_visible()
    assert ItemVersion.objects.get(item=published.item, number=2).status == VersionStatus.DRAFT
    assert_old_guide(public_guide(citizen, live_server, code))

    # She fixes the phone and submits.
    page.get_by_label("监督投诉电话").fill(COMPLAINT_PHONE)
    go(page, page.get_by_role("button", name="保存并提交审核").click)
    assert page.get_by_text("已提交审核。").is_visible()
    assert page.get_by_role("heading", level=1).inner_text() == "最低生活保障审批（第2版）"
    assert_old_guide(public_guide(citizen, live_server, code))

    # 吴刚 reviews: the difference lists exactly what she changed.
    reviewer = log_in(new_page(), live_server, personas.wu_gang)
    menu(reviewer, "事项审核")
    open_item(reviewer)
    diff = reviewer.get_by_role("table").filter(has=reviewer.locator(".diff-old"))
    rows = [[c.strip() for c in r.locator("th, td").all_inner_texts()] for r in diff.locator("tbody tr").all()]
    assert rows[0] == ["承诺办结时限（工作日）", "20", "15"], rows
    assert len(rows) == 2, rows
    assert rows[1][0] == "申请材料" and rows[1][1].startswith(f"删除：{OPTIONAL_MATERIAL}") and rows[1][2] == "—"
    go(reviewer, reviewer.get_by_role("button", name="审核通过（入库）").click)
    assert reviewer.get_by_text("审核通过，已入库。").is_visible()
    assert_old_guide(public_guide(citizen, live_server, code))

    # 马强 publishes.
    operator = log_in(new_page(), live_server, personas.ma_qiang)
    menu(operator, "事项发布")
    open_item(operator)
    go(operator, operator.get_by_role("button", name="发布到门户").click)
    assert operator.get_by_text("已发布，门户即时更新。").is_visible()

    guide = public_guide(citizen, live_server, code)
    assert "15 个工作日" in guide["summary"]
    assert OPTIONAL_MATERIAL not in guide["materials"] and len(guide["materials"]) == 4
    assert citizen.get_by_text("第2版", exact=True).is_visible()

    # The history names who did what.
    go(page, page.reload)
    history = page.locator("ol.timeline").inner_text()
    for who in ("孙丽", "吴刚", "马强"):
        assert who in history


@pytest.fixture
def submitted_revision(personas: Any) -> ItemVersion:
    published = published_dibao(personas)
    draft = item_revise(actor=personas.sun_li, item=published.item, change_summary="压缩承诺时限")
    version_update(actor=personas.sun_li, version=draft, data=dibao_data(promised_limit_days=15))
    return version_submit(actor=personas.sun_li, version=draft)


def test_a_returned_version_shows_the_reasons_on_the_editor_on_a_phone(
    page, visit, live_server, personas, new_page, submitted_revision
):
    page.set_viewport_size(PHONE)
    page.set_default_timeout(5000)
    log_in(page, live_server, personas.wu_gang)
    assert_fits_the_phone(page)
    menu(page, "事项审核")
    assert_fits_the_phone(page)
    open_item(page)
    reasons = "承诺时限压缩后，请同步调整“审核”环节的时限说明。"
    page.get_by_label("退回理由").fill(reasons)
    go(page, page.get_by_role("button", name="退回修改").click)
    assert page.get_by_text("已退回事项管理员。").is_visible()

    manager = log_in(new_page(PHONE), live_server, personas.sun_li)
    menu(manager, "本机构事项")
    assert_fits_the_phone(manager)
    open_item(manager)
    assert_fits_the_phone(manager)
    assert manager.get_by_text(reasons, exact=True).is_visible()
    go(manager, manager.get_by_role("link", name="编辑", exact=True).click)
    notice = manager.get_by_role("region", name="退回理由")
    assert notice.is_visible() and reasons in notice.inner_text()
    submitted_revision.refresh_from_db()
    assert submitted_revision.status == VersionStatus.RETURNED


def test_the_version_page_and_the_editor_fit_a_phone(page, visit, live_server, personas, submitted_revision):
    page.set_viewport_size(PHONE)
    page.set_default_timeout(5000)
    log_in(page, live_server, personas.sun_li)
    visit(f"/staff/catalog/versions/{submitted_revision.pk}/")
    assert_fits_the_phone(page)  # the difference table scrolls in its own focusable region
    visit(f"/staff/catalog/versions/{submitted_revision.based_on_id}/")
    assert_fits_the_phone(page)  # the published version, with the revise and retire forms
    page.context.clear_cookies()  # sign out: the next person logs in on the same phone
    log_in(page, live_server, personas.wu_gang)
    visit(f"/staff/catalog/versions/{submitted_revision.pk}/")
    assert_fits_the_phone(page)  # with the approve and return forms
    page.get_by_label("退回理由").fill("请补充说明。")
    go(page, page.get_by_role("button", name="退回修改").click)
    page.context.clear_cookies()
    log_in(page, live_server, personas.sun_li)
    visit(f"/staff/catalog/versions/{submitted_revision.pk}/edit/")
    assert_fits_the_phone(page)  # the editor
