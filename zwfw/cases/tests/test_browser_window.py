# ruff: noqa: F811 - the fixtures imported from test_apply_builders are named as arguments
"""Story 3 in a real browser, axe-core on every page: 李秀英 brings her papers for 残疾人证 to 芦阳镇; 刘洋 finds her
by ID number, registers the application, scans the papers and submits; she gets the SMS with the case number and
query code, and the case is to be collected at the township centre."""

from __future__ import annotations

import re
from typing import Any

import pytest

from zwfw.cases.choices import Channel, DeliveryMethod
from zwfw.cases.models import Application, Case, Upload
from zwfw.identity.tests.factories import TEST_PASSWORD
from zwfw.notify.testing import sms_outbox
from zwfw.testing.browser import DESKTOP, PHONE, axe_check, login_through_form

from .handling_builders import Freezer
from .test_apply_builders import PDF, centres, media, online_version  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DISABILITY_FORM = {
    "fields": [
        {
            "name": "applicant_name",
            "label": "申请人姓名",
            "type": "text",
            "required": True,
            "prefill": "applicant.name",
        },
        {
            "name": "kind",
            "label": "残疾类别",
            "type": "choice",
            "required": True,
            "options": [["vision", "视力残疾"], ["hearing", "听力残疾"], ["physical", "肢体残疾"]],
        },
        {"name": "guardian_mobile", "label": "联系人手机号码", "type": "mobile"},
    ]
}


def go(page: Any, click: Any) -> Any:
    with page.expect_navigation():
        click()
    axe_check(page)
    return page


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_liu_yang_registers_li_xiuying_at_the_township_window(
    page, live_server, axe_guard, personas, centres, calendar_2025_2026, media, monkeypatch, size
):
    Freezer(monkeypatch).at(2026, 3, 2, 9, 30)
    version = online_version(personas, centres, form=DISABILITY_FORM)
    from zwfw.catalog.models import ItemVersion

    ItemVersion.objects.filter(pk=version.pk).update(name="残疾人证新办")
    li = personas.li_xiuying
    page.set_default_timeout(10000)
    page.set_viewport_size(size)

    login_through_form(page, live_server, personas.liu_yang.username, TEST_PASSWORD)
    page.goto(live_server.url + "/staff/window/")
    axe_check(page)
    page.get_by_label("居民身份证号码").fill(li.id_number)
    go(page, page.get_by_role("button", name="查找申请人").click)
    assert li.id_number not in page.url
    assert li.id_number_masked in page.locator("main").inner_text()
    page.get_by_label("事项名称").fill("残疾人证")
    go(page, page.get_by_role("button", name="查找事项").click)
    go(page, page.get_by_role("button", name=re.compile("为申请人登记.*残疾人证新办")).click)
    draft = Application.objects.get()
    assert draft.channel == Channel.WINDOW and draft.registered_by == personas.liu_yang and draft.applicant == li

    assert page.get_by_label("申请人姓名").input_value() == "李秀英"
    page.get_by_label("残疾类别").select_option(label="肢体残疾")
    for requirement in version.materials.filter(is_required=True):
        page.locator(f"#file_{requirement.pk}").set_input_files(
            files=[{"name": f"{requirement.name}扫描件.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
    go(page, page.get_by_role("button", name="检查").click)
    assert "检查通过" in page.get_by_role("status").first.inner_text()
    go(page, page.get_by_role("button", name="提交申请").click)
    assert page.url.endswith("/submitted/")
    case = Case.objects.get()
    text = page.locator("main").inner_text()
    assert case.number in text and case.query_code in text
    assert case.channel == Channel.WINDOW and case.centre == centres.luyang and case.region == centres.luyang_region
    assert case.delivery_method == DeliveryMethod.WINDOW and case.agency == personas.civil_affairs
    assert all(u.owner == li and u.uploaded_by == personas.liu_yang for u in Upload.objects.all())
    with page.expect_download() as download:
        page.get_by_role("link", name="下载申报回执（PDF）").click()
    assert download.value.suggested_filename.endswith(".pdf")
    sms = sms_outbox(li.mobile)
    assert len(sms) == 1 and case.number in sms[0]["text"] and case.query_code in sms[0]["text"]
