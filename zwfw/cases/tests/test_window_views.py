# ruff: noqa: F811 - the fixtures imported from test_apply_builders are named as arguments
"""The window twin: 刘洋 at 芦阳镇 registers 李秀英's application (story 3), and who may not."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from zwfw.cases.choices import Channel, DeliveryMethod
from zwfw.cases.models import Application, Case, Upload
from zwfw.notify.testing import sms_outbox

from .test_apply_builders import GOOD_VALUES, centres, frozen, media, online_item, pdf_file  # noqa: F401

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_only_window_clerks_register(personas, online_item):
    assert login(personas.wang_jianjun).get(reverse("cases_window:index")).status_code == 403
    assert login(personas.chen_jing).get(reverse("cases_window:index")).status_code == 403
    assert login(personas.liu_yang).get(reverse("cases_window:index")).status_code == 200


def test_an_unknown_person_is_sent_to_register_first(personas, online_item):
    client = login(personas.liu_yang)
    response = client.post(reverse("cases_window:index"), {"action": "find", "id_number": "620423199001010028"})
    html = response.content.decode()
    assert response.status_code == 400 and "没有使用该身份证号码注册的个人账号" in html
    assert reverse("identity:register_at_window") in html
    bad = client.post(reverse("cases_window:index"), {"action": "find", "id_number": "12345"})
    assert "身份证号码不正确" in bad.content.decode()


def test_liu_yang_registers_li_xiuyings_application_at_luyang(
    personas, online_item, centres, django_capture_on_commit_callbacks
):
    client = login(personas.liu_yang)
    li = personas.li_xiuying
    found = client.post(reverse("cases_window:index"), {"action": "find", "id_number": li.id_number})
    assert found.status_code == 302 and li.id_number not in found["Location"]
    page = client.get(reverse("cases_window:index"), {"q": "最低生活"})
    html = page.content.decode()
    assert li.id_number_masked in html and li.id_number not in html and "最低生活保障审批" in html
    started = client.post(
        reverse("cases_window:index"), {"action": "start", "item": online_item.item.implementation_code}
    )
    draft = Application.objects.get()
    assert started["Location"] == reverse("cases_window:draft", kwargs={"pk": draft.pk})
    assert draft.applicant == li and draft.registered_by == personas.liu_yang and draft.channel == Channel.WINDOW
    assert draft.centre == centres.luyang and draft.region == centres.luyang_region

    # The applicant cannot edit the clerk's draft; other clerks and persons see nothing.
    assert login(li).get(reverse("cases_apply:draft", kwargs={"pk": draft.pk})).status_code == 404
    assert login(personas.outsider).get(reverse("cases_window:draft", kwargs={"pk": draft.pk})).status_code == 403

    values = {f"f-{k}": v for k, v in {**GOOD_VALUES, "applicant_name": "李秀英"}.items() if v}
    files = {f"file_{r.pk}": pdf_file(f"{r.name}扫描件.pdf") for r in online_item.materials.filter(is_required=True)}
    client.post(
        reverse("cases_window:draft", kwargs={"pk": draft.pk}),
        {
            **values,
            **files,
            "lock_version": draft.lock_version,
            "delivery_method": DeliveryMethod.WINDOW,
            "action": "upload",
        },
    )
    uploads = list(Upload.objects.all())
    assert len(uploads) == 4 and all(u.owner == li and u.uploaded_by == personas.liu_yang for u in uploads)
    draft.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("cases_window:draft", kwargs={"pk": draft.pk}),
            {
                **values,
                "lock_version": draft.lock_version,
                "delivery_method": DeliveryMethod.WINDOW,
                "action": "submit",
                "submit_token": "w-1",
            },
        )
    assert response["Location"] == reverse("cases_window:submitted", kwargs={"pk": draft.pk})
    case = Case.objects.get()
    assert case.channel == Channel.WINDOW and case.centre == centres.luyang and case.applicant == li
    submitted = client.get(response["Location"]).content.decode()
    assert case.number in submitted and case.query_code in submitted
    receipt = client.get(reverse("cases_window:receipt", kwargs={"pk": draft.pk}))
    assert receipt.status_code == 200
    sms = sms_outbox(li.mobile)
    assert len(sms) == 1 and case.number in sms[0]["text"] and case.query_code in sms[0]["text"]
    # 李秀英 herself sees the submitted application and its files; the clerk can open the scans.
    assert login(li).get(reverse("cases_apply:submitted", kwargs={"pk": draft.pk})).status_code == 200
    assert login(li).get(reverse("cases_apply:file", kwargs={"pk": uploads[0].pk})).status_code == 200
    assert client.get(reverse("cases_apply:file", kwargs={"pk": uploads[0].pk})).status_code == 200
    assert login(personas.outsider).get(reverse("cases_apply:file", kwargs={"pk": uploads[0].pk})).status_code == 404
