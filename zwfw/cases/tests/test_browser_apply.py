# ruff: noqa: F811 - the fixtures imported from test_apply_builders are named as arguments
"""Applying in a real browser, axe-core on every page (story 2's night and morning): 王建军 starts from the guide
page on his phone, saves a draft, resumes on a PC, sees every problem at once, uploads, presses 提交申请 twice and
gets exactly one case with its number, query code and receipt."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from zwfw.cases.models import Application, Case
from zwfw.identity.tests.factories import TEST_PASSWORD
from zwfw.notify.testing import sms_outbox
from zwfw.testing.browser import DESKTOP, PHONE, axe_check, login_through_form

from .handling_builders import Freezer
from .test_apply_builders import PDF, centres, media, online_version  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def go(page: Any, click: Any) -> Any:
    """Click something that loads a new document, then check that document with axe-core."""
    with page.expect_navigation():
        click()
    axe_check(page)
    return page


@pytest.fixture
def new_page(browser: Any, browser_context_args: dict[str, Any]) -> Iterator[Callable[..., Any]]:
    """Pages in fresh browser contexts (another device); fails if any page they load is not axe-checked."""
    contexts: list[tuple[Any, list[str]]] = []

    def _new_page(viewport: dict[str, int] = DESKTOP) -> Any:
        context = browser.new_context(**{**browser_context_args, "viewport": viewport})
        context._zwfw_axe_checked = set()
        loaded: list[str] = []
        page = context.new_page()
        page.set_default_timeout(10000)
        page.on("load", lambda p: loaded.append(p.url))
        contexts.append((context, loaded))
        return page

    yield _new_page
    unchecked = [u for context, loaded in contexts for u in dict.fromkeys(loaded) if u not in context._zwfw_axe_checked]
    for context, _loaded in contexts:
        context.close()
    if unchecked:
        pytest.fail("pages loaded but never checked with axe_check(): " + ", ".join(unchecked))


def assert_fits(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways on a phone: {width}px wide"


def test_from_the_guide_to_one_case_across_two_devices(
    page, live_server, axe_guard, new_page, personas, centres, calendar_2025_2026, media, monkeypatch
):
    time = Freezer(monkeypatch)
    time.at(2026, 3, 2, 21, 30)  # at night, on the phone
    version = online_version(personas, centres)
    code = version.item.implementation_code
    wang = personas.wang_jianjun

    # --- the phone -------------------------------------------------------------------------------------
    page.set_default_timeout(10000)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + f"/items/{code}/")
    axe_check(page)
    go(page, page.get_by_role("button", name="在线申请").click)  # not logged in yet: the login page, then back
    assert "/login/" in page.url
    page.get_by_label("手机号码").fill(wang.mobile)
    page.get_by_label("密码", exact=True).fill(TEST_PASSWORD)
    go(page, page.get_by_role("button", name="登录").click)
    assert page.url.endswith(f"/apply/{code}/")  # the start page explains what is needed
    assert "最低生活保障申请书" in page.locator("main").inner_text()
    go(page, page.get_by_role("button", name="开始填写").click)
    draft = Application.objects.get()
    assert page.url.endswith(f"/apply/drafts/{draft.pk}/")
    assert page.get_by_label("申请人姓名").input_value() == "王建军"  # from the account
    assert_fits(page)
    page.get_by_label("共同生活家庭人口").fill("3")
    page.get_by_label("芦阳镇便民服务中心").check()
    go(page, page.get_by_role("button", name="保存草稿", exact=True).last.click)
    assert "草稿已保存" in page.get_by_role("status").first.inner_text()

    # --- next morning, the PC ------------------------------------------------------------------------------
    time.at(2026, 3, 3, 9)
    pc = new_page(DESKTOP)
    login_through_form(pc, live_server, wang.username, TEST_PASSWORD)
    pc.goto(live_server.url + "/apply/drafts/")
    axe_check(pc)
    go(pc, pc.get_by_role("link", name="继续填写").click)
    assert pc.get_by_label("共同生活家庭人口").input_value() == "3"
    assert pc.get_by_label("芦阳镇便民服务中心").is_checked()
    pc.get_by_label("家庭月收入（元）").fill("1200")
    pc.get_by_label("家庭成员有残疾或重病").check()
    go(pc, pc.get_by_role("button", name="检查").click)
    problems = pc.locator("#problems")
    text = problems.inner_text()
    for expected in (
        "本人承诺所填内容真实",
        "最低生活保障申请书",
        "居民身份证和户口簿",
        "家庭经济状况核对授权书",
        "家庭收入及财产状况声明",
        "残疾证或重大疾病诊断证明",
    ):
        assert expected in text, expected  # every problem at once, the conditional material included

    pc.get_by_label("家庭成员有残疾或重病").uncheck()
    pc.get_by_label("本人承诺所填内容真实").check()
    for requirement in version.materials.filter(is_required=True):
        pc.locator(f"#file_{requirement.pk}").set_input_files(
            files=[{"name": f"{requirement.name}.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
    go(pc, pc.get_by_role("button", name="检查").click)
    assert "检查通过" in pc.get_by_role("status").first.inner_text()
    assert pc.get_by_role("link", name="最低生活保障申请书.pdf").count() == 1

    # The phone's page is now stale: saving from it changes nothing and says so.
    page.get_by_label("共同生活家庭人口").fill("9")
    go(page, page.get_by_role("button", name="保存草稿", exact=True).last.click)
    assert "其他设备" in page.locator(".messages").inner_text()
    assert page.get_by_label("共同生活家庭人口").input_value() == "3"

    # 提交申请 pressed again while the first press is still on its way (the response held back here): the page
    # sends it once (core/submit-once.js); the server would make one case anyway (test_apply_views.py).
    held: list[Any] = []
    submit_url = f"**/apply/drafts/{draft.pk}/"
    pc.route(submit_url, lambda route: held.append(route) if route.request.method == "POST" else route.continue_())
    # The first press, and a second one 0.3 s later from the same page while the first request is held back.
    with pc.expect_request(lambda r: r.method == "POST"):
        pc.evaluate(
            """() => { const button = document.querySelector("button[value=submit]");
                       button.click(); setTimeout(() => button.click(), 300); }"""
        )
    pc.wait_for_timeout(800)
    assert len(held) == 1, "the second press sent the form again"
    with pc.expect_navigation(url="**/submitted/"):
        held[0].continue_()
    pc.unroute(submit_url)
    pc.wait_for_load_state("load")
    axe_check(pc)
    assert Case.objects.count() == 1
    case = Case.objects.get()
    body = pc.locator("main").inner_text()
    assert case.number in body and case.query_code in body
    with pc.expect_download() as download:
        pc.get_by_role("link", name="下载申报回执（PDF）").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert case.centre.name == "芦阳镇便民服务中心" and case.region.name == "芦阳镇"
    sms = sms_outbox(wang.mobile)
    assert len(sms) == 1 and case.number in sms[0]["text"]
