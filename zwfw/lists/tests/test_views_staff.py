"""The staff screens under /staff/lists/: who sees what, the editor (with beneficiaries), stale forms,
publish and withdraw, the history page with its diff."""

from __future__ import annotations

import pytest

from zwfw.lists.choices import EntryStatus
from zwfw.lists.models import Fee, PovertyBeneficiary, PovertyProject
from zwfw.lists.selectors import entry_revisions
from zwfw.lists.services.entries import entry_create, entry_publish, entry_update
from zwfw.lists.tests.builders import fee_data, id_number, township
from zwfw.org.choices import Role
from zwfw.org.models import Membership

pytestmark = pytest.mark.django_db


def _fee_post(form_values: dict, **overrides) -> dict:
    data = {k: v for k, v in fee_data().items() if k != "concerns_enterprises"}
    data.update({"sort_order": "0", **form_values, **overrides})
    return data


def test_the_menu_and_the_list_screen(client, personas):
    client.force_login(personas.sun_li)
    staff = client.get("/staff/").content.decode()
    assert "/staff/lists/fee/" in staff and "行政事业性收费清单" in staff
    entry_create(actor=personas.sun_li, kind="fee", agency=personas.civil_affairs, data=fee_data())
    response = client.get("/staff/lists/fee/")
    assert response.status_code == 200 and "居民身份证工本费" in response.content.decode()


def test_people_without_the_role_and_other_agencies_get_403(client, personas):
    fee = entry_create(actor=personas.sun_li, kind="fee", agency=personas.civil_affairs, data=fee_data())
    Membership.objects.create(user=personas.chen_jing, agency=personas.market, role=Role.ITEM_MANAGER)
    client.force_login(personas.chen_jing)
    assert client.get("/staff/lists/fee/").status_code == 200
    for url in (f"/staff/lists/fee/{fee.pk}/", f"/staff/lists/fee/{fee.pk}/edit/"):
        assert client.get(url).status_code == 403
    assert client.post(f"/staff/lists/fee/{fee.pk}/publish/").status_code == 403
    assert client.post(f"/staff/lists/fee/{fee.pk}/withdraw/", {"reason": "x"}).status_code == 403
    fee.refresh_from_db()
    assert fee.status == EntryStatus.DRAFT
    client.force_login(personas.wang_jianjun)
    assert client.get("/staff/lists/fee/").status_code == 403
    client.logout()
    assert client.get("/staff/lists/fee/").status_code == 302


def test_create_is_idempotent_and_edit_publish_withdraw_work(client, personas):
    client.force_login(personas.sun_li)
    form = client.get("/staff/lists/fee/new/").context["form"]
    token = form.initial["token"]
    post = _fee_post({"token": token}, concerns_enterprises="on")
    first = client.post("/staff/lists/fee/new/", post)
    second = client.post("/staff/lists/fee/new/", post)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    fee = Fee.objects.get()
    assert fee.concerns_enterprises is True and fee.agency == personas.civil_affairs

    edit = client.get(f"/staff/lists/fee/{fee.pk}/edit/")
    lock = edit.context["form"].initial["lock_version"]
    response = client.post(f"/staff/lists/fee/{fee.pk}/edit/", _fee_post({"lock_version": lock}, standard="每证25元"))
    assert response.status_code == 302
    client.post(f"/staff/lists/fee/{fee.pk}/publish/")
    client.post(f"/staff/lists/fee/{fee.pk}/withdraw/", {"reason": "收费项目取消"})
    fee.refresh_from_db()
    assert fee.standard == "每证25元" and fee.status == EntryStatus.WITHDRAWN
    page = client.get(f"/staff/lists/fee/{fee.pk}/?a=2&b=1")
    assert [(c.label, c.old, c.new) for c in page.context["changes"] if c.field == "standard"] == [
        ("收费标准", fee_data()["standard"], "每证25元")
    ]
    assert [r.action for r in page.context["revisions"]] == ["withdraw", "publish", "update", "create"]


def test_a_stale_form_says_so_and_changes_nothing(client, personas):
    fee = entry_create(actor=personas.sun_li, kind="fee", agency=personas.civil_affairs, data=fee_data())
    client.force_login(personas.sun_li)
    lock = client.get(f"/staff/lists/fee/{fee.pk}/edit/").context["form"].initial["lock_version"]
    entry_update(actor=personas.ma_qiang, entry=fee, data={"standard": "每证25元"})
    response = client.post(f"/staff/lists/fee/{fee.pk}/edit/", _fee_post({"lock_version": lock}, standard="每证30元"))
    assert response.status_code == 200
    assert "已被他人修改" in response.content.decode()
    fee.refresh_from_db()
    assert fee.standard == "每证25元"


def test_the_poverty_editor_keeps_ids_encrypted_and_shows_them_masked(client, personas):
    region = township()
    client.force_login(personas.sun_li)
    full = id_number("19900303", "135")
    post = {
        "name": "草窝滩镇日光温室建设项目",
        "year": "2026",
        "township": region.pk,
        "village": "三道村",
        "project_type": "industry",
        "content": "新建日光温室20座。",
        "amount": "120",
        "fund_source": "中央衔接推进乡村振兴补助资金",
        "benefit_mechanism": "温室租赁给脱贫户经营。",
        "progress": "planned",
        "sort_order": "0",
        "beneficiaries-TOTAL_FORMS": "3",
        "beneficiaries-INITIAL_FORMS": "0",
        "beneficiaries-MIN_NUM_FORMS": "0",
        "beneficiaries-MAX_NUM_FORMS": "300",
        "beneficiaries-0-name": "测试丁",
        "beneficiaries-0-id_number": full,
        "beneficiaries-0-household_size": "3",
        "beneficiaries-0-assistance": "温室一座",
    }
    response = client.post("/staff/lists/poverty/new/", post)
    assert response.status_code == 302, response.content.decode()[:2000]
    project = PovertyProject.objects.get()
    assert PovertyBeneficiary.objects.get().id_number == full
    page = client.get(f"/staff/lists/poverty/{project.pk}/").content.decode()
    edit = client.get(f"/staff/lists/poverty/{project.pk}/edit/").content.decode()
    for html in (page, edit):
        assert full not in html and "测试丁" not in html and "测**" in html
    # A bad ID number is refused with a masked message and nothing changes.
    post["beneficiaries-0-id_number"] = full[:-1] + ("1" if full[-1] != "1" else "2")
    post["name"] = "另一个项目"
    response = client.post("/staff/lists/poverty/new/", post)
    assert response.status_code == 200 and "无效" in response.content.decode()
    assert post["beneficiaries-0-id_number"] not in response.content.decode().split("value=")[0]
    assert PovertyProject.objects.count() == 1


def test_the_operator_maintains_any_agency(client, personas):
    fee = entry_create(actor=personas.sun_li, kind="fee", agency=personas.civil_affairs, data=fee_data())
    entry_publish(actor=personas.sun_li, entry=fee)
    client.force_login(personas.ma_qiang)
    listing = client.get("/staff/lists/fee/")
    assert listing.status_code == 200 and "居民身份证工本费" in listing.content.decode()
    client.post(f"/staff/lists/fee/{fee.pk}/withdraw/", {"reason": "运营核查后撤销"})
    fee.refresh_from_db()
    assert fee.status == EntryStatus.WITHDRAWN
    assert entry_revisions(fee)[-1].actor == personas.ma_qiang
