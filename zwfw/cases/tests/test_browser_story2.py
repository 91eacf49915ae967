# ruff: noqa: F811 - the fixtures imported from story_builders are named as arguments
"""Story 2 of SCENARIOS.md in a real browser, on the demonstration items, axe-core on every page: opening a
noodle shop.

王建军 searches 开饭馆 on his phone at night, starts 个体工商户设立登记 (logging in on the way) and 食品经营许可 (found
by 餐饮), saves both drafts, and finishes next morning on a PC. He double-clicks 提交申请: one case. At the county
hall 杨帆 accepts, 陈静 examines, 周涛 approves with the licence number, and the licence is delivered
electronically. With that number he submits the food permit; 杨帆 accepts; the joint stage (并联审批) is examined
by 陈静 (县市场监管局) and 苏红 (县卫健局); 周涛 decides with both opinions at hand; 王建军 downloads the signed-off
decision PDF. (The e-licence part of the story comes with the licences issue.)
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from zwfw.cases.choices import CaseState
from zwfw.cases.models import Application, Case
from zwfw.identity.tests.factories import TEST_PASSWORD
from zwfw.notify.testing import sms_outbox
from zwfw.org.uscc import uscc_make
from zwfw.testing.browser import PHONE, axe_check
from zwfw.workflow.choices import StepKind, StepState

from .handling_builders import Freezer, fresh
from .story_builders import go, pdf_for, people_browser, story_county  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LICENCE = "个体工商户设立登记"
FOOD = "食品经营许可"
SHOP = "景泰县王记牛肉面馆"
ADDRESS = "景泰县一条山镇兴泉路12号"
#: The number 周涛 gives the business licence: a 个体工商户's 统一社会信用代码.
SHOP_USCC = uscc_make(registry="9", category="2", region="620423", serial=52340077)


def upload_required(page: Any, version: Any) -> None:
    """Choose a file for every required material the applicant must upload (not those from the licence library)."""
    for requirement in version.materials.filter(is_required=True).exclude(source="licence_library"):
        page.locator(f"#file_{requirement.pk}").set_input_files(files=[pdf_for(requirement.name)])


def search(page: Any, words: str) -> None:
    page.get_by_label("站内搜索").fill(words)
    go(page, lambda: page.get_by_role("button", name="搜索", exact=True).click())


def examine(devices: Any, page: Any, number: str, opinion: str) -> None:
    devices.staff_case(page, number)
    assert page.locator("form[action*='/examine/']").count() == 1  # only the branch of the examiner's agency
    page.get_by_label("同意", exact=True).check()
    page.get_by_label("审查意见").fill(opinion)
    go(page, lambda: page.get_by_role("button", name="提交审查意见").click())
    assert "已提交审查意见" in page.content()


def test_story2_opening_a_noodle_shop(
    live_server, people_browser, personas, calendar_2025_2026, monkeypatch, settings, tmp_path, sms_limits_off
):
    settings.MEDIA_ROOT = tmp_path
    time = Freezer(monkeypatch)
    time.at(2026, 3, 2, 21, 30)  # Monday night
    versions = story_county(LICENCE, FOOD)
    devices = people_browser
    wang = personas.wang_jianjun

    # --- at night on the phone: search, log in on the way, two drafts ---------------------------------------
    phone = devices.page(PHONE)
    devices.open(phone, "/")
    search(phone, "开饭馆")
    results = phone.get_by_role("main")
    assert results.get_by_role("link", name=LICENCE).count() and results.get_by_role("link", name=FOOD).count()
    go(phone, lambda: results.get_by_role("link", name=LICENCE).first.click())
    go(phone, lambda: phone.get_by_role("button", name="在线申请").click())
    assert "/login/" in phone.url  # not logged in yet: the login page, then back to the application
    phone.get_by_label("手机号码").fill(wang.mobile)
    phone.get_by_label("密码", exact=True).fill(TEST_PASSWORD)
    go(phone, lambda: phone.get_by_role("button", name="登录").click())
    go(phone, lambda: phone.get_by_role("button", name="开始填写").click())
    assert phone.get_by_label("经营者姓名").input_value() == "王建军"  # from his account
    phone.get_by_label("使用个体工商户名称").check()
    phone.get_by_label("个体工商户名称", exact=True).fill(SHOP)  # shown once the box is ticked
    phone.get_by_label("组成形式", exact=True).select_option(label="个人经营")
    phone.get_by_label("经营场所", exact=True).fill(ADDRESS)
    go(phone, lambda: phone.get_by_role("button", name="保存草稿", exact=True).last.click())
    assert "草稿已保存" in phone.get_by_role("status").first.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    search(phone, "餐饮")
    go(phone, lambda: phone.get_by_role("main").get_by_role("link", name=FOOD).first.click())
    go(phone, lambda: phone.get_by_role("button", name="在线申请").click())  # logged in: straight to a draft
    phone.get_by_label("主体业态", exact=True).select_option(label="餐饮服务经营者")
    phone.get_by_label("热食类食品制售").check()
    go(phone, lambda: phone.get_by_role("button", name="保存草稿", exact=True).last.click())
    assert Application.objects.filter(applicant=wang, status="draft").count() == 2

    # --- next morning on the PC: finish, check, a double click on 提交申请 ------------------------------------
    time.at(2026, 3, 3, 9)
    pc = devices.as_user(wang)
    devices.open(pc, "/account/cases/")
    go(pc, lambda: pc.get_by_role("link", name=re.compile(f"继续填写.*{LICENCE}")).click())
    assert pc.get_by_label("个体工商户名称", exact=True).input_value() == SHOP  # what he typed on the phone
    pc.get_by_label("经营场所来源", exact=True).select_option(label="租赁")
    pc.get_by_label("餐饮服务", exact=True).check()
    pc.get_by_label("从业人数（含经营者）").fill("3")
    pc.get_by_label("资金数额（万元）").fill("5")
    pc.get_by_label("经营场所联系电话").fill(wang.mobile)
    pc.get_by_label("电子送达").check()
    go(pc, lambda: pc.get_by_role("button", name="检查").click())
    problems = pc.locator("#problems").inner_text()
    assert "个体工商户登记（备案）申请书" in problems and "经营场所使用证明" in problems  # all at once
    assert "经营者有效居民身份证" not in problems  # from the licence library, never uploaded
    upload_required(pc, versions[LICENCE])
    go(pc, lambda: pc.get_by_role("button", name="检查").click())
    assert "检查通过" in pc.get_by_role("status").first.inner_text()
    with pc.expect_navigation(url="**/submitted/"):
        pc.get_by_role("button", name="提交申请").dblclick()
    axe_check(pc)
    licence = Case.objects.get(version__name=LICENCE)  # exactly one case
    assert licence.number in pc.locator("main").inner_text() and licence.query_code in pc.locator("main").inner_text()
    assert [licence.number in s["text"] for s in sms_outbox(wang.mobile)] == [True]

    # --- the county hall: 杨帆 accepts, 陈静 examines, 周涛 approves, the licence is delivered ------------------
    time.at(2026, 3, 3, 9, 5)
    yang = devices.as_user(personas.yang_fan)
    devices.staff_case(yang, licence.number)
    yang.get_by_label("受理意见").fill("材料齐全，符合法定形式")
    go(yang, lambda: yang.get_by_role("button", name="受理", exact=True).click())
    assert fresh(licence).state == CaseState.PROCESSING

    chen = devices.as_user(personas.chen_jing)
    examine(devices, chen, licence.number, "名称、经营场所和经营范围符合规定")

    time.at(2026, 3, 3, 9, 10)
    zhou = devices.as_user(personas.zhou_tao)
    devices.staff_case(zhou, licence.number)
    assert "名称、经营场所和经营范围符合规定" in zhou.content()  # the examiner's opinion at hand
    zhou.get_by_label("准予许可").check()
    zhou.get_by_label("结果文号（可选）").fill(SHOP_USCC)
    go(zhou, lambda: zhou.get_by_role("button", name="作出决定并生成决定书").click())
    assert fresh(licence).state == CaseState.DECIDED

    devices.staff_case(yang, licence.number)
    yang.get_by_label("送达方式").select_option("electronic")
    go(yang, lambda: yang.get_by_role("button", name="确认送达").click())
    assert fresh(licence).state == CaseState.DELIVERED

    # --- the food permit, with the licence's number ------------------------------------------------------
    time.at(2026, 3, 3, 9, 15)
    devices.open(pc, f"/account/cases/{licence.number}/")
    assert SHOP_USCC in pc.get_by_role("main").inner_text()  # 结果文号/证照编号
    devices.open(pc, "/account/cases/")
    go(pc, lambda: pc.get_by_role("link", name=re.compile(f"继续填写.*{FOOD}")).click())
    assert pc.get_by_label("热食类食品制售").is_checked()
    pc.get_by_label("营业执照统一社会信用代码").fill(SHOP_USCC)
    pc.get_by_label("经营者名称（店招）").fill(SHOP)
    pc.get_by_label("经营场所", exact=True).fill(ADDRESS)
    pc.get_by_label("经营场所面积（平方米）").fill("68")
    pc.get_by_label("从业人员数", exact=True).fill("3")
    pc.get_by_label("持有效健康证明的从业人员数").fill("3")
    pc.get_by_label("食品安全管理人员姓名").fill("王建军")
    upload_required(pc, versions[FOOD])
    go(pc, lambda: pc.get_by_role("button", name="检查").click())
    assert "检查通过" in pc.get_by_role("status").first.inner_text()
    go(pc, lambda: pc.get_by_role("button", name="提交申请").click())
    food = Case.objects.get(version__name=FOOD)

    devices.staff_case(yang, food.number)
    go(yang, lambda: yang.get_by_role("button", name="受理", exact=True).click())
    food = fresh(food)
    joint = food.steps.filter(kind=StepKind.EXAMINE, state=StepState.ACTIVE).values_list("agency__slug", flat=True)
    assert sorted(joint) == ["scjgj", "wjj"]  # two agencies in parallel

    time.at(2026, 3, 3, 9, 20)
    examine(devices, chen, food.number, "经营场所和设备布局符合食品安全要求")
    assert fresh(food).steps.get(kind=StepKind.DECIDE).state == StepState.WAITING  # waits for every branch
    su = devices.as_user(personas.su_hong)
    examine(devices, su, food.number, "从业人员健康证明齐全有效")

    time.at(2026, 3, 3, 9, 25)
    devices.staff_case(zhou, food.number)
    body = zhou.content()
    assert "经营场所和设备布局符合食品安全要求" in body and "从业人员健康证明齐全有效" in body
    zhou.get_by_label("准予许可").check()
    go(zhou, lambda: zhou.get_by_role("button", name="作出决定并生成决定书").click())
    assert fresh(food).state == CaseState.DECIDED

    # --- 王建军 downloads the decision ------------------------------------------------------------------------
    devices.open(pc, f"/account/cases/{food.number}/")
    timeline = pc.locator(".timeline").inner_text()
    assert "县卫健局" in timeline and "县市场监管局" in timeline
    for name in ("杨帆", "陈静", "苏红", "周涛"):
        assert name not in pc.content(), name  # agencies only, never staff
    with pc.expect_download() as download:
        pc.get_by_role("link", name="准予行政许可决定书").first.click()
    path = download.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
