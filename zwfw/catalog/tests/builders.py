"""Builders of realistic catalogue data for tests (shared: the editor, import and portal tests reuse them).

:func:`dibao_data` is the 办事指南 of 最低生活保障审批 (县民政局) as a valid ``data`` dict for
``item_create`` / ``version_update``; :func:`published_dibao` takes it to 已发布 through the services.
"""

from __future__ import annotations

import copy
from typing import Any

from zwfw.catalog.choices import (
    CaseType,
    HandlingForm,
    ItemType,
    MaterialForm,
    OnlineDepth,
    ResultType,
    ReviewKind,
    ServiceObject,
    UseLevel,
)

DIBAO_BASIC_CODE = "000205001000"

_DIBAO: dict[str, Any] = {
    "name": "最低生活保障审批",
    "item_type": ItemType.BENEFIT,
    "service_objects": [ServiceObject.PERSON],
    "case_type": CaseType.PROMISED,
    "review_kind": ReviewKind.EXAMINE_THEN_APPROVE,
    "legal_basis": "《社会救助暂行办法》（国务院令第649号）第九条至第十一条；《甘肃省最低生活保障办法》",
    "conditions": "持有景泰县户籍，共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合规定。",
    "legal_limit_days": 30,
    "legal_limit_explain": "自受理之日起30个工作日",
    "promised_limit_days": 20,
    "promised_limit_explain": "不含入户调查、民主评议和公示时间",
    "is_free": True,
    "handling_forms": [HandlingForm.WINDOW, HandlingForm.ONLINE],
    "visits_required": 1,
    "visits_reason": "需核验户口簿、身份证原件并签署家庭经济状况核对授权书",
    "online_depth": OnlineDepth.ONLINE_PRE_REVIEW,
    "online_payment": False,
    "handling_place": "景泰县政务服务中心一楼民政综合窗口（12号窗口）",
    "handling_hours": "工作日 上午8:30-12:00，下午14:30-18:00（法定节假日除外）",
    "consult_phone": "0943-5521234",
    "complaint_phone": "0943-5522110",
    "special_procedures": "入户调查、民主评议和公示（7天）",
    "result_type": ResultType.CERTIFICATE,
    "result_name": "最低生活保障证",
    "keywords": "低保 最低生活保障 社会救助",
    "materials": [
        {"name": "最低生活保障申请书", "form": MaterialForm.ORIGINAL, "copies": 1},
        {"name": "居民身份证和户口簿", "form": MaterialForm.ORIGINAL_AND_COPY, "copies": 1},
        {"name": "家庭经济状况核对授权书", "form": MaterialForm.ORIGINAL, "copies": 1},
        {"name": "家庭收入及财产状况声明", "form": MaterialForm.ORIGINAL, "copies": 1},
        {
            "name": "残疾证或重大疾病诊断证明",
            "is_required": False,
            "form": MaterialForm.COPY,
            "copies": 1,
            "note": "家庭成员有残疾或重病的提供",
        },
    ],
    "fees": [],
    "steps": [
        {"name": "受理", "handler": "乡镇民政工作人员", "time_limit_days": 1, "kind": "accept"},
        {
            "name": "审核",
            "handler": "乡镇人民政府",
            "time_limit_days": 8,
            "description": "入户调查、民主评议",
            "kind": "examine",
        },
        {"name": "审批", "handler": "县民政局", "time_limit_days": 5, "kind": "decide"},
        {"name": "送达", "handler": "乡镇民政工作人员", "time_limit_days": 1, "kind": "deliver"},
    ],
    "faqs": [
        {
            "question": "外出务工人员能否申请低保？",
            "answer": "家庭人均收入和财产状况符合条件的，可由共同生活的家庭成员代为申请。",
        }
    ],
}


#: An application form for 最低生活保障审批 (zwfw.core.dynforms schema): opt in with
#: ``published_dibao(personas, application_form=DIBAO_FORM)``. Material 5 (残疾证或重大疾病诊断证明) is asked
#: for, as required, only when a family member is disabled or seriously ill.
DIBAO_FORM: dict[str, Any] = {
    "fields": [
        {
            "name": "applicant_name",
            "label": "申请人姓名",
            "type": "text",
            "required": True,
            "max_length": 30,
            "prefill": "applicant.name",
        },
        {
            "name": "family_size",
            "label": "共同生活家庭人口",
            "type": "integer",
            "required": True,
            "min": 1,
            "max": 20,
            "help": "含申请人本人",
        },
        {"name": "monthly_income", "label": "家庭月总收入（元）", "type": "decimal", "required": True, "min": 0},
        {"name": "reason", "label": "申请理由", "type": "textarea", "required": True, "max_length": 500},
        {"name": "has_disabled_member", "label": "家庭成员中有残疾或重病人员", "type": "boolean"},
        {
            "name": "disabled_member_note",
            "label": "残疾或重病情况说明",
            "type": "textarea",
            "required": True,
            "max_length": 300,
            "show_if": {"field": "has_disabled_member", "equals": True},
        },
    ],
    "materials": [{"order": 5, "required_if": {"field": "has_disabled_member", "equals": True}}],
}


def dibao_data(**overrides: Any) -> dict[str, Any]:
    """A valid, complete ``data`` dict for 最低生活保障审批; ``overrides`` replace keys."""
    data = copy.deepcopy(_DIBAO)
    data.update(overrides)
    return data


def dibao_create(*, actor: Any, agency: Any, basic_code: str = DIBAO_BASIC_CODE, **overrides: Any) -> Any:
    """A draft of 最低生活保障审批 in ``agency`` (returns the ItemVersion)."""
    from zwfw.catalog.services.item import item_create

    return item_create(
        actor=actor, agency=agency, basic_code=basic_code, use_level=UseLevel.COUNTY, data=dibao_data(**overrides)
    )


def published_dibao(personas: Any, **overrides: Any) -> Any:
    """最低生活保障审批 drafted by 孙丽, approved by 吴刚 and published by 马强 (returns the version)."""
    from zwfw.catalog.services.item import version_approve, version_publish, version_submit

    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs, **overrides)
    version_submit(actor=personas.sun_li, version=version)
    version_approve(actor=personas.wu_gang, version=version, comment="同意入库")
    version_publish(actor=personas.ma_qiang, version=version)
    return version
