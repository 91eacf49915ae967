# ruff: noqa: F811 - the fixtures imported from story_builders are named as arguments
"""The full walk of issue 5's "Done means", in a real browser, axe-core 0 violations on every page visited.

On the demonstration item 食品经营许可 (a joint approval of 县市场监管局 and 县卫健局, all must agree): 王建军 goes
from the guide page (logged out) to submission; 杨帆 at the county hall's window asks for a supplement; 王建军
supplements online; 杨帆 accepts; 陈静 (县市场监管局) and 苏红 (县卫健局) claim and examine the parallel branches;
周涛 approves; 杨帆 hands the permit over at the window; then 王建军 reads the whole timeline and downloads the
documents.
"""

from __future__ import annotations

import pytest

from zwfw.cases.choices import ActionCode, CaseState, DocumentKind
from zwfw.cases.models import Case
from zwfw.identity.tests.factories import TEST_PASSWORD
from zwfw.org.uscc import uscc_make
from zwfw.workflow.choices import StepState

from .handling_builders import Freezer, fresh
from .story_builders import go, pdf_for, people_browser, story_county  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOOD = "食品经营许可"
HEALTH = "从业人员健康证明"
SHOP_USCC = uscc_make(registry="9", category="2", region="620423", serial=52340077)


def test_guide_to_delivery_with_a_supplement_and_a_joint_approval(
    live_server, people_browser, personas, calendar_2025_2026, monkeypatch, settings, tmp_path, sms_limits_off
):
    settings.MEDIA_ROOT = tmp_path
    time = Freezer(monkeypatch)
    time.at(2026, 4, 13, 9)
    version = story_county(FOOD)[FOOD]
    devices = people_browser
    wang = personas.wang_jianjun

    # --- the applicant: from the guide page to submission ---------------------------------------------------
    me = devices.page()
    devices.open(me, f"/items/{version.item.implementation_code}/")
    go(me, lambda: me.get_by_role("button", name="在线申请").click())
    me.get_by_label("手机号码").fill(wang.mobile)
    me.get_by_label("密码", exact=True).fill(TEST_PASSWORD)
    go(me, lambda: me.get_by_role("button", name="登录").click())
    go(me, lambda: me.get_by_role("button", name="开始填写").click())
    me.get_by_label("营业执照统一社会信用代码").fill(SHOP_USCC)
    me.get_by_label("经营者名称（店招）").fill("景泰县王记牛肉面馆")
    me.get_by_label("经营场所", exact=True).fill("景泰县一条山镇兴泉路12号")
    me.get_by_label("主体业态", exact=True).select_option(label="餐饮服务经营者")
    me.get_by_label("热食类食品制售").check()
    me.get_by_label("经营场所面积（平方米）").fill("68")
    me.get_by_label("从业人员数", exact=True).fill("3")
    me.get_by_label("持有效健康证明的从业人员数").fill("2")
    me.get_by_label("食品安全管理人员姓名").fill("王建军")
    for requirement in version.materials.filter(is_required=True).exclude(source="licence_library"):
        me.locator(f"#file_{requirement.pk}").set_input_files(files=[pdf_for(requirement.name)])
    go(me, lambda: me.get_by_role("button", name="检查").click())
    if "检查通过" not in me.get_by_role("status").first.inner_text():
        raise AssertionError(me.locator("#problems").inner_text())
    go(me, lambda: me.get_by_role("button", name="提交申请").click())
    case = Case.objects.get()
    assert case.number in me.get_by_role("main").inner_text()

    # --- the clerk asks once for a supplement ----------------------------------------------------------------
    time.at(2026, 4, 13, 10)
    yang = devices.as_user(personas.yang_fan)
    devices.staff_case(yang, case.number)
    yang.get_by_label(f"“{HEALTH}”的问题").select_option(label="不符合要求")
    yang.get_by_label(f"“{HEALTH}”的补正要求").fill("从业人员3人，只提交了2人的健康证明，请补齐")
    go(yang, lambda: yang.get_by_role("button", name="发出补正通知").click())
    assert fresh(case).state == CaseState.SUPPLEMENTING

    # --- the applicant supplements --------------------------------------------------------------------------
    time.at(2026, 4, 13, 19)
    devices.open(me, "/account/")
    go(me, lambda: me.get_by_role("navigation", name="用户中心栏目").get_by_role("link", name="我的办件").click())
    go(me, lambda: me.get_by_role("link", name=case.number).click())
    assert "只提交了2人的健康证明" in me.get_by_role("main").inner_text()
    go(me, lambda: me.get_by_role("link", name="在线补正").click())
    me.get_by_label(f"上传“{HEALTH}”").set_input_files(files=[pdf_for("从业人员健康证明（3人）")])
    go(me, lambda: me.get_by_role("button", name="提交补正材料").click())
    assert fresh(case).state == CaseState.SUBMITTED

    # --- accepted; two agencies examine in parallel; the decider approves; delivered --------------------------
    time.at(2026, 4, 14, 9)
    devices.staff_case(yang, case.number)
    yang.get_by_label("受理意见").fill("补正后材料齐全")
    go(yang, lambda: yang.get_by_role("button", name="受理", exact=True).click())
    assert fresh(case).state == CaseState.PROCESSING

    time.at(2026, 4, 15, 9)
    for examiner, opinion in (
        (personas.chen_jing, "经营场所、设备布局和食品安全管理制度符合要求"),
        (personas.su_hong, "3名从业人员健康证明均在有效期内"),
    ):
        page = devices.as_user(examiner)
        devices.staff_case(page, case.number)
        go(page, page.get_by_role("button", name="签收").first.click)
        page.get_by_label("同意", exact=True).check()
        page.get_by_label("审查意见").fill(opinion)
        go(page, page.get_by_role("button", name="提交审查意见").click)
    assert fresh(case).steps.filter(parallel_group=1, state=StepState.DONE).count() == 2

    time.at(2026, 4, 16, 9)
    zhou = devices.as_user(personas.zhou_tao)
    devices.staff_case(zhou, case.number)
    zhou.get_by_label("准予许可").check()
    go(zhou, lambda: zhou.get_by_role("button", name="作出决定并生成决定书").click())
    assert fresh(case).state == CaseState.DECIDED

    time.at(2026, 4, 17, 10)
    devices.staff_case(yang, case.number)
    yang.get_by_label("送达方式").select_option("window")
    go(yang, lambda: yang.get_by_role("button", name="确认送达").click())
    case = fresh(case)
    assert case.state == CaseState.DELIVERED

    # --- the applicant sees the whole timeline ---------------------------------------------------------------
    devices.open(me, f"/account/cases/{case.number}/")
    timeline = me.locator(".timeline").inner_text()
    expected = [
        "申报",
        "补正告知",
        "暂停计时：补正材料",
        "补正提交",
        "恢复计时：补正材料结束",
        "受理",
        "审查",
        "决定",
        "送达",
    ]
    at = -1
    for title in expected:  # in this order
        found = timeline.find(title, at + 1)
        assert found > at, (title, timeline)
        at = found
    assert "景泰县市场监督管理局已完成“食品安全审查”" in timeline
    assert "景泰县卫生健康局已完成“从业人员健康审查”" in timeline
    codes = list(case.actions.exclude(code=ActionCode.CLAIM).values_list("code", flat=True))
    assert codes.count(ActionCode.EXAMINE) == 2 and len(codes) == 8
    documents = me.locator("section", has=me.get_by_role("heading", name="文书下载"))
    for kind in (DocumentKind.RECEIPT, DocumentKind.SUPPLEMENT_NOTICE, DocumentKind.ACCEPTANCE_NOTICE):
        title = case.documents.filter(kind=kind).first().title
        assert documents.get_by_role("link", name=title).count() == 1, title
    with me.expect_download() as download:
        documents.get_by_role("link", name="准予行政许可决定书").click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    for name in ("杨帆", "陈静", "苏红", "周涛"):
        assert name not in me.content(), name
