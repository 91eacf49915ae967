"""Single sign-on in a real browser: two example relying parties (examples/dept_system, each its own
process) log a person in through the provider (live_server); the second needs no credentials; a
logout from the first ends the provider session. axe-core checks every page, the RPs' included.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from oauth2_provider.models import AccessToken

from zwfw.identity.oidc.testing import (
    PERSON_MOBILE,
    RegisteredClient,
    client_for_rp,
    free_port,
    person_with_organisation,
    relying_party,
    session_cookie_for,
)
from zwfw.identity.tests.factories import TEST_PASSWORD
from zwfw.testing.browser import axe_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login_page_requests(page: Any, live_server: Any) -> list[str]:
    """The provider's login page, each time the browser is sent to it (form posts not counted)."""
    seen: list[str] = []
    page.on(
        "request",
        lambda r: (
            seen.append(r.url)
            if r.method == "GET" and r.url.startswith(live_server.url + "/login/") and r.is_navigation_request()
            else None
        ),
    )
    return seen


def test_one_login_for_two_department_systems_and_logout_ends_it(page, live_server, axe_guard):
    person = person_with_organisation()
    issuer = live_server.url + "/o"
    port1, port2 = free_port(), free_port()
    rp1 = client_for_rp(name="县人社局业务系统", port=port1)
    rp2 = client_for_rp(name="县医保局业务系统", port=port2)
    logins = _login_page_requests(page, live_server)

    with (
        relying_party(issuer=issuer, registered=rp1, port=port1, name="县人社局业务系统") as rp1_url,
        relying_party(issuer=issuer, registered=rp2, port=port2, name="县医保局业务系统") as rp2_url,
    ):
        # RP1: not logged in → the provider's login page → back at RP1 with the person's data.
        page.goto(rp1_url + "/")
        axe_check(page)
        page.get_by_role("link", name="使用景泰政务服务网账号登录").click()
        page.wait_for_url(live_server.url + "/login/**")
        axe_check(page)
        page.locator("input[name=login]").fill(PERSON_MOBILE)
        page.locator("input[name=password]").fill(TEST_PASSWORD)
        page.get_by_role("button", name="登录", exact=True).click()
        page.wait_for_url(rp1_url + "/me")
        axe_check(page)
        assert page.locator("#user-name").inner_text() == "王芳"
        assert page.locator("#user-level").inner_text().startswith("二级")
        assert "景泰县王芳面馆" in page.locator("#user-organisations").inner_text()
        assert page.locator("#user-acting-for").inner_text() == "本人"  # no organisation chosen
        # The claims RP1 shows are those of the ID token it verified against the JWKS.
        assert page.locator("#claim-iss").inner_text() == issuer
        assert page.locator("#claim-aud").inner_text() == rp1.client_id
        assert page.locator("#claim-sub").inner_text() == str(person.pk)
        assert page.locator("#claim-acr").inner_text() == "2"
        assert len(logins) == 1

        # RP2: logged in without typing anything (the provider's session is used).
        page.goto(rp2_url + "/")
        axe_check(page)
        page.get_by_role("link", name="使用景泰政务服务网账号登录").click()
        page.wait_for_url(rp2_url + "/me")
        axe_check(page)
        assert page.locator("#user-name").inner_text() == "王芳"
        assert page.locator("#claim-aud").inner_text() == rp2.client_id
        assert len(logins) == 1, f"RP2 sent the browser to the login page: {logins}"
        assert AccessToken.objects.filter(user=person).count() == 2

        # Log out at RP1: RP-initiated logout ends the provider session and revokes the tokens.
        page.goto(rp1_url + "/me")
        axe_check(page)
        page.get_by_role("button", name="退出登录").click()
        page.wait_for_url(rp1_url + "/?state=*")
        axe_check(page)
        assert "您已退出登录" in page.locator("main").inner_text()
        assert AccessToken.objects.filter(user=person).count() == 0

        # RP2 now has to ask for credentials again.
        page.goto(rp2_url + "/login")
        page.wait_for_url(live_server.url + "/login/**")
        axe_check(page)
        assert urlsplit(page.url).path == "/login/"
        assert page.locator("input[name=password]").is_visible()
        assert len(logins) == 2


def _log_in_as(page: Any, live_server: Any, user: Any) -> None:
    page.context.clear_cookies()
    for name, value in session_cookie_for(user).items():
        page.context.add_cookies([{"name": name, "value": value, "url": live_server.url}])


def test_consent_logout_confirmation_error_and_client_screens_pass_axe(page, live_server, axe_guard, personas):
    # The 安全管理员 registers a department system that is not first-party (consent asked).
    port = free_port()
    _log_in_as(page, live_server, personas.gao_min)
    page.goto(live_server.url + "/staff/security/clients/")
    axe_check(page)
    page.get_by_role("link", name="登记新应用").click()
    page.wait_for_url("**/clients/new/")
    axe_check(page)
    page.get_by_label("应用名称").fill("县医保局业务系统")
    page.get_by_label("部门业务系统").check()
    page.get_by_label("授权码（用户登录，PKCE）").check()
    page.get_by_label("登录回调地址").fill(f"http://127.0.0.1:{port}/callback")
    page.get_by_label("退出后跳转地址").fill(f"http://127.0.0.1:{port}/")
    for scope in ("openid", "profile", "realname", "organisation"):
        page.get_by_label(scope, exact=False).first.check()
    page.get_by_label("本平台的第一方应用").uncheck()
    page.get_by_role("button", name="登记").click()
    page.wait_for_load_state("load")
    axe_check(page)
    client_id = page.locator("#client-id").inner_text()
    secret = page.locator("#client-secret").inner_text()
    page.get_by_role("link", name="我已妥善保存，查看应用").click()
    page.wait_for_load_state("load")
    axe_check(page)
    assert secret not in page.content()
    page.get_by_role("link", name="修改").click()
    page.wait_for_load_state("load")
    axe_check(page)

    # The person logs in at the RP: the consent page first, then back at the RP.
    person = person_with_organisation()
    _log_in_as(page, live_server, person)
    registered = RegisteredClient(client=None, client_id=client_id, secret=secret)
    with relying_party(issuer=live_server.url + "/o", registered=registered, port=port, name="县医保局业务系统") as rp:
        page.goto(rp + "/login")
        page.wait_for_url(live_server.url + "/o/authorize/**")
        axe_check(page)
        assert "“县医保局业务系统”请求使用您的账号登录" in page.locator("main").inner_text()
        page.get_by_role("button", name="同意并登录").click()
        page.wait_for_url(rp + "/me")
        axe_check(page)
        assert page.locator("#user-name").inner_text() == "王芳"

    # Logout without an ID token asks first; cancelling keeps the session.
    page.goto(live_server.url + "/o/logout/")
    axe_check(page)
    page.get_by_role("button", name="取消").click()
    page.wait_for_load_state("load")
    axe_check(page)
    assert "您取消了退出" in page.locator("main").inner_text()
    page.goto(live_server.url + "/o/logout/")
    axe_check(page)
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url(live_server.url + "/")
    axe_check(page)

    # A request with a redirect URI that was not registered stops on our error page.
    _log_in_as(page, live_server, person)
    page.goto(
        live_server.url
        + f"/o/authorize/?response_type=code&client_id={client_id}&redirect_uri=https://evil.example/cb&scope=openid"
        + "&code_challenge="
        + "a" * 43
        + "&code_challenge_method=S256"
    )
    axe_check(page)
    assert "回调地址与登记的不一致" in page.locator("main").inner_text()
