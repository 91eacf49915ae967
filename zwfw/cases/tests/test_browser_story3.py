# ruff: noqa: F811 - the fixtures imported from story_builders are named as arguments
"""Story 3 of SCENARIOS.md in a real browser, whole, on the demonstration item 残疾人证办理, axe-core on every page.

``test_browser_window.py`` proves the registration at the window on phone and desktop; this test carries the
story to its end: 刘洋 registers 李秀英's application at 芦阳镇 and scans her papers; her SMS has the case number
and query code; her grandson looks the case up on his phone (number and code in the form, never in the address,
no staff names); 刘洋 accepts at the township; 罗娟 and 曹辉 of 县民政局 examine and approve in the county; 刘洋 hands
the card over at the township centre. Every step that meets 李秀英 is 芦阳镇's: the county never saw her.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from zwfw.cases.choices import ActionCode, CaseState, Channel, DeliveryMethod
from zwfw.cases.models import Case
from zwfw.notify.testing import sms_outbox
from zwfw.testing.browser import PHONE
from zwfw.workflow.choices import StepKind

from .handling_builders import Freezer, fresh
from .story_builders import go, pdf_for, people_browser, story_county  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CARD = "残疾人证办理"


def look_up(devices: Any, page: Any, number: str, code: str) -> str:
    """The grandson's lookup from the footer's 办件查询; returns the progress page's text."""
    devices.open(page, "/")
    go(page, lambda: page.get_by_role("contentinfo").get_by_role("link", name="办件查询").click())
    page.get_by_label("办件编号").fill(number)
    page.get_by_label("查询码").fill(code)
    go(page, lambda: page.get_by_role("button", name="查询").click())
    assert number not in page.url and code not in page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    return page.get_by_role("main").inner_text()


def test_story3_at_the_township_window(
    live_server, people_browser, personas, calendar_2025_2026, monkeypatch, settings, tmp_path, sms_limits_off
):
    settings.MEDIA_ROOT = tmp_path
    settings.SESSION_COOKIE_AGE = 60 * 60 * 24 * 90
    time = Freezer(monkeypatch)
    time.at(2026, 3, 2, 9, 30)
    version = story_county(CARD)[CARD]
    devices = people_browser
    li, liu = personas.li_xiuying, personas.liu_yang

    # --- 刘洋 registers the walk-in application and scans the papers ----------------------------------------
    window = devices.as_user(liu)
    devices.open(window, "/staff/window/")
    window.get_by_label("居民身份证号码").fill(li.id_number)
    go(window, lambda: window.get_by_role("button", name="查找申请人").click())
    assert li.id_number not in window.url
    window.get_by_label("事项名称").fill("残疾人证")
    go(window, lambda: window.get_by_role("button", name="查找事项").click())
    go(window, lambda: window.get_by_role("button", name=re.compile(f"为申请人登记.*{CARD}")).click())
    assert window.get_by_label("残疾人姓名").input_value() == "李秀英"
    window.get_by_label("申请类型").select_option(label="首次申领")
    window.get_by_label("残疾类别").select_option(label="肢体残疾")
    for requirement in version.materials.filter(is_required=True).exclude(source="licence_library"):
        window.locator(f"#file_{requirement.pk}").set_input_files(files=[pdf_for(f"{requirement.name}扫描件")])
    go(window, lambda: window.get_by_role("button", name="检查").click())
    assert "检查通过" in window.get_by_role("status").first.inner_text()
    go(window, lambda: window.get_by_role("button", name="提交申请").click())
    case = Case.objects.get()
    assert case.channel == Channel.WINDOW and case.centre.name == "芦阳镇便民服务中心"
    assert case.delivery_method == DeliveryMethod.WINDOW
    assert case.steps.get(kind=StepKind.ACCEPT).agency == personas.luyang

    # --- her SMS, and her grandson's phone -----------------------------------------------------------------
    sms = sms_outbox(li.mobile)
    assert len(sms) == 1 and case.number in sms[0]["text"] and case.query_code in sms[0]["text"]
    grandson = devices.page(PHONE)
    text = look_up(devices, grandson, case.number, case.query_code)
    assert "待受理" in text and "芦阳镇" in text and CARD in text

    # --- 刘洋 accepts at the township; 罗娟 and 曹辉 of 县民政局 examine and approve -------------------------------
    time.at(2026, 3, 3, 9)
    devices.staff_case(window, case.number)
    window.get_by_label("受理意见").fill("材料齐全，已采集照片")
    go(window, lambda: window.get_by_role("button", name="受理", exact=True).click())
    assert fresh(case).state == CaseState.PROCESSING

    time.at(2026, 3, 10)
    luo = devices.as_user(personas.luo_juan)
    devices.staff_case(luo, case.number)
    luo.get_by_label("同意", exact=True).check()
    luo.get_by_label("审查意见").fill("残疾评定结论为肢体残疾四级，符合办证条件")
    go(luo, lambda: luo.get_by_role("button", name="提交审查意见").click())

    time.at(2026, 3, 12)
    cao = devices.as_user(personas.cao_hui)
    devices.staff_case(cao, case.number)
    cao.get_by_label("准予许可").check()
    go(cao, lambda: cao.get_by_role("button", name="作出决定并生成决定书").click())
    case = fresh(case)
    assert case.state == CaseState.DECIDED
    assert case.steps.get(kind=StepKind.DELIVER).agency == personas.luyang  # handed over at the township

    # --- collected at 芦阳镇便民服务中心 ----------------------------------------------------------------------
    time.at(2026, 3, 16, 10)
    devices.staff_case(window, case.number)
    window.get_by_label("送达方式").select_option("window")
    go(window, lambda: window.get_by_role("button", name="确认送达").click())
    case = fresh(case)
    assert case.state == CaseState.DELIVERED
    texts = [s["text"] for s in sms_outbox(li.mobile)]
    assert any("已办结" in t for t in texts) and any("送达" in t or "领取" in t for t in texts)
    meeting = case.actions.filter(code__in=(ActionCode.SUBMIT, ActionCode.ACCEPT, ActionCode.DELIVER))
    met_her = {a.agency.slug for a in meeting}
    assert met_her == {"luyang"}  # submission, acceptance and hand-over: all at the township

    text = look_up(devices, grandson, case.number, case.query_code)
    assert "已送达" in text
    html = grandson.content()
    for name in ("刘洋", "罗娟", "曹辉", "李秀英"):
        assert name not in html, name
