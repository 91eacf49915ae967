# ruff: noqa: F811 - the fixtures imported from test_apply_builders are named as arguments
"""Applying: drafts, materials, the check before submission, and the idempotent submission."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from zwfw.cases.choices import ApplicationStatus, CaseState, Channel, DeliveryMethod, DocumentKind
from zwfw.cases.models import Application, ApplicationMaterial, Case
from zwfw.cases.selectors import application_problems, application_values, uploads_reusable
from zwfw.cases.services.application import (
    application_submit,
    draft_create,
    draft_discard,
    draft_update,
    material_attach,
    material_detach,
)
from zwfw.cases.services.uploads import upload_store
from zwfw.core.choices import Outcome
from zwfw.core.models import AuditEvent
from zwfw.notify.models import Message
from zwfw.notify.testing import sms_outbox

from .test_apply_builders import GOOD_VALUES, PDF, centres, frozen, media, online_item, online_version, pdf_file  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=False)


def ready_draft(personas, version, *, actor=None):
    """王建军's draft with good values and a file for every required material."""
    actor = actor or personas.wang_jianjun
    draft = draft_create(actor=actor, item=version.item)
    draft = draft_update(actor=actor, application=draft, lock_version=draft.lock_version, data=GOOD_VALUES)
    for requirement in version.materials.filter(is_required=True):
        content = PDF + requirement.name.encode()  # a different file per material
        upload = upload_store(actor=actor, file=pdf_file(f"{requirement.name}.pdf", content))
        material_attach(actor=actor, application=draft, requirement=requirement, upload=upload)
    draft.refresh_from_db()
    return draft


def submit_now(actor, draft, **kwargs):
    with transaction.atomic():  # on_commit hooks run with django_capture_on_commit_callbacks in the callers
        return application_submit(actor=actor, application=draft, **kwargs)


# --- drafts ---------------------------------------------------------------------------------------------


def test_a_draft_starts_prefilled_from_the_account_and_starting_twice_continues_it(personas, online_item):
    draft = draft_create(actor=personas.wang_jianjun, item=online_item.item)
    assert draft.status == ApplicationStatus.DRAFT and draft.version == online_item
    assert application_values(draft) == {"applicant_name": "王建军"}
    assert draft.centre.name == "景泰县政务服务中心" and draft.delivery_method == DeliveryMethod.WINDOW
    again = draft_create(actor=personas.wang_jianjun, item=online_item.item)
    assert again.pk == draft.pk
    assert AuditEvent.objects.filter(action="application.create", outcome=Outcome.SUCCESS).count() == 1


def test_the_level_the_item_needs_is_checked_by_the_service_too(personas, centres, calendar_2025_2026, frozen, media):
    version = online_version(personas, centres, required_assurance_level=3)
    with pytest.raises(ValidationError) as caught:
        draft_create(actor=personas.outsider, item=version.item)
    assert caught.value.code == "assurance"
    assert AuditEvent.objects.get(action="application.create").outcome == Outcome.DENIED


def test_an_item_without_a_form_is_not_open_online(personas, centres, calendar_2025_2026, frozen, media):
    version = online_version(personas, centres, form={})
    with pytest.raises(ValidationError) as caught:
        draft_create(actor=personas.wang_jianjun, item=version.item)
    assert caught.value.code == "not_online"


def test_a_stale_save_from_the_other_device_changes_nothing(personas, online_item):
    phone = draft_create(actor=personas.wang_jianjun, item=online_item.item)
    pc_page_version = phone.lock_version  # the PC opened the draft …
    saved = draft_update(
        actor=personas.wang_jianjun, application=phone, lock_version=phone.lock_version, data={"household_size": "3"}
    )  # … then the phone saved
    assert saved.lock_version == pc_page_version + 1
    with pytest.raises(ValidationError) as caught:
        draft_update(
            actor=personas.wang_jianjun, application=phone, lock_version=pc_page_version, data={"household_size": "9"}
        )
    assert caught.value.code == "stale" and "其他设备" in caught.value.messages[0]
    saved.refresh_from_db()
    assert application_values(saved)["household_size"] == "3" and saved.lock_version == pc_page_version + 1


