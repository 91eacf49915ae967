"""Review gaps of the handling part: a refused case's result row, the delivery notes, the supplement's size cap."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from zwfw.cases.choices import ActionCode, CaseState, CdOperation, Decision, DeliveryMethod, MaterialProblem
from zwfw.cases.models import ApplicationMaterial, CaseAction, Upload, UpProAccept, UpProResult
from zwfw.cases.selectors.applications import APPLICATION_MAX_BYTES
from zwfw.cases.services import handling, library
from zwfw.core.models import AuditEvent
from zwfw.notify.models import Message
from zwfw.notify.testing import sms_outbox
from zwfw.workflow.choices import StepKind, StepOutcome

from .handling_builders import (
    case_submitted,
    fresh,
    media_root,  # noqa: F401 - files to a temporary folder
    upload_make,
)

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


# --- 1. 不予受理 ends the case with a result row -------------------------------------------------------


def test_a_refusal_to_accept_writes_its_result_row(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    with pytest.raises(ValidationError):  # no reasons: nothing written, no result row either
        handling.case_refuse(actor=jt.clerk, case=case, lock_version=case.lock_version, reason="")
    assert not UpProResult.objects.filter(case=case).exists()
    handling.case_refuse(
        actor=jt.clerk, case=case, lock_version=case.lock_version, reason="申请事项依法不需要取得行政许可"
    )
    case = fresh(case)
    assert case.state == CaseState.REJECTED
    row = UpProResult.objects.get(case=case)
    assert row.result_type == library.RESULT_TYPE_REFUSED == "05"
    assert (row.version, row.cd_operation, row.project_no) == (1, CdOperation.INSERT, case.number)
    assert row.result_date == case.closed_at and row.result_explain == "申请事项依法不需要取得行政许可"
    assert row.result_cetr_name == "不予受理通知书" and row.result_cetr_no == f"{case.number}-BS"
    assert row.is_delivery_results is False and row.delivery_date is None and row.sent_at is None
    # The accept row names the same notice; no accept date.
    accept = UpProAccept.objects.get(case=case)
    assert accept.accept_doc_no == row.result_cetr_no and accept.accept_date is None


def test_the_result_types_of_cases_ended_without_a_decision_are_distinct(jt, personas):
    codes = {
        library.RESULT_TYPE_REFUSED,
        library.RESULT_TYPE_WITHDRAWN,
        library.RESULT_TYPE_TERMINATED,
        *library.RESULT_TYPES.values(),
    }
    assert codes == {"01", "02", "03", "04", "05"}


# --- 2. the delivery notes say 已送达 and how ------------------------------------------------------------


def _decided(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    handling.case_accept(actor=jt.clerk, case=case, lock_version=case.lock_version)
    case = fresh(case)
    handling.step_examine(
        actor=jt.examiner,
        step=case.steps.get(kind=StepKind.EXAMINE),
        lock_version=case.lock_version,
        outcome=StepOutcome.AGREE,
        opinion="符合条件",
    )
    case = fresh(case)
    handling.case_decide(
        actor=jt.head, case=case, lock_version=case.lock_version, decision=Decision.APPROVED, reason=""
    )
    return fresh(case)


@pytest.mark.parametrize(
    ("method", "tracking", "note"),
    [
        (DeliveryMethod.WINDOW, "", "已送达（窗口领取）。"),
        (DeliveryMethod.POST, "EMS1234567890", "已送达（邮寄，邮件单号 EMS1234567890）。"),
        (DeliveryMethod.ELECTRONIC, "", "已送达（电子方式）。"),
    ],
)
def test_the_delivery_note_says_delivered_and_how(
    jt, personas, django_capture_on_commit_callbacks, method, tracking, note
):
    case = _decided(jt, personas)
    with django_capture_on_commit_callbacks(execute=True):
        handling.case_deliver(actor=jt.clerk, case=case, method=method, tracking_number=tracking)
    action = CaseAction.objects.get(case=case, code=ActionCode.DELIVER)
    assert action.public_note == note
    message = Message.objects.filter(recipient=personas.wang_jianjun, title="办理结果已送达").get()
    assert message.body.endswith(note) and case.number in message.body
    assert sms_outbox(personas.wang_jianjun.mobile)[-1]["text"].endswith(note)


# --- 3. a supplement keeps the application within 100 MB in all -----------------------------------------


def _sized(upload: Upload, size: int) -> Upload:
    """The row says the file is ``size`` bytes (the cap reads the recorded sizes, not the disk)."""
    Upload.objects.filter(pk=upload.pk).update(size=size)
    upload.size = size
    return upload


def _asked(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    first, second = list(jt.version.materials.order_by("order"))[:2]
    handling.supplement_request(
        actor=jt.clerk,
        case=case,
        lock_version=case.lock_version,
        items=[
            {"requirement": first, "problem": MaterialProblem.MISSING, "note": "缺少申请表"},
            {"requirement": second, "problem": MaterialProblem.WRONG, "note": "身份证明已过期"},
        ],
    )
    return fresh(case), first, second


def test_a_supplement_over_the_application_cap_is_refused_and_changes_nothing(jt, personas):
    case, first, second = _asked(jt, personas)
    assert APPLICATION_MAX_BYTES == 100 * MB
    # The wrong material's file in force is big: being replaced, it no longer counts.
    old = ApplicationMaterial.objects.get(application=case.application, requirement=second, replaced_at__isnull=True)
    _sized(old.upload, 90 * MB)
    owner = personas.wang_jianjun
    too_big = [(first, _sized(upload_make(owner), 60 * MB)), (second, _sized(upload_make(owner), 50 * MB))]
    before = (case.lock_version, ApplicationMaterial.objects.filter(application=case.application).count())
    with pytest.raises(ValidationError) as exc:
        handling.supplement_submit(actor=owner, case=case, materials=too_big)
    assert exc.value.code == "application_too_big"
    assert "超过了每件申请 100 MB 的上限" in exc.value.messages[0] and "110." in exc.value.messages[0]
    case = fresh(case)
    assert case.state == CaseState.SUPPLEMENTING and case.paused_kind
    assert (case.lock_version, ApplicationMaterial.objects.filter(application=case.application).count()) == before
    assert not ApplicationMaterial.objects.filter(application=case.application, replaced_at__isnull=False).exists()
    assert AuditEvent.objects.filter(action="case.supplement", outcome="denied").count() == 1
    # Within the cap (the replaced 90 MB not counted): accepted.
    fits = [(first, _sized(upload_make(owner), 40 * MB)), (second, _sized(upload_make(owner), 50 * MB))]
    handling.supplement_submit(actor=owner, case=case, materials=fits)
    assert fresh(case).state == CaseState.SUBMITTED


def test_the_files_kept_in_force_count_towards_the_cap(jt, personas):
    case, first, second = _asked(jt, personas)
    kept = ApplicationMaterial.objects.filter(application=case.application).exclude(requirement__in=[first, second])
    _sized(kept.first().upload, 80 * MB)
    owner = personas.wang_jianjun
    materials = [(first, _sized(upload_make(owner), 15 * MB)), (second, _sized(upload_make(owner), 10 * MB))]
    with pytest.raises(ValidationError) as exc:
        handling.supplement_submit(actor=owner, case=case, materials=materials)
    assert exc.value.code == "application_too_big"
    assert fresh(case).state == CaseState.SUPPLEMENTING


def _login(user) -> Client:
    client = Client()
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    return client


def test_the_supplement_page_refuses_a_supplement_over_the_cap_before_storing_anything(jt, personas):
    case, first, second = _asked(jt, personas)
    items = {i.requirement_id: i for i in case.pauses.get().items.all()}
    kept = ApplicationMaterial.objects.filter(application=case.application).exclude(requirement__in=[first, second])
    _sized(kept.first().upload, APPLICATION_MAX_BYTES - 100)  # any real file now takes it over
    client = _login(personas.wang_jianjun)
    url = reverse("cases_supplement:form", args=[case.number])
    page = client.get(url).content.decode()
    assert "合计不超过 100 MB" in page
    files = {
        f"file_{items[first.pk].pk}": SimpleUploadedFile("申请表.pdf", b"%PDF-1.4\n%a\n" + b"0" * 200 + b"\n%%EOF\n"),
        f"file_{items[second.pk].pk}": SimpleUploadedFile("身份证明.pdf", b"%PDF-1.4\n%b\n%%EOF\n"),
    }
    uploads = Upload.objects.count()
    response = client.post(url, files)
    assert response.status_code == 400
    body = response.content.decode()
    assert "补正后申请材料合计 100.0 MB，超过了每件申请 100 MB 的上限" in body
    assert Upload.objects.count() == uploads  # nothing stored
    case = fresh(case)
    assert case.state == CaseState.SUPPLEMENTING
    assert not case.application.materials.filter(supplement__isnull=False).exists()


# --- 5. every staff action with an opinion can carry attachments ------------------------------------------


def _attachment(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%" + name.encode() + b"\n%%EOF\n", "application/pdf")


def _attached(case, code: str) -> list[str]:
    from zwfw.cases.choices import DocumentKind

    action = CaseAction.objects.get(case=case, code=code)
    docs = action.documents.filter(kind=DocumentKind.ATTACHMENT)
    assert all(not d.is_public and d.file.read(5) == b"%PDF-" for d in docs)  # internal, stored
    return [d.title for d in docs]


def test_every_action_with_an_opinion_records_its_attachments(jt, personas):
    from zwfw.cases.selectors.tracking import case_documents_for_applicant
    from zwfw.workflow.choices import PauseKind

    case = case_submitted(jt.version, personas.wang_jianjun)
    handling.case_accept(
        actor=jt.clerk, case=case, lock_version=case.lock_version, attachments=[_attachment("核验记录.pdf")]
    )
    handling.special_start(
        actor=jt.examiner,
        case=case,
        kind=PauseKind.EXPERT_REVIEW,
        reason="组织专家评审",
        attachments=[_attachment("评审通知.pdf")],
    )
    handling.special_end(actor=jt.examiner, case=case, result="评审通过", attachments=[_attachment("专家意见.pdf")])
    handling.case_extend(
        actor=jt.head, case=case, days=5, reason="需补充核查", attachments=[_attachment("延期审批表.pdf")]
    )
    case = fresh(case)
    handling.step_examine(
        actor=jt.examiner,
        step=case.steps.get(kind=StepKind.EXAMINE),
        lock_version=case.lock_version,
        outcome=StepOutcome.AGREE,
        opinion="符合条件",
        attachments=[_attachment("现场核查记录.pdf")],
    )
    case = fresh(case)
    handling.case_decide(
        actor=jt.head,
        case=case,
        lock_version=case.lock_version,
        decision=Decision.APPROVED,
        reason="",
        attachments=[_attachment("集体讨论纪要.pdf")],
    )
    handling.case_deliver(
        actor=jt.clerk, case=case, method=DeliveryMethod.WINDOW, attachments=[_attachment("签收回证.pdf")]
    )
    expected = {
        ActionCode.ACCEPT: ["核验记录.pdf"],
        ActionCode.SPECIAL_START: ["评审通知.pdf"],
        ActionCode.SPECIAL_END: ["专家意见.pdf"],
        ActionCode.EXTEND: ["延期审批表.pdf"],
        ActionCode.EXAMINE: ["现场核查记录.pdf"],
        ActionCode.DECIDE: ["集体讨论纪要.pdf"],
        ActionCode.DELIVER: ["签收回证.pdf"],
    }
    assert {code: _attached(case, code) for code in expected} == expected
    assert not any(d.kind == "attachment" for d in case_documents_for_applicant(case))
    audit = AuditEvent.objects.filter(action="case.deliver").get()
    assert len(audit.detail["attachments"]) == 1


def test_refusal_supplement_and_termination_take_attachments_and_a_bad_one_changes_nothing(jt, personas):
    refused = case_submitted(jt.version, personas.wang_jianjun)
    handling.case_refuse(
        actor=jt.clerk,
        case=refused,
        lock_version=refused.lock_version,
        reason="不属于本机关职权范围",
        attachments=[_attachment("职权说明.pdf")],
    )
    assert _attached(refused, ActionCode.REFUSE) == ["职权说明.pdf"]

    case = case_submitted(jt.version, personas.wang_jianjun)
    requirement = jt.version.materials.first()
    bad = SimpleUploadedFile("比对.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    with pytest.raises(ValidationError):
        handling.supplement_request(
            actor=jt.clerk,
            case=case,
            lock_version=case.lock_version,
            items=[{"requirement": requirement, "problem": MaterialProblem.MISSING, "note": "缺少申请表"}],
            attachments=[bad],
        )
    assert fresh(case).state == CaseState.SUBMITTED and not case.documents.exists()
    handling.supplement_request(
        actor=jt.clerk,
        case=case,
        lock_version=case.lock_version,
        items=[{"requirement": requirement, "problem": MaterialProblem.MISSING, "note": "缺少申请表"}],
        attachments=[_attachment("材料比对.pdf")],
    )
    assert _attached(case, ActionCode.SUPPLEMENT_REQUEST) == ["材料比对.pdf"]
    handling.case_terminate(
        actor=jt.clerk, case=fresh(case), reason="逾期未补正", attachments=[_attachment("催告记录.pdf")]
    )
    assert _attached(case, ActionCode.TERMINATE) == ["催告记录.pdf"]
