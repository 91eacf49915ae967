"""Handling in a real browser, axe-core on every page: a township clerk accepts, two agencies examine a joint
stage, the decider approves with the decision PDF, the clerk delivers — 刘洋, 陈静, a health examiner, 周涛."""

from __future__ import annotations

from typing import Any

import pytest

from zwfw.cases.choices import CaseState
from zwfw.identity.tests.factories import TEST_PASSWORD
from zwfw.org.choices import Role
from zwfw.org.tests.factories import AgencyFactory
from zwfw.testing.browser import DESKTOP, PHONE, axe_check, login_through_form
from zwfw.workflow.choices import StepKind

from .handling_builders import (
    Freezer,
    case_submitted,
    fresh,
    item_published,
    joint_steps,
    media_root,  # noqa: F401 - files to a temporary folder
    staff,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def go(page: Any, click: Any) -> Any:
    """Click something that loads a new document, then check that document with axe-core."""
    with page.expect_navigation():
        click()
    axe_check(page)
    return page


def as_user(page: Any, live_server: Any, user: Any) -> None:
    page.context.clear_cookies()
    login_through_form(page, live_server, user.username, TEST_PASSWORD)


def fits_a_phone(page: Any) -> None:
    """The page as it is now, at phone width: no sideways scrolling, and axe-core passes there too."""
    page.set_viewport_size(PHONE)
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
        widest = page.evaluate(
            "w => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > w)"
            ".slice(-3).map(e => e.tagName + '.' + e.className)",
            PHONE["width"],
        )
        assert width <= PHONE["width"], f"{page.url} scrolls sideways on a phone: {width}px wide ({widest})"
        axe_check(page)
    finally:
        page.set_viewport_size(DESKTOP)


def open_case(page: Any, live_server: Any, number: str) -> None:
    page.goto(live_server.url + "/staff/cases/")
    axe_check(page)
    go(page, lambda: page.get_by_role("link", name=number).click())
    fits_a_phone(page)  # every staff role's view of the case, on a phone as well as at a desk


def test_accept_joint_examination_decision_and_delivery(
    page, live_server, axe_guard, personas, calendar_2025_2026, monkeypatch
):
    page.set_viewport_size(DESKTOP)
    time = Freezer(monkeypatch)
    time.at(2026, 3, 2, 9)
    health = AgencyFactory(slug="wjj", name="景泰县卫生健康局", short_name="县卫健局")
    health_examiner = staff("wjj_examiner", "赵丽", (health, Role.EXAMINER))
    steps = joint_steps(personas.market, health)
    steps[0]["at_township"] = True  # 受理 and 送达 at the applicant's township (就近办)
    steps[-1]["at_township"] = True
    version = item_published(agency=personas.market, name="食品经营许可", basic_code="000117001000", steps=steps)
    case = case_submitted(version, personas.wang_jianjun, region=personas.luyang.region)
    assert case.steps.get(kind=StepKind.ACCEPT).agency == personas.luyang

    # 刘洋 at 芦阳镇 accepts from her inbox.
    as_user(page, live_server, personas.liu_yang)
    open_case(page, live_server, case.number)
    page.get_by_label("受理意见").fill("材料齐全，符合法定形式")
    go(page, lambda: page.get_by_role("button", name="受理", exact=True).click())
    assert "已受理" in page.content()
    assert fresh(case).state == CaseState.PROCESSING

    # 陈静 (县市场监管局) claims and examines her branch; the health bureau's examiner his.
    for examiner, opinion in (
        (personas.chen_jing, "经营场所符合食品安全要求"),
        (health_examiner, "从业人员健康证明齐全"),
    ):
        as_user(page, live_server, examiner)
        open_case(page, live_server, case.number)
        go(page, lambda: page.get_by_role("button", name="签收").first.click())
        page.get_by_label("同意", exact=True).check()
        page.get_by_label("审查意见").fill(opinion)
        go(page, lambda: page.get_by_role("button", name="提交审查意见").click())
        assert "已提交审查意见" in page.content()

    # 周涛 decides with both opinions at hand; the decision PDF is there to download.
    as_user(page, live_server, personas.zhou_tao)
    open_case(page, live_server, case.number)
    body = page.content()
    assert "经营场所符合食品安全要求" in body and "从业人员健康证明齐全" in body
    page.get_by_label("准予许可").check()
    go(page, lambda: page.get_by_role("button", name="作出决定并生成决定书").click())
    assert fresh(case).state == CaseState.DECIDED
    link = page.get_by_role("link", name="准予行政许可决定书").first
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200 and response.body()[:5] == b"%PDF-"

    # 刘洋 hands the result over at the township window.
    as_user(page, live_server, personas.liu_yang)
    open_case(page, live_server, case.number)
    page.get_by_label("送达方式").select_option("window")
    go(page, lambda: page.get_by_role("button", name="确认送达").click())
    assert "已送达" in page.content()
    assert fresh(case).state == CaseState.DELIVERED
    # The done tab of her inbox has it.
    page.goto(live_server.url + "/staff/cases/?tab=done")
    axe_check(page)
    assert case.number in page.content()
    fits_a_phone(page)
