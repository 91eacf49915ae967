"""The staff screens at /staff/openinfo/: who may open them, the editor, uploads, publish, withdraw, history."""

from __future__ import annotations

import pytest
from django.test import Client

from zwfw.openinfo.choices import OpenInfoStatus
from zwfw.openinfo.models import OpenInfo, OpenInfoAttachment

from .builders import draft, pdf_bytes, png_bytes, published, upload

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(**overrides) -> dict:
    return {
        "category": "11",
        "title": "关于开展2026年度低保年审的通知",
        "document_number": "",
        "written_on": "2026-03-01",
        "subject_words": "低保 年审",
        "validity": "valid",
        "body": "各乡镇人民政府：\n\n请于3月底前完成年审。",
        **overrides,
    }


def test_who_may_open_the_screens(personas):
    assert Client().get("/staff/openinfo/").status_code == 302  # to the login page
    assert _client(personas.chen_jing).get("/staff/openinfo/").status_code == 403  # examiner, not item manager
    assert _client(personas.sun_li).get("/staff/openinfo/").status_code == 200
    assert _client(personas.ma_qiang).get("/staff/openinfo/").status_code == 200


def test_menu_entry_for_maintainers_only(personas):
    assert "政务公开信息" in _client(personas.sun_li).get("/staff/").content.decode()
    assert "政务公开信息" not in _client(personas.chen_jing).get("/staff/").content.decode()


def test_list_shows_my_agencys_entries_with_a_status_filter(personas):
    mine = draft(personas.sun_li, personas.civil_affairs, title="民政局草稿")
    published(personas.sun_li, personas.civil_affairs, title="民政局已发布")
    draft(personas.ma_qiang, personas.market, title="市场监管局草稿")
    response = _client(personas.sun_li).get("/staff/openinfo/")
    titles = [i.title for i in response.context["page"].object_list]
    assert set(titles) == {"民政局草稿", "民政局已发布"}
    drafts = _client(personas.sun_li).get("/staff/openinfo/", {"status": "draft"})
    assert [i.pk for i in drafts.context["page"].object_list] == [mine.pk]
    # The operator sees every agency's, and may narrow to one.
    operator = _client(personas.ma_qiang).get("/staff/openinfo/", {"agency": personas.market.pk})
    assert [i.title for i in operator.context["page"].object_list] == ["市场监管局草稿"]


def test_another_agencys_entry_is_403_on_every_screen(personas):
    info = draft(personas.ma_qiang, personas.market)
    client = _client(personas.sun_li)
    for method, path in (
        ("get", f"/staff/openinfo/{info.pk}/"),
        ("get", f"/staff/openinfo/{info.pk}/edit/"),
        ("post", f"/staff/openinfo/{info.pk}/edit/"),
        ("post", f"/staff/openinfo/{info.pk}/publish/"),
        ("post", f"/staff/openinfo/{info.pk}/withdraw/"),
        ("post", f"/staff/openinfo/{info.pk}/files/"),
    ):
        assert getattr(client, method)(path).status_code == 403, path
    assert client.get("/staff/openinfo/999999/").status_code == 404
    info.refresh_from_db()
    assert info.status == OpenInfoStatus.DRAFT and info.lock_version == 1


def test_create_once_even_when_the_form_is_posted_twice(personas):
    client = _client(personas.sun_li)
    form_page = client.get("/staff/openinfo/new/")
    key = form_page.context["form"].initial["submission_key"]
    first = client.post("/staff/openinfo/new/", _form(submission_key=key))
    second = client.post("/staff/openinfo/new/", _form(submission_key=key))
    info = OpenInfo.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/staff/openinfo/{info.pk}/"
    assert info.agency == personas.civil_affairs and info.status == OpenInfoStatus.DRAFT


