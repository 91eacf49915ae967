"""The axe-core harness itself: a document that passed is not analysed twice, anything different is."""

from __future__ import annotations

import pytest

from zwfw.testing import browser
from zwfw.testing.browser import AxeViolations, axe_check

pytestmark = [pytest.mark.browser]

DOCUMENT = """<!doctype html><html lang="zh-CN"><head><title>办件查询</title></head>
<body><main><h1>办件查询</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" {alt}></main></body></html>"""


def test_a_document_that_passed_is_remembered_and_a_changed_one_is_analysed_again(page, axe_guard):
    page.set_content(DOCUMENT.format(alt='alt="景泰县"'))
    axe_check(page)
    remembered = len(browser._PASSED)
    axe_check(page)  # the very same document: the verdict is known
    assert len(browser._PASSED) == remembered

    page.emulate_media(media="print")  # same markup, other CSS rules: analysed again
    axe_check(page)
    assert len(browser._PASSED) == remembered + 1

    page.emulate_media(media="screen")
    page.set_content(DOCUMENT.format(alt=""))  # one attribute less: analysed again, and refused
    with pytest.raises(AxeViolations, match="image-alt"):
        axe_check(page)
