"""The staff case page's action forms: every action with an opinion or reason takes attachments (several at once),
and every action refuses a page that saw an older version of the case."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from zwfw.cases.choices import CaseState, DocumentKind
from zwfw.cases.models import CaseAction, CaseDocument
from zwfw.cases.services import handling
from zwfw.workflow.choices import PauseKind, StepKind, StepOutcome

from .handling_builders import (
    PDF_BYTES,
    case_submitted,
    fresh,
    media_root,  # noqa: F401 - files to a temporary folder
)

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def _accepted(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    handling.case_accept(actor=jt.clerk, case=case, lock_version=case.lock_version)
    return fresh(case)


def test_the_page_offers_attachments_and_the_version_on_every_action_form(jt, personas):
    case = _accepted(jt, personas)
    page = _client(jt.examiner).get(f"/staff/cases/{case.number}/").content.decode()
    assert 'name="special-attachment"' in page and "multiple" in page
    assert f'name="special-lock_version" value="{case.lock_version}"' in page


def test_an_inspection_with_two_reports_and_its_end_with_the_result(jt, personas):
    case = _accepted(jt, personas)
    client = _client(jt.examiner)
    url = f"/staff/cases/{case.number}/special/start/"
    response = client.post(
        url,
        {
            "special-lock_version": case.lock_version,
            "special-kind": PauseKind.INSPECTION,
            "special-reason": "现场核查营运车辆",
            "special-attachment": [_pdf("核查通知.pdf"), _pdf("车辆清单.pdf")],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    case = fresh(case)
    assert case.paused_kind == PauseKind.INSPECTION
    action = CaseAction.objects.filter(case=case).order_by("-id").first()
    files = CaseDocument.objects.filter(case=case, action=action, kind=DocumentKind.ATTACHMENT)
    assert sorted(d.title for d in files) == ["核查通知.pdf", "车辆清单.pdf"]
    assert not any(d.is_public for d in files)  # internal: the applicant does not see them


def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_changes(jt, personas):
    case = _accepted(jt, personas)
    before = (case.lock_version, CaseAction.objects.filter(case=case).count(), CaseDocument.objects.count())
    response = _client(jt.head).post(
        f"/staff/cases/{case.number}/extend/",
        {
            "extend-lock_version": case.lock_version,
            "extend-days": 5,
            "extend-reason": "需逐一核查",
            "extend-attachment": SimpleUploadedFile("批示.pdf", b"MZ not a pdf", content_type="application/pdf"),
        },
    )
    assert response.status_code == 400
    case = fresh(case)
    assert case.extension_days == 0
    assert (case.lock_version, CaseAction.objects.filter(case=case).count(), CaseDocument.objects.count()) == before


def test_a_page_that_saw_an_older_case_is_refused(jt, personas):
    case = _accepted(jt, personas)
    seen = case.lock_version
    handling.special_start(actor=jt.examiner, case=case, kind=PauseKind.HEARING, reason="利害关系人申请听证")
    response = _client(jt.examiner).post(
        f"/staff/cases/{case.number}/special/end/",
        {"special_end-lock_version": seen, "special_end-result": "听证已举行"},
        follow=True,
    )
    assert "刷新" in response.content.decode()
    assert fresh(case).paused_kind == PauseKind.HEARING  # not ended by the stale page
    response = _client(jt.examiner).post(
        f"/staff/cases/{case.number}/special/end/",
        {"special_end-lock_version": fresh(case).lock_version, "special_end-result": "听证已举行"},
    )
    assert response.status_code == 302 and fresh(case).paused_kind == ""


def test_delivery_with_the_signed_receipt_scanned(jt, personas):
    case = _accepted(jt, personas)
    handling.step_examine(
        actor=jt.examiner,
        step=case.steps.get(kind=StepKind.EXAMINE),
        lock_version=case.lock_version,
        outcome=StepOutcome.AGREE,
        opinion="符合条件",
    )
    case = fresh(case)
    handling.case_decide(
        actor=jt.head, case=case, lock_version=case.lock_version, decision="approved", reason="符合条件"
    )
    case = fresh(case)
    response = _client(jt.clerk).post(
        f"/staff/cases/{case.number}/deliver/",
        {
            "deliver-lock_version": case.lock_version,
            "deliver-method": "window",
            "deliver-tracking_number": "",
            "deliver-attachment": _pdf("送达回证（签字）.pdf"),
        },
    )
    assert response.status_code == 302
    case = fresh(case)
    assert case.state == CaseState.DELIVERED
    assert case.documents.filter(kind=DocumentKind.ATTACHMENT, title="送达回证（签字）.pdf").count() == 1


def test_staff_open_the_receipt_even_when_nobody_asked_for_it_yet(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    assert not case.documents.filter(kind=DocumentKind.RECEIPT).exists()  # made on demand, not at submission
    client = _client(jt.clerk)
    page = client.get(f"/staff/cases/{case.number}/").content.decode()
    url = f"/staff/cases/{case.number}/receipt/"
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content)[:5] == b"%PDF-"
    assert case.documents.filter(kind=DocumentKind.RECEIPT).count() == 1
    page = client.get(f"/staff/cases/{case.number}/").content.decode()
    assert url not in page and "申报回执" in page  # now listed as a document like the others
    client.get(url)
    assert case.documents.filter(kind=DocumentKind.RECEIPT).count() == 1  # asked again: the same one
    assert _client(personas.chen_jing).get(url).status_code in (403, 404)  # another agency's clerk