def test_draft_values_outside_the_form_are_dropped_and_places_checked(personas, online_item, centres):
    draft = draft_create(actor=personas.wang_jianjun, item=online_item.item)
    draft = draft_update(
        actor=personas.wang_jianjun,
        application=draft,
        lock_version=draft.lock_version,
        data={"household_size": "2", "is_admin": "yes"},
        centre=centres.luyang,
        delivery_method=DeliveryMethod.POST,
        delivery_address="景泰县芦阳镇某村",
    )
    assert application_values(draft) == {"household_size": "2"}
    assert draft.region == centres.luyang_region and draft.centre == centres.luyang
    assert draft.delivery_method == DeliveryMethod.POST
    online_item.handling_regions.clear()
    with pytest.raises(ValidationError) as caught:
        draft_update(
            actor=personas.wang_jianjun, application=draft, lock_version=draft.lock_version, centre=centres.luyang
        )
    assert caught.value.code == "region"


def test_someone_else_cannot_touch_a_draft(personas, online_item):
    draft = draft_create(actor=personas.wang_jianjun, item=online_item.item)
    with pytest.raises(PermissionDenied):
        draft_update(actor=personas.outsider, application=draft, lock_version=draft.lock_version, data={})
    with pytest.raises(PermissionDenied):
        draft_discard(actor=personas.outsider, application=draft)
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT


def test_discarding_a_draft(personas, online_item):
    draft = draft_create(actor=personas.wang_jianjun, item=online_item.item)
    draft_discard(actor=personas.wang_jianjun, application=draft)
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DISCARDED
    with pytest.raises(ValidationError):
        draft_update(actor=personas.wang_jianjun, application=draft, lock_version=draft.lock_version, data={})


# --- materials ------------------------------------------------------------------------------------------


def test_only_own_uploads_can_be_attached_and_an_earlier_upload_can_be_reused(personas, online_item):
    requirement = online_item.materials.get(order=2)
    first = ready_draft(personas, online_item)
    id_card = first.materials.get(requirement=requirement).upload
    application_submit(actor=personas.wang_jianjun, application=first)

    second_version_draft = draft_create(actor=personas.wang_jianjun, item=online_item.item)
    assert id_card in uploads_reusable(second_version_draft)
    reused = material_attach(
        actor=personas.wang_jianjun, application=second_version_draft, requirement=requirement, upload=id_card
    )
    assert reused.upload == id_card
    # Twice: the same row.
    assert (
        material_attach(
            actor=personas.wang_jianjun, application=second_version_draft, requirement=requirement, upload=id_card
        ).pk
        == reused.pk
    )

    strangers = upload_store(actor=personas.outsider, file=pdf_file())
    with pytest.raises(PermissionDenied):
        material_attach(
            actor=personas.wang_jianjun, application=second_version_draft, requirement=requirement, upload=strangers
        )
    assert strangers not in uploads_reusable(second_version_draft)
    material_detach(actor=personas.wang_jianjun, application=second_version_draft, material=reused)
    assert not second_version_draft.materials.exists()


def test_the_per_application_cap(personas, online_item, monkeypatch):
    monkeypatch.setattr("zwfw.cases.services.application.APPLICATION_MAX_BYTES", 150)
    draft = draft_create(actor=personas.wang_jianjun, item=online_item.item)
    requirement = online_item.materials.get(order=1)
    material_attach(
        actor=personas.wang_jianjun,
        application=draft,
        requirement=requirement,
        upload=upload_store(actor=personas.wang_jianjun, file=pdf_file("a.pdf")),
    )
    big = upload_store(actor=personas.wang_jianjun, file=pdf_file("b.pdf", b"%PDF-1.4\n" + b"0" * 100))
    with pytest.raises(ValidationError) as caught:
        material_attach(actor=personas.wang_jianjun, application=draft, requirement=requirement, upload=big)
    assert caught.value.code == "application_too_big"
    assert draft.materials.count() == 1