def test_create_errors_are_shown_next_to_the_fields(personas):
    response = _client(personas.sun_li).post("/staff/openinfo/new/", _form(title="", written_on="2999-01-01"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "请填写标题。" in page and "成文日期不能晚于今天。" in page
    assert "各乡镇人民政府" in page and "低保 年审" in page  # what was typed is kept
    assert not OpenInfo.objects.exists()


def test_edit_from_an_older_version_is_refused_with_a_message(personas):
    info = draft(personas.sun_li, personas.civil_affairs)
    stale = info.lock_version
    ok = _client(personas.ma_qiang).post(
        f"/staff/openinfo/{info.pk}/edit/", _form(title="运营人员修改", lock_version=stale)
    )
    assert ok.status_code == 302
    refused = _client(personas.sun_li).post(
        f"/staff/openinfo/{info.pk}/edit/", _form(title="孙丽修改", lock_version=stale)
    )
    assert refused.status_code == 400 and "本次未保存" in refused.content.decode()
    info.refresh_from_db()
    assert info.title == "运营人员修改"


def test_upload_publish_withdraw_and_history(personas):
    client = _client(personas.sun_li)
    info = draft(personas.sun_li, personas.civil_affairs)
    base = f"/staff/openinfo/{info.pk}"

    wrong = client.post(f"{base}/files/", {"file": upload("通知.pdf", b"<html>not a pdf</html>")})
    assert wrong.status_code == 400 and "内容不是允许的类型" in wrong.content.decode()
    mismatch = client.post(f"{base}/files/", {"file": upload("通知.pdf", png_bytes())})
    assert mismatch.status_code == 400 and "与扩展名" in mismatch.content.decode()
    empty = client.post(f"{base}/files/", {})
    assert empty.status_code == 400 and "请选择要上传的文件。" in empty.content.decode()
    assert not OpenInfoAttachment.objects.exists()

    ok = client.post(f"{base}/files/", {"file": upload("年审登记表.pdf", pdf_bytes())})
    assert ok.status_code == 302
    attachment = OpenInfoAttachment.objects.get()

    unchecked = client.post(f"{base}/publish/", {})
    assert unchecked.status_code == 400 and "保密审查" in unchecked.content.decode()
    assert client.post(f"{base}/publish/", {"secrecy_reviewed": "on"}).status_code == 302
    info.refresh_from_db()
    assert info.status == OpenInfoStatus.PUBLISHED and info.index_number

    no_reason = client.post(f"{base}/withdraw/", {"reason": ""})
    assert no_reason.status_code == 400 and "请填写撤回原因。" in no_reason.content.decode()
    assert client.post(f"{base}/withdraw/", {"reason": "内容需要更正"}).status_code == 302
    info.refresh_from_db()
    assert info.status == OpenInfoStatus.WITHDRAWN

    assert client.post(f"{base}/files/{attachment.pk}/remove/").status_code == 302
    assert client.post(f"{base}/files/{attachment.pk}/remove/").status_code == 302  # double click: no error
    assert not OpenInfoAttachment.objects.exists()

    history = client.get(f"{base}/").content.decode()
    for label in ("新建草稿", "上传附件", "发布", "撤回", "删除附件", "内容需要更正", "孙丽"):
        assert label in history, label
    assert "未成功" in history  # the refused publish is on record too


def test_the_operator_chooses_the_publishing_agency(personas):
    client = _client(personas.ma_qiang)
    key = client.get("/staff/openinfo/new/").context["form"].initial["submission_key"]
    response = client.post("/staff/openinfo/new/", _form(agency=personas.luyang.pk, submission_key=key))
    assert response.status_code == 302
    assert OpenInfo.objects.get().agency == personas.luyang
    # An item manager's form has no agency choice: a posted agency is ignored.
    key = _client(personas.sun_li).get("/staff/openinfo/new/").context["form"].initial["submission_key"]
    _client(personas.sun_li).post("/staff/openinfo/new/", _form(agency=personas.luyang.pk, submission_key=key))
    assert OpenInfo.objects.filter(agency=personas.civil_affairs).count() == 1
