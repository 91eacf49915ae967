"""Registered OIDC clients: the services (checks, secrets shown once, audit) and the 安全管理员's screens."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.hashers import check_password
from django.core.exceptions import PermissionDenied, ValidationError
from oauth2_provider.models import Application

from zwfw.core.models import AuditEvent
from zwfw.identity.oidc.models import OidcClient
from zwfw.identity.oidc.services import client_deactivate, client_register, client_secret_rotate, client_update

pytestmark = pytest.mark.django_db

RP = "https://rs.jingtai.example"


def register(actor: Any = None, **overrides: Any) -> tuple[OidcClient, str]:
    data = {
        "name": "县人社局业务系统",
        "kind": "department",
        "allowed_scopes": ["openid", "profile", "realname"],
        "redirect_uris": f"{RP}/callback",
        "post_logout_redirect_uris": f"{RP}/",
        **overrides,
    }
    return client_register(actor=actor, **data)


def test_register_keeps_only_a_hash_of_the_secret_and_audits_without_it(personas):
    client, secret = register(actor=personas.gao_min)
    app = client.application
    assert len(secret) >= 64 and app.client_secret != secret
    assert check_password(secret, app.client_secret)
    assert app.authorization_grant_type == "authorization-code" and app.algorithm == "RS256"
    assert app.skip_authorization is True
    assert client.scope_list == ["openid", "profile", "realname"]
    event = AuditEvent.objects.get(action="oidc_client.register")
    assert event.actor == personas.gao_min
    assert event.detail["client_id"] == app.client_id and event.detail["scopes"] == ["openid", "profile", "realname"]
    assert secret not in json.dumps(event.detail) and app.client_secret not in json.dumps(event.detail)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": " "}, "请填写应用名称"),
        ({"allowed_scopes": ["profile"]}, "必须包含 openid"),
        ({"allowed_scopes": ["openid", "identity.verify"]}, "不能使用系统间调用"),
        ({"allowed_scopes": ["openid", "email"]}, "未知的授权范围：email"),
        ({"redirect_uris": ""}, "至少一个登录回调地址"),
        ({"redirect_uris": "ftp://rs.example/cb"}, "须为完整地址"),
        ({"redirect_uris": "/callback"}, "须为完整地址"),
        ({"redirect_uris": f"{RP}/cb#frag"}, "不能包含 # 片段"),
        ({"post_logout_redirect_uris": "javascript:alert(1)"}, "退出后跳转地址"),
        ({"kind": "machine", "allowed_scopes": ["identity.verify"]}, "机器客户端不需要回调地址"),
        ({"kind": "machine", "redirect_uris": "", "post_logout_redirect_uris": ""}, "只能使用系统间调用"),
        ({"kind": "department", "grant_type": "client-credentials"}, "使用授权码方式"),
        ({"kind": "other"}, "未知的应用类型"),
    ],
)
def test_register_refuses_bad_input_with_a_chinese_message_and_writes_nothing(personas, overrides, message):
    with pytest.raises(ValidationError) as refused:
        register(actor=personas.gao_min, **overrides)
    assert message in " ".join(refused.value.messages)
    assert not Application.objects.exists() and not OidcClient.objects.exists()
    denied = AuditEvent.objects.get(action="oidc_client.register")
    assert denied.outcome == "denied"


def test_only_the_security_administrator_registers_clients(personas):
    for someone in (personas.he_jun, personas.lin_feng, personas.wang_jianjun):
        with pytest.raises(PermissionDenied):
            register(actor=someone)
    assert not Application.objects.exists()
    assert AuditEvent.objects.filter(action="oidc_client.register", outcome="denied").count() == 3


def test_machine_clients_use_client_credentials_and_public_clients_have_no_secret(personas):
    machine, secret = client_register(
        actor=personas.gao_min, name="省平台", kind="machine", allowed_scopes=["identity.verify"]
    )
    assert machine.application.authorization_grant_type == "client-credentials" and secret
    assert machine.application.skip_authorization is False
    public, none = register(actor=personas.gao_min, name="移动端", confidential=False)
    assert none == "" and public.application.client_type == "public"


def test_rotate_gives_a_new_secret_once_and_the_old_one_stops_matching(personas):
    client, old = register(actor=personas.gao_min)
    new = client_secret_rotate(actor=personas.gao_min, client=client)
    client.application.refresh_from_db()
    assert new != old
    assert check_password(new, client.application.client_secret)
    assert not check_password(old, client.application.client_secret)
    event = AuditEvent.objects.get(action="oidc_client.secret_rotate")
    assert new not in json.dumps(event.detail)
    public, _ = register(actor=personas.gao_min, name="移动端", confidential=False)
    with pytest.raises(ValidationError, match="公开客户端没有密钥"):
        client_secret_rotate(actor=personas.gao_min, client=public)


def test_update_changes_uris_and_scopes_and_audits_what_changed(personas):
    client, _ = register(actor=personas.gao_min)
    changed = client_update(
        actor=personas.gao_min,
        client=client,
        data={"redirect_uris": f"{RP}/callback\n{RP}/cb2", "allowed_scopes": ["openid", "profile"]},
    )
    assert changed == ["redirect_uris", "allowed_scopes"]
    client.application.refresh_from_db()
    assert client.application.redirect_uris == f"{RP}/callback {RP}/cb2"
    assert client.scope_list == ["openid", "profile"]
    assert client_update(actor=personas.gao_min, client=client, data={"name": "县人社局业务系统"}) == []
    with pytest.raises(ValidationError):
        client_update(actor=personas.gao_min, client=client, data={"allowed_scopes": ["identity.verify"]})
    with pytest.raises(PermissionDenied):
        client_update(actor=personas.he_jun, client=client, data={"name": "改名"})
    with pytest.raises(TypeError):
        client_update(actor=personas.gao_min, client=client, data={"client_secret": "x"})


def test_deactivate_needs_a_reason_and_is_final(personas):
    client, _ = register(actor=personas.gao_min)
    with pytest.raises(ValidationError, match="请填写停用原因"):
        client_deactivate(actor=personas.gao_min, client=client, reason=" ")
    client_deactivate(actor=personas.gao_min, client=client, reason="系统下线")
    assert client.is_active is False and client.deactivated_at is not None
    with pytest.raises(ValidationError, match="已经停用"):
        client_deactivate(actor=personas.gao_min, client=client, reason="再次")
    with pytest.raises(ValidationError, match="已停用"):
        client_secret_rotate(actor=personas.gao_min, client=client)
    assert AuditEvent.objects.get(action="oidc_client.deactivate", outcome="success").detail["reason"] == "系统下线"


# --- the screens ------------------------------------------------------------------------------------


def test_the_client_screens_are_for_the_security_administrator_only(client, personas):
    registered, _ = register(actor=personas.gao_min)
    for someone in (personas.he_jun, personas.lin_feng, personas.wang_jianjun):
        client.force_login(someone)
        for url in (
            "/staff/security/clients/",
            "/staff/security/clients/new/",
            f"/staff/security/clients/{registered.pk}/",
        ):
            assert client.get(url).status_code == 403, (someone, url)
        assert client.post(f"/staff/security/clients/{registered.pk}/rotate/").status_code == 403
    client.logout()
    assert client.get("/staff/security/clients/").status_code == 302


def test_registering_through_the_screen_shows_the_secret_once(client, personas):
    client.force_login(personas.gao_min)
    page = client.get("/staff/security/clients/")
    assert page.status_code == 200 and "接入应用（单点登录）" in page.content.decode()
    answer = client.post(
        "/staff/security/clients/new/",
        {
            "name": "草窝滩镇子站",
            "kind": "subsite",
            "grant_type": "authorization-code",
            "confidential": "on",
            "redirect_uris": "https://cwt.jingtai.example/oidc/callback",
            "post_logout_redirect_uris": "https://cwt.jingtai.example/",
            "allowed_scopes": ["openid", "profile", "realname"],
            "skip_authorization": "on",
        },
    )
    assert answer.status_code == 200
    assert "no-store" in answer["Cache-Control"]
    html = answer.content.decode()
    assert "密钥只显示这一次" in html
    registered = OidcClient.objects.get()
    secret = html.split('<code id="client-secret">')[1].split("</code>")[0]
    assert check_password(secret, registered.application.client_secret)
    detail = client.get(f"/staff/security/clients/{registered.pk}/").content.decode()
    assert registered.application.client_id in detail and secret not in detail

    rotated = client.post(f"/staff/security/clients/{registered.pk}/rotate/").content.decode()
    new_secret = rotated.split('<code id="client-secret">')[1].split("</code>")[0]
    registered.application.refresh_from_db()
    assert new_secret != secret and check_password(new_secret, registered.application.client_secret)


def test_a_bad_registration_shows_the_services_message_and_saves_nothing(client, personas):
    client.force_login(personas.gao_min)
    answer = client.post(
        "/staff/security/clients/new/",
        {
            "name": "某系统",
            "kind": "machine",
            "grant_type": "client-credentials",
            "confidential": "on",
            "redirect_uris": "https://x.example/cb",
            "allowed_scopes": ["identity.verify"],
        },
    )
    assert answer.status_code == 200
    assert "机器客户端不需要回调地址" in answer.content.decode()
    assert not OidcClient.objects.exists()


def test_edit_and_deactivate_through_the_screens(client, personas):
    registered, _ = register(actor=personas.gao_min)
    client.force_login(personas.gao_min)
    form = client.get(f"/staff/security/clients/{registered.pk}/edit/")
    assert f"{RP}/callback" in form.content.decode()
    answer = client.post(
        f"/staff/security/clients/{registered.pk}/edit/",
        {
            "name": "县人社局业务系统（新）",
            "redirect_uris": f"{RP}/callback",
            "post_logout_redirect_uris": f"{RP}/",
            "allowed_scopes": ["openid", "profile"],
        },
    )
    assert answer.status_code == 302
    registered.refresh_from_db()
    registered.application.refresh_from_db()
    assert (
        registered.application.name == "县人社局业务系统（新）" and registered.application.skip_authorization is False
    )
    empty = client.post(f"/staff/security/clients/{registered.pk}/deactivate/", {"reason": ""}, follow=True)
    assert "请填写停用原因" in empty.content.decode()
    done = client.post(f"/staff/security/clients/{registered.pk}/deactivate/", {"reason": "系统下线"}, follow=True)
    assert "已停用" in done.content.decode()
    registered.refresh_from_db()
    assert registered.is_active is False


def test_the_menu_shows_the_clients_screen_to_the_security_administrator_only(personas):
    from zwfw.core.menu import staff_menu_for

    def urls(user: Any) -> set[str]:
        return {e["url_name"] for group in staff_menu_for(user) for e in group["entries"]}

    assert "identity:clients" in urls(personas.gao_min)
    assert "identity:clients" not in urls(personas.he_jun) | urls(personas.lin_feng)


def test_the_security_administrator_sets_a_machine_clients_service_account_on_its_page(client, personas):
    machine, _ = register(
        actor=personas.gao_min,
        name="县市场监管局审批系统",
        kind="machine",
        allowed_scopes=["cases.inbox", "cases.handle"],
        redirect_uris="",
        post_logout_redirect_uris="",
    )
    url = f"/staff/security/clients/{machine.pk}/service-user/"
    # Only the 安全管理员 may set it.
    client.force_login(personas.he_jun)
    assert client.post(url, {"service_user": personas.chen_jing.pk}).status_code == 403
    machine.refresh_from_db()
    assert machine.service_user_id is None

    client.force_login(personas.gao_min)
    page = client.get(f"/staff/security/clients/{machine.pk}/").content.decode()
    assert "服务账号" in page and "当前未设置" in page
    answer = client.post(url, {"service_user": personas.chen_jing.pk}, follow=True)
    assert "已保存服务账号" in answer.content.decode()
    machine.refresh_from_db()
    assert machine.service_user_id == personas.chen_jing.pk
    assert AuditEvent.objects.filter(action="oidc_client.service_user", object_id=str(machine.pk)).exists()

    # A person's account is not offered and is refused; nothing changes.
    answer = client.post(url, {"service_user": personas.wang_jianjun.pk}, follow=True)
    machine.refresh_from_db()
    assert machine.service_user_id == personas.chen_jing.pk
    assert "选择一个有效的选项" in answer.content.decode() or "工作人员" in answer.content.decode()

    # Cleared: the client acts as nobody.
    client.post(url, {"service_user": ""})
    machine.refresh_from_db()
    assert machine.service_user_id is None


def test_only_machine_clients_have_a_service_account(client, personas):
    department, _ = register(actor=personas.gao_min)
    client.force_login(personas.gao_min)
    assert "服务账号" not in client.get(f"/staff/security/clients/{department.pk}/").content.decode()
    answer = client.post(
        f"/staff/security/clients/{department.pk}/service-user/", {"service_user": personas.chen_jing.pk}, follow=True
    )
    assert "只有机器客户端" in answer.content.decode()
    department.refresh_from_db()
    assert department.service_user_id is None
