"""The mobile app's applicant journey on ``/api/v1/`` (the plan's 移动端 channel): a person's bearer token with the
``cases`` scope, from the authorization code flow (PKCE) of the platform's OpenID Connect provider.

- ``GET /applications/forms/{implementation_code}`` — what to fill in and upload for an item.
- ``GET|POST /applications``, ``GET|PATCH|DELETE /applications/{id}`` — drafts (create honours
  ``Idempotency-Key``: a retried create answers with the first draft).
- ``POST /uploads`` (multipart) and ``POST|DELETE /applications/{id}/materials[/{material_id}]`` — files.
- ``POST /applications/{id}/submit`` — **requires** ``Idempotency-Key``: a retry with the same key and body
  returns the same case (``replayed``), the same key with another body is 409 ``idempotency_mismatch``.
- ``GET /cases``, ``GET /cases/{number}``, ``GET /cases/{number}/documents/{id}`` — my cases (own and of the
  organisations I act for), progress with the timeline, documents.
- ``POST /cases/{number}/supplement`` — 补正: the requested materials.
- ``POST /cases/{number}/withdraw`` — 撤回 before a decision, with a reason (the web page's service).

The two case actions honour ``Idempotency-Key`` (:func:`.cases_common.act_once`): a retry with the same key and
body answers with the first result and changes nothing more; the same key with another body is 409.

Everything goes through the cases services and selectors, which check ownership: another person's draft,
upload or case is a 404 (never revealed), an action the person may not take a 403. The applicant's own
values come back in full (it is their data, over their token); staff are never named.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Form, Header, Router
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from zwfw.cases.choices import ApplicationStatus, Channel, DeliveryMethod, DocumentKind
from zwfw.cases.models import ApplicationMaterial
from zwfw.cases.selectors.applications import (
    application_get_for,
    application_problems,
    application_values,
    draft_existing,
    drafts_of,
    materials_current,
    online_application_open,
    upload_get_for,
)
from zwfw.cases.selectors.tracking import (
    applicant_case_get,
    applicant_cases,
    applicant_document_get,
    case_documents_for_applicant,
    case_progress,
    organisations_acted_for,
)
from zwfw.cases.services.application import (
    application_submit,
    draft_create,
    draft_discard,
    draft_update,
    material_attach,
    material_detach,
)
from zwfw.cases.services.handling import case_withdraw, supplement_submit
from zwfw.cases.services.receipt import receipt_ensure
from zwfw.cases.services.uploads import upload_store
from zwfw.catalog.models import MaterialRequirement
from zwfw.catalog.selectors import published_item_get
from zwfw.core.downloads import file_download
from zwfw.core.services.idempotency import idempotency_key_clean, idempotent, request_fingerprint
from zwfw.org.models import Region, ServiceCentre

from .auth import OAuth2Bearer, bearer_answers
from .cases_common import (
    ACTION_IDEMPOTENCY_HELP,
    IDEMPOTENCY_HELP,
    MappedRows,
    act_once,
    applicant_case_out,
    case_list_item,
    item_ref,
    organisation_ref,
    replay_header,
    service_refusals,
    state_out,
)
from .errors import ApiError, ErrorOut, invalid, not_found
from .pagination import Pagination
from .schemas import coded
from .schemas_cases import (
    ApplicationFormOut,
    CaseListItemOut,
    CaseOut,
    DraftIn,
    DraftListItemOut,
    DraftOut,
    DraftUpdateIn,
    MaterialIn,
    MaterialOut,
    SubmitIn,
    SubmitOut,
    SupplementIn,
    UploadOut,
    WithdrawIn,
)

router = Router(tags=["网上申报（移动端）"])
router.add_decorator(bearer_answers, mode="view")
router.add_decorator(replay_header, mode="view")
person = OAuth2Bearer("cases", subject="user")

ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {**ERRORS, 409: ErrorOut, 422: ErrorOut}
#: One key space for the applicant's case actions (supplement, withdraw): a key names one request.
CASE_ACTIONS = "cases.case_action"


def _user(request: HttpRequest) -> Any:
    return request.auth.user  # type: ignore[attr-defined]


def _organisation(user: Any, uscc: str | None) -> Any:
    if not uscc:
        return None
    for organisation in organisations_acted_for(user):
        if organisation.uscc == uscc.upper():
            return organisation
    raise ApiError(403, _("您不是该单位的经办人，不能代表该单位办理。"), code="forbidden")


# --- shapes -------------------------------------------------------------------------------------------


def _requirements(version: Any) -> list[dict[str, Any]]:
    return [
        {"id": r.pk, "name": r.name, "is_required": r.is_required, "copies": r.copies, "note": r.note}
        for r in version.materials.order_by("order")
    ]


def _draft_url(application: Any) -> str:
    return reverse("api-v1:application", kwargs={"application_id": application.pk})


def _draft_out(application: Any) -> dict[str, Any]:
    case = getattr(application, "case", None) if application.status == ApplicationStatus.SUBMITTED else None
    materials = [
        {
            "id": m.pk,
            "requirement": m.requirement_id,
            "requirement_name": m.requirement.name,
            "upload": m.upload_id,
            "name": m.upload.original_name,
            "size": m.upload.size,
        }
        for m in materials_current(application)
    ]
    return {
        "id": application.pk,
        "status": coded(application.status, ApplicationStatus),
        "item": item_ref(application),
        "organisation": organisation_ref(application.organisation),
        "lock_version": application.lock_version,
        "data": application_values(application),
        "region": application.region.code if application.region_id else None,
        "centre": application.centre_id,
        "delivery_method": coded(application.delivery_method, DeliveryMethod),
        "delivery_address": application.delivery_address,
        "materials": materials,
        "requirements": _requirements(application.version),
        "problems": application_problems(application) if application.status == ApplicationStatus.DRAFT else {},
        "case_number": case.number if case is not None else None,
        "created_at": application.created_at,
        "updated_at": application.updated_at,
        "api_url": _draft_url(application),
    }


def _draft(user: Any, application_id: int) -> Any:
    return application_get_for(user, application_id)  # 404 for anyone else's (or a discarded one)


# --- items -------------------------------------------------------------------------------------------


@router.get(
    "/applications/forms/{implementation_code}",
    auth=person,
    response={200: ApplicationFormOut, **ERRORS},
    url_name="application_form",
    summary="事项的申请表单和申请材料",
    description=(
        "已发布事项的申请表单定义（与网页相同）、申请材料、是否接受网上申请和所需实名等级。"
        "事项列表和办事指南见公开接口 /items。"
    ),
)
def application_form(request: HttpRequest, implementation_code: str) -> Any:
    version = published_item_get(implementation_code[:60])
    if version is None:
        raise not_found(_("未找到实施编码为“%(code)s”的已发布事项。") % {"code": implementation_code[:40]})
    return {
        "item": {
            "implementation_code": version.item.implementation_code,
            "name": version.name,
            "version": version.number,
        },
        "online": online_application_open(version),
        "for_persons": version.for_persons,
        "for_organisations": version.for_organisations,
        "required_assurance_level": int(version.required_assurance_level or 0),
        "application_form": version.application_form or {},
        "requirements": _requirements(version),
    }


# --- drafts -------------------------------------------------------------------------------------------


@router.get(
    "/applications",
    auth=person,
    response={200: list[DraftListItemOut], **ERRORS},
    url_name="applications",
    summary="我的草稿",
    description="本人的草稿，以及本人作为经办人的单位的草稿，最近保存的在前。",
)
def application_list(request: HttpRequest) -> Any:
    user = _user(request)
    drafts = list(drafts_of(user).select_related("organisation")[:100])
    for organisation in organisations_acted_for(user):
        drafts += list(drafts_of(user, organisation=organisation).select_related("organisation")[:100])
    drafts.sort(key=lambda a: a.updated_at, reverse=True)
    return [
        {
            "id": a.pk,
            "item": item_ref(a),
            "organisation": organisation_ref(a.organisation),
            "lock_version": a.lock_version,
            "updated_at": a.updated_at,
            "api_url": _draft_url(a),
        }
        for a in drafts
    ]


@router.post(
    "/applications",
    auth=person,
    response={200: DraftOut, 201: DraftOut, **WRITE_ERRORS},
    url_name="application_create",
    summary="新建草稿",
    description=(
        "为已发布事项新建申请草稿（表单按账号信息预填）；同一事项已有未提交的草稿时返回该草稿（200）。"
        "可带 Idempotency-Key：网络重试时返回第一次的结果（应答头 Idempotent-Replayed: true），"
        "同一键用于不同内容时返回 409 idempotency_mismatch。"
    ),
)
def application_create(
    request: HttpRequest,
    body: DraftIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", description=IDEMPOTENCY_HELP),
) -> Any:
    user = _user(request)

    def call() -> tuple[int, dict[str, Any]]:
        version = published_item_get(body.item[:60])
        if version is None:
            raise invalid("item", _("未找到该实施编码的已发布事项。"))
        organisation = _organisation(user, body.organisation)
        existed = draft_existing(applicant=user, item=version.item, organisation=organisation, channel=Channel.APP)
        with service_refusals():
            application = draft_create(actor=user, item=version.item, organisation=organisation, channel=Channel.APP)
        return (200 if existed is not None and existed.pk == application.pk else 201), _draft_out(application)

    with service_refusals():
        status, payload, replayed = idempotent(
            owner=f"user:{user.pk}",
            scope="cases.draft_create",
            key=idempotency_key,
            fingerprint=request_fingerprint(body.dict()),
            call=call,
        )
    if replayed:
        request._idempotent_replayed = True  # type: ignore[attr-defined]
    return Status(status, payload)


@router.get(
    "/applications/{application_id}",
    auth=person,
    response={200: DraftOut, **ERRORS},
    url_name="application",
    summary="草稿详情",
    description="表单内容、已上传的材料、提交前还需处理的问题（一次列出全部）。他人的草稿返回 404。",
)
def application_get(request: HttpRequest, application_id: int) -> Any:
    return _draft_out(_draft(_user(request), application_id))


def _region(code: str | None) -> Any:
    if code is None:
        return None
    if code == "":
        return ""
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise invalid("region", _("没有这个区划代码。"))
    return region


def _centre(pk: int | None) -> Any:
    if pk is None:
        return None
    if pk == 0:
        return ""
    centre = ServiceCentre.objects.filter(pk=pk).first()
    if centre is None:
        raise invalid("centre", _("没有这个服务中心。"))
    return centre


@router.patch(
    "/applications/{application_id}",
    auth=person,
    response={200: DraftOut, **WRITE_ERRORS},
    url_name="application_update",
    summary="保存草稿",
    description=(
        "保存表单内容、办理乡镇、领取地点和送达方式（不传的部分不变）。必须带读取时的 lock_version："
        "草稿已在其他设备上保存过时返回 409 stale，本次内容不保存。"
    ),
)
def application_update(request: HttpRequest, application_id: int, body: DraftUpdateIn) -> Any:
    user = _user(request)
    application = _draft(user, application_id)
    with service_refusals():
        application = draft_update(
            actor=user,
            application=application,
            lock_version=body.lock_version,
            data=body.data,
            region=_region(body.region),
            centre=_centre(body.centre),
            delivery_method=body.delivery_method,
            delivery_address=body.delivery_address,
        )
    return _draft_out(application_get_for(user, application.pk))


@router.delete(
    "/applications/{application_id}",
    auth=person,
    response={204: None, **WRITE_ERRORS},
    url_name="application_discard",
    summary="删除草稿",
    description="删除未提交的草稿（上传的文件保留，可用于以后的申请）。",
)
def application_discard(request: HttpRequest, application_id: int) -> Any:
    user = _user(request)
    application = _draft(user, application_id)
    with service_refusals():
        draft_discard(actor=user, application=application)
    return Status(204, None)


# --- files ---------------------------------------------------------------------------------------------


@router.post(
    "/uploads",
    auth=person,
    response={201: UploadOut, **WRITE_ERRORS},
    url_name="upload_create",
    summary="上传材料文件",
    description=(
        "multipart/form-data：file 为文件（PDF、OFD、DOC(X)、XLS(X)、JPG、PNG，按内容识别类型，单个不超过 20 MB）；"
        "代表单位上传时 organisation 为单位统一社会信用代码。返回文件编号，再用“添加申请材料”放进申请。"
    ),
)
def upload_create(
    request: HttpRequest,
    file: UploadedFile = File(..., description="文件"),  # noqa: B008 - django-ninja's declaration
    organisation: str | None = Form(None, description="代表单位上传时：统一社会信用代码"),  # noqa: B008
) -> Any:
    user = _user(request)
    org = _organisation(user, organisation)
    with service_refusals():
        upload = upload_store(actor=user, file=file, organisation=org)
    return Status(
        201,
        {
            "id": upload.pk,
            "name": upload.original_name,
            "content_type": upload.content_type,
            "size": upload.size,
            "sha256": upload.sha256,
            "created_at": upload.created_at,
        },
    )


@router.post(
    "/applications/{application_id}/materials",
    auth=person,
    response={201: MaterialOut, **WRITE_ERRORS},
    url_name="application_material_add",
    summary="添加申请材料",
    description="把已上传的文件（本人或本单位的）作为某项申请材料；同一文件重复添加返回已有记录。",
)
def material_add(request: HttpRequest, application_id: int, body: MaterialIn) -> Any:
    user = _user(request)
    application = _draft(user, application_id)
    requirement = MaterialRequirement.objects.filter(pk=body.requirement, version_id=application.version_id).first()
    if requirement is None:
        raise invalid("requirement", _("该材料不属于这份申请的事项版本。"))
    try:
        upload = upload_get_for(user, body.upload)
    except Http404 as exc:
        raise invalid("upload", _("没有这个文件，或不是您上传的文件。")) from exc
    with service_refusals():
        material = material_attach(actor=user, application=application, requirement=requirement, upload=upload)
    return Status(
        201,
        {
            "id": material.pk,
            "requirement": requirement.pk,
            "requirement_name": requirement.name,
            "upload": upload.pk,
            "name": upload.original_name,
            "size": upload.size,
        },
    )


@router.delete(
    "/applications/{application_id}/materials/{material_id}",
    auth=person,
    response={204: None, **WRITE_ERRORS},
    url_name="application_material_remove",
    summary="撤回申请材料",
    description="从草稿中撤回一个已添加的文件（文件本身保留，可用于以后的申请）。",
)
def material_remove(request: HttpRequest, application_id: int, material_id: int) -> Any:
    user = _user(request)
    application = _draft(user, application_id)
    material = ApplicationMaterial.objects.filter(pk=material_id, application=application).first()
    if material is None:
        raise not_found()
    with service_refusals():
        material_detach(actor=user, application=application, material=material)
    return Status(204, None)


# --- submission ------------------------------------------------------------------------------------------


@router.post(
    "/applications/{application_id}/submit",
    auth=person,
    response={200: SubmitOut, 201: SubmitOut, 400: ErrorOut, **WRITE_ERRORS},
    url_name="application_submit",
    summary="提交申请",
    description=(
        "必须带 Idempotency-Key。先检查全部内容（问题一次列出，422 incomplete），通过后生成办件编号和查询码，"
        "并以短信和站内消息通知。用同一键重试（网络中断、重复点击）返回同一办件（200，replayed 为 true），"
        "不会重复建件；同一键用于不同的申请或不同内容返回 409 idempotency_mismatch。"
    ),
)
def application_submit_view(
    request: HttpRequest,
    application_id: int,
    body: SubmitIn | None = None,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", description=IDEMPOTENCY_HELP),
) -> Any:
    user = _user(request)
    with service_refusals():
        key = idempotency_key_clean(idempotency_key)
    if key is None:
        raise ApiError(
            400,
            _("提交申请必须带 Idempotency-Key 请求头（建议使用 UUID），以免网络重试时重复建件。"),
            code="idempotency_key_required",
        )
    lock_version = body.lock_version if body is not None else None
    fingerprint = request_fingerprint("submit", application_id, lock_version)
    application = _draft(user, application_id)
    # Answered before (this key, or this draft under another key): no new case. Best effort for the status
    # code only; the services make the case exactly once whatever happens concurrently.
    replayed = application.status == ApplicationStatus.SUBMITTED or user.applications.filter(submit_key=key).exists()
    with service_refusals():
        case = application_submit(
            actor=user,
            application=application,
            lock_version=lock_version,
            submit_key=key,
            fingerprint=fingerprint,
        )
    if replayed:
        request._idempotent_replayed = True  # type: ignore[attr-defined]
    return Status(
        200 if replayed else 201,
        {
            "number": case.number,
            "query_code": case.query_code,
            "state": state_out(case),
            "submitted_at": case.submitted_at,
            "api_url": reverse("api-v1:my_case", kwargs={"number": case.number}),
            "replayed": replayed,
        },
    )


# --- my cases ------------------------------------------------------------------------------------------------


@router.get(
    "/cases",
    auth=person,
    response={200: list[CaseListItemOut], **ERRORS},
    url_name="my_cases",
    summary="我的办件",
    description=(
        "本人申请的办件和本人作为经办人的单位的办件，最新的在前；"
        "organisation 只看某个单位的（统一社会信用代码），me 只看个人的。"
    ),
)
@paginate(Pagination)
def my_case_list(request: HttpRequest, organisation: str | None = None, me: bool = False) -> Any:
    user = _user(request)
    cases = applicant_cases(user)
    if me:
        cases = cases.filter(applicant=user, organisation__isnull=True)
    elif organisation:
        cases = cases.filter(organisation=_organisation(user, organisation))
    return MappedRows(cases, case_list_item)


@router.get(
    "/cases/{number}",
    auth=person,
    response={200: CaseOut, **ERRORS},
    url_name="my_case",
    summary="办件进度",
    description="办件的状态、各环节及日期、完整的办理记录（含暂停计时及原因）、补正要求和可下载的文书。只写办理机构，不含工作人员信息。",
)
def my_case(request: HttpRequest, number: str) -> Any:
    case = applicant_case_get(_user(request), number[:60])
    return applicant_case_out(case, case_progress(case, public=False), _documents(request, case))


def _documents(request: HttpRequest, case: Any) -> list[Any]:
    """The case's documents for the applicant, the 申报回执 rendered first if it never was (submissions do not
    render it: :func:`~zwfw.cases.services.receipt.receipt_ensure`, outside any transaction)."""
    documents = list(case_documents_for_applicant(case))
    if not any(d.kind == DocumentKind.RECEIPT for d in documents):
        receipt_ensure(case, public_url=request.build_absolute_uri("/"))
        documents = list(case_documents_for_applicant(case))
    return documents


@router.get(
    "/cases/{number}/documents/{document_id}",
    auth=person,
    response={200: None, **ERRORS},
    url_name="my_case_document",
    summary="下载文书",
    description="申报回执、补正材料通知书、受理通知书、许可决定书等（附件方式，PDF）。",
)
def my_case_document(request: HttpRequest, number: str, document_id: int) -> Any:
    document = applicant_document_get(_user(request), number[:60], document_id)
    if document.kind == DocumentKind.RECEIPT:  # a receipt whose file went missing is rendered again
        document = receipt_ensure(document.case, public_url=request.build_absolute_uri("/"))
    return file_download(
        document.file.open,
        filename=f"{document.case.number}-{document.get_kind_display()}.{document.extension}",
        content_type=document.content_type,
    )


def _case_answer(user: Any, number: str) -> dict[str, Any]:
    case = applicant_case_get(user, number)
    return applicant_case_out(case, case_progress(case, public=False), list(case_documents_for_applicant(case)))


@router.post(
    "/cases/{number}/supplement",
    auth=person,
    response={200: CaseOut, **WRITE_ERRORS},
    url_name="my_case_supplement",
    summary="补正材料",
    description=(
        "按补正告知一次提交全部补正材料（每项要求至少一个文件，文件先用“上传材料文件”上传）；办件回到受理环节。"
        "不在补正状态时返回 409 illegal_transition。" + ACTION_IDEMPOTENCY_HELP
    ),
)
def my_case_supplement(
    request: HttpRequest,
    number: str,
    body: SupplementIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", description=IDEMPOTENCY_HELP),
) -> Any:
    user = _user(request)
    case = applicant_case_get(user, number[:60])
    materials = []
    for given in body.materials:
        requirement = MaterialRequirement.objects.filter(pk=given.requirement, version_id=case.version_id).first()
        if requirement is None:
            raise invalid("materials.requirement", _("该材料不属于这件申请的事项版本。"))
        try:
            upload = upload_get_for(user, given.upload)
        except Http404 as exc:
            raise invalid("materials.upload", _("没有这个文件，或不是您上传的文件。")) from exc
        materials.append((requirement, upload))
    _documents(request, case)  # the receipt exists before the answer is made inside the transaction

    def run() -> dict[str, Any]:
        supplement_submit(actor=user, case=case, materials=materials)
        return _case_answer(user, case.number)

    return act_once(
        request,
        actor=user,
        owner=f"user:{user.pk}",
        scope=CASE_ACTIONS,
        key=idempotency_key,
        fingerprint=request_fingerprint("supplement", case.number, body.dict()),
        audit_action="case.supplement",
        audit_obj=case,
        run=run,
    )


@router.post(
    "/cases/{number}/withdraw",
    auth=person,
    response={200: CaseOut, **WRITE_ERRORS},
    url_name="my_case_withdraw",
    summary="撤回申请",
    description=(
        "在作出决定之前撤回申请（须说明原因），生成《撤回申请确认书》，正在办理的机构会收到通知。"
        "已作出决定、已办结或已撤回的办件返回 409 illegal_transition；"
        "带 lock_version 且办件已有新的进展时返回 409 stale。" + ACTION_IDEMPOTENCY_HELP
    ),
)
def my_case_withdraw(
    request: HttpRequest,
    number: str,
    body: WithdrawIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", description=IDEMPOTENCY_HELP),
) -> Any:
    user = _user(request)
    case = applicant_case_get(user, number[:60])
    _documents(request, case)  # the receipt exists before the answer is made inside the transaction

    def run() -> dict[str, Any]:
        case_withdraw(actor=user, case=case, reason=body.reason, lock_version=body.lock_version)
        return _case_answer(user, case.number)

    return act_once(
        request,
        actor=user,
        owner=f"user:{user.pk}",
        scope=CASE_ACTIONS,
        key=idempotency_key,
        fingerprint=request_fingerprint("withdraw", case.number, body.dict()),
        audit_action="case.withdraw",
        audit_obj=case,
        run=run,
    )