# --- the check and the submission -----------------------------------------------------------------------


def test_every_problem_is_listed_at_once(personas, online_item, centres):
    draft = draft_create(actor=personas.wang_jianjun, item=online_item.item)
    draft = draft_update(
        actor=personas.wang_jianjun,
        application=draft,
        lock_version=draft.lock_version,
        data={"applicant_name": "王建军", "household_size": "0", "has_disability": "on"},
        delivery_method=DeliveryMethod.POST,
        delivery_address="",
    )
    problems = application_problems(draft)
    assert set(problems) == {"form", "materials", "place"}
    form = " ".join(problems["form"])
    assert "共同生活家庭人口" in form and "家庭月收入（元）" in form and "本人承诺所填内容真实" in form
    missing = " ".join(problems["materials"])
    for name in ("最低生活保障申请书", "居民身份证和户口簿", "家庭经济状况核对授权书", "家庭收入及财产状况声明"):
        assert name in missing
    assert "残疾证或重大疾病诊断证明" in missing  # required because of the answer
    assert problems["place"] == ["选择邮寄送达时，请填写邮寄地址。"]
    with pytest.raises(ValidationError) as caught:
        application_submit(actor=personas.wang_jianjun, application=draft)
    assert caught.value.code == "incomplete" and len(caught.value.messages) >= 9
    assert not Case.objects.exists()


def test_submission_opens_one_case_with_receipt_sms_and_message(
    personas, online_item, django_capture_on_commit_callbacks, monkeypatch
):
    from zwfw.cases.services.receipt import receipt_ensure

    draft = ready_draft(personas, online_item)
    with monkeypatch.context() as patch, django_capture_on_commit_callbacks(execute=True):
        # Submitting renders no PDF: the receipt is rendered the first time it is asked for.
        for where in ("zwfw.cases.pdf", "zwfw.cases.services.documents", "zwfw.cases.services.receipt"):
            patch.setattr(f"{where}.pdf_render", lambda content: pytest.fail("a PDF rendered at submission"))
        case = application_submit(actor=personas.wang_jianjun, application=draft, lock_version=draft.lock_version)
    assert case.state == CaseState.SUBMITTED and case.channel == Channel.ONLINE
    assert case.number.startswith(online_item.item.implementation_code + "20260210")
    assert case.applicant_name == "王建军" and case.applicant_name_masked != "王建军"
    assert case.applicant_doc_masked.endswith(personas.wang_jianjun.id_number[-4:]) and "*" in case.applicant_doc_masked
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    assert not case.documents.exists()
    receipt = receipt_ensure(case)
    assert receipt == case.documents.get(kind=DocumentKind.RECEIPT) and receipt.file.read().startswith(b"%PDF")
    sms = sms_outbox(personas.wang_jianjun.mobile)
    assert len(sms) == 1 and case.number in sms[0]["text"] and case.query_code in sms[0]["text"]
    message = Message.objects.get(recipient=personas.wang_jianjun)
    assert case.number in message.body and case.query_code not in message.body
    event = AuditEvent.objects.get(action="application.submit")
    assert event.outcome == Outcome.SUCCESS
    assert personas.wang_jianjun.id_number not in json.dumps(event.detail, ensure_ascii=False)
    assert personas.wang_jianjun.mobile not in json.dumps(event.detail, ensure_ascii=False)


def test_double_submit_and_retries_make_one_case(personas, online_item):
    draft = ready_draft(personas, online_item)
    first = application_submit(actor=personas.wang_jianjun, application=draft, submit_key="k-1", fingerprint="abc")
    # A double click (the same draft again, with or without the key) and an API retry: the same case.
    assert application_submit(actor=personas.wang_jianjun, application=draft).pk == first.pk
    assert (
        application_submit(actor=personas.wang_jianjun, application=draft, submit_key="k-1", fingerprint="abc").pk
        == first.pk
    )
    assert Case.objects.count() == 1
    # The same key with a different body: refused, nothing new.
    other = ready_draft(personas, online_item)
    assert other.pk != draft.pk
    with pytest.raises(ValidationError) as caught:
        application_submit(actor=personas.wang_jianjun, application=other, submit_key="k-1", fingerprint="xyz")
    assert caught.value.code == "idempotency_mismatch"
    assert Case.objects.count() == 1
    other.refresh_from_db()
    assert other.status == ApplicationStatus.DRAFT


