"""/api/v1/docs in the real Chromium, under the site's real Content-Security-Policy (not bypassed).

The harness's context bypasses CSP (it injects axe-core as a script tag), so the first test opens a
context that does not: a CSP violation of Swagger UI would show up as a console error and as
operations that never render. The second runs axe-core on the rendered page in the harness's context.
"""

from typing import Any

import pytest

from zwfw.testing.browser import axe_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_page_works_under_the_sites_csp(browser: Any, live_server: Any) -> None:
    context = browser.new_context(bypass_csp=False, locale="zh-CN")
    page = context.new_page()
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    try:
        response = page.goto(live_server.url + "/api/v1/docs")
        assert response is not None and response.status == 200
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.locator(".opblock").first.wait_for(timeout=15_000)
        text = page.locator("#swagger-ui").inner_text()
        assert "景泰政务服务网 API" in text
        assert "/api/v1/items" in text and "事项列表" in text
        assert problems == []
        assert all(url.startswith(live_server.url) for url in requests), requests
    finally:
        context.close()


def test_the_rendered_docs_page_passes_axe(page: Any, live_server: Any, axe_guard: None) -> None:
    page.goto(live_server.url + "/api/v1/docs")
    page.locator(".opblock").first.wait_for(timeout=15_000)
    axe_check(page)
    # An operation opened: its parameters and responses.
    page.locator(".opblock-summary-control").first.click()
    page.locator(".opblock-body").first.wait_for()
    axe_check(page)
