# ruff: noqa: F811 - the fixtures imported from story_builders are named as arguments
"""Story 4 of SCENARIOS.md in a real browser, on the demonstration item and the real 2026 calendar, axe-core on
every page: a supplement, a holiday and an inspection.

赵敏 applies for 道路货物运输经营许可 (promised 10 working days, legal 20) for the co-operative on Tuesday 2026-02-10.
春节 2026: holidays 02-15 (Sun) … 02-23 (Mon); make-up working Saturdays 02-14 and 02-28.

- 02-10 submitted: acceptance due 5 working days later = 02-24 (11, 12, 13, 14 Sat, then the festival, 24);
- 02-11 田野 asks, once, for two vehicle documents: the acceptance clock stops (no due date);
- 02-13 (evening) she uploads them: the clock restarts that day → 02-27 (14 Sat, 24, 25, 26, 27);
- 02-14 (the make-up Saturday) accepted: promised → 03-06, legal → 03-20 (02-28 counted);
- 03-02 郭亮 starts a vehicle inspection planned to 03-05; no due date while it runs; 03-05 it ends: 3, 4 and
  5 March are not counted, every date moves by three working days (promised 03-11, legal 03-25);
- 03-06 examined, 03-09 韩冰 approves (within the promised 03-11), 03-10 delivered electronically;
- 赵敏 reads each pause and why on the co-operative's case page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from zwfw.cases.choices import CaseState
from zwfw.cases.models import Case
from zwfw.workflow import clock as legal_clock
from zwfw.workflow.choices import PauseKind, StepKind

from .handling_builders import Freezer, fresh
from .story_builders import go, pdf_for, people_browser, story_county  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

D = dt.date
FREIGHT = "道路货物运输经营许可"
LICENCE_DOC = "机动车行驶证"
TEST_REPORT = "车辆技术等级评定或综合性能检测报告"


def facts(page: Any) -> str:
    return page.locator(".facts").first.inner_text()


def test_story4_supplement_spring_festival_and_inspection(
    live_server, people_browser, personas, calendar_2025_2026, monkeypatch, settings, tmp_path, sms_limits_off
):
    settings.MEDIA_ROOT = tmp_path
    settings.SESSION_COOKIE_AGE = 60 * 60 * 24 * 90  # the story spans a month of (frozen) time
    time = Freezer(monkeypatch)
    time.at(2026, 2, 10, 9)
    version = story_county(FREIGHT)[FREIGHT]
    devices = people_browser
    zhao, coop = personas.zhao_min, personas.green_coop

    # --- 02-10: 赵敏 acts for the co-operative and applies online -------------------------------------------
    mine = devices.as_user(zhao)
    devices.open(mine, "/account/organisations/")
    mine.get_by_label("景泰县绿源枸杞种植专业合作社（单位管理员）").check()
    go(mine, lambda: mine.get_by_role("button", name="切换身份").click())
    devices.open(mine, f"/items/{version.item.implementation_code}/")
    go(mine, lambda: mine.get_by_role("button", name="在线申请").click())
    assert mine.get_by_label("统一社会信用代码", exact=True).input_value() == coop.uscc  # from the co-operative
    mine.get_by_label("普通货运").check()
    mine.get_by_label("营运车辆数").fill("2")
    mine.get_by_label("车辆号牌").fill("甘D3K218\n甘D5M607")
    mine.get_by_label("核定载质量合计（吨）").fill("36")
    mine.get_by_label("有总质量12吨及以上的货车").check()
    mine.get_by_label("驾驶人员数").fill("2")
    mine.get_by_label("安全生产管理人员姓名").fill("赵敏")
    mine.get_by_label("电子送达").check()
    go(mine, lambda: mine.get_by_role("button", name="检查").click())
    problems = mine.locator("#problems").inner_text()
    assert "卫星定位装置安装证明" in problems  # heavy lorries: the GPS certificate is required too
    assert LICENCE_DOC not in problems  # from the licence library
    for requirement in version.materials.exclude(source="licence_library"):
        if requirement.is_required or "卫星定位" in requirement.name:
            mine.locator(f"#file_{requirement.pk}").set_input_files(files=[pdf_for(requirement.name)])
    go(mine, lambda: mine.get_by_role("button", name="检查").click())
    assert "检查通过" in mine.get_by_role("status").first.inner_text()
    go(mine, lambda: mine.get_by_role("button", name="提交申请").click())
    case = Case.objects.get(version__name=FREIGHT)
    assert case.organisation == coop and case.accept_due == D(2026, 2, 24)  # the festival skipped, 02-14 counted

    # --- 02-11: 田野 asks once for the two vehicle documents --------------------------------------------------
    time.at(2026, 2, 11)
    tian = devices.as_user(personas.tian_ye)
    devices.staff_case(tian, case.number)
    assert "2026-02-24" in facts(tian)  # 应受理日期
    tian.get_by_label(f"“{LICENCE_DOC}”的问题").select_option(label="缺少")
    tian.get_by_label(f"“{LICENCE_DOC}”的补正要求").fill("电子证照库中未查到甘D5M607的行驶证，请上传行驶证扫描件")
    tian.get_by_label(f"“{TEST_REPORT}”的问题").select_option(label="不符合要求")
    tian.get_by_label(f"“{TEST_REPORT}”的补正要求").fill("检测报告已超过有效期，请上传近一年内的报告")
    tian.get_by_label("补正说明（可选）").fill("营运车辆材料不齐全")
    go(tian, lambda: tian.get_by_role("button", name="发出补正通知").click())
    case = fresh(case)
    assert case.state == CaseState.SUPPLEMENTING and case.accept_due is None  # the clock stopped
    assert "发出补正通知" not in tian.content()  # once only

    # --- 02-13 evening: she uploads both; the clock restarts -------------------------------------------------
    time.at(2026, 2, 13, 20)
    devices.open(mine, f"/account/cases/{case.number}/")
    assert "暂停计时：补正材料" in mine.get_by_role("main").inner_text()
    go(mine, lambda: mine.get_by_role("link", name="在线补正").click())
    for name in (LICENCE_DOC, TEST_REPORT):
        mine.get_by_label(f"上传“{name}”").set_input_files(files=[pdf_for(f"{name}（补正）")])
    go(mine, lambda: mine.get_by_role("button", name="提交补正材料").click())
    case = fresh(case)
    assert case.state == CaseState.SUBMITTED and case.accept_due == D(2026, 2, 27)

    # --- 02-14, the make-up Saturday: accepted ---------------------------------------------------------------
    time.at(2026, 2, 14)
    devices.staff_case(tian, case.number)
    assert "2026-02-27" in facts(tian)
    tian.get_by_label("受理意见").fill("补正后材料齐全")
    go(tian, lambda: tian.get_by_role("button", name="受理", exact=True).click())
    case = fresh(case)
    assert (case.promised_due, case.legal_due) == (D(2026, 3, 6), D(2026, 3, 20))

    # --- 03-02 to 03-05: a vehicle inspection stops the clock for three days ---------------------------------
    time.at(2026, 3, 2)
    guo = devices.as_user(personas.guo_liang)
    devices.staff_case(guo, case.number)
    guo.get_by_label("特别程序", exact=True).select_option(label="现场勘验/检验")
    guo.get_by_label("原因", exact=True).fill("对申请车辆进行技术检验")
    guo.get_by_label("依据（可选）").fill("《道路货物运输及站场管理规定》")
    guo.get_by_label("预计结束日期（可选）").fill("2026-03-05")
    go(guo, lambda: guo.get_by_role("button", name="开始特别程序").click())
    case = fresh(case)
    assert case.paused_kind == PauseKind.INSPECTION and (case.promised_due, case.legal_due) == (None, None)
    assert "提交审查意见" not in guo.content()  # nothing but the end of the procedure while it runs

    time.at(2026, 3, 5, 16)
    devices.staff_case(guo, case.number)
    guo.get_by_label("特别程序的结果").fill("两辆车技术状况符合要求")
    go(guo, lambda: guo.get_by_role("button", name="结束特别程序").click())
    case = fresh(case)
    assert (case.promised_due, case.legal_due) == (D(2026, 3, 11), D(2026, 3, 25))

    # --- examined, decided within the promised limit, delivered ----------------------------------------------
    time.at(2026, 3, 6)
    devices.staff_case(guo, case.number)
    guo.get_by_label("同意", exact=True).check()
    guo.get_by_label("审查意见").fill("申请人符合道路货物运输经营许可条件")
    go(guo, lambda: guo.get_by_role("button", name="提交审查意见").click())

    time.at(2026, 3, 9)
    han = devices.as_user(personas.han_bing)
    devices.staff_case(han, case.number)
    assert "申请人符合道路货物运输经营许可条件" in han.content()
    han.get_by_label("准予许可").check()
    go(han, lambda: han.get_by_role("button", name="作出决定并生成决定书").click())
    case = fresh(case)
    assert case.state == CaseState.DECIDED and case.decided_at.date() <= case.promised_due
    pauses = [(p.start_date, p.end_date) for p in case.pauses.exclude(kind=PauseKind.SUPPLEMENT)]
    used = legal_clock.working_days_used(start=D(2026, 2, 14), until=D(2026, 3, 9), pauses=pauses)
    assert used <= case.promised_limit_days == 10

    time.at(2026, 3, 10)
    devices.staff_case(tian, case.number)
    tian.get_by_label("送达方式").select_option("electronic")
    go(tian, lambda: tian.get_by_role("button", name="确认送达").click())
    assert fresh(case).state == CaseState.DELIVERED
    assert case.steps.get(kind=StepKind.DELIVER).agency == personas.transport

    # --- 赵敏 sees each pause and why, among the co-operative's cases -----------------------------------------
    devices.open(mine, "/account/cases/?for=" + str(coop.pk))
    go(mine, lambda: mine.get_by_role("link", name=case.number).click())
    timeline = mine.locator(".timeline").inner_text()
    for text in (
        "暂停计时：补正材料",
        "营运车辆材料不齐全",
        f"{LICENCE_DOC}（缺少）",
        "恢复计时：补正材料结束",
        "暂停计时：现场勘验/检验",
        "对申请车辆进行技术检验",
        "恢复计时：现场勘验/检验结束",
        "两辆车技术状况符合要求",
        "准予许可",
    ):
        assert text in timeline, text
    for name in ("田野", "郭亮", "韩冰"):
        assert name not in mine.content(), name
