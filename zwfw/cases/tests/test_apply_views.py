# ruff: noqa: F811 - the fixtures imported from test_apply_builders are named as arguments
"""The applying pages: the guide's 在线申请 button, the draft page, files, submission, other people's objects."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from zwfw.cases.choices import ApplicationStatus, Channel
from zwfw.cases.models import Application, Case, Upload
from zwfw.cases.selectors import application_values

from .test_apply_builders import GOOD_VALUES, PNG, centres, frozen, media, online_item, online_version, pdf_file  # noqa: F401

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_post(draft, values=None, **extra):
    data = {f"f-{k}": v for k, v in (values if values is not None else GOOD_VALUES).items() if v != ""}
    data.update({"lock_version": draft.lock_version, "delivery_method": "window", **extra})
    return data


def started(client, version) -> Application:
    response = client.post(reverse("cases_apply:start", kwargs={"code": version.item.implementation_code}))
    assert response.status_code == 302
    draft = Application.objects.latest("pk")
    assert response["Location"] == reverse("cases_apply:draft", kwargs={"pk": draft.pk})
    return draft


def test_the_guide_offers_online_application_and_the_start_page_explains(personas, online_item):
    guide = Client().get(reverse("portal:item_detail", kwargs={"code": online_item.item.implementation_code}))
    assert "在线申请" in guide.content.decode()
    start = reverse("cases_apply:start", kwargs={"code": online_item.item.implementation_code})
    anonymous = Client().post(start)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    page = login(personas.wang_jianjun).get(start)
    assert (
        page.status_code == 200
        and "开始填写" in page.content.decode()
        and "最低生活保障申请书" in page.content.decode()
    )
    assert not Application.objects.exists()  # GET starts nothing


def test_no_button_without_a_form_and_the_level_is_enforced(personas, centres, calendar_2025_2026, frozen, media):
    closed = online_version(personas, centres, form={})
    guide = Client().get(reverse("portal:item_detail", kwargs={"code": closed.item.implementation_code}))
    assert "cases_apply" not in guide.content.decode() and 'action="/apply/' not in guide.content.decode()
    from zwfw.catalog.models import ItemVersion

    ItemVersion.objects.filter(pk=closed.pk).update(application_form={"fields": []}, required_assurance_level=3)
    response = login(personas.outsider).post(
        reverse("cases_apply:start", kwargs={"code": closed.item.implementation_code})
    )
    assert response.status_code == 403 and "实名等级" in response.content.decode()
    assert not Application.objects.exists()


def test_the_draft_page_is_prefilled_and_saves(personas, online_item):
    client = login(personas.wang_jianjun)
    draft = started(client, online_item)
    page = client.get(reverse("cases_apply:draft", kwargs={"pk": draft.pk}))
    html = page.content.decode()
    assert page.status_code == 200 and 'value="王建军"' in html and "芦阳镇便民服务中心" in html
    response = client.post(reverse("cases_apply:draft", kwargs={"pk": draft.pk}), form_post(draft, action="save"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert application_values(draft)["household_size"] == "3" and application_values(draft)["promise"] == "on"


def test_a_stale_page_saves_nothing_and_says_why(personas, online_item):
    client = login(personas.wang_jianjun)
    draft = started(client, online_item)
    stale = form_post(draft, {**GOOD_VALUES, "household_size": "7"}, action="save")
    client.post(reverse("cases_apply:draft", kwargs={"pk": draft.pk}), form_post(draft, action="save"))
    response = client.post(reverse("cases_apply:draft", kwargs={"pk": draft.pk}), stale, follow=True)
    assert "其他设备" in response.content.decode()
    draft.refresh_from_db()
    assert application_values(draft)["household_size"] == "3"


def test_check_shows_every_problem_at_once(personas, online_item):
    client = login(personas.wang_jianjun)
    draft = started(client, online_item)
    response = client.post(
        reverse("cases_apply:draft", kwargs={"pk": draft.pk}),
        form_post(draft, {"applicant_name": "王建军", "household_size": "0"}, action="check"),
    )
    html = response.content.decode()
    assert response.status_code == 200 and "提交前还有" in html
    for text in ("共同生活家庭人口", "家庭月收入（元）", "本人承诺所填内容真实", "缺少必需的材料：最低生活保障申请书"):
        assert text in html


def test_upload_a_file_see_it_and_nobody_else_can(personas, online_item):
    client = login(personas.wang_jianjun)
    draft = started(client, online_item)
    requirement = online_item.materials.get(order=1)
    response = client.post(
        reverse("cases_apply:draft", kwargs={"pk": draft.pk}),
        {**form_post(draft, action="upload"), f"file_{requirement.pk}": pdf_file("申请书.pdf")},
    )
    assert response.status_code == 302
    upload = Upload.objects.get()
    assert upload.owner == personas.wang_jianjun and upload.file.name.startswith("cases/uploads/")
    assert "申请书" not in upload.file.name
    own = client.get(reverse("cases_apply:file", kwargs={"pk": upload.pk}))
    assert own.status_code == 200 and own["X-Content-Type-Options"] == "nosniff"
    assert own["Content-Disposition"].startswith("attachment")
    stranger = login(personas.outsider)
    assert stranger.get(reverse("cases_apply:file", kwargs={"pk": upload.pk})).status_code == 404
    assert stranger.get(reverse("cases_apply:draft", kwargs={"pk": draft.pk})).status_code == 404
    assert stranger.post(reverse("cases_apply:draft", kwargs={"pk": draft.pk}), form_post(draft)).status_code == 404
    assert login(personas.chen_jing).get(reverse("cases_apply:file", kwargs={"pk": upload.pk})).status_code == 404


def test_a_file_of_the_wrong_type_is_refused_on_the_page(personas, online_item):
    client = login(personas.wang_jianjun)
    draft = started(client, online_item)
    requirement = online_item.materials.get(order=1)
    response = client.post(
        reverse("cases_apply:draft", kwargs={"pk": draft.pk}),
        {**form_post(draft, action="upload"), f"file_{requirement.pk}": pdf_file("照片.pdf", PNG)},
    )
    assert response.status_code == 400 and "与扩展名“.pdf”不符" in response.content.decode()
    assert not Upload.objects.exists()
    draft.refresh_from_db()
    assert application_values(draft)["household_size"] == "3"  # what was typed is kept


def test_double_click_submit_lands_on_one_case(personas, online_item):
    client = login(personas.wang_jianjun)
    draft = started(client, online_item)
    files = {f"file_{r.pk}": pdf_file(f"{r.name}.pdf") for r in online_item.materials.filter(is_required=True)}
    client.post(reverse("cases_apply:draft", kwargs={"pk": draft.pk}), {**form_post(draft, action="upload"), **files})
    draft.refresh_from_db()
    submit = form_post(draft, action="submit", submit_token="tok-123")
    first = client.post(reverse("cases_apply:draft", kwargs={"pk": draft.pk}), submit)
    second = client.post(reverse("cases_apply:draft", kwargs={"pk": draft.pk}), submit)
    target = reverse("cases_apply:submitted", kwargs={"pk": draft.pk})
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"] == target
    assert Case.objects.count() == 1
    case = Case.objects.get()
    page = client.get(target)
    html = page.content.decode()
    assert case.number in html and case.query_code in html and "申报回执" in html
    link = reverse("cases_apply:receipt", kwargs={"pk": draft.pk})
    assert f'href="{link}"' in html and not case.documents.exists()  # offered before it is rendered
    receipt = client.get(link)
    assert receipt.status_code == 200 and b"".join(receipt.streaming_content).startswith(b"%PDF")
    assert case.documents.get().kind == "receipt"  # rendered by that first download
    assert login(personas.outsider).get(reverse("cases_apply:receipt", kwargs={"pk": draft.pk})).status_code == 404
    assert login(personas.outsider).get(target).status_code == 404
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED and draft.channel == Channel.ONLINE


def test_my_drafts(personas, online_item):
    client = login(personas.wang_jianjun)
    draft = started(client, online_item)
    html = client.get(reverse("cases_apply:drafts")).content.decode()
    assert reverse("cases_apply:draft", kwargs={"pk": draft.pk}) in html
    assert (
        reverse("cases_apply:draft", kwargs={"pk": draft.pk})
        not in login(personas.outsider).get(reverse("cases_apply:drafts")).content.decode()
    )


def test_submitting_values_typed_since_the_last_save_saves_them_first(personas, online_item):
    """A fresh draft's first click is 提交: the typed values are saved first; only what is missing is listed."""
    client = login(personas.wang_jianjun)
    draft = started(client, online_item)
    answer = client.post(
        reverse("cases_apply:draft", kwargs={"pk": draft.pk}), form_post(draft, action="submit", submit_token="t-1")
    )
    draft.refresh_from_db()
    saved = application_values(draft)
    typed = {k: v for k, v in GOOD_VALUES.items() if v not in ("", None)}
    assert {k: saved.get(k) for k in typed} == typed
    assert Case.objects.filter(application=draft).count() == 0  # the materials are still missing
    assert "这个字段是必填项" not in answer.content.decode()