def test_a_draft_of_a_replaced_version_is_checked_against_the_published_one(personas, online_item):
    from zwfw.catalog.services.item import item_revise, version_approve, version_publish, version_submit

    draft = ready_draft(personas, online_item)
    revision = item_revise(actor=personas.sun_li, item=online_item.item)
    version_submit(actor=personas.sun_li, version=revision)
    version_approve(actor=personas.wu_gang, version=revision, comment="同意")
    version_publish(actor=personas.ma_qiang, version=revision)
    problems = application_problems(draft)
    assert "第2版" in problems["item"][0]
    case = application_submit(actor=personas.wang_jianjun, application=draft)
    assert case.version == revision
    draft.refresh_from_db()
    assert draft.version == revision
    assert {m.requirement.version_id for m in ApplicationMaterial.objects.filter(application=draft)} == {revision.pk}


def test_an_organisations_application_snapshot(personas, centres, calendar_2025_2026, frozen, media):
    from zwfw.catalog.choices import ServiceObject

    promise = {"name": "promise", "label": "承诺所填信息真实", "type": "boolean"}  # online needs one field
    version = online_version(personas, centres, form={"fields": [promise]})
    version.service_objects = [ServiceObject.PERSON, ServiceObject.OTHER_ORGANISATION]
    version.for_organisations = True
    version.save()
    draft = draft_create(actor=personas.zhao_min, item=version.item, organisation=personas.green_coop)
    for requirement in version.materials.filter(is_required=True):
        upload = upload_store(actor=personas.zhao_min, file=pdf_file(), organisation=personas.green_coop)
        material_attach(actor=personas.zhao_min, application=draft, requirement=requirement, upload=upload)
    case = application_submit(actor=personas.zhao_min, application=draft)
    assert case.organisation == personas.green_coop and case.applicant_doc_type == "001"
    assert case.applicant_name == personas.green_coop.name and case.contact_name == "赵敏"
    # The outsider cannot use the co-operative's files.
    assert not Application.objects.filter(applicant=personas.outsider).exists()


def test_the_receipt_states_the_facts_and_its_qr_code_holds_no_query_code(personas, online_item):
    from zwfw.cases.services.receipt import receipt_content

    draft = ready_draft(personas, online_item)
    case = application_submit(actor=personas.wang_jianjun, application=draft)
    content = receipt_content(case, public_url="https://zwfw.example.cn/")
    facts = dict(content.facts)
    assert facts["办件编号"] == case.number and facts["查询码"] == case.query_code
    assert facts["申请人"] == case.applicant_name_masked and "王建军" not in str(content.facts)
    assert personas.wang_jianjun.id_number not in str(content.facts)
    assert "最低生活保障申请书" in facts["已收材料"] and "景泰县政务服务中心" in facts["结果领取"]
    assert content.qr_text == "https://zwfw.example.cn/progress/" and case.query_code not in content.qr_text


def test_a_failure_late_in_the_submission_leaves_no_case_and_no_file(personas, online_item, media, monkeypatch):
    draft = ready_draft(personas, online_item)

    def broken(**kwargs):
        if kwargs.get("action") == "application.submit":
            raise RuntimeError("audit unavailable")

    monkeypatch.setattr("zwfw.cases.services.application.audit_record", broken)
    with pytest.raises(RuntimeError):
        application_submit(actor=personas.wang_jianjun, application=draft)
    assert not Case.objects.exists()
    documents = media / "cases" / "documents"
    assert not any(p.is_file() for p in documents.rglob("*"))
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT
