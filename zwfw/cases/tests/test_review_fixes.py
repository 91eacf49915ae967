"""Defects a documentation review found in the handling and tracking parts, each with the test that catches it."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.test import Client

from zwfw.cases.models import Application
from zwfw.catalog.models import ItemVersion

from .handling_builders import (
    Freezer,
    case_submitted,
    fresh,
    item_published,
    media_root,  # noqa: F401 - files to a temporary folder
    transport,
)

pytestmark = pytest.mark.django_db

ID_NUMBER = "620423199001011234"
MOBILE = "13909431234"

FORM = {
    "fields": [
        {
            "name": "business",
            "label": "经营类别",
            "type": "choice",
            "required": True,
            "options": [["freight", "普通货运"], ["danger", "危险货物运输"]],
        },
        {
            "name": "danger_class",
            "label": "危险货物类别",
            "type": "text",
            "show_if": {"field": "business", "equals": "danger"},
        },
        {"name": "own_parking", "label": "有自有停车场", "type": "boolean"},
        {"name": "manager_id", "label": "负责人身份证号码", "type": "id_number"},
        {"name": "manager_mobile", "label": "负责人手机号码", "type": "mobile"},
    ]
}


@pytest.fixture(autouse=True)
def _cache():
    cache.clear()
    yield
    cache.clear()


def login(user) -> Client:
    client = Client()
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    return client


def with_form(version, schema=FORM):
    ItemVersion.objects.filter(pk=version.pk).update(application_form=schema)
    version.refresh_from_db()
    return version


# --- 1. the form values on the staff and applicant pages --------------------------------------------


def test_form_values_show_labels_hide_hidden_fields_and_mask_numbers(jt, personas):
    version = with_form(jt.version)
    case = case_submitted(version, personas.wang_jianjun)
    raw = {
        "business": "freight",
        "danger_class": "第3类易燃液体",  # hidden: the business is not 危险货物运输
        "own_parking": "on",
        "manager_id": ID_NUMBER,
        "manager_mobile": MOBILE,
    }
    Application.objects.filter(pk=case.application_id).update(data=json.dumps(raw, ensure_ascii=False))
    case = fresh(case)

    for client, url in (
        (login(jt.clerk), f"/staff/cases/{case.number}/"),
        (login(personas.wang_jianjun), f"/account/cases/{case.number}/"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        rows = dict(response.context["form_values"])
        assert rows["经营类别"] == "普通货运"
        assert "危险货物类别" not in rows
        assert rows["有自有停车场"] == "是"
        assert rows["负责人身份证号码"] != ID_NUMBER and rows["负责人身份证号码"].startswith("6204")
        assert rows["负责人手机号码"] != MOBILE and rows["负责人手机号码"].startswith("139")
        body = response.content.decode()
        assert "freight" not in body and "第3类易燃液体" not in body
        assert ID_NUMBER not in body and MOBILE not in body
        assert ">on<" not in body


# --- 2. a clerk's walk-in draft in 我的办件 -----------------------------------------------------------


def test_a_walk_in_draft_shows_as_registered_at_the_window_without_a_dead_link(jt, personas):
    wang = personas.wang_jianjun
    common = {"applicant": wang, "applicant_kind": "person", "item": jt.version.item, "version": jt.version}
    walk_in = Application.objects.create(**common, channel="window", registered_by=jt.clerk, created_by=jt.clerk)
    online = Application.objects.create(**common, channel="online", created_by=wang)
    client = login(wang)
    assert client.get(f"/apply/drafts/{walk_in.pk}/").status_code == 404  # edited at the window only
    for url in ("/account/cases/", "/apply/drafts/"):
        body = client.get(url).content.decode()
        assert "窗口人员正在登记" in body
        assert f"/apply/drafts/{walk_in.pk}/" not in body
        assert f'href="/apply/drafts/{online.pk}/"' in body


# --- 3. the public progress page shows no reasons -----------------------------------------------------


def test_the_public_progress_page_leaves_out_reasons_the_applicants_own_page_keeps_them(jt, personas):
    from zwfw.cases.services import handling

    case = case_submitted(jt.version, personas.wang_jianjun)
    reason = "车辆技术等级评定证明已过有效期"
    handling.case_refuse(actor=jt.clerk, case=case, lock_version=case.lock_version, reason=reason)
    public = Client().post("/progress/", {"number": case.number, "query_code": case.query_code})
    assert public.status_code == 200
    body = public.content.decode()
    assert "不予受理" in body and "县交通运输局" in body  # what happened and which agency
    assert reason not in body
    assert all(not entry.note and not entry.details for entry in public.context["found"].timeline)
    own = login(personas.wang_jianjun).get(f"/account/cases/{case.number}/").content.decode()
    assert reason in own


# --- 5. the 受理 and 送达 steps keep their own limits, never later than the legal ones ------------------


def _to_delivery(jt, case):
    from zwfw.cases.services import handling
    from zwfw.workflow.choices import StepKind, StepOutcome

    handling.case_accept(actor=jt.clerk, case=case, lock_version=fresh(case).lock_version)
    examine = fresh(case).steps.get(kind=StepKind.EXAMINE)
    handling.step_examine(
        actor=jt.examiner,
        step=examine,
        lock_version=fresh(case).lock_version,
        outcome=StepOutcome.AGREE,
        opinion="符合",
    )
    handling.case_decide(
        actor=jt.head, case=case, lock_version=fresh(case).lock_version, decision="approved", reason=""
    )
    return fresh(case)


def _step_due(case, kind):
    return case.steps.get(kind=kind).due_date


def test_accept_and_deliver_steps_are_due_by_their_own_limits(jt, personas):
    import datetime as dt

    from zwfw.workflow.choices import StepKind

    case = case_submitted(jt.version, personas.wang_jianjun)  # Monday 2026-03-02; 受理 1 day, 送达 2 days
    assert case.accept_due == dt.date(2026, 3, 9)  # the legal 5 working days
    assert _step_due(case, StepKind.ACCEPT) == dt.date(2026, 3, 3)
    case = _to_delivery(jt, case)
    assert case.delivery_due == dt.date(2026, 3, 16)  # the legal 10 working days
    assert _step_due(case, StepKind.DELIVER) == dt.date(2026, 3, 4)


def test_a_step_limit_longer_than_the_legal_one_is_capped(personas, calendar_2025_2026, monkeypatch):
    import datetime as dt

    from zwfw.org.choices import Role
    from zwfw.workflow.choices import StepKind

    from .handling_builders import FREIGHT_STEPS

    time = Freezer(monkeypatch)
    time.at(2026, 3, 2, 9)
    jt = transport()
    steps = [dict(s) for s in FREIGHT_STEPS]
    steps[0]["time_limit_days"] = 8
    steps[3]["time_limit_days"] = 15
    assert steps[3]["role"] == Role.WINDOW_CLERK
    jt.version = item_published(agency=jt.agency, steps=steps, legal=40, promised=35)
    case = case_submitted(jt.version, personas.wang_jianjun)
    assert _step_due(case, StepKind.ACCEPT) == case.accept_due == dt.date(2026, 3, 9)
    case = _to_delivery(jt, case)
    assert _step_due(case, StepKind.DELIVER) == case.delivery_due == dt.date(2026, 3, 16)


# --- 6. uscc fields of application forms get org's full GB 32100 check -------------------------------


def test_a_uscc_form_field_checks_the_embedded_organisation_code():
    from stdnum.cn import uscc as stdnum_uscc

    from zwfw.core.dynforms import form_values_clean

    schema = {"fields": [{"name": "unit_uscc", "label": "统一社会信用代码", "type": "uscc", "required": True}]}
    stdnum_only = "91620423MA01C8LE4U"  # the final check digit is right, the 组织机构代码's (第17位) is not
    assert stdnum_uscc.is_valid(stdnum_only)
    _values, errors = form_values_clean(schema, {"unit_uscc": stdnum_only})
    assert "组织机构代码" in errors["unit_uscc"][0]
    values, errors = form_values_clean(schema, {"unit_uscc": " 91620423ma01c8le3q "})
    assert errors == {} and values == {"unit_uscc": "91620423MA01C8LE3Q"}


# --- 7. one SMS signature for the submission and the handling notices ---------------------------------


def test_every_case_sms_carries_the_configured_signature(jt, personas, settings, django_capture_on_commit_callbacks):
    from zwfw.cases.services import handling
    from zwfw.cases.services.application import _notify_after_commit
    from zwfw.notify.models import Message
    from zwfw.notify.testing import sms_outbox

    settings.ZWFW_SMS_SIGN = "景泰县政务服务中心"
    wang = personas.wang_jianjun
    case = case_submitted(jt.version, wang)
    _notify_after_commit(case.pk)  # what application_submit sends after commit
    with django_capture_on_commit_callbacks(execute=True):
        handling.case_accept(actor=jt.clerk, case=case, lock_version=case.lock_version)
    texts = [sms["text"] for sms in sms_outbox(wang.mobile)]
    assert len(texts) == 2
    assert all(text.startswith("【景泰县政务服务中心】") for text in texts), texts
    assert not any("【景泰政务服务网】" in text for text in texts)
    accepted = Message.objects.get(recipient=wang, title="办件已受理")
    assert not accepted.body.startswith("【")  # the in-site message is not an SMS


# --- 8. the refusal form on the staff page takes the legal remedy -------------------------------------


def test_the_staff_refusal_form_offers_and_sends_the_legal_remedy(jt, personas):
    from zwfw.cases.notices import legal_remedy_default

    case = case_submitted(jt.version, personas.wang_jianjun)
    client = login(jt.clerk)
    page = client.get(f"/staff/cases/{case.number}/")
    assert page.context["forms"]["refuse"]["legal_remedy"].value() == legal_remedy_default()
    assert 'name="refuse-legal_remedy"' in page.content.decode()
    remedy = "如不服本决定，可以自收到本通知书之日起六十日内向白银市交通运输局申请行政复议。"
    response = client.post(
        f"/staff/cases/{case.number}/refuse/",
        {
            "refuse-lock_version": case.lock_version,
            "refuse-reason": "不属于本机关职权范围",
            "refuse-legal_remedy": remedy,
        },
    )
    assert response.status_code == 302
    assert fresh(case).legal_remedy == remedy


# --- 10. a supplement with too many files is refused, not cut ----------------------------------------


def _supplement_asked(jt, personas):
    from zwfw.cases.choices import MaterialProblem
    from zwfw.cases.services import handling

    case = case_submitted(jt.version, personas.wang_jianjun)
    requirement = jt.version.materials.get(name="机动车辆行驶证")
    handling.supplement_request(
        actor=jt.clerk,
        case=case,
        lock_version=case.lock_version,
        items=[
            {"requirement": requirement, "name": requirement.name, "problem": MaterialProblem.WRONG, "note": "不清晰"}
        ],
    )
    return fresh(case), fresh(case).pauses.get().items.get()


def _pdfs(n):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return [
        SimpleUploadedFile(f"行驶证{i}.pdf", b"%PDF-1.4\n%" + str(i).encode() + b"\n%%EOF\n", "application/pdf")
        for i in range(n)
    ]


def test_a_supplement_with_more_files_than_allowed_is_refused_and_nothing_is_kept(jt, personas):
    from django.urls import reverse

    from zwfw.cases.choices import CaseState
    from zwfw.cases.models import Upload
    from zwfw.cases.views.supplement import SUPPLEMENT_FILES_PER_ITEM

    case, item = _supplement_asked(jt, personas)
    url = reverse("cases_supplement:form", args=[case.number])
    client = login(personas.wang_jianjun)
    uploads = Upload.objects.count()
    response = client.post(url, {f"file_{item.pk}": _pdfs(SUPPLEMENT_FILES_PER_ITEM + 1)})
    assert response.status_code == 400
    body = response.content.decode()
    assert f"最多上传 {SUPPLEMENT_FILES_PER_ITEM} 个文件，您选择了 {SUPPLEMENT_FILES_PER_ITEM + 1} 个" in body
    assert Upload.objects.count() == uploads and fresh(case).state == CaseState.SUPPLEMENTING
    # Six files (more than the five kept before): all six are the supplement.
    response = client.post(url, {f"file_{item.pk}": _pdfs(6)})
    assert response.status_code == 302
    assert fresh(case).application.materials.filter(supplement__isnull=False).count() == 6


# --- 11. the holders of a newly started step are told, in the site --------------------------------------


def test_when_a_stage_starts_the_holders_of_its_role_get_an_in_site_message(
    jt, personas, django_capture_on_commit_callbacks
):
    from zwfw.cases.services import handling
    from zwfw.notify.models import Message
    from zwfw.notify.testing import sms_outbox
    from zwfw.workflow.choices import StepKind, StepOutcome

    def told(user):
        return list(Message.objects.filter(recipient=user, topic="case_handling").order_by("id"))

    case = case_submitted(jt.version, personas.wang_jianjun)
    with django_capture_on_commit_callbacks(execute=True):
        handling.case_accept(actor=jt.clerk, case=case, lock_version=case.lock_version)
    for examiner in (jt.examiner, jt.examiner2):
        [message] = told(examiner)
        assert case.number in message.title and "审查" in message.title
        assert message.link == "/staff/cases/" and "2026-03-12" in message.body  # 8 working days from 03-02
    assert told(jt.head) == [] and told(jt.clerk) == []
    with django_capture_on_commit_callbacks(execute=True):
        handling.step_examine(
            actor=jt.examiner,
            step=fresh(case).steps.get(kind=StepKind.EXAMINE),
            lock_version=fresh(case).lock_version,
            outcome=StepOutcome.AGREE,
            opinion="符合",
        )
    [message] = told(jt.head)
    assert "决定" in message.title and message.link == "/staff/cases/"
    assert len(told(jt.examiner)) == 1  # not told of the stage they just finished
    with django_capture_on_commit_callbacks(execute=True):
        handling.case_decide(
            actor=jt.head, case=case, lock_version=fresh(case).lock_version, decision="approved", reason=""
        )
    [message] = told(jt.clerk)
    assert "送达" in message.title
    assert len(told(jt.head)) == 1
    for user in (jt.clerk, jt.examiner, jt.examiner2, jt.head):
        assert user.mobile == "" or sms_outbox(user.mobile) == []  # in the site only


# --- 9. termination, withdrawal and delivery leave their documents and library rows -----------------------


def test_termination_leaves_a_notice_and_a_result_row(jt, personas, django_capture_on_commit_callbacks):
    from zwfw.cases.choices import CaseState, DocumentKind
    from zwfw.cases.models import UpProResult
    from zwfw.cases.notices import legal_remedy_default, termination_notice
    from zwfw.cases.services import handling
    from zwfw.notify.models import Message

    case, _item = _supplement_asked(jt, personas)
    reason = "申请人逾期未补正材料"
    with django_capture_on_commit_callbacks(execute=True):
        handling.case_terminate(actor=jt.clerk, case=case, reason=reason)
    case = fresh(case)
    assert case.state == CaseState.TERMINATED
    document = case.documents.get(kind=DocumentKind.TERMINATION_NOTICE)
    assert document.is_public and document.title == "终止办理通知书"
    assert document.file.open("rb").read(5) == b"%PDF-"
    content = termination_notice(case, reason=reason)
    assert reason in content.paragraphs and legal_remedy_default() in content.paragraphs
    row = UpProResult.objects.get(case=case)
    assert (row.result_type, row.result_explain, row.result_date) == ("04", reason, case.closed_at)
    assert (row.result_cetr_name, row.result_cetr_no) == ("终止办理通知书", f"{case.number}-ZZ")
    # The applicant downloads it from their case page.
    client = login(personas.wang_jianjun)
    assert client.get(f"/account/cases/{case.number}/documents/{document.pk}/").status_code == 200
    assert Message.objects.filter(recipient=personas.wang_jianjun, title="办件已终止").exists()


def test_withdrawal_leaves_a_confirmation_and_a_result_row(jt, personas):
    from zwfw.cases.choices import CaseState, DocumentKind
    from zwfw.cases.models import UpProResult
    from zwfw.cases.services import handling
    from zwfw.notify.models import Message

    case = case_submitted(jt.version, personas.wang_jianjun)
    handling.case_withdraw(actor=personas.wang_jianjun, case=case, reason="车辆已转让，不再经营")
    case = fresh(case)
    assert case.state == CaseState.WITHDRAWN
    document = case.documents.get(kind=DocumentKind.WITHDRAWAL_NOTICE)
    assert document.is_public and document.title == "撤回申请确认书"
    assert document.file.open("rb").read(5) == b"%PDF-"
    row = UpProResult.objects.get(case=case)
    assert (row.result_type, row.result_explain, row.result_cetr_no) == (
        "03",
        "车辆已转让，不再经营",
        f"{case.number}-CH",
    )
    assert row.result_date == case.closed_at and not row.is_delivery_results
    message = Message.objects.get(recipient=personas.wang_jianjun, title="申请已撤回")
    assert message.link == f"/account/cases/{case.number}/"


def test_delivery_leaves_a_delivery_receipt(jt, personas):
    from zwfw.cases.choices import DocumentKind
    from zwfw.cases.notices import delivery_receipt
    from zwfw.cases.services import handling

    case = _to_delivery(jt, case_submitted(jt.version, personas.wang_jianjun))
    handling.case_deliver(actor=jt.clerk, case=case, method="post", tracking_number="EMS1234567890")
    case = fresh(case)
    document = case.documents.get(kind=DocumentKind.DELIVERY_RECEIPT)
    assert document.is_public and document.title == "送达回证"
    assert document.file.open("rb").read(5) == b"%PDF-"
    facts = dict(delivery_receipt(case).facts)
    assert facts["办件编号"] == case.number and facts["送达文书"] == case.result_name
    assert facts["送达方式"] == "邮寄送达" and facts["邮件单号"] == "EMS1234567890"
    assert facts["送达日期"] == "2026年3月2日" and facts["文书编号"] == case.result_number
