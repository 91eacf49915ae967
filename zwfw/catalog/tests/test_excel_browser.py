"""Excel import in a real browser (axe-core on every page): 孙丽 downloads the template, uploads a
workbook with errors, reads the error report, then uploads the corrected workbook and finds her drafts."""

from __future__ import annotations

from pathlib import Path

import pytest

from zwfw.catalog.models import ServiceItem
from zwfw.catalog.tests.test_browser_lifecycle import go, log_in, menu
from zwfw.catalog.tests.test_excel_import import fill, good_item, two_items
from zwfw.testing.browser import axe_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_import_with_errors_then_clean(page, visit, live_server, personas, tmp_path):
    page.set_default_timeout(10000)
    log_in(page, live_server, personas.sun_li)
    menu(page, "本机构事项")
    go(page, page.get_by_role("link", name="批量导入（Excel）").click)
    assert page.get_by_role("heading", level=1).inner_text() == "批量导入事项"

    with page.expect_download() as info:
        page.get_by_role("link", name="下载导入模板").first.click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    template = Path(download.path()).read_bytes()

    rows = two_items()
    rows["事项"].append(good_item("3", "12AB", "编码错误的事项", item_type="行政审批"))
    bad = tmp_path / "有错误.xlsx"
    bad.write_bytes(fill(template, rows))
    page.get_by_label("填好的工作簿").set_input_files(str(bad))
    go(page, page.get_by_role("button", name="上传并检查").click)
    assert "没有导入任何事项" in page.get_by_role("status").inner_text()
    errors = page.get_by_role("table", name="错误清单")
    assert errors.get_by_role("row").count() == 3  # header + two problems of row 5
    assert "基本编码" in errors.inner_text() and "事项类型" in errors.inner_text()
    assert ServiceItem.objects.count() == 0
    with page.expect_download() as info:
        page.get_by_role("link", name="下载 导入错误清单.xlsx").click()
    assert info.value.suggested_filename == "导入错误清单.xlsx"

    go(page, page.get_by_role("link", name="改正后重新上传").click)
    good = tmp_path / "改正后.xlsx"
    good.write_bytes(fill(template, two_items()))
    page.get_by_label("填好的工作簿").set_input_files(str(good))
    go(page, page.get_by_role("button", name="上传并检查").click)
    assert "已导入 2 个事项" in page.get_by_role("status").inner_text()
    go(page, page.get_by_role("link", name="结婚登记预约确认（", exact=False).click)
    assert "结婚登记预约确认" in page.get_by_role("heading", level=1).inner_text()
    assert ServiceItem.objects.count() == 2

    # the job is listed under 我的后台任务
    page.goto(live_server.url + "/staff/system/jobs/")
    axe_check(page)
    assert page.get_by_role("table").get_by_role("row").count() == 3
