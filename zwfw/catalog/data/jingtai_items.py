# ruff: noqa: E501 — the guides are long Chinese sentences; wrapping them would only hurt reading.
"""景泰县 demonstration catalogue: service items with complete 办事指南, as plain data.

``ITEMS`` is a list of dicts ``{"agency", "basic_code", "use_level", "data"}``; ``data`` carries the
:class:`~zwfw.catalog.models.ItemVersion` field names plus ``materials``, ``fees``, ``steps``, ``faqs``
(child rows in order), ``themes`` and ``life_events`` (codes from :mod:`.classifications`) and
``handling_regions`` (township region codes of ``zwfw.org.data.jingtai``).

What is verified and what is not:

- Legal titles are national laws and regulations in force; article numbers and statutory time limits
  are quoted from memory where noted "(以现行文本为准)" in the explanation — check before real use.
- Phones are the agencies' (illustrative) numbers of ``zwfw.org.data.jingtai``; window numbers are those
  of its county hall and township centres.
- Township items are shown for a few townships only (one township per item name, so names stay unique in
  the demonstration); a real deployment gives every township government its own copy of each township item.
- 最低生活保障审批 is deliberately the version *before* story 1 of SCENARIOS.md (promised 20 days and the
  村（居）委会证明 material that the revision removes).
"""

from __future__ import annotations

from zwfw.catalog.choices import (
    HandlingForm,
    ItemType,
    MaterialForm,
    MaterialSource,
    OnlineDepth,
    ResultType,
)

# --- agency contacts (same values as zwfw/org/data/jingtai.py) --------------------------------

#: slug → (咨询电话, 监督投诉电话)
PHONES: dict[str, tuple[str, str]] = {
    "fgj": ("0943-5522231", "0943-5522239"),
    "sfj": ("0943-5523148", "0943-5523140"),
    "scjgj": ("0943-5523315", "0943-5523312"),
    "gaj": ("0943-5522764", "0943-5522766"),
    "mzj": ("0943-5522837", "0943-5522830"),
    "rsj": ("0943-5523426", "0943-5523420"),
    "zrzyj": ("0943-5523537", "0943-5523530"),
    "zjj": ("0943-5523641", "0943-5523649"),
    "jtj": ("0943-5523752", "0943-5523758"),
    "nyncj": ("0943-5523863", "0943-5523867"),
    "wjj": ("0943-5523974", "0943-5523971"),
    "jyj": ("0943-5524085", "0943-5524082"),
    "sthj": ("0943-5524196", "0943-5524190"),
    "yjj": ("0943-5524207", "0943-5524203"),
    "wlj": ("0943-5524318", "0943-5524316"),
    "swj": ("0943-5524429", "0943-12366"),
    "yitiaoshan": ("0943-5525101", "0943-5525106"),
    "luyang": ("0943-5612012", "0943-5612019"),
    "shangshawo": ("0943-5621023", "0943-5621028"),
    "xiquan": ("0943-5631034", "0943-5631037"),
    "caowotan": ("0943-5641045", "0943-5641046"),
    "hongshui": ("0943-5651056", "0943-5651055"),
    "zhongquan": ("0943-5661067", "0943-5661064"),
    "zhenglu": ("0943-5671078", "0943-5671073"),
    "sitan": ("0943-5681089", "0943-5681082"),
    "wufo": ("0943-5691090", "0943-5691091"),
    "manshuitan": ("0943-5601101", "0943-5601100"),
}

#: township government slug → (region code, township name)
TOWNSHIPS: dict[str, tuple[str, str]] = {
    "yitiaoshan": ("620423100", "一条山镇"),
    "luyang": ("620423101", "芦阳镇"),
    "shangshawo": ("620423102", "上沙沃镇"),
    "xiquan": ("620423103", "喜泉镇"),
    "caowotan": ("620423104", "草窝滩镇"),
    "hongshui": ("620423105", "红水镇"),
    "zhongquan": ("620423106", "中泉镇"),
    "zhenglu": ("620423107", "正路镇"),
    "sitan": ("620423200", "寺滩乡"),
    "wufo": ("620423201", "五佛乡"),
    "manshuitan": ("620423202", "漫水滩乡"),
}
ALL_TOWNSHIPS: list[str] = [code for code, _ in TOWNSHIPS.values()]

HALL = "景泰县政务服务中心（一条山镇兴泉路88号）"
#: Default 办理地点 of each county agency: its window in the county hall.
PLACES: dict[str, str] = {
    "fgj": f"{HALL}一楼01号综合受理窗口",
    "sfj": "景泰县司法局公共法律服务中心（一条山镇兴泉路58号）一楼法律援助接待室",
    "scjgj": f"{HALL}一楼05号市场监管窗口",
    "gaj": f"{HALL}一楼06号公安户政窗口",
    "mzj": f"{HALL}二楼10号民政窗口",
    "rsj": f"{HALL}一楼07号社保窗口",
    "zrzyj": f"{HALL}一楼08号不动产登记窗口",
    "zjj": f"{HALL}二楼11号住建窗口",
    "jtj": f"{HALL}二楼12号交通运输窗口",
    "nyncj": f"{HALL}一楼02号综合受理窗口",
    "wjj": f"{HALL}二楼13号卫生健康窗口",
    "jyj": f"{HALL}一楼03号综合受理窗口",
    "sthj": f"{HALL}一楼04号综合受理窗口",
    "yjj": f"{HALL}一楼04号综合受理窗口",
    "wlj": f"{HALL}一楼03号综合受理窗口",
    "swj": f"{HALL}一楼09号税务窗口",
}
HALL_HOURS = "周一至周五 8:30—12:00，14:30—18:00；周六 9:00—12:00 延时服务（法定节假日除外）"
OFFICE_HOURS = "周一至周五 8:30—12:00，14:30—18:00（法定节假日除外）"

WINDOW, ONLINE, POST = HandlingForm.WINDOW.value, HandlingForm.ONLINE.value, HandlingForm.POST.value
ORIGINAL, COPY, BOTH = MaterialForm.ORIGINAL.value, MaterialForm.COPY.value, MaterialForm.ORIGINAL_AND_COPY.value
APPLICANT, GOV, LIB, AGENCY = (
    MaterialSource.APPLICANT.value,
    MaterialSource.GOVERNMENT.value,
    MaterialSource.LICENCE_LIBRARY.value,
    MaterialSource.AGENCY.value,
)
CERT, DOC, APPROVAL = ResultType.CERTIFICATE.value, ResultType.DOCUMENT.value, ResultType.APPROVAL.value
D1, D2, D3, D4 = (d.value for d in OnlineDepth)
PERSON, ENTERPRISE, INSTITUTION, SOCIAL_ORG, UNINCORPORATED, ADMIN, OTHER_ORG = "1", "2", "3", "4", "5", "6", "9"
T = ItemType


# --- small builders ---------------------------------------------------------------------------


def m(
    name: str,
    *,
    form: str = ORIGINAL,
    copies: int = 1,
    source: str = APPLICANT,
    required: bool = True,
    fmt: str = "either",
    std: str = "",
    source_note: str = "",
    note: str = "",
) -> dict:
    """One 申请材料."""
    return {
        "name": name,
        "is_required": required,
        "form": form,
        "copies": copies,
        "material_format": fmt,
        "source": source,
        "source_note": source_note,
        "acceptance_standard": std,
        "note": note,
    }


def id_card(who: str = "申请人") -> dict:
    return m(
        f"{who}有效居民身份证",
        source=LIB,
        source_note="已关联电子证照库的，可调取电子身份证照免于提交",
        std="在有效期内，与申请人一致，信息清晰可辨",
    )


def licence(name: str = "营业执照") -> dict:
    return m(
        name,
        source=LIB,
        source_note="由电子证照库调取，无需上传或提交复印件",
        std="在有效期内、登记状态为存续",
    )


def form(name: str) -> dict:
    return m(name, source=AGENCY, source_note="窗口领取或在政务服务网下载", std="填写完整，签字（盖章）齐全")


def s(
    name: str,
    handler: str,
    days: int,
    description: str,
    *,
    kind: str = "",
    agency: str = "",
    at_township: bool = False,
    group: int | None = None,
    join: str = "",
) -> dict:
    """One 办理环节 (time limit in working days). ``kind`` defaults to the one its name says (see
    :func:`process_complete`); ``agency`` is an agency slug (empty: the item's agency); ``at_township``: the
    township the applicant chose handles it (就近); ``group``/``join``: a parallel stage (并联审批) and its rule."""
    step = {"name": name, "handler": handler, "time_limit_days": days, "description": description}
    if kind:
        step["kind"] = kind
    if agency:
        step["agency"] = agency
    if at_township:
        step["at_township"] = True
    if group is not None:
        step["parallel_group"] = group
        step["join_rule"] = join or "all"
    return step


def std_steps(accept: int, review: int, decide: int, deliver: int, *, review_note: str = "") -> list[dict]:
    """The usual 受理 → 审查 → 决定 → 送达 of a 承诺件."""
    return [
        s("受理", "窗口受理人员", accept, "审查材料是否齐全、是否符合法定形式；材料不全的一次性告知需补正的全部内容"),
        s("审查", "业务股室经办人", review, review_note or "对申请材料的实质内容进行审查，提出审查意见"),
        s("决定", "分管负责人", decide, "根据审查意见作出准予或不予的决定；不予的书面说明理由并告知救济途径"),
        s("送达", "窗口工作人员", deliver, "通过窗口领取、邮寄或电子证照方式送达办理结果"),
    ]


def instant_steps(result: str) -> list[dict]:
    """The four steps of a 即办件, all on the spot (0 working days each)."""
    return [
        s("受理", "窗口受理人员", 0, "核验身份和材料，材料齐全、符合法定形式的当场受理", kind="accept"),
        s("审查", "窗口审核人员", 0, "当场审查申请材料", kind="examine"),
        s("决定", "窗口审核人员", 0, "当场作出决定", kind="decide"),
        s("送达", "窗口工作人员", 0, f"当场出具{result}", kind="deliver"),
    ]


#: Step names whose kind is not the one ``workflow.stages.step_kind_guess`` reads from the name.
STEP_KINDS: dict[str, str] = {
    "颁证": "deliver",
    "发放": "deliver",
    "告知": "deliver",
    "公布": "deliver",
    "放款通知": "deliver",
    "确认": "decide",
    "审定": "decide",
    "登记": "decide",
    "备案": "decide",
    "担保审核": "decide",
    "报名": "accept",
}

#: What a step inserted to complete a process says (kind → name, handler, description).
_FILLERS: dict[str, tuple[str, str, str]] = {
    "examine": ("审查", "业务经办人员", "审查申请材料，当场提出审查意见"),
    "decide": ("决定", "业务负责人", "根据审查意见当场作出决定"),
    "deliver": ("送达", "窗口工作人员", "当场或通过邮寄、电子证照方式送达办理结果"),
}


def process_complete(steps: list[dict]) -> list[dict]:
    """The steps with their kinds, completed to 受理 → 审查 → 决定 → 送达: a missing kind becomes a step of
    0 working days in its place (after 受理, before the first 送达, at the end)."""
    from zwfw.workflow.stages import step_kind_guess

    done = []
    for step in steps:
        step = dict(step)
        step.setdefault("kind", STEP_KINDS.get(step["name"]) or str(step_kind_guess(step["name"])[0]))
        done.append(step)

    def filler(kind: str) -> dict:
        name, handler, description = _FILLERS[kind]
        return s(name, handler, 0, description, kind=kind)

    kinds = [step["kind"] for step in done]
    if "examine" not in kinds:
        at = kinds.index("accept") + 1 if "accept" in kinds else 0
        done.insert(at, filler("examine"))
    kinds = [step["kind"] for step in done]
    if "decide" not in kinds:
        done.insert(kinds.index("deliver") if "deliver" in kinds else len(done), filler("decide"))
    if "deliver" not in [step["kind"] for step in done]:
        done.append(filler("deliver"))
    return done


# --- application forms (zwfw.core.dynforms schemas) -------------------------------------------


def f(name: str, label: str, kind: str = "text", *, required: bool = False, **extra) -> dict:
    """One application-form field (``extra``: help, max_length, min, max, options, prefill, show_if)."""
    return {"name": name, "label": label, "type": kind, "required": required, **extra}


def when(field: str, *values) -> dict:
    """A condition: ``field`` equals the value (or one of the values)."""
    return {"field": field, "equals": values[0]} if len(values) == 1 else {"field": field, "in": list(values)}


def opts(*pairs: str) -> list[list[str]]:
    """Options from ``"value=显示文字"`` strings."""
    return [p.split("=", 1) for p in pairs]


AGENT_FIELDS = [
    f("by_agent", "委托他人代为办理", "boolean", help="由他人代为提交的，请勾选并填写代理人姓名"),
    f("agent_name", "代理人姓名", required=True, max_length=30, show_if=when("by_agent", True)),
]


def generic_form(*, for_organisations: bool, materials: list[dict]) -> dict:
    """The short form of an item without its own: what is applied for, the organisation's details when
    organisations apply, an agent; a 委托 material is required exactly when an agent applies."""
    fields = []
    if for_organisations:
        fields += [
            f("applicant_unit", "申请单位（个人申请的可不填）", max_length=100, prefill="organisation.name"),
            f("unit_uscc", "统一社会信用代码（个人申请的可不填）", "uscc", prefill="organisation.uscc"),
        ]
    fields += [
        f(
            "purpose",
            "申请事项说明",
            "textarea",
            required=True,
            max_length=500,
            help="简要写明申请办理的具体内容和理由",
        ),
        *AGENT_FIELDS,
    ]
    return {"fields": fields, "materials": agent_material_rules(materials)}


def agent_material_rules(materials: list[dict]) -> list[dict]:
    """Rules making each optional 委托 material (委托书, 代理人身份证明) required when an agent applies."""
    return [
        {"order": order, "required_if": when("by_agent", True)}
        for order, material in enumerate(materials, start=1)
        if "委托" in material["name"] and not material["is_required"]
    ]


def q(question: str, answer: str) -> dict:
    return {"question": question, "answer": answer}


def item(agency: str, seq: int, item_type: str, name: str, *, promised: int, legal: int, **data) -> dict:
    """One catalogue entry. ``data`` holds the guide; missing fields take the agency's defaults."""
    item_type = ItemType(item_type).value
    township = TOWNSHIPS.get(agency)
    consult, complaint = PHONES[agency]
    guide = {
        "name": name,
        "item_type": item_type,
        "agency_nature": "1",
        "power_source": "1",
        "case_type": "1" if promised == 0 else "2",
        "review_kind": "immediate" if promised == 0 else "examine_then_approve",
        "legal_limit_days": legal,
        "legal_limit_explain": "",
        "promised_limit_days": promised,
        "promised_limit_explain": "即来即办，材料齐全当场办结"
        if promised == 0
        else f"自受理之日起{promised}个工作日内办结",
        "handling_forms": [WINDOW, ONLINE],
        "visits_required": 1,
        "visits_reason": "",
        "online_payment": False,
        "handling_place": (f"景泰县{township[1]}便民服务中心一楼02号社会事务窗口" if township else PLACES[agency]),
        "handling_hours": OFFICE_HOURS if township else HALL_HOURS,
        "consult_phone": consult,
        "complaint_phone": complaint,
        "special_procedures": "",
        "required_assurance_level": 1,
        "fees": [],
        "life_events": [],
        "handling_regions": [township[0]] if township else [],
    }
    guide.update(data)
    guide["is_free"] = not guide["fees"]
    guide["steps"] = process_complete(guide["steps"])
    if "application_form" not in guide:
        guide["application_form"] = generic_form(
            for_organisations=any(o != PERSON for o in guide["service_objects"]), materials=guide["materials"]
        )
    return {
        "agency": agency,
        "basic_code": f"{item_type}62{seq:08d}",
        "use_level": "5" if township else "4",
        "data": guide,
    }


VISIT_IDENTITY = "需本人到场核验身份并现场签字确认"
VISIT_COLLECT = "需到窗口领取纸质证件（选择邮寄送达的除外）"
VISIT_CHECK = "需现场核验原件"

ITEMS: list[dict] = []

# --- 景泰县市场监督管理局 -----------------------------------------------------------------------

_MARKET_LAW = "《市场主体登记管理条例》（国务院令第746号）；《中华人民共和国市场主体登记管理条例实施细则》（国家市场监督管理总局令第52号）"

ITEMS += [
    item(
        "scjgj",
        10010001,
        T.CONFIRMATION,
        "个体工商户设立登记",
        promised=0,
        legal=3,
        service_objects=[PERSON],
        legal_basis=f"《促进个体工商户发展条例》（国务院令第755号）第七条；{_MARKET_LAW}第三条、第十九条",
        conditions="有经营能力的公民从事工商业经营；经营者身份信息真实；名称符合《企业名称登记管理规定》；经营场所真实合法；经营范围不属于法律法规禁止的项目。",
        legal_limit_explain="《市场主体登记管理条例》第十九条：申请材料齐全、符合法定形式的当场登记；不能当场登记的，3个工作日内予以登记",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=CERT,
        result_name="个体工商户营业执照（纸质及电子营业执照）",
        keywords="开饭馆 开店 餐饮 营业执照 个体户 个体工商户 开业 门店 做生意 yyzz",
        materials=[
            form("个体工商户登记（备案）申请书"),
            id_card("经营者"),
            m(
                "经营场所使用证明",
                form=COPY,
                std="房屋产权证明或租赁协议；无产权证明的可提交村（居）委会出具的场所证明",
                note="住所（经营场所）申报承诺制地区可提交承诺书",
            ),
            m("委托代理人身份证明及委托书", required=False, std="委托他人办理时提交"),
        ],
        steps=instant_steps("营业执照"),
        application_form={
            "fields": [
                f("operator_name", "经营者姓名", required=True, max_length=30, prefill="applicant.name"),
                f("use_name", "使用个体工商户名称", "boolean", help="个体工商户可以不使用名称"),
                f(
                    "shop_name",
                    "个体工商户名称",
                    required=True,
                    max_length=50,
                    show_if=when("use_name", True),
                    help="由行政区划、字号、行业、组织形式依次组成，例如：景泰县王记牛肉面馆",
                ),
                f(
                    "composition",
                    "组成形式",
                    "choice",
                    required=True,
                    options=opts("personal=个人经营", "family=家庭经营"),
                ),
                f(
                    "family_members",
                    "参加经营的家庭成员姓名",
                    "textarea",
                    required=True,
                    max_length=200,
                    show_if=when("composition", "family"),
                    help="每行一人",
                ),
                f(
                    "business_address",
                    "经营场所",
                    required=True,
                    max_length=100,
                    help="写明乡镇、街道（村）和门牌号，例如：景泰县一条山镇兴泉路12号",
                ),
                f(
                    "premises",
                    "经营场所来源",
                    "choice",
                    required=True,
                    options=opts("own=自有房产", "rent=租赁", "other=村（居）委会证明的其他场所"),
                ),
                f(
                    "business_scope",
                    "经营范围",
                    "multichoice",
                    required=True,
                    options=opts(
                        "catering=餐饮服务",
                        "food_retail=食品销售",
                        "retail=日用百货零售",
                        "beauty=理发美容",
                        "repair=家电维修",
                        "other=其他",
                    ),
                ),
                f(
                    "scope_other",
                    "其他经营范围",
                    required=True,
                    max_length=100,
                    show_if=when("business_scope", "other"),
                ),
                f("employees", "从业人数（含经营者）", "integer", required=True, min=1, max=200),
                f("capital", "资金数额（万元）", "decimal", required=True, min=0, max=100000),
                f("contact_phone", "经营场所联系电话", "mobile", required=True),
                *AGENT_FIELDS,
            ],
            "materials": [{"order": 4, "required_if": when("by_agent", True)}],
        },
        faqs=[
            q(
                "开一家小面馆要先办营业执照还是食品经营许可证？",
                "先办理个体工商户营业执照，再凭营业执照申请食品经营许可；两项可在政务服务网“开饭馆”主题中一次提交，食品经营许可将从电子证照库调取营业执照，无需再上传。",
            ),
            q(
                "个体工商户名称必须起吗？",
                "个体工商户可以不使用名称；使用名称的，由行政区划、字号、行业、组织形式依次组成，例如“景泰县某某面馆”。",
            ),
        ],
        themes=["shichang-zhunru"],
        life_events=["chuangye", "qiye-kaiban"],
        handling_regions=ALL_TOWNSHIPS,
    ),
    item(
        "scjgj",
        10010002,
        T.CONFIRMATION,
        "个体工商户变更登记",
        promised=0,
        legal=3,
        service_objects=[PERSON],
        legal_basis=f"《促进个体工商户发展条例》第七条；{_MARKET_LAW}第二十四条",
        conditions="已登记的个体工商户，名称、经营者、经营范围、经营场所、组成形式等登记事项发生变化的，应当自作出变更决议、决定或者法定变更事项发生之日起30日内申请变更登记。",
        legal_limit_explain="《市场主体登记管理条例》第十九条：当场登记或3个工作日内登记",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=CERT,
        result_name="个体工商户营业执照（换发）",
        keywords="个体户变更 换执照 改名字 换经营者 改地址 营业执照变更",
        materials=[
            form("个体工商户变更登记申请书"),
            id_card("经营者"),
            licence(),
            m("变更事项相关证明材料", form=COPY, std="如变更经营场所的，提交新场所使用证明"),
        ],
        steps=instant_steps("换发后的营业执照"),
        faqs=[
            q(
                "个体工商户可以直接变更为公司吗？",
                "可以。个体工商户可以申请变更为企业（“个转企”），直接办理变更登记，保留原名称字号和成立日期等信息。",
            )
        ],
        themes=["shichang-zhunru"],
        life_events=["biangeng"],
    ),
    item(
        "scjgj",
        10010003,
        T.CONFIRMATION,
        "企业设立登记（有限责任公司）",
        promised=1,
        legal=3,
        service_objects=[PERSON, ENTERPRISE],
        legal_basis=f"《中华人民共和国公司法》第二十九条至第三十三条；{_MARKET_LAW}第十九条至第二十一条",
        conditions="股东符合法定人数；有符合公司章程规定的出资；依法制定公司章程；有公司名称，建立符合有限责任公司要求的组织机构；有公司住所。",
        legal_limit_explain="《市场主体登记管理条例》第十九条：当场登记或3个工作日内登记",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=CERT,
        result_name="营业执照（纸质及电子营业执照）",
        keywords="开公司 注册公司 企业开办 营业执照 公司设立 有限公司 yyzz",
        special_procedures="企业开办“一网通办”：设立登记、公章刻制、发票申领、社保和公积金登记一次提交，全流程1个工作日内办结。",
        materials=[
            form("公司登记（备案）申请书"),
            m("公司章程", std="全体股东签署；可使用章程参考文本"),
            id_card("股东、法定代表人及董事、监事、高级管理人员"),
            m("住所（经营场所）使用证明", form=COPY, std="产权证明或租赁协议，或按住所申报承诺制提交承诺书"),
        ],
        steps=[
            s("受理", "窗口受理人员", 0, "网上提交或窗口提交，核验实名身份与材料"),
            s("审核", "登记注册股审核人员", 1, "审核登记事项和章程，核准后生成电子营业执照"),
        ],
        faqs=[
            q(
                "注册资本需要实缴吗？",
                "依照2024年7月1日施行的《公司法》，有限责任公司全体股东认缴的出资额应当自公司成立之日起五年内缴足。",
            ),
            q(
                "开办企业还要去刻章吗？",
                "不必另行跑腿。通过企业开办专区申请设立登记时可同时选择公章刻制，由政府购买服务免费刻制并寄递。",
            ),
        ],
        themes=["shichang-zhunru"],
        life_events=["qiye-kaiban"],
    ),
    item(
        "scjgj",
        10010004,
        T.CONFIRMATION,
        "企业注销登记",
        promised=1,
        legal=3,
        service_objects=[ENTERPRISE, UNINCORPORATED],
        legal_basis=f"《中华人民共和国公司法》第二百三十九条至第二百四十一条；{_MARKET_LAW}第三十一条至第三十四条",
        conditions="企业已依法完成清算，清偿债务、清缴税款和社会保险费；适用简易注销的，未发生债权债务或已将债权债务清偿完结，并经20日公示期无异议。",
        legal_limit_explain="《市场主体登记管理条例》第十九条：当场登记或3个工作日内登记",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        special_procedures="简易注销需在国家企业信用信息公示系统公示20日，公示期不计入办理时限。",
        result_type=DOC,
        result_name="准予注销登记通知书",
        keywords="注销 公司注销 企业注销 简易注销 关闭公司 不干了 歇业",
        materials=[
            form("企业注销登记申请书"),
            m("清算报告或全体投资人承诺书", std="普通注销提交经确认的清算报告；简易注销提交全体投资人承诺书"),
            licence("营业执照正、副本"),
        ],
        steps=[
            s("受理", "窗口受理人员", 0, "核验材料及税务、社保清税信息"),
            s("审核", "登记注册股审核人员", 1, "核准注销登记，收缴营业执照"),
        ],
        faqs=[
            q(
                "注销前要先去税务局吗？",
                "通过“企业注销一网服务”平台提交后，税务、社保信息由部门间共享核验；未办理涉税事项的纳税人可免予办理清税证明。",
            ),
            q(
                "什么情况不能简易注销？",
                "存在股权（财产份额）被冻结、出质，或正在被立案调查、被列入严重违法失信名单等情形的，不适用简易注销。",
            ),
        ],
        themes=["shichang-zhunru"],
        life_events=["zhuxiao"],
    ),
    item(
        "scjgj",
        10010005,
        T.CONFIRMATION,
        "农民专业合作社设立登记",
        promised=1,
        legal=3,
        service_objects=[PERSON, OTHER_ORG],
        legal_basis=f"《中华人民共和国农民专业合作社法》第十六条；{_MARKET_LAW}第十九条",
        conditions="有五名以上符合规定的成员，农民至少占成员总数的百分之八十；有符合法律规定的章程；有符合法律规定的组织机构；有符合法律、行政法规规定的名称和章程确定的住所；有符合章程规定的成员出资。",
        legal_limit_explain="《市场主体登记管理条例》第十九条：当场登记或3个工作日内登记",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=CERT,
        result_name="农民专业合作社营业执照",
        keywords="合作社 种植合作社 养殖合作社 枸杞 专业合作社 注册合作社",
        materials=[
            form("农民专业合作社登记（备案）申请书"),
            m("全体设立人签名、盖章的设立大会纪要"),
            m("全体设立人签名、盖章的章程"),
            m("成员名册及成员出资清单"),
            id_card("法定代表人、理事"),
        ],
        steps=[s("受理", "窗口受理人员", 0, "核验材料"), s("审核", "登记注册股审核人员", 1, "核准后发放营业执照")],
        faqs=[
            q(
                "合作社成员可以都是同村的农民吗？",
                "可以。农民成员应当占成员总数的百分之八十以上；成员总数二十人以下的，可以有一个企业、事业单位或者社会组织成员。",
            )
        ],
        themes=["shichang-zhunru", "nongye-nongcun"],
        life_events=["qiye-kaiban"],
    ),
    item(
        "scjgj",
        10010006,
        T.LICENSING,
        "食品经营许可",
        promised=5,
        legal=10,
        service_objects=[PERSON, ENTERPRISE, UNINCORPORATED],
        legal_basis="《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）第四条、第二十二条",
        conditions="已取得营业执照等主体资格；具有与经营的食品品种、数量相适应的经营场所，并与有毒、有害场所以及其他污染源保持规定的距离；有相应的设备设施、食品安全管理人员和规章制度；有合理的设备布局和工艺流程。",
        legal_limit_explain="自受理申请之日起10个工作日内作出决定；因特殊原因需要延长的，经负责人批准可以延长5个工作日（以现行文本为准）",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        special_procedures="需要现场核查的，由县市场监督管理局一条山市场监管所到经营场所核查，核查时间不超过5个工作日且计入承诺时限；仅销售预包装食品的，实行备案管理。",
        result_type=CERT,
        result_name="食品经营许可证（纸质及电子证书）",
        keywords="开饭馆 餐饮 食品经营 小吃店 面馆 饭店 食品许可证 卖食品 超市",
        materials=[
            form("食品经营许可申请书"),
            licence(),
            id_card("法定代表人（负责人）"),
            m("经营场所平面图和设备布局、操作流程示意图", std="标明功能区划分、主要设备位置及面积"),
            m("食品安全自查、从业人员健康管理、进货查验记录等食品安全管理制度"),
            m("从业人员健康证明", form=COPY, std="直接接触入口食品的从业人员均持有有效健康证明"),
            m(
                "冷食类、生食类食品制售专间设置说明",
                required=False,
                std="专间面积、预进间、空气消毒和独立空调设施的说明",
                note="经营冷食类、生食类食品制售的提交",
            ),
        ],
        steps=[
            s(
                "受理",
                "县市场监管局窗口受理人员",
                1,
                "审查材料是否齐全、是否符合法定形式；材料不全的一次性告知需补正的全部内容",
                kind="accept",
            ),
            s(
                "食品安全审查",
                "县市场监管局食品经营监管股",
                2,
                "审查经营场所、设备布局和食品安全管理制度，必要时现场核查（核查人员不少于2人）",
                kind="examine",
                group=1,
                join="all",
            ),
            s(
                "从业人员健康审查",
                "县卫生健康局（县疾控中心）",
                2,
                "核查直接接触入口食品从业人员的健康证明，审查经营场所卫生条件",
                kind="examine",
                agency="wjj",
                group=1,
                join="all",
            ),
            s(
                "决定",
                "县市场监管局分管负责人",
                1,
                "两部门均同意的作出准予许可决定；任一部门不同意的，作出不予许可决定并说明理由",
                kind="decide",
            ),
            s(
                "送达",
                "县市场监管局窗口工作人员",
                1,
                "核发纸质及电子食品经营许可证，窗口领取、邮寄或电子送达",
                kind="deliver",
            ),
        ],
        application_form={
            "fields": [
                f("operator_name", "经营者（负责人）姓名", required=True, max_length=30, prefill="applicant.name"),
                f(
                    "licence_uscc",
                    "营业执照统一社会信用代码",
                    "uscc",
                    required=True,
                    prefill="organisation.uscc",
                    help="个体工商户营业执照上的18位代码；营业执照将从电子证照库调取",
                ),
                f("shop_name", "经营者名称（店招）", required=True, max_length=60, prefill="organisation.name"),
                f("business_address", "经营场所", required=True, max_length=100),
                f(
                    "operator_type",
                    "主体业态",
                    "choice",
                    required=True,
                    options=opts("catering=餐饮服务经营者", "retail=食品销售经营者", "canteen=单位食堂"),
                ),
                f(
                    "catering_items",
                    "餐饮经营项目",
                    "multichoice",
                    required=True,
                    show_if=when("operator_type", "catering", "canteen"),
                    options=opts(
                        "hot=热食类食品制售",
                        "cold=冷食类食品制售",
                        "raw=生食类食品制售",
                        "drink=自制饮品制售",
                        "pastry=糕点类食品制售",
                    ),
                ),
                f(
                    "special_room_area",
                    "专间面积（平方米）",
                    "decimal",
                    required=True,
                    min=5,
                    max=1000,
                    show_if=when("catering_items", "cold", "raw"),
                    help="冷食类、生食类食品制售须设专间，面积不小于5平方米",
                ),
                f(
                    "retail_items",
                    "食品销售项目",
                    "multichoice",
                    required=True,
                    show_if=when("operator_type", "retail"),
                    options=opts("bulk=散装食品销售", "special=特殊食品销售", "cooked=热食类食品销售"),
                ),
                f("floor_area", "经营场所面积（平方米）", "decimal", required=True, min=1, max=100000),
                f("staff_count", "从业人员数", "integer", required=True, min=1, max=1000),
                f("health_cert_count", "持有效健康证明的从业人员数", "integer", required=True, min=0, max=1000),
                f("safety_manager", "食品安全管理人员姓名", required=True, max_length=30),
            ],
            "materials": [{"order": 7, "required_if": when("catering_items", "cold", "raw")}],
        },
        faqs=[
            q(
                "营业执照还没拿到能先申请食品经营许可吗？",
                "不能。需先取得营业执照；通过“开饭馆”一件事主题同时申请的，营业执照核发后系统自动从电子证照库调取，许可申请随即进入审查。",
            ),
            q(
                "许可证有效期多久？",
                "食品经营许可证有效期为5年，期满需继续经营的，应当在有效期届满前90个工作日至15个工作日期间提出延续申请。",
            ),
        ],
        themes=["shichang-zhunru", "shipin-yaopin"],
        life_events=["qiye-kaiban", "jingying"],
    ),
    item(
        "scjgj",
        10010007,
        T.LICENSING,
        "药品零售企业经营许可",
        promised=15,
        legal=30,
        power_source="2",
        service_objects=[ENTERPRISE, UNINCORPORATED],
        legal_basis="《中华人民共和国药品管理法》第五十一条、第五十二条；《药品经营和使用质量监督管理办法》（国家市场监督管理总局令第84号）",
        conditions="有依法经过资格认定的药师或者其他药学技术人员；有与所经营药品相适应的营业场所、设备、仓储设施和卫生环境；有与所经营药品相适应的质量管理机构或者人员；有保证药品质量的规章制度，并符合药品经营质量管理规范要求。",
        legal_limit_explain="自受理之日起30个工作日内作出决定（以现行规章为准）",
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason=VISIT_COLLECT,
        online_depth=D3,
        special_procedures="现场检查（验收）时间计入承诺时限；申请人整改时间不计入。",
        result_type=CERT,
        result_name="药品经营许可证",
        keywords="开药店 药房 药品零售 药品经营许可证",
        materials=[
            form("药品经营许可证申请表"),
            licence(),
            m("执业药师注册证", form=COPY),
            m("营业场所、仓库平面布置图及房屋产权或使用权证明", form=COPY),
            m("质量管理文件和主要设施、设备目录"),
        ],
        steps=std_steps(1, 10, 2, 2, review_note="材料审查并组织现场检查"),
        faqs=[
            q(
                "药店必须配备执业药师吗？",
                "经营处方药、甲类非处方药的药品零售企业，应当按规定配备执业药师或其他依法经过资格认定的药学技术人员。",
            )
        ],
        themes=["shichang-zhunru", "shipin-yaopin"],
        life_events=["qiye-kaiban"],
    ),
    item(
        "scjgj",
        10010008,
        T.CONFIRMATION,
        "特种设备使用登记",
        promised=5,
        legal=15,
        service_objects=[ENTERPRISE, INSTITUTION, UNINCORPORATED],
        legal_basis="《中华人民共和国特种设备安全法》第三十三条；《特种设备安全监察条例》第二十五条；TSG 08-2017《特种设备使用管理规则》",
        conditions="特种设备已经检验合格；使用单位已建立安全管理制度并配备安全管理人员和作业人员；在投入使用前或者投入使用后30日内申请登记。",
        legal_limit_explain="登记机关自受理之日起15个工作日内完成审查并发证（TSG 08-2017，以现行文本为准）",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=CERT,
        result_name="特种设备使用登记证",
        keywords="电梯登记 锅炉 压力容器 叉车 特种设备 使用登记证",
        materials=[
            form("特种设备使用登记表"),
            licence(),
            m("产品合格证及监督检验证明", form=COPY),
            m("定期检验报告", form=COPY, required=False, std="在用设备变更登记时提交"),
        ],
        steps=std_steps(1, 2, 1, 1),
        faqs=[q("叉车需要办使用登记吗？", "需要。场（厂）内专用机动车辆属于特种设备，应当办理使用登记并定期检验。")],
        themes=["anquan-shengchan"],
        life_events=["jingying"],
    ),
]

# --- 景泰县民政局 -------------------------------------------------------------------------------

_MARRIAGE_OFFICE = "景泰县民政局婚姻登记处（一条山镇兴泉路21号）一楼"
_MARRIAGE_LAW = "《中华人民共和国民法典》第一千零四十九条；《婚姻登记条例》"
_RELIEF_LAW = "《社会救助暂行办法》（国务院令第649号）"
_NO_STATUTE = "法律法规未规定具体时限，按本级政务服务事项实施清单确定"

ITEMS += [
    item(
        "mzj",
        10020001,
        T.CONFIRMATION,
        "结婚登记（内地居民）",
        promised=0,
        legal=0,
        service_objects=[PERSON],
        legal_basis=f"{_MARRIAGE_LAW}第四条至第七条",
        conditions="男女双方完全自愿；男年满22周岁、女年满20周岁；双方均无配偶；双方不是直系血亲或三代以内旁系血亲。",
        legal_limit_explain="《婚姻登记条例》：符合结婚条件的，婚姻登记机关应当当场予以登记，发给结婚证",
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason="婚姻登记须男女双方亲自到婚姻登记机关共同申请，不得委托他人代办",
        online_depth=D3,
        handling_place=f"{_MARRIAGE_OFFICE}结婚登记室",
        handling_hours="周一至周五 8:30—12:00，14:30—18:00；5月20日、七夕等特殊日期可网上预约延时办理",
        result_type=CERT,
        result_name="结婚证",
        keywords="结婚 领证 登记结婚 结婚证 婚姻登记 预约结婚",
        materials=[
            m("男女双方有效居民身份证", std="本人有效身份证原件，身份证遗失的可持临时身份证"),
            m("双方近期半身免冠合影照片", copies=3, fmt="paper", std="2寸红底彩色合影，双方同框"),
            form("申请结婚登记声明书"),
        ],
        steps=[
            s("受理", "婚姻登记员", 0, "核验双方身份，询问结婚意愿"),
            s("审查登记", "婚姻登记员", 0, "双方在登记员面前签署声明，审查合格的当场登记"),
            s("颁证", "颁证员", 0, "当场颁发结婚证，可选择颁证仪式"),
        ],
        faqs=[
            q(
                "结婚登记还需要带户口簿吗？",
                "不需要。按照2025年施行的修订后《婚姻登记条例》，内地居民结婚登记实行“全国通办”，凭本人有效居民身份证即可在任一婚姻登记机关办理（以现行条例为准）。",
            ),
            q("可以网上预约吗？", "可以在甘肃政务服务网或“甘快办”预约登记日期和时段，预约后按时到婚姻登记处办理。"),
        ],
        themes=["hunyin"],
        life_events=["jiehun"],
    ),
    item(
        "mzj",
        10020002,
        T.CONFIRMATION,
        "离婚登记（内地居民）",
        promised=0,
        legal=0,
        service_objects=[PERSON],
        legal_basis="《中华人民共和国民法典》第一千零七十六条至第一千零七十八条；《婚姻登记条例》",
        conditions="双方自愿离婚，对子女抚养、财产以及债务处理等事项协商一致，签订书面离婚协议；双方均具有完全民事行为能力；在内地登记结婚。",
        legal_limit_explain="离婚冷静期届满后三十日内双方亲自申请发给离婚证的，审查合格当场予以登记",
        special_procedures="离婚冷静期：自婚姻登记机关收到离婚登记申请之日起三十日内，任何一方不愿意离婚的，可以撤回申请；冷静期届满后三十日内，双方未共同到场申请发给离婚证的，视为撤回申请。冷静期不计入办理时限。",
        handling_forms=[WINDOW],
        visits_required=2,
        visits_reason="须双方亲自到场两次：提交离婚登记申请一次，离婚冷静期届满后申请发给离婚证一次",
        online_depth=D3,
        handling_place=f"{_MARRIAGE_OFFICE}离婚登记室",
        handling_hours=OFFICE_HOURS,
        result_type=CERT,
        result_name="离婚证",
        keywords="离婚 协议离婚 离婚证 离婚冷静期 婚姻登记",
        materials=[
            m("双方有效居民身份证"),
            m("本人的结婚证", std="双方结婚证原件；结婚证遗失的可由登记机关查询婚姻登记档案"),
            m(
                "双方共同签署的离婚协议书",
                copies=3,
                fmt="paper",
                std="载明双方自愿离婚的意思表示以及对子女抚养、财产及债务处理等事项协商一致的意见",
            ),
            m("双方近期2寸单人半身免冠照片", copies=2, fmt="paper"),
        ],
        steps=[
            s("申请受理", "婚姻登记员", 0, "审查材料，当事人填写离婚登记申请书，出具受理回执"),
            s("审查登记", "婚姻登记员", 0, "冷静期届满后双方到场，询问意愿、审查协议，符合条件的当场登记"),
            s("发证", "婚姻登记员", 0, "当场发给离婚证"),
        ],
        faqs=[
            q(
                "离婚冷静期内可以反悔吗？",
                "可以。三十日冷静期内任何一方不愿意离婚的，可以持本人身份证和受理回执单到婚姻登记机关撤回离婚登记申请。",
            ),
            q(
                "离婚协议书有格式要求吗？",
                "离婚协议书须由双方亲笔签名，写明子女抚养、财产和债务处理的具体内容；登记处提供参考文本。",
            ),
        ],
        themes=["hunyin"],
        life_events=["jiehun"],
    ),
    item(
        "mzj",
        10020003,
        T.CONFIRMATION,
        "补领婚姻登记证",
        promised=0,
        legal=0,
        service_objects=[PERSON],
        legal_basis="《婚姻登记条例》第十七条",
        conditions="结婚证、离婚证遗失或者损毁的，当事人可以持户口簿、身份证向原办理婚姻登记的机关或者一方当事人常住户口所在地的婚姻登记机关申请补领。",
        legal_limit_explain="查明当事人的婚姻登记档案或者登记事实的，当场补发",
        handling_forms=[WINDOW],
        visits_required=1,
        visits_reason="须当事人本人到场核验身份",
        online_depth=D2,
        handling_place=f"{_MARRIAGE_OFFICE}综合服务室",
        handling_hours=OFFICE_HOURS,
        result_type=CERT,
        result_name="结婚证或离婚证（补发）",
        keywords="结婚证丢了 补办结婚证 补领离婚证 婚姻证件遗失",
        materials=[
            id_card("当事人"),
            m("本人近期2寸半身免冠照片", copies=2, fmt="paper", std="补领结婚证的提交双方合影照片"),
        ],
        steps=instant_steps("补发的婚姻登记证"),
        faqs=[q("只有一方能到场可以补领吗？", "补领结婚证原则上可由一方申请，补发的证件只发给申请补领的一方。")],
        themes=["hunyin"],
        life_events=["jiehun"],
    ),
    item(
        "mzj",
        10020004,
        T.BENEFIT,
        "最低生活保障审批",
        promised=20,
        legal=30,
        service_objects=[PERSON],
        legal_basis=f"{_RELIEF_LAW}第九条至第十三条；《最低生活保障审核确认办法》（民发〔2021〕57号）",
        conditions="共同生活的家庭成员人均收入低于景泰县最低生活保障标准，且家庭财产状况符合规定的，持有景泰县户籍的家庭可以申请最低生活保障。",
        legal_limit_explain="自受理之日起30个工作日内作出审核确认决定；特殊情况可延长至45个工作日（《最低生活保障审核确认办法》，以现行文本为准）",
        promised_limit_explain="自受理之日起20个工作日内办结（含乡镇调查核实，不含公示期）",
        special_procedures="家庭经济状况信息核对和入户调查结果在村（居）务公开栏公示7日，公示期不计入办理时限。",
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason="申请人需签署家庭经济状况核对授权书并接受入户调查",
        online_depth=D3,
        result_type=APPROVAL,
        result_name="最低生活保障审批决定及低保金发放",
        keywords="低保 最低生活保障 低保申请 困难家庭 救助 低保金",
        materials=[
            form("最低生活保障申请书"),
            id_card("申请人及共同生活家庭成员"),
            m("户口簿", form=BOTH, std="共同生活家庭成员的户口簿首页及本人页"),
            form("家庭经济状况核对授权书"),
            m(
                "户籍所在地村（居）民委员会出具的家庭经济困难情况证明",
                std="载明家庭人口、收入和困难原因，加盖村（居）委会公章",
                note="可通过部门核查获取的信息不再要求申请人提供",
            ),
            m(
                "残疾人证、疾病诊断证明等特殊情况证明",
                form=COPY,
                required=False,
                std="家庭成员有重病、重残等情形时提交",
            ),
        ],
        steps=[
            s(
                "受理",
                "乡镇便民服务中心社会事务窗口",
                1,
                "乡镇人民政府受理申请，也可由村（居）委会代为提交",
                kind="accept",
                at_township=True,
            ),
            s(
                "调查核实",
                "乡镇社会救助经办人员",
                9,
                "入户调查、邻里访问，开展家庭经济状况信息核对",
                kind="examine",
                at_township=True,
            ),
            s("审核", "县民政局社会救助股", 5, "审核调查材料和核对结果，提出审核意见", kind="examine"),
            s("审批", "县民政局分管负责人", 4, "作出批准或不予批准决定；不予批准的书面说明理由", kind="decide"),
            s(
                "送达",
                "乡镇便民服务中心社会事务窗口",
                1,
                "送达决定书，自批准次月起按月发放低保金",
                kind="deliver",
                at_township=True,
            ),
        ],
        application_form={
            "fields": [
                f("applicant_name", "申请人姓名", required=True, max_length=30, prefill="applicant.name"),
                f("family_size", "共同生活家庭人口", "integer", required=True, min=1, max=20, help="含申请人本人"),
                f(
                    "monthly_income",
                    "家庭月总收入（元）",
                    "decimal",
                    required=True,
                    min=0,
                    max=1000000,
                    help="共同生活家庭成员上月的工资、经营、财产和转移性收入合计",
                ),
                f(
                    "housing",
                    "住房情况",
                    "choice",
                    required=True,
                    options=opts("own=自有住房", "rent=租住", "relative=借住亲友住房", "none=无固定住所"),
                ),
                f("reason", "申请理由", "textarea", required=True, max_length=500, help="说明家庭困难的主要原因"),
                f("has_disabled_member", "家庭成员中有重病、重残人员", "boolean"),
                f(
                    "disabled_member_note",
                    "重病、重残情况说明",
                    "textarea",
                    required=True,
                    max_length=300,
                    show_if=when("has_disabled_member", True),
                ),
                f(
                    "bank_account_holder",
                    "低保金收款人姓名",
                    required=True,
                    max_length=30,
                    help="低保金按月打入该人名下的社会保障卡",
                ),
            ],
            "materials": [{"order": 6, "required_if": when("has_disabled_member", True)}],
        },
        faqs=[
            q(
                "在外打工的子女收入算不算家庭收入？",
                "共同生活的家庭成员收入计入家庭收入；不在一起生活的子女应按规定计算赡养费。具体以入户调查和信息核对结果为准。",
            ),
            q("申请低保要去县城吗？", "不用。向户籍所在地乡镇便民服务中心提出申请即可，也可在甘肃政务服务网在线申请。"),
        ],
        themes=["shehui-jiuzhu"],
        life_events=["kunnan-bangfu"],
        handling_regions=ALL_TOWNSHIPS,
    ),
    item(
        "mzj",
        10020005,
        T.BENEFIT,
        "临时救助审批",
        promised=10,
        legal=15,
        service_objects=[PERSON],
        legal_basis=f"{_RELIEF_LAW}第四十七条至第五十条；《国务院关于全面建立临时救助制度的通知》（国发〔2014〕47号）",
        conditions="因火灾、交通事故等意外事件，家庭成员突发重大疾病等原因，导致基本生活暂时出现严重困难的家庭；因生活必需支出突然增加超出家庭承受能力，导致基本生活暂时出现严重困难的最低生活保障家庭；遭遇其他特殊困难的家庭。",
        legal_limit_explain=_NO_STATUTE,
        special_procedures="情况紧急的，乡镇人民政府或县民政局可先行救助，事后补充说明情况。",
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason="需接受乡镇入户调查核实家庭困难情况",
        online_depth=D3,
        result_type=APPROVAL,
        result_name="临时救助审批决定及救助金发放",
        keywords="临时救助 急难救助 突发困难 救急 意外 大病 救助金",
        materials=[
            form("临时救助申请书"),
            id_card(),
            m("遭遇困难的相关证明", form=COPY, std="如医疗费用票据、事故证明、火灾证明等"),
            form("家庭经济状况核对授权书"),
        ],
        steps=[
            s("受理", "乡镇便民服务中心社会事务窗口", 1, "受理申请并登记"),
            s("调查审核", "乡镇社会救助经办人员", 4, "入户调查，提出审核意见"),
            s("审批", "县民政局社会救助股", 4, "审批并确定救助金额"),
            s("发放", "县民政局", 1, "通过社会保障卡或一卡通发放救助金"),
        ],
        faqs=[
            q(
                "临时救助能救助多少钱？",
                "根据困难类型和程度确定，按县人民政府公布的临时救助标准发放；对符合条件的可同时转介医疗救助等专项救助。",
            )
        ],
        themes=["shehui-jiuzhu"],
        life_events=["kunnan-bangfu"],
        handling_regions=ALL_TOWNSHIPS,
    ),
    item(
        "mzj",
        10020006,
        T.BENEFIT,
        "特困人员救助供养审批",
        promised=30,
        legal=40,
        service_objects=[PERSON],
        legal_basis=f"{_RELIEF_LAW}第十四条至第十九条；《特困人员认定办法》（民发〔2021〕43号）",
        conditions="老年人、残疾人以及未满16周岁的未成年人，同时具备无劳动能力、无生活来源、无法定赡养抚养扶养义务人或者其法定义务人无履行义务能力的，可以申请特困人员救助供养（原农村五保供养）。",
        legal_limit_explain="乡镇人民政府自受理之日起20个工作日内完成审核，县民政局自收到审核意见之日起20个工作日内作出决定（以现行文本为准）",
        special_procedures="审核结果在村（居）务公开栏公示7日，公示期不计入办理时限。",
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason="需接受乡镇入户调查并确认生活自理能力",
        online_depth=D3,
        result_type=APPROVAL,
        result_name="特困人员救助供养证",
        keywords="五保 五保户 特困供养 特困人员 敬老院 孤寡老人",
        materials=[
            form("特困人员救助供养申请书"),
            id_card(),
            m("户口簿", form=BOTH),
            m("残疾人证或疾病诊断证明", form=COPY, required=False, std="以残疾或疾病为由申请时提交"),
        ],
        steps=[
            s("受理", "乡镇便民服务中心社会事务窗口", 1, "受理申请"),
            s("审核", "乡镇社会救助经办人员", 14, "入户调查、生活自理能力评估，提出审核意见"),
            s("确认", "县民政局社会救助股", 12, "审核确认并确定分散或集中供养方式"),
            s("送达", "乡镇便民服务中心社会事务窗口", 3, "送达决定，发放救助供养证"),
        ],
        faqs=[
            q(
                "特困人员可以去敬老院吗？",
                "生活不能自理的特困人员优先安排到县特困人员供养服务机构集中供养；具备自理能力的可选择在家分散供养。",
            )
        ],
        themes=["shehui-jiuzhu", "yanglao-fuwu"],
        life_events=["kunnan-bangfu"],
        handling_regions=ALL_TOWNSHIPS,
    ),
    item(
        "mzj",
        10110007,
        T.PUBLIC_SERVICE,
        "残疾人证办理",
        promised=20,
        legal=30,
        service_objects=[PERSON],
        legal_basis="《中华人民共和国残疾人保障法》；《残疾人证管理办法》（中国残疾人联合会、民政部等印发）",
        conditions="符合《残疾人残疾分类和分级》（GB/T 26341）标准的视力、听力、言语、肢体、智力、精神及多重残疾人，具有景泰县户籍的，可以申请办理第二代残疾人证。",
        legal_limit_explain=_NO_STATUTE,
        promised_limit_explain="自残疾评定结论送达之日起20个工作日内办结，残疾评定时间不计入",
        special_procedures="残疾评定由县指定医疗机构评定医生进行，行动不便的可申请上门评定；评定时间不计入办理时限。（景泰县未设县残联实施主体，本事项由县民政局受理并在各乡镇便民服务中心代收代发。）",
        handling_forms=[WINDOW, ONLINE, POST],
        visits_required=2,
        visits_reason="申请时需在乡镇便民服务中心核验身份并采集照片；需本人到县指定医疗机构接受残疾评定（行动不便者可申请上门评定）",
        online_depth=D3,
        result_type=CERT,
        result_name="中华人民共和国残疾人证（第二代）",
        keywords="残疾证 残疾人证 办残疾证 残疾评定 残疾鉴定 残疾人",
        materials=[
            form("残疾人证申请表"),
            id_card(),
            m("户口簿", form=BOTH),
            m("近期2寸白底彩色免冠照片", copies=3, fmt="paper", std="也可在窗口现场拍照采集"),
            m("既往病历及相关检查资料", form=COPY, required=False, std="有利于评定的病历、检查报告"),
            m("原残疾人证", required=False, std="换领、变更残疾类别或等级的交回原证", note="换领、变更时提交"),
            m("监护人身份证明及监护关系证明", form=COPY, required=False, note="由监护人代为申请时提交"),
        ],
        steps=[
            s(
                "受理",
                "乡镇便民服务中心社会事务窗口",
                2,
                "受理申请、采集照片，开具残疾评定通知",
                kind="accept",
                at_township=True,
            ),
            s("审核", "县民政局社会事务股", 10, "审核残疾评定结论和申请材料", kind="examine"),
            s(
                "审批制证",
                "县民政局分管负责人",
                5,
                "审核通过的批准发证并制作残疾人证；不符合条件的书面告知理由",
                kind="decide",
            ),
            s(
                "发证",
                "乡镇便民服务中心社会事务窗口",
                3,
                "在申请地乡镇便民服务中心发证或邮寄送达，短信通知领取",
                kind="deliver",
                at_township=True,
            ),
        ],
        application_form={
            "fields": [
                f("disabled_name", "残疾人姓名", required=True, max_length=30, prefill="applicant.name"),
                f(
                    "apply_kind",
                    "申请类型",
                    "choice",
                    required=True,
                    options=opts("new=首次申领", "renew=到期换领", "reissue=遗失补领", "change=变更残疾类别或等级"),
                ),
                f(
                    "disability_type",
                    "残疾类别",
                    "choice",
                    required=True,
                    options=opts(
                        "vision=视力残疾",
                        "hearing=听力残疾",
                        "speech=言语残疾",
                        "physical=肢体残疾",
                        "intellectual=智力残疾",
                        "mental=精神残疾",
                        "multiple=多重残疾",
                    ),
                ),
                f(
                    "old_card_number",
                    "原残疾人证号",
                    required=True,
                    max_length=20,
                    show_if=when("apply_kind", "renew", "change", "reissue"),
                ),
                f("home_assessment", "行动不便，申请上门评定", "boolean"),
                f(
                    "assessment_address",
                    "上门评定地址",
                    required=True,
                    max_length=100,
                    show_if=when("home_assessment", True),
                    help="写明乡镇、村组，例如：芦阳镇城关村三组",
                ),
                f("by_guardian", "由监护人代为申请", "boolean", help="未成年人、智力或精神残疾人可由监护人代为申请"),
                f("guardian_name", "监护人姓名", required=True, max_length=30, show_if=when("by_guardian", True)),
                f(
                    "guardian_relation",
                    "与残疾人关系",
                    "choice",
                    required=True,
                    show_if=when("by_guardian", True),
                    options=opts("parent=父母", "spouse=配偶", "child=子女", "other=其他近亲属"),
                ),
            ],
            "materials": [
                {"order": 5, "required_if": when("disability_type", "intellectual", "mental", "multiple")},
                {"order": 6, "required_if": when("apply_kind", "renew", "change")},
                {"order": 7, "required_if": when("by_guardian", True)},
            ],
        },
        faqs=[
            q(
                "在乡镇能办残疾人证吗？",
                "可以。各乡镇便民服务中心社会事务窗口代收申请，证件制作完成后发送短信通知，在申请地乡镇领取或邮寄，无需到县城。",
            ),
            q("残疾人证有效期多长？", "第二代残疾人证有效期为10年；16周岁以下的有效期为5年。"),
        ],
        themes=["canji-fuwu"],
        life_events=["canji"],
        handling_regions=ALL_TOWNSHIPS,
    ),
    item(
        "mzj",
        10050008,
        T.BENEFIT,
        "困难残疾人生活补贴和重度残疾人护理补贴",
        promised=15,
        legal=20,
        service_objects=[PERSON],
        legal_basis="《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）",
        conditions="持有第二代残疾人证的低保家庭中的残疾人可申请生活补贴；残疾等级为一级、二级且需要长期照护的重度残疾人可申请护理补贴。",
        legal_limit_explain=_NO_STATUTE,
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=APPROVAL,
        result_name="残疾人两项补贴审核确认",
        keywords="残疾人补贴 两项补贴 护理补贴 生活补贴 重度残疾",
        materials=[
            form("残疾人两项补贴申请审批表"),
            id_card(),
            licence("残疾人证"),
            m("银行账户或社会保障卡信息", form=COPY),
        ],
        steps=[
            s("受理", "乡镇便民服务中心社会事务窗口", 2, "受理并初审"),
            s("审核", "县民政局社会事务股", 8, "审核资格"),
            s("审定", "县民政局分管负责人", 4, "审定并纳入发放"),
            s("告知", "乡镇便民服务中心社会事务窗口", 1, "短信告知审核结果"),
        ],
        faqs=[q("两项补贴可以同时领取吗？", "同时符合生活补贴和护理补贴条件的残疾人，可以同时申领两项补贴。")],
        themes=["canji-fuwu", "shehui-jiuzhu"],
        life_events=["canji"],
        handling_regions=ALL_TOWNSHIPS,
    ),
    item(
        "mzj",
        10010009,
        T.LICENSING,
        "社会团体成立登记",
        promised=15,
        legal=30,
        service_objects=[PERSON, SOCIAL_ORG],
        legal_basis="《社会团体登记管理条例》第九条、第十一条、第十二条",
        conditions="有50个以上的个人会员或者30个以上的单位会员；有规范的名称和相应的组织机构；有固定的住所；有与其业务活动相适应的专职工作人员；有合法的资产和经费来源，地方性社会团体有3万元以上活动资金；有独立承担民事责任的能力；经业务主管单位审查同意。",
        legal_limit_explain="登记管理机关自收到完成筹备工作的社会团体的登记申请书及有关文件之日起30日内作出决定",
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason=VISIT_COLLECT,
        online_depth=D3,
        result_type=CERT,
        result_name="社会团体法人登记证书",
        keywords="成立协会 商会 社团登记 社会组织 协会注册",
        materials=[
            form("社会团体法人登记申请表"),
            m("业务主管单位批准文件"),
            m("章程草案"),
            m("验资报告", std="活动资金不少于3万元"),
            m("住所使用权证明", form=COPY),
            id_card("拟任负责人"),
        ],
        steps=std_steps(1, 10, 2, 2),
        faqs=[
            q(
                "成立社团需要业务主管单位吗？",
                "除行业协会商会、科技类、公益慈善类、城乡社区服务类社会组织可直接登记外，其他社会团体须经业务主管单位审查同意。",
            )
        ],
        themes=["shichang-zhunru"],
        life_events=["qiye-kaiban"],
    ),
]

# --- 景泰县公安局 -------------------------------------------------------------------------------

_HUKOU_LAW = "《中华人民共和国户口登记条例》"

ITEMS += [
    item(
        "gaj",
        10070001,
        T.CONFIRMATION,
        "居民身份证申领（首次申领、换领、补领）",
        promised=20,
        legal=60,
        service_objects=[PERSON],
        legal_basis="《中华人民共和国居民身份证法》第八条、第九条、第十条、第十一条",
        conditions="居住在中华人民共和国境内的中国公民，在常住户口所在地申领；年满16周岁的应当申领，未满16周岁的可以申领；有效期满、证件损坏或登记项目变更的换领；遗失的补领。跨省异地可在居住地办理换领、补领。",
        legal_limit_explain="《居民身份证法》第十条：公安机关应当自受理之日起60日内发放居民身份证；交通不便的地区可延长，但不得超过30日",
        handling_forms=[WINDOW, POST],
        visits_required=1,
        visits_reason="需本人到场采集人像和指纹信息（取证可选择邮寄）",
        online_depth=D3,
        result_type=CERT,
        result_name="中华人民共和国居民身份证",
        keywords="身份证 办身份证 换身份证 补办身份证 身份证丢了 身份证到期",
        materials=[
            m("居民户口簿", std="首次申领时提交；换领、补领可不提交"),
            m("原居民身份证", required=False, std="换领时交回原证"),
            m("本人标准相片", required=False, std="窗口免费现场采集"),
        ],
        fees=[
            {
                "name": "居民身份证工本费",
                "standard": "首次申领及换领每证20元；丢失补领、损坏换领每证40元；临时居民身份证每证10元",
                "legal_basis": "《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）",
                "exemptions": "城乡居民最低生活保障对象等按规定减免",
            }
        ],
        online_payment=True,
        steps=[
            s("受理", "户政窗口民警", 1, "核验户籍信息，采集人像和指纹"),
            s("审核", "户政管理大队", 2, "审核申领信息并上报制证"),
            s("签发制证", "县公安局（省公安厅制证中心制作）", 15, "签发并制作居民身份证", kind="decide"),
            s("发证", "户政窗口", 2, "窗口领取或邮寄送达"),
        ],
        faqs=[
            q(
                "身份证丢了能先开临时证明吗？",
                "可以申领临时居民身份证，当场或3日内发放，有效期3个月，可用于乘车、住宿等。",
            ),
            q(
                "可以在景泰办理外省户籍的身份证吗？",
                "可以。居民身份证换领、补领和首次申领（符合条件）已实现跨省通办，在县政务服务中心06号窗口即可办理。",
            ),
        ],
        themes=["huji"],
        life_events=["chusheng", "qianxi"],
        handling_regions=["620423101", "620423104", "620423106"],
        handling_place=f"{HALL}一楼06号公安户政窗口，或芦阳、草窝滩、中泉派出所户籍室",
    ),
    item(
        "gaj",
        10070002,
        T.CONFIRMATION,
        "户口迁移（迁入登记）",
        promised=5,
        legal=20,
        service_objects=[PERSON],
        legal_basis=f"{_HUKOU_LAW}第十条、第十三条；《国务院关于进一步推进户籍制度改革的意见》（国发〔2014〕25号）",
        conditions="在景泰县城镇有合法稳定住所（含租赁）的人员及其共同居住生活的配偶、子女、父母，可在居住地申请登记常住户口；夫妻投靠、父母投靠子女、未成年子女投靠父母、大中专院校毕业生等按规定办理。",
        legal_limit_explain=_NO_STATUTE,
        special_procedures="跨省户口迁移实行“一站式”办理，迁入地公安机关向迁出地公安机关核验，核验时间不计入承诺时限。",
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason=VISIT_CHECK,
        online_depth=D3,
        result_type=APPROVAL,
        result_name="常住人口登记表（户口簿迁入页）",
        keywords="落户 户口迁移 迁户口 户口迁入 投靠 买房落户 准迁证",
        materials=[
            id_card("迁移人"),
            m("居民户口簿", std="迁入地户主的户口簿"),
            m("合法稳定住所证明", form=COPY, std="不动产权证书、购房合同或经备案的租赁合同"),
            m("亲属关系证明", form=COPY, required=False, std="投靠类迁移提交结婚证、出生医学证明等"),
        ],
        steps=[
            s("受理", "户政窗口民警", 1, "审核材料"),
            s("审核", "派出所所长", 2, "审核迁入条件，跨省迁移向迁出地发起核验"),
            s("登记", "户政窗口民警", 2, "办理迁入登记，签发户口簿页"),
        ],
        faqs=[
            q(
                "跨省迁户口还要回老家开迁移证吗？",
                "不需要。跨省户口迁移已实行“一站式”办理，在迁入地派出所或县政务服务中心一地即可办结。",
            )
        ],
        themes=["huji"],
        life_events=["qianxi", "anju"],
        handling_place=f"{HALL}一楼06号公安户政窗口",
    ),
    item(
        "gaj",
        10070003,
        T.CONFIRMATION,
        "出生登记",
        promised=0,
        legal=0,
        service_objects=[PERSON],
        legal_basis=f"{_HUKOU_LAW}第七条",
        conditions="婴儿出生后一个月以内，由户主、亲属、抚养人或者邻居向婴儿常住地户口登记机关申报出生登记；可随父或随母登记常住户口。",
        legal_limit_explain="材料齐全、符合条件的当场办理",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=APPROVAL,
        result_name="居民户口簿（新生儿页）",
        keywords="上户口 新生儿落户 出生登记 报户口 宝宝上户口 出生一件事",
        materials=[
            licence("出生医学证明"),
            id_card("父母双方"),
            m("居民户口簿", std="随父或随母落户一方的户口簿"),
            m("结婚证", required=False, source=LIB, source_note="由电子证照库调取婚姻登记信息"),
        ],
        steps=instant_steps("新生儿户口登记页"),
        faqs=[
            q(
                "新生儿出生后多久要上户口？",
                "应当在出生后一个月以内申报出生登记；通过“出生一件事”可同时办理出生医学证明、户口登记、医保参保和社保卡申领。",
            )
        ],
        themes=["huji"],
        life_events=["chusheng", "shengyu"],
    ),
    item(
        "gaj",
        10070004,
        T.CONFIRMATION,
        "死亡户口注销",
        promised=0,
        legal=0,
        service_objects=[PERSON],
        legal_basis=f"{_HUKOU_LAW}第八条",
        conditions="公民死亡，城市在葬前、农村在一个月以内，由户主、亲属、抚养人或者邻居向户口登记机关申报死亡登记，注销户口。",
        legal_limit_explain="材料齐全的当场办理",
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason="需亲属持原户口簿到场办理并交回死者居民身份证",
        online_depth=D3,
        result_type=APPROVAL,
        result_name="户口注销证明",
        keywords="销户 死亡销户 户口注销 去世 身后事",
        materials=[
            m("死亡医学证明或死亡证明", std="医疗机构出具的《居民死亡医学证明（推断）书》"),
            m("死者居民身份证", std="交回注销"),
            m("居民户口簿"),
            id_card("申报人"),
        ],
        steps=instant_steps("户口注销证明"),
        faqs=[q("死者身份证找不到了怎么办？", "申报人签署身份证遗失说明后，户政民警可以直接注销其身份证信息。")],
        themes=["huji"],
        life_events=["shenhoushi"],
    ),
    item(
        "gaj",
        10070005,
        T.CONFIRMATION,
        "居住证申领",
        promised=10,
        legal=15,
        service_objects=[PERSON],
        legal_basis="《居住证暂行条例》第二条、第九条、第十一条",
        conditions="离开常住户口所在地，到景泰县居住半年以上，且有合法稳定就业、合法稳定住所或者连续就读条件之一的公民，可以申领居住证。",
        legal_limit_explain="《居住证暂行条例》：公安机关应当自受理之日起15日内制作发放居住证",
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason="首次申领需到场采集相片（已有身份证相片的可免）",
        online_depth=D3,
        result_type=CERT,
        result_name="居住证",
        keywords="居住证 暂住证 外地人 流动人口",
        materials=[
            id_card(),
            m("本人近期相片", required=False),
            m("居住登记证明及就业、住所或就读证明", form=COPY, std="劳动合同、租房合同或学籍证明等任一"),
        ],
        fees=[],
        steps=std_steps(1, 3, 1, 5),
        faqs=[q("居住证怎么签注？", "居住证每年签注一次，可在居住地派出所或网上办理签注。")],
        themes=["huji"],
        life_events=["qianxi", "jiuye"],
    ),
]

# --- 景泰县人力资源和社会保障局 -----------------------------------------------------------------

_SI_LAW = "《中华人民共和国社会保险法》"

ITEMS += [
    item(
        "rsj",
        10110001,
        T.PUBLIC_SERVICE,
        "社会保障卡申领",
        promised=0,
        legal=0,
        service_objects=[PERSON],
        legal_basis=f"{_SI_LAW}第五十八条；《社会保障卡管理办法》（人力资源社会保障部）",
        conditions="参加社会保险或需办理人社业务的人员，未持有社会保障卡的可以申领；卡片遗失、损坏的可申请补换。",
        legal_limit_explain="即时制卡网点当场制发",
        handling_forms=[WINDOW, ONLINE, POST],
        visits_required=0,
        online_depth=D4,
        result_type=CERT,
        result_name="第三代社会保障卡（含电子社保卡）",
        keywords="社保卡 办社保卡 补办社保卡 电子社保卡 医保卡 sbk",
        materials=[id_card(), m("本人近期白底免冠电子照片", fmt="electronic", std="可通过手机拍照上传或窗口现场采集")],
        steps=instant_steps("社会保障卡"),
        faqs=[
            q(
                "社保卡可以在乡镇领取吗？",
                "网上申领可选择邮寄或到县政务服务中心07号社保窗口即时制卡领取；新生儿可通过“出生一件事”一并申领。",
            )
        ],
        themes=["shehui-baozhang"],
        life_events=["chusheng", "jiuye"],
        handling_place=f"{HALL}一楼07号社保窗口（即时制卡）",
    ),
    item(
        "rsj",
        10110002,
        T.PUBLIC_SERVICE,
        "城乡居民养老保险参保登记",
        promised=0,
        legal=0,
        service_objects=[PERSON],
        legal_basis=f"{_SI_LAW}第二十条至第二十二条；《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）",
        conditions="年满16周岁（不含在校学生），非国家机关和事业单位工作人员及不属于职工基本养老保险覆盖范围的城乡居民，可以在户籍地参加城乡居民养老保险。",
        legal_limit_explain="材料齐全的当场办理",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=APPROVAL,
        result_name="城乡居民养老保险参保登记信息",
        keywords="养老保险 城乡居民养老 农村养老保险 参保 交社保 新农保",
        materials=[id_card(), form("城乡居民基本养老保险参保登记表")],
        steps=instant_steps("参保登记结果"),
        faqs=[
            q(
                "城乡居民养老保险每年交多少？",
                "缴费档次由省人民政府确定，参保人自主选择档次缴费，多缴多得；低保对象、特困人员等困难群体由政府代缴部分或全部最低档次保费。",
            )
        ],
        themes=["shehui-baozhang"],
        life_events=["jiuye", "tuixiu"],
        handling_regions=ALL_TOWNSHIPS,
    ),
    item(
        "rsj",
        10050003,
        T.BENEFIT,
        "城乡居民养老保险待遇申领",
        promised=5,
        legal=20,
        service_objects=[PERSON],
        legal_basis=f"{_SI_LAW}第二十一条；《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）",
        conditions="参加城乡居民养老保险的个人，年满60周岁、累计缴费满15年，且未领取国家规定的基本养老保障待遇的，可以按月领取城乡居民养老保险待遇。",
        legal_limit_explain=_NO_STATUTE,
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=APPROVAL,
        result_name="城乡居民养老保险待遇核定表",
        keywords="领养老金 养老金申领 退休 60岁 城乡居民养老待遇",
        materials=[id_card(), licence("社会保障卡")],
        steps=std_steps(1, 2, 1, 1),
        faqs=[
            q(
                "到60岁会自动发养老金吗？",
                "符合条件的参保人员，系统会提前提醒，本人确认后即可核定发放，一般自年满60周岁次月起计发。",
            )
        ],
        themes=["shehui-baozhang", "yanglao-fuwu"],
        life_events=["tuixiu"],
        handling_regions=ALL_TOWNSHIPS,
    ),
    item(
        "rsj",
        10050004,
        T.BENEFIT,
        "参保人员死亡丧葬补助金和抚恤金申领",
        promised=10,
        legal=20,
        service_objects=[PERSON],
        legal_basis=f"{_SI_LAW}第十七条",
        conditions="参加基本养老保险的个人因病或者非因工死亡的，其遗属可以领取丧葬补助金和抚恤金。",
        legal_limit_explain=_NO_STATUTE,
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=APPROVAL,
        result_name="丧葬补助金和抚恤金核定表",
        keywords="丧葬费 抚恤金 去世 养老保险死亡待遇 身后事",
        materials=[
            id_card("领取人"),
            m("死亡证明或户口注销证明", form=COPY, source=GOV, source_note="已共享公安户口注销信息的免于提交"),
            m("亲属关系证明", form=COPY),
        ],
        steps=std_steps(1, 5, 2, 2),
        faqs=[
            q(
                "养老保险个人账户余额可以继承吗？",
                "可以。参保人员死亡的，个人账户余额可以依法继承，与丧葬补助金一并申领。",
            )
        ],
        themes=["shehui-baozhang"],
        life_events=["shenhoushi"],
    ),
    item(
        "rsj",
        10110005,
        T.PUBLIC_SERVICE,
        "就业创业证申领",
        promised=0,
        legal=0,
        service_objects=[PERSON],
        legal_basis="《中华人民共和国就业促进法》；《就业服务与就业管理规定》（劳动和社会保障部令第28号）",
        conditions="法定劳动年龄内、有劳动能力和就业要求的城乡劳动者，可以申领就业创业证（就业失业登记证）。",
        legal_limit_explain="当场办理",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=CERT,
        result_name="就业创业证（电子证）",
        keywords="就业创业证 失业登记 就业登记 找工作 创业补贴",
        materials=[id_card()],
        steps=instant_steps("就业创业证"),
        faqs=[q("就业创业证有什么用？", "可用于享受创业担保贷款、社保补贴、职业培训补贴等就业创业扶持政策。")],
        themes=["shehui-baozhang"],
        life_events=["jiuye", "chuangye"],
        handling_regions=ALL_TOWNSHIPS,
    ),
    item(
        "rsj",
        10050006,
        T.BENEFIT,
        "创业担保贷款申请",
        promised=10,
        legal=15,
        service_objects=[PERSON, ENTERPRISE],
        legal_basis="《财政部 人力资源社会保障部 中国人民银行关于进一步做好创业担保贷款财政贴息工作的通知》（财金〔2020〕21号）",
        conditions="符合条件的城镇登记失业人员、就业困难人员、返乡创业农民工、高校毕业生等重点群体，以及符合条件的小微企业，可申请创业担保贷款并享受财政贴息。",
        legal_limit_explain=_NO_STATUTE,
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason="需到承办银行面签借款合同",
        online_depth=D3,
        result_type=APPROVAL,
        result_name="创业担保贷款审核意见",
        keywords="创业贷款 贴息贷款 创业担保贷款 小额贷款 返乡创业",
        materials=[
            form("创业担保贷款申请表"),
            id_card(),
            licence(),
            m("就业创业证", source=LIB, source_note="由电子证照库调取"),
        ],
        steps=[
            s("受理", "县就业服务中心", 1, "受理并审核申请人资格"),
            s("资格审核", "县人社局就业股", 4, "审核资格并出具审核意见"),
            s("担保审核", "县创业担保贷款担保中心", 3, "审核担保条件"),
            s("放款通知", "承办银行", 2, "通知申请人面签放款"),
        ],
        faqs=[
            q(
                "个人最多能贷多少？",
                "个人创业担保贷款最高额度按国家和省规定执行（目前个人最高30万元），期限最长3年，符合条件的享受财政贴息。",
            )
        ],
        themes=["shehui-baozhang", "shichang-zhunru"],
        life_events=["chuangye"],
    ),
]

# --- 景泰县自然资源局 ---------------------------------------------------------------------------

_REG_FEE = {
    "name": "不动产登记费",
    "standard": "住宅类每件80元；非住宅类每件550元；证书工本费每本10元（核发一本证书免收工本费）",
    "legal_basis": "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）",
    "exemptions": "小微企业免收；申请更正登记、异议登记、因行政区划调整变更登记等免收",
}
_REG_LAW = "《中华人民共和国民法典》第二百一十条；《不动产登记暂行条例》"
_REG_PLACE = f"{HALL}一楼08号不动产登记窗口（不动产登记与税务“一窗受理”）"

ITEMS += [
    item(
        "zrzyj",
        10070001,
        T.CONFIRMATION,
        "不动产登记（国有建设用地使用权及房屋所有权转移登记）",
        promised=5,
        legal=30,
        service_objects=[PERSON, ENTERPRISE, INSTITUTION, SOCIAL_ORG, OTHER_ORG],
        legal_basis=f"{_REG_LAW}第十四条至第二十一条；《不动产登记暂行条例实施细则》",
        conditions="因买卖、赠与、继承、分割、合并等导致国有建设用地使用权及房屋所有权发生转移的，当事人可以申请转移登记。",
        legal_limit_explain="《不动产登记暂行条例》第二十条：自受理登记申请之日起30个工作日内办结",
        promised_limit_explain="自受理之日起5个工作日内办结；二手房买卖“带押过户”同步办理",
        special_procedures="需要实地查看或公告的，实地查看和公告时间不计入办理时限。",
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason="买卖双方需到场核验身份并签署询问记录（已开通“不见面”办理的银行网点除外）",
        online_depth=D3,
        online_payment=True,
        handling_place=_REG_PLACE,
        fees=[_REG_FEE],
        result_type=CERT,
        result_name="不动产权证书（纸质及电子证书）",
        keywords="过户 房产过户 不动产登记 二手房 房产证 不动产权证书 买房",
        materials=[
            form("不动产登记申请书"),
            id_card("申请人"),
            licence("不动产权证书"),
            m("不动产买卖合同或其他转移原因证明", std="存量房买卖合同经网签备案"),
            m("完税凭证", source=GOV, source_note="税务部门“一窗受理”内部共享，免于提交"),
        ],
        steps=std_steps(1, 2, 1, 1, review_note="查验权属、查封抵押状态及完税信息，登簿"),
        faqs=[
            q(
                "买二手房有贷款没还清能过户吗？",
                "可以办理“带押过户”：经抵押权人同意，买卖双方、银行协同办理转移登记和抵押登记，无需先行还清贷款。",
            ),
            q("不动产登记费是多少？", "住宅类每件80元，非住宅类每件550元；核发一本证书免收工本费。"),
        ],
        themes=["budongchan", "zhufang-baozhang"],
        life_events=["anju"],
    ),
    item(
        "zrzyj",
        10070002,
        T.CONFIRMATION,
        "不动产抵押权登记",
        promised=3,
        legal=30,
        service_objects=[PERSON, ENTERPRISE, OTHER_ORG],
        legal_basis=f"{_REG_LAW}；《中华人民共和国民法典》第四百零二条",
        conditions="以建设用地使用权、房屋等不动产设定抵押的，抵押人和抵押权人可以共同申请抵押权首次登记；抵押权变更、转移、注销的申请相应登记。",
        legal_limit_explain="《不动产登记暂行条例》第二十条：30个工作日",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        online_payment=True,
        handling_place=f"{_REG_PLACE}；银行网点“不动产登记便民服务点”",
        fees=[dict(_REG_FEE, exemptions="小微企业免收；个人住房抵押贷款登记按住宅类标准收取")],
        result_type=CERT,
        result_name="不动产登记证明（抵押权，电子证明）",
        keywords="抵押登记 房贷 按揭 抵押 解押 注销抵押 不动产登记证明",
        materials=[
            form("不动产登记申请书"),
            licence("不动产权证书"),
            m("主债权合同和抵押合同", std="银行通过“互联网+不动产登记”平台推送"),
        ],
        steps=std_steps(1, 1, 1, 0),
        faqs=[
            q(
                "还清房贷后要去注销抵押吗？",
                "需要。还清贷款后，由银行通过网上平台推送注销抵押申请，全程网办，无需到窗口。",
            )
        ],
        themes=["budongchan"],
        life_events=["anju"],
    ),
    item(
        "zrzyj",
        10110003,
        T.PUBLIC_SERVICE,
        "不动产登记资料查询",
        promised=0,
        legal=0,
        service_objects=[PERSON, ENTERPRISE, INSTITUTION, SOCIAL_ORG, OTHER_ORG],
        legal_basis="《不动产登记暂行条例》第二十七条；《不动产登记资料查询暂行办法》（国土资源部令第69号）",
        conditions="权利人、利害关系人可以依法查询、复制不动产登记资料。",
        legal_limit_explain="符合查询条件的当场提供",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        handling_place=_REG_PLACE,
        result_type=DOC,
        result_name="不动产登记信息查询结果证明",
        keywords="查房产 房产查询 无房证明 不动产查询 查档",
        materials=[id_card("查询人"), form("不动产登记资料查询申请书")],
        steps=instant_steps("查询结果证明"),
        faqs=[
            q(
                "能开无房证明吗？",
                "可以查询本人名下在景泰县的不动产登记信息，出具查询结果证明，可在政务服务网自助打印。",
            )
        ],
        themes=["budongchan"],
        life_events=["anju"],
    ),
    item(
        "zrzyj",
        10010004,
        T.LICENSING,
        "建设工程规划许可证核发",
        promised=10,
        legal=20,
        service_objects=[ENTERPRISE, INSTITUTION, ADMIN, OTHER_ORG],
        legal_basis="《中华人民共和国城乡规划法》第四十条；《中华人民共和国行政许可法》第四十二条",
        conditions="在城市、镇规划区内进行建筑物、构筑物、道路、管线和其他工程建设的，建设单位已取得建设用地规划许可及土地使用权，建设工程设计方案符合控制性详细规划和规划条件。",
        legal_limit_explain="《行政许可法》第四十二条：20日内作出决定，经负责人批准可延长10日",
        special_procedures="设计方案需专家论证或批前公示的，论证和公示时间不计入办理时限。",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=CERT,
        result_name="建设工程规划许可证",
        keywords="规划许可 建设工程规划许可证 工程规划证 规划审批 工改",
        materials=[
            form("建设工程规划许可申请表"),
            m("使用土地的有关证明文件", source=LIB, source_note="不动产权证书由电子证照库调取"),
            m("建设工程设计方案（总平面图及建筑单体方案）", fmt="electronic", std="符合规划条件，含技术经济指标"),
            m("建设项目批准、核准或备案文件", source=GOV, source_note="通过投资项目在线审批监管平台共享"),
        ],
        steps=std_steps(1, 6, 2, 1, review_note="审查设计方案是否符合控制性详细规划和规划条件"),
        faqs=[
            q(
                "农民自建房需要建设工程规划许可证吗？",
                "在乡、村庄规划区内的农村村民住宅建设办理乡村建设规划许可证，由乡镇人民政府受理；不办理本事项。",
            )
        ],
        themes=["gongcheng-jianshe"],
        life_events=["gongcheng-jianshe"],
    ),
    item(
        "zrzyj",
        10010005,
        T.LICENSING,
        "建设项目用地预审与选址意见书核发",
        promised=10,
        legal=20,
        service_objects=[ENTERPRISE, INSTITUTION, ADMIN],
        legal_basis="《中华人民共和国土地管理法》第五十二条；《中华人民共和国城乡规划法》第三十六条；《建设项目用地预审管理办法》",
        conditions="以划拨方式提供国有土地使用权的建设项目，以及需要申请核发选址意见书的建设项目，建设项目符合国土空间规划和用途管制要求。",
        legal_limit_explain="《行政许可法》第四十二条：20日内作出决定",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=CERT,
        result_name="建设项目用地预审与选址意见书",
        keywords="用地预审 选址意见书 项目选址 划拨用地 工改",
        materials=[
            form("建设项目用地预审与选址申请表"),
            m("建设项目拟选址位置及范围图", fmt="electronic"),
            m("项目建议书或可行性研究报告", fmt="electronic"),
        ],
        steps=std_steps(1, 6, 2, 1),
        faqs=[
            q(
                "哪些项目需要办理用地预审？",
                "需审批、核准的建设项目在审批、核准阶段依法办理用地预审；备案类项目一般不单独办理，直接申请用地规划许可。",
            )
        ],
        themes=["gongcheng-jianshe", "touzi-xiangmu"],
        life_events=["gongcheng-jianshe"],
    ),
]

# --- 景泰县住房和城乡建设局 ---------------------------------------------------------------------

ITEMS += [
    item(
        "zjj",
        10010001,
        T.LICENSING,
        "建筑工程施工许可证核发",
        promised=3,
        legal=15,
        service_objects=[ENTERPRISE, INSTITUTION, ADMIN, OTHER_ORG],
        legal_basis="《中华人民共和国建筑法》第七条、第八条；《建筑工程施工许可管理办法》（住房和城乡建设部令第18号）",
        conditions="已办理用地批准手续；依法应当办理建设工程规划许可证的已取得；施工场地已基本具备施工条件；已确定施工企业；有满足施工需要的资金安排、施工图纸及技术资料；有保证工程质量和安全的具体措施。工程投资额30万元以下或建筑面积300平方米以下的建筑工程可不申请。",
        legal_limit_explain="《建筑法》第八条：自收到申请之日起十五日内颁发施工许可证（部门规章已压缩，以现行文本为准）",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=CERT,
        result_name="建筑工程施工许可证（电子证照）",
        keywords="施工许可证 施工许可 开工 建筑施工 工改 工程建设",
        materials=[
            form("建筑工程施工许可证申请表"),
            licence("建设工程规划许可证"),
            m("施工合同", fmt="electronic"),
            m("建设资金已落实承诺书", std="建设单位法定代表人签字并加盖公章"),
        ],
        steps=std_steps(1, 1, 1, 0),
        faqs=[
            q(
                "施工图审查合格书还要提交吗？",
                "施工图审查信息通过工程建设项目审批管理系统共享，无需另行提交纸质合格书。",
            )
        ],
        themes=["gongcheng-jianshe"],
        life_events=["gongcheng-jianshe"],
    ),
    item(
        "zjj",
        10010002,
        T.LICENSING,
        "商品房预售许可",
        promised=7,
        legal=10,
        service_objects=[ENTERPRISE],
        legal_basis="《中华人民共和国城市房地产管理法》第四十五条；《城市商品房预售管理办法》（建设部令第131号）第七条",
        conditions="已交付全部土地使用权出让金，取得土地使用权证书；持有建设工程规划许可证和施工许可证；按提供预售的商品房计算，投入开发建设的资金达到工程建设总投资的25%以上，并已确定施工进度和竣工交付日期。",
        legal_limit_explain="《城市商品房预售管理办法》第七条：自受理之日起10日内依法作出是否准予预售的决定（以现行文本为准）",
        special_procedures="需现场查勘工程形象进度，查勘时间计入承诺时限。",
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason=VISIT_CHECK,
        online_depth=D3,
        result_type=CERT,
        result_name="商品房预售许可证",
        keywords="预售许可证 商品房预售 卖期房 房地产开发",
        materials=[
            form("商品房预售许可申请表"),
            licence(),
            licence("不动产权证书（土地）"),
            licence("建筑工程施工许可证"),
            m("工程施工进度计划及投资证明", std="监理单位出具形象进度证明"),
        ],
        steps=std_steps(1, 4, 1, 1, review_note="材料审查与现场查勘"),
        faqs=[q("预售资金怎么监管？", "取得预售许可后，预售资金应全部存入监管账户，按工程进度拨付使用。")],
        themes=["gongcheng-jianshe", "zhufang-baozhang"],
        life_events=["jingying"],
    ),
    item(
        "zjj",
        10050003,
        T.BENEFIT,
        "公共租赁住房保障资格审核",
        promised=15,
        legal=20,
        service_objects=[PERSON],
        legal_basis="《公共租赁住房管理办法》（住房和城乡建设部令第11号）第七条至第十二条",
        conditions="在景泰县无住房或住房面积低于规定标准；收入、财产低于规定标准；外来务工人员在县城稳定就业达到规定年限。",
        legal_limit_explain=_NO_STATUTE,
        special_procedures="审核结果公示7日，公示期不计入办理时限。",
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason="轮候配租时需本人到场选房签约",
        online_depth=D3,
        result_type=APPROVAL,
        result_name="公共租赁住房保障资格确认",
        keywords="公租房 廉租房 保障房 住房困难 申请公租房",
        materials=[
            form("公共租赁住房申请表"),
            id_card("申请人及共同申请人"),
            m("户口簿或居住证", form=COPY),
            form("家庭收入财产核对授权书"),
        ],
        steps=[
            s("受理", "住建窗口", 1, "受理申请"),
            s("初审", "乡镇（社区）", 5, "核实住房和家庭情况"),
            s("审核", "县住建局住房保障股", 6, "住房、收入核对"),
            s("确认", "县住建局分管负责人", 3, "确认资格并列入轮候"),
        ],
        faqs=[
            q("外地来景泰工作的能申请公租房吗？", "在县城稳定就业并缴纳社会保险达到规定期限的外来务工人员可以申请。")
        ],
        themes=["zhufang-baozhang"],
        life_events=["anju", "jiuye"],
    ),
    item(
        "zjj",
        10100004,
        T.OTHER_POWER,
        "房屋建筑和市政基础设施工程竣工验收备案",
        promised=3,
        legal=15,
        service_objects=[ENTERPRISE, INSTITUTION, ADMIN, OTHER_ORG],
        legal_basis="《建设工程质量管理条例》第四十九条；《房屋建筑和市政基础设施工程竣工验收备案管理办法》（住房和城乡建设部令第2号）",
        conditions="建设单位已组织工程竣工验收合格，并取得规划、消防、环保等专项验收或联合验收意见。",
        legal_limit_explain="建设单位应当自工程竣工验收合格之日起15日内备案",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=DOC,
        result_name="工程竣工验收备案表",
        keywords="竣工验收备案 竣工备案 联合验收 工改",
        materials=[
            form("工程竣工验收备案表"),
            m("工程竣工验收报告", fmt="electronic"),
            m("施工单位签署的工程质量保修书", fmt="electronic"),
        ],
        steps=std_steps(1, 1, 1, 0),
        faqs=[
            q(
                "联合验收后还要单独备案吗？",
                "实行联合验收的项目，联合验收意见作为备案依据，在工程建设项目审批管理系统一并办理。",
            )
        ],
        themes=["gongcheng-jianshe"],
        life_events=["gongcheng-jianshe"],
    ),
]

# --- 景泰县交通运输局 ---------------------------------------------------------------------------

_ROAD_LAW = "《中华人民共和国道路运输条例》"

ITEMS += [
    item(
        "jtj",
        10010001,
        T.LICENSING,
        "道路货物运输经营许可",
        promised=10,
        legal=20,
        service_objects=[PERSON, ENTERPRISE, UNINCORPORATED, OTHER_ORG],
        legal_basis=f"{_ROAD_LAW}第二十一条、第二十四条；《道路货物运输及站场管理规定》（交通运输部令）",
        conditions="有与其经营业务相适应并经检测合格的运输车辆；有符合规定条件的驾驶人员；有健全的安全生产管理制度。使用总质量4500千克及以下普通货运车辆从事普通货运经营的，无需申请。",
        legal_limit_explain=f"{_ROAD_LAW}第二十四条：自受理申请之日起20日内审查完毕，作出许可或者不予许可的决定",
        special_procedures="需对运输车辆进行核查或技术检测的，检测时间不计入办理时限；申请人补正材料期间暂停计时。",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=CERT,
        result_name="道路运输经营许可证及道路运输证（电子证照）",
        keywords="货运许可 道路运输经营许可证 货车 运输证 物流 拉货",
        materials=[
            form("道路货物运输经营申请表"),
            licence(),
            id_card("负责人"),
            m("机动车行驶证", source=LIB, source_note="由电子证照库调取", std="车辆登记信息与申请一致"),
            m("车辆技术等级评定或综合性能检测报告", std="检测合格且在有效期内"),
            m("驾驶人员从业资格证", source=LIB, source_note="由电子证照库调取"),
            m("安全生产管理制度文本"),
            m("机动车交通事故责任强制保险单和承运人责任保险单", form=COPY, std="在有效期内，被保险车辆与申请车辆一致"),
            m(
                "卫星定位装置安装证明",
                required=False,
                std="北斗卫星定位装置已安装并接入监管平台",
                note="总质量12吨及以上的普通货运车辆提交",
            ),
        ],
        steps=[
            s(
                "受理",
                "县交通运输局窗口受理人员",
                1,
                "审查材料是否齐全；材料不全的在5个工作日内一次性告知需补正的全部内容",
                kind="accept",
            ),
            s(
                "审查",
                "县交通运输局运输管理股",
                6,
                "审查材料，核查运输车辆和驾驶人员；需车辆检测的检测时间不计入办理时限",
                kind="examine",
            ),
            s(
                "决定",
                "县交通运输局分管负责人",
                2,
                "作出准予或不予许可决定；不予许可的书面说明理由并告知救济途径",
                kind="decide",
            ),
            s(
                "送达",
                "县交通运输局窗口工作人员",
                1,
                "核发道路运输经营许可证，为每辆车配发道路运输证（电子证照）",
                kind="deliver",
            ),
        ],
        application_form={
            "fields": [
                f("unit_name", "申请人（经营者）名称", required=True, max_length=100, prefill="organisation.name"),
                f("unit_uscc", "统一社会信用代码", "uscc", required=True, prefill="organisation.uscc"),
                f(
                    "legal_representative",
                    "法定代表人（负责人）",
                    required=True,
                    max_length=30,
                    prefill="organisation.legal_representative",
                ),
                f(
                    "business_scope",
                    "申请经营范围",
                    "multichoice",
                    required=True,
                    options=opts(
                        "general=普通货运",
                        "container=货物专用运输（集装箱）",
                        "refrigerated=货物专用运输（冷藏保鲜）",
                        "large=大型物件运输",
                    ),
                ),
                f("vehicle_count", "营运车辆数", "integer", required=True, min=1, max=500),
                f(
                    "vehicle_plates",
                    "车辆号牌",
                    "textarea",
                    required=True,
                    max_length=2000,
                    help="每行一个号牌，例如：甘D12345",
                ),
                f("total_tonnage", "核定载质量合计（吨）", "decimal", required=True, min=0, max=100000),
                f("heavy_vehicles", "有总质量12吨及以上的货车", "boolean"),
                f("driver_count", "驾驶人员数", "integer", required=True, min=1, max=1000),
                f("safety_manager", "安全生产管理人员姓名", required=True, max_length=30),
                f("parking_address", "停车场地地址", "text", max_length=100, help="有固定停车场地的填写"),
            ],
            "materials": [{"order": 9, "required_if": when("heavy_vehicles", True)}],
        },
        faqs=[
            q(
                "合作社拉自家农产品的货车需要办运输许可吗？",
                "总质量4.5吨及以下普通货运车辆无需办理；超过的从事经营性运输须办理本许可。",
            ),
            q("材料缺了会怎样？", "窗口在5个工作日内一次性告知需补正的全部材料，补正期间不计入办理时限。"),
        ],
        themes=["jiaotong-yunshu"],
        life_events=["jingying"],
    ),
    item(
        "jtj",
        10010002,
        T.LICENSING,
        "出租汽车经营许可",
        promised=15,
        legal=20,
        service_objects=[ENTERPRISE],
        legal_basis="《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）第112项；《巡游出租汽车经营服务管理规定》（交通运输部令）",
        conditions="有符合规定的车辆或车辆购置计划；有取得从业资格证的驾驶员；有健全的经营管理制度、安全生产管理制度和服务质量保障制度；有固定的经营场所和停车场地。",
        legal_limit_explain="《行政许可法》第四十二条：20日内作出决定",
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason=VISIT_CHECK,
        online_depth=D3,
        result_type=CERT,
        result_name="道路运输经营许可证（出租汽车）",
        keywords="出租车 出租汽车 的士 网约车",
        materials=[
            form("巡游出租汽车经营申请表"),
            licence(),
            m("车辆购置计划或行驶证", form=COPY),
            m("经营场所和停车场地使用证明", form=COPY),
        ],
        steps=std_steps(1, 10, 3, 1),
        faqs=[
            q(
                "个人可以申请出租车经营吗？",
                "出租汽车经营权按县人民政府公布的配置方案通过服务质量招投标等方式配置，具体以公告为准。",
            )
        ],
        themes=["jiaotong-yunshu"],
        life_events=["qiye-kaiban"],
    ),
    item(
        "jtj",
        10010003,
        T.LICENSING,
        "公路超限运输许可",
        promised=3,
        legal=5,
        service_objects=[PERSON, ENTERPRISE, OTHER_ORG],
        legal_basis="《中华人民共和国公路法》第五十条；《公路安全保护条例》第三十五条、第三十六条；《超限运输车辆行驶公路管理规定》（交通运输部令2016年第62号）",
        conditions="载运不可解体物品，车货总体的外廓尺寸或总质量超过规定限值，确需在公路上行驶的，承运人应当申请公路超限运输许可。",
        legal_limit_explain="《超限运输车辆行驶公路管理规定》：自受理之日起2至15个工作日内作出决定，按超限程度确定（以现行文本为准）",
        handling_forms=[ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=CERT,
        result_name="超限运输车辆通行证",
        keywords="超限运输 大件运输 通行证 超宽 超重",
        materials=[
            form("公路超限运输申请表"),
            m("车辆行驶证及道路运输证", source=LIB, source_note="由电子证照库调取"),
            m("货物名称、重量、外廓尺寸及必要的总体轮廓图", fmt="electronic"),
        ],
        steps=std_steps(1, 1, 1, 0),
        faqs=[
            q(
                "跨省的大件运输在哪里申请？",
                "通过全国互联网道路运输便民政务服务系统统一申请，由起运地省级交通运输主管部门受理并协调途经省份。",
            )
        ],
        themes=["jiaotong-yunshu"],
        life_events=["jingying"],
    ),
    item(
        "jtj",
        10010004,
        T.LICENSING,
        "公路用地范围内设置非公路标志审批",
        promised=10,
        legal=20,
        service_objects=[PERSON, ENTERPRISE, OTHER_ORG],
        legal_basis="《中华人民共和国公路法》第五十四条；《公路安全保护条例》第二十七条",
        conditions="在公路用地范围内设置非公路标志，不得影响公路安全畅通和公路标志的识别。",
        legal_limit_explain="《行政许可法》第四十二条：20日内作出决定",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=DOC,
        result_name="准予设置非公路标志行政许可决定书",
        keywords="广告牌 路边广告 非公路标志 公路广告",
        materials=[
            form("设置非公路标志申请书"),
            m("设置位置平面图和标志设计图", fmt="electronic"),
            m("安全保障措施说明"),
        ],
        steps=std_steps(1, 6, 2, 1, review_note="审查材料并现场勘验设置位置"),
        faqs=[
            q(
                "在乡道旁立广告牌要审批吗？",
                "在公路用地范围内设置的需要审批；公路用地范围外、建筑控制区内的按相关规定办理。",
            )
        ],
        themes=["jiaotong-yunshu"],
        life_events=["jingying"],
    ),
]

# --- 景泰县农业农村局 ---------------------------------------------------------------------------

ITEMS += [
    item(
        "nyncj",
        10010001,
        T.LICENSING,
        "农作物种子生产经营许可证核发",
        promised=10,
        legal=20,
        service_objects=[ENTERPRISE, OTHER_ORG],
        legal_basis="《中华人民共和国种子法》第三十一条、第三十二条；《农作物种子生产经营许可管理办法》（农业部令）",
        conditions="具有与种子生产经营相适应的生产经营设施、设备及专业技术人员；具有相应的种子检验、加工和储藏能力；有符合要求的种子生产地点。",
        legal_limit_explain="《行政许可法》第四十二条：20日内作出决定",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=CERT,
        result_name="农作物种子生产经营许可证",
        keywords="种子 卖种子 种子经营 种子许可证 农资",
        materials=[
            form("农作物种子生产经营许可证申请表"),
            licence(),
            m("种子检验、加工、仓储设施设备及场所证明", form=COPY),
        ],
        steps=std_steps(1, 6, 2, 1, review_note="材料审查，必要时实地考核"),
        faqs=[
            q(
                "只卖包装好的种子要办许可证吗？",
                "专门经营不再分装的包装种子的，不需要办理种子生产经营许可证，但应向县农业农村局备案。",
            )
        ],
        themes=["nongye-nongcun", "shichang-zhunru"],
        life_events=["jingying"],
    ),
    item(
        "nyncj",
        10010002,
        T.LICENSING,
        "动物防疫条件合格证核发",
        promised=10,
        legal=20,
        service_objects=[PERSON, ENTERPRISE, OTHER_ORG],
        legal_basis="《中华人民共和国动物防疫法》第二十四条、第二十五条；《动物防疫条件审查办法》（农业农村部令2022年第8号）",
        conditions="动物饲养场、隔离场所、屠宰加工场所及无害化处理场所的选址、布局、设施设备和防疫制度符合《动物防疫条件审查办法》规定的条件。",
        legal_limit_explain="自收到申请之日起15个工作日内完成材料和现场审查（《动物防疫条件审查办法》，以现行文本为准）；本清单按20日计",
        special_procedures="现场审查时间计入承诺时限，申请人整改时间不计入。",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=CERT,
        result_name="动物防疫条件合格证",
        keywords="养殖场 养羊 养牛 防疫合格证 畜牧 滩羊",
        materials=[
            form("动物防疫条件审查申请表"),
            m("场所地理位置图、各功能区布局平面图", fmt="electronic"),
            m("设施设备清单"),
            m("动物防疫制度文本"),
        ],
        steps=std_steps(1, 6, 2, 1, review_note="材料审查并组织现场审查"),
        faqs=[q("家庭散养几只羊需要办吗？", "不需要。达到县以上规定规模的动物饲养场应当取得动物防疫条件合格证。")],
        themes=["nongye-nongcun"],
        life_events=["jingying"],
    ),
    item(
        "nyncj",
        10010003,
        T.LICENSING,
        "兽药经营许可证核发",
        promised=15,
        legal=30,
        service_objects=[PERSON, ENTERPRISE, UNINCORPORATED],
        legal_basis="《兽药管理条例》第二十二条、第二十三条；《兽药经营质量管理规范》",
        conditions="有与所经营的兽药相适应的兽药技术人员、营业场所、设备、仓库设施、质量管理机构或者人员以及质量管理制度。",
        legal_limit_explain="《兽药管理条例》第二十三条：自收到申请之日起30个工作日内完成审查",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=CERT,
        result_name="兽药经营许可证",
        keywords="兽药店 卖兽药 兽药经营 农资店",
        materials=[
            form("兽药经营许可证申请表"),
            licence(),
            m("营业场所和仓库平面图及使用证明", form=COPY),
            m("兽药技术人员学历或职称证明", form=COPY),
        ],
        steps=std_steps(2, 8, 3, 2, review_note="材料审查并对照《兽药经营质量管理规范》现场检查验收"),
        faqs=[q("兽药经营许可证有效期多久？", "有效期为5年，期满需继续经营的应当在期满前6个月申请换发。")],
        themes=["nongye-nongcun", "shichang-zhunru"],
        life_events=["qiye-kaiban"],
    ),
    item(
        "nyncj",
        10070004,
        T.CONFIRMATION,
        "拖拉机和联合收割机登记",
        promised=1,
        legal=2,
        service_objects=[PERSON, ENTERPRISE, OTHER_ORG],
        legal_basis="《中华人民共和国道路交通安全法》第一百二十一条；《农业机械安全监督管理条例》第二十一条；《拖拉机和联合收割机登记规定》（农业农村部令）",
        conditions="拖拉机、联合收割机所有人在购买后30日内（临时行驶的除外）申请注册登记，机具经安全技术检验合格。",
        legal_limit_explain="自受理之日起2个工作日内完成审查（以现行规章为准）",
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason="需将机具送至指定地点查验并安装号牌",
        online_depth=D3,
        handling_place="景泰县农业机械化技术推广服务中心（一条山镇兴泉路96号）一楼农机登记室",
        result_type=CERT,
        result_name="拖拉机和联合收割机登记证书、行驶证及号牌",
        keywords="拖拉机上牌 农机上牌 收割机 农机登记 农机补贴",
        materials=[
            form("拖拉机和联合收割机登记业务申请表"),
            id_card("所有人"),
            m("购机发票", std="全国统一机动车销售发票或其他来历凭证"),
            m("整机出厂合格证明"),
        ],
        steps=[
            s("受理", "农机登记窗口", 0, "审核材料"),
            s("查验", "农机安全监理员", 1, "查验机具并安装号牌"),
            s("发证", "农机登记窗口", 0, "核发登记证书和行驶证"),
        ],
        faqs=[
            q("申请农机购置补贴要先上牌吗？", "拖拉机、联合收割机等需牌证管理的机具，应先办理登记后再申请购置补贴。")
        ],
        themes=["nongye-nongcun"],
        life_events=["jingying"],
    ),
]

# --- 景泰县卫生健康局 ---------------------------------------------------------------------------

ITEMS += [
    item(
        "wjj",
        10010001,
        T.LICENSING,
        "二级及以下医疗机构设置审批",
        promised=15,
        legal=30,
        service_objects=[PERSON, ENTERPRISE, INSTITUTION, SOCIAL_ORG],
        legal_basis="《医疗机构管理条例》第九条至第十二条；《医疗机构管理条例实施细则》",
        conditions="符合县域医疗机构设置规划和医疗机构基本标准；能够独立承担民事责任；不属于《医疗机构管理条例实施细则》规定不得申请设置医疗机构的情形。",
        legal_limit_explain="《医疗机构管理条例》第十一条：自受理之日起30日内作出批准或者不批准的书面答复",
        special_procedures="需组织专家评审或现场勘查的，所需时间不计入办理时限。",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=DOC,
        result_name="设置医疗机构批准书",
        keywords="开诊所 开医院 医疗机构设置 门诊部 诊所审批",
        materials=[
            form("设置医疗机构申请书"),
            m("设置可行性研究报告", std="含地点、规模、诊疗科目、人员配备和资金来源"),
            m("选址报告和建筑设计平面图", fmt="electronic"),
            id_card("设置人"),
        ],
        steps=std_steps(1, 10, 3, 1),
        faqs=[
            q(
                "开诊所还要先办设置审批吗？",
                "诊所实行备案管理，不再办理设置审批；二级及以下医院、门诊部等须先取得设置批准书再办理执业登记。",
            )
        ],
        themes=["yiliao-weisheng"],
        life_events=["qiye-kaiban"],
    ),
    item(
        "wjj",
        10010002,
        T.LICENSING,
        "医师执业注册",
        promised=5,
        legal=20,
        service_objects=[PERSON],
        legal_basis="《中华人民共和国医师法》第十三条、第十四条；《医师执业注册管理办法》（国家卫生和计划生育委员会令第13号）",
        conditions="取得医师资格，拟在景泰县医疗、预防、保健机构中执业，身体健康，不具有《医师法》规定不予注册的情形。",
        legal_limit_explain="《医师法》第十四条：自受理申请之日起二十个工作日内准予注册",
        handling_forms=[ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=CERT,
        result_name="医师执业证书（电子证照）",
        keywords="医师注册 执业医师 医师执业证 变更执业地点 医生",
        materials=[
            m("医师资格证书", source=LIB, source_note="通过国家医师电子化注册系统核验"),
            m("近6个月内县级以上医疗机构出具的健康体检证明"),
            m("拟执业机构出具的聘用证明"),
        ],
        steps=std_steps(1, 2, 1, 1),
        faqs=[
            q(
                "变更执业地点要重新注册吗？",
                "在同一执业地点多个机构执业的，由主要执业机构备案即可；跨执业地点需办理变更注册，通过电子化注册系统全程网办。",
            )
        ],
        themes=["yiliao-weisheng"],
        life_events=["jiuye"],
    ),
    item(
        "wjj",
        10010003,
        T.LICENSING,
        "护士执业注册",
        promised=5,
        legal=20,
        service_objects=[PERSON],
        legal_basis="《护士条例》第七条、第八条；《护士执业注册管理办法》",
        conditions="具有完全民事行为能力；取得规定学历并通过护士执业资格考试；符合健康标准；自通过考试之日起3年内提出申请。",
        legal_limit_explain="《护士条例》第八条：自收到申请之日起20个工作日内作出决定",
        handling_forms=[ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=CERT,
        result_name="护士执业证书（电子证照）",
        keywords="护士注册 护士执业证 护士资格",
        materials=[
            m("护士执业资格考试成绩合格证明", source=GOV, source_note="系统自动核验"),
            m("健康体检证明"),
            m("医疗卫生机构拟聘用的相关材料"),
        ],
        steps=std_steps(1, 2, 1, 1),
        faqs=[q("护士执业证书有效期多久？", "护士执业注册有效期为5年，期满前30日内申请延续注册。")],
        themes=["yiliao-weisheng"],
        life_events=["jiuye"],
    ),
    item(
        "wjj",
        10110004,
        T.PUBLIC_SERVICE,
        "生育登记",
        promised=0,
        legal=0,
        service_objects=[PERSON],
        legal_basis="《中华人民共和国人口与计划生育法》第十八条；《甘肃省人口与计划生育条例》",
        conditions="夫妻双方至少一方户籍在景泰县，或在景泰县居住的流动人口，生育子女的可以办理生育登记。",
        legal_limit_explain="网上申请即时办结",
        handling_forms=[ONLINE, WINDOW],
        visits_required=0,
        online_depth=D4,
        result_type=DOC,
        result_name="生育登记服务单（电子）",
        keywords="生育登记 准生证 生育服务证 怀孕 二胎 三孩 母婴",
        materials=[
            id_card("夫妻双方"),
            m("结婚证", required=False, source=LIB, source_note="由电子证照库调取婚姻登记信息"),
        ],
        steps=instant_steps("生育登记服务单"),
        faqs=[
            q(
                "现在还需要办准生证吗？",
                "不需要。生育登记实行网上自助登记，登记后可享受孕产期保健等服务；也可在户籍地或居住地乡镇便民服务中心代为登记。",
            )
        ],
        themes=["yiliao-weisheng"],
        life_events=["shengyu"],
        handling_regions=ALL_TOWNSHIPS,
    ),
    item(
        "wjj",
        10010005,
        T.LICENSING,
        "公共场所卫生许可",
        promised=5,
        legal=20,
        service_objects=[PERSON, ENTERPRISE, UNINCORPORATED],
        legal_basis="《公共场所卫生管理条例》第八条；《公共场所卫生管理条例实施细则》第二十二条",
        conditions="宾馆、旅店、美容美发、沐浴、游泳等公共场所的卫生设施、布局和卫生管理制度符合相关卫生标准和规范。",
        legal_limit_explain="《公共场所卫生管理条例实施细则》：自受理之日起20日内作出决定",
        special_procedures="实行告知承诺制的，申请人承诺符合条件后当场发证，县卫生健康局在2个月内开展核查。",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=CERT,
        result_name="公共场所卫生许可证",
        keywords="卫生许可证 宾馆 旅店 理发店 美容院 洗浴",
        materials=[
            form("公共场所卫生许可申请表"),
            licence(),
            m("公共场所地址方位示意图、平面图和卫生设施平面布局图", fmt="electronic"),
            m("卫生管理制度"),
        ],
        steps=std_steps(1, 2, 1, 1),
        faqs=[
            q(
                "理发店需要办卫生许可证吗？",
                "美容美发场所需办理；按国务院规定，部分公共场所卫生许可已取消，具体以甘肃省公布的清单为准。",
            )
        ],
        themes=["yiliao-weisheng", "shichang-zhunru"],
        life_events=["qiye-kaiban"],
    ),
    item(
        "wjj",
        10100006,
        T.OTHER_POWER,
        "医疗机构执业登记（二级及以下）",
        promised=20,
        legal=45,
        service_objects=[PERSON, ENTERPRISE, INSTITUTION, SOCIAL_ORG],
        legal_basis="《医疗机构管理条例》第十五条至第十七条",
        conditions="已取得设置医疗机构批准书；符合医疗机构基本标准；有适合的名称、组织机构和场所；有与开展的业务相适应的经费、设施、设备和专业卫生技术人员；有相应的规章制度。",
        legal_limit_explain="《医疗机构管理条例》第十七条：自受理之日起45日内进行审核",
        special_procedures="现场审核时间计入承诺时限。",
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason=VISIT_COLLECT,
        online_depth=D3,
        result_type=CERT,
        result_name="医疗机构执业许可证",
        keywords="医疗机构执业许可证 执业登记 医院开业",
        materials=[
            form("医疗机构申请执业登记注册书"),
            m("设置医疗机构批准书", source=GOV, source_note="本局核发，内部调取"),
            m("医疗机构用房产权证明或使用证明", form=COPY),
            m("卫生技术人员名录及执业证书", form=COPY),
        ],
        steps=std_steps(2, 12, 4, 2, review_note="材料审查并组织现场审核"),
        faqs=[q("执业许可证多久校验一次？", "床位不满100张的医疗机构，每年校验1次。")],
        themes=["yiliao-weisheng"],
        life_events=["qiye-kaiban"],
    ),
]

# --- 景泰县教育局 -------------------------------------------------------------------------------

ITEMS += [
    item(
        "jyj",
        10010001,
        T.LICENSING,
        "民办学校设立（幼儿园及义务教育阶段）",
        promised=60,
        legal=90,
        service_objects=[PERSON, ENTERPRISE, SOCIAL_ORG, OTHER_ORG],
        legal_basis="《中华人民共和国民办教育促进法》第十二条、第十四条至第十七条；《中华人民共和国民办教育促进法实施条例》",
        conditions="举办者具有政治权利和完全民事行为能力或为具有法人资格的组织；符合县域教育事业发展规划；有合格的教师、符合标准的校舍和设施设备、必备的办学资金。",
        legal_limit_explain="《民办教育促进法》：申请正式设立的，审批机关应当自受理之日起3个月内以书面形式作出是否批准的决定",
        special_procedures="组织专家评议和实地考察的时间不计入办理时限。",
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason="需配合现场考察校舍和设施",
        online_depth=D3,
        result_type=CERT,
        result_name="民办学校办学许可证",
        keywords="办幼儿园 民办学校 私立学校 办学许可证 民办幼儿园",
        materials=[
            form("民办学校正式设立申请报告"),
            m("学校章程和首届理事会、董事会组成人员名单"),
            m("校舍、设施设备和资产证明", form=COPY),
            m("教师及校长资格证明", form=COPY),
            id_card("举办者"),
        ],
        steps=std_steps(2, 45, 10, 3, review_note="材料审查、专家评议和实地考察"),
        faqs=[q("义务教育阶段可以办营利性民办学校吗？", "不可以。实施义务教育的民办学校只能设立为非营利性民办学校。")],
        themes=["jiaoyu"],
        life_events=["qiye-kaiban"],
    ),
    item(
        "jyj",
        10010002,
        T.LICENSING,
        "教师资格认定（幼儿园、小学、初级中学）",
        promised=20,
        legal=30,
        service_objects=[PERSON],
        legal_basis="《中华人民共和国教师法》第十条至第十三条；《教师资格条例》第十三条至第十五条；《〈教师资格条例〉实施办法》",
        conditions="遵守宪法和法律，热爱教育事业，具有良好思想品德；具备规定学历并通过国家教师资格考试或符合免考认定条件；普通话水平达到二级乙等以上；体检合格。",
        legal_limit_explain="《教师资格条例》：自受理期限终止之日起30日内作出认定结论",
        handling_forms=[ONLINE, POST],
        visits_required=0,
        online_depth=D4,
        result_type=CERT,
        result_name="教师资格证书",
        keywords="教师资格证 教资认定 当老师 教师证",
        materials=[
            m("教师资格考试合格证明", source=GOV, source_note="中国教师资格网自动核验"),
            m("学历证书", source=GOV, source_note="学信网核验"),
            m("普通话水平测试等级证书", source=GOV, source_note="系统核验"),
            m("指定医院体检合格证明"),
        ],
        steps=std_steps(1, 12, 5, 2),
        faqs=[
            q(
                "教师资格认定每年什么时候办？",
                "每年春季、秋季各集中受理一次，具体时间以县教育局发布的公告为准，受理期外不受理申请。",
            )
        ],
        themes=["jiaoyu"],
        life_events=["jiuye"],
    ),
    item(
        "jyj",
        10110003,
        T.PUBLIC_SERVICE,
        "义务教育阶段入学报名",
        promised=10,
        legal=15,
        service_objects=[PERSON],
        legal_basis="《中华人民共和国义务教育法》第十二条；《中华人民共和国未成年人保护法》",
        conditions="年满6周岁的适龄儿童，户籍或监护人居住地在学校服务区内；随迁子女凭监护人居住证等材料按规定就近入学。",
        legal_limit_explain=_NO_STATUTE,
        handling_forms=[ONLINE, WINDOW],
        visits_required=0,
        online_depth=D4,
        result_type=DOC,
        result_name="入学录取通知",
        keywords="上学 入学报名 小学报名 初中 划片 学区 一年级",
        materials=[
            m("儿童户口簿或出生医学证明", source=LIB, source_note="户籍信息由公安部门共享核验"),
            m("监护人不动产权证书或居住证", source=LIB, source_note="由电子证照库调取"),
        ],
        steps=[
            s("报名", "学校招生工作组", 1, "网上报名"),
            s("审核", "县教育局基础教育股", 6, "核验户籍、住房等信息并按学区分配"),
            s("公布", "学校", 3, "公布录取结果"),
        ],
        faqs=[q("进城务工人员子女能在县城上学吗？", "随迁子女持监护人居住证等材料，统筹安排在公办学校就近入学。")],
        themes=["jiaoyu"],
        life_events=["shangxue"],
    ),
]

# --- 白银市生态环境局景泰分局 -------------------------------------------------------------------

ITEMS += [
    item(
        "sthj",
        10010001,
        T.LICENSING,
        "排污许可证核发（简化管理）",
        promised=10,
        legal=20,
        power_source="5",
        service_objects=[ENTERPRISE, INSTITUTION, UNINCORPORATED, OTHER_ORG],
        legal_basis="《排污许可管理条例》（国务院令第736号）第十一条至第十四条；《中华人民共和国环境保护法》第四十五条",
        conditions="依法取得建设项目环境影响评价文件审批意见或按规定办理环境影响登记表备案；污染物排放符合污染物排放标准和重点污染物总量控制要求；自行监测方案符合要求。",
        legal_limit_explain="《排污许可管理条例》：实行简化管理的，审批部门应当自受理申请之日起20日内作出审批决定",
        special_procedures="需进行现场核查的，经负责人批准可延长10日，延长期限书面告知申请人。",
        handling_forms=[ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=CERT,
        result_name="排污许可证",
        keywords="排污许可证 排污证 环保手续 排污",
        materials=[
            m("排污许可证申请表", fmt="electronic", std="通过全国排污许可证管理信息平台填报"),
            m("自行监测方案", fmt="electronic"),
            m("守法承诺书", fmt="electronic", std="法定代表人签字"),
        ],
        steps=std_steps(1, 6, 2, 1),
        faqs=[
            q(
                "排污登记和排污许可有什么区别？",
                "污染物产生量、排放量和对环境影响程度很小的排污单位，实行排污登记管理，填报排污登记表即可，不需要申请排污许可证。",
            )
        ],
        themes=["shengtai-huanjing"],
        life_events=["jingying"],
    ),
    item(
        "sthj",
        10010002,
        T.LICENSING,
        "建设项目环境影响报告表审批",
        promised=15,
        legal=30,
        power_source="5",
        service_objects=[ENTERPRISE, INSTITUTION, ADMIN, OTHER_ORG],
        legal_basis="《中华人民共和国环境影响评价法》第二十二条；《建设项目环境保护管理条例》第九条",
        conditions="建设项目类型及其选址、布局、规模符合环境保护法律法规和相关法定规划；采取的措施能满足区域环境质量改善目标管理要求；依法应编制环境影响报告表。",
        legal_limit_explain="《环境影响评价法》第二十二条：收到环境影响报告表之日起30日内作出审批决定",
        special_procedures="技术评估时间不计入审批时限。",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=DOC,
        result_name="建设项目环境影响报告表批复",
        keywords="环评 环评审批 环境影响报告表 环保审批 工改",
        materials=[
            form("建设项目环境影响评价文件审批申请表"),
            m("建设项目环境影响报告表", fmt="electronic"),
            m("建设单位信用承诺书"),
        ],
        steps=std_steps(1, 10, 3, 1, review_note="技术审查和公示"),
        faqs=[q("环境影响登记表需要审批吗？", "不需要审批，在建设项目环境影响登记表备案系统在线备案即可。")],
        themes=["shengtai-huanjing", "gongcheng-jianshe"],
        life_events=["gongcheng-jianshe"],
    ),
    item(
        "sthj",
        10100003,
        T.OTHER_POWER,
        "建设项目环境影响登记表备案",
        promised=0,
        legal=0,
        power_source="5",
        service_objects=[ENTERPRISE, INSTITUTION, ADMIN, OTHER_ORG],
        legal_basis="《中华人民共和国环境影响评价法》第二十二条；《建设项目环境影响登记表备案管理办法》",
        conditions="按《建设项目环境影响评价分类管理名录》应当填报环境影响登记表的建设项目。",
        legal_limit_explain="在线填报即时完成备案",
        handling_forms=[ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=DOC,
        result_name="建设项目环境影响登记表备案回执",
        keywords="环评备案 登记表 环评登记",
        materials=[m("建设项目环境影响登记表", fmt="electronic", std="在备案系统在线填报")],
        steps=instant_steps("备案回执"),
        faqs=[q("备案需要到窗口吗？", "不需要，全程在网上备案系统完成，即时生成备案号。")],
        themes=["shengtai-huanjing"],
        life_events=["gongcheng-jianshe"],
    ),
]

# --- 景泰县应急管理局 ---------------------------------------------------------------------------

ITEMS += [
    item(
        "yjj",
        10010001,
        T.LICENSING,
        "烟花爆竹经营（零售）许可",
        promised=10,
        legal=20,
        service_objects=[PERSON, ENTERPRISE, UNINCORPORATED],
        legal_basis="《烟花爆竹安全管理条例》第十八条、第十九条；《烟花爆竹经营许可实施办法》（国家安全生产监督管理总局令第65号）",
        conditions="符合县烟花爆竹零售经营布点规划；有与其经营规模相适应的零售经营场所；有经过安全培训的主要负责人和安全生产管理人员；有符合要求的防火设施和安全管理制度。",
        legal_limit_explain="《烟花爆竹安全管理条例》第十九条：自受理申请之日起20日内对提交的有关材料和经营场所进行审查",
        special_procedures="需对经营场所进行现场核查的，核查时间计入承诺时限。",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=CERT,
        result_name="烟花爆竹经营（零售）许可证",
        keywords="卖鞭炮 烟花爆竹 春节 鞭炮零售 烟花许可证",
        materials=[
            form("烟花爆竹经营（零售）许可证申请书"),
            licence(),
            m("零售经营场所产权或租赁证明", form=COPY),
            m("主要负责人安全培训合格证明", form=COPY),
        ],
        steps=std_steps(1, 6, 2, 1, review_note="材料审查和经营场所现场核查"),
        faqs=[
            q(
                "春节期间临时卖烟花要办证吗？",
                "需要。零售许可证可按规定的经营期限核发，具体受理时间以县应急管理局发布的年度公告为准。",
            )
        ],
        themes=["anquan-shengchan"],
        life_events=["jingying"],
    ),
    item(
        "yjj",
        10010002,
        T.LICENSING,
        "危险化学品经营许可（不带储存设施）",
        promised=15,
        legal=30,
        power_source="2",
        service_objects=[ENTERPRISE, UNINCORPORATED],
        legal_basis="《危险化学品安全管理条例》第三十三条至第三十五条；《危险化学品经营许可证管理办法》（国家安全生产监督管理总局令第55号）",
        conditions="有符合国家标准、行业标准的经营场所；从业人员经过专业技术培训并经考核合格；有健全的安全管理规章制度；有专职安全管理人员；有符合规定的事故应急救援预案和必要的应急救援器材、设备。",
        legal_limit_explain="《危险化学品安全管理条例》第三十五条：自收到证明材料之日起30日内作出批准或者不予批准的决定",
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason=VISIT_COLLECT,
        online_depth=D3,
        result_type=CERT,
        result_name="危险化学品经营许可证",
        keywords="危化品 危险化学品 油漆 化工 经营许可",
        materials=[
            form("危险化学品经营许可证申请表"),
            licence(),
            m("经营场所产权或租赁证明", form=COPY),
            m("安全生产管理制度和应急救援预案"),
            m("主要负责人和安全管理人员安全资格证", form=COPY),
        ],
        steps=std_steps(1, 10, 3, 1, review_note="材料审查和现场核查"),
        faqs=[q("加油站在哪里办许可？", "加油站危险化学品经营许可由市级应急管理部门核发，不在本事项范围内。")],
        themes=["anquan-shengchan"],
        life_events=["qiye-kaiban"],
    ),
]

# --- 景泰县文化和旅游局 -------------------------------------------------------------------------

ITEMS += [
    item(
        "wlj",
        10010001,
        T.LICENSING,
        "营业性演出审批",
        promised=3,
        legal=20,
        service_objects=[ENTERPRISE, UNINCORPORATED, OTHER_ORG],
        legal_basis="《营业性演出管理条例》第十三条、第十四条；《营业性演出管理条例实施细则》",
        conditions="演出举办单位为文艺表演团体、演出经纪机构；演出内容不含条例禁止的内容；演出场所符合安全条件，已制定安全保卫工作方案和灭火、应急疏散预案。",
        legal_limit_explain="《行政许可法》第四十二条：20日内作出决定（条例另有规定的从其规定）",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=DOC,
        result_name="营业性演出准予许可决定书",
        keywords="演出审批 演出许可 办演唱会 文艺演出 营业性演出",
        materials=[
            form("营业性演出申请登记表"),
            m("演出举办单位营业性演出许可证", source=LIB, source_note="由电子证照库调取"),
            m("演出节目内容材料及演员名单", fmt="electronic"),
            m("演出场地安全保卫及应急预案"),
        ],
        steps=std_steps(1, 1, 1, 0),
        faqs=[
            q("景区里的常态化演出每次都要审批吗？", "在演出场所内举办的同一台演出，变更演员和节目外可按规定一次审批。")
        ],
        themes=["wenhua-lvyou"],
        life_events=["jingying"],
    ),
    item(
        "wlj",
        10010002,
        T.LICENSING,
        "娱乐场所经营许可",
        promised=10,
        legal=20,
        service_objects=[ENTERPRISE, UNINCORPORATED],
        legal_basis="《娱乐场所管理条例》第九条、第十一条；《娱乐场所管理办法》（文化部令第55号）",
        conditions="已取得营业执照；场所位置和面积符合条例规定，不在居民楼、学校、医院周边禁止设立的范围内；设施设备和消防安全符合要求。",
        legal_limit_explain="《娱乐场所管理条例》第九条：自受理申请之日起20日内作出决定",
        special_procedures="需要组织听证或实地检查的，时间不计入办理时限。",
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason=VISIT_COLLECT,
        online_depth=D3,
        result_type=CERT,
        result_name="娱乐经营许可证",
        keywords="开KTV 歌舞厅 游艺厅 娱乐场所 娱乐经营许可证",
        materials=[
            form("娱乐场所经营申请书"),
            licence(),
            id_card("法定代表人"),
            m("场所平面示意图及房屋产权或租赁证明", form=COPY),
        ],
        steps=std_steps(1, 6, 2, 1, review_note="材料审查和实地检查"),
        faqs=[q("开KTV还要办消防手续吗？", "需要。开业前应当依法取得消防安全检查合格或告知承诺手续。")],
        themes=["wenhua-lvyou", "shichang-zhunru"],
        life_events=["qiye-kaiban"],
    ),
    item(
        "wlj",
        10010003,
        T.LICENSING,
        "旅行社设立许可",
        promised=10,
        legal=20,
        power_source="2",
        service_objects=[ENTERPRISE],
        legal_basis="《中华人民共和国旅游法》第二十八条、第二十九条；《旅行社条例》第六条、第七条",
        conditions="有固定的经营场所；有必要的营业设施；有符合规定的经营国内旅游业务和入境旅游业务的专职导游和管理人员；按规定缴纳旅游服务质量保证金。",
        legal_limit_explain="《旅行社条例》第七条：自受理申请之日起20个工作日内作出许可或者不予许可的决定",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=CERT,
        result_name="旅行社业务经营许可证",
        keywords="旅行社 开旅行社 旅游 黄河石林 导游",
        materials=[
            form("旅行社设立申请书"),
            licence(),
            m("经营场所证明", form=COPY),
            m("旅游服务质量保证金存款协议或银行担保", form=COPY),
        ],
        steps=std_steps(1, 6, 2, 1),
        faqs=[
            q(
                "旅游服务质量保证金要交多少？",
                "经营国内旅游和入境旅游业务的旅行社，应当存入质量保证金20万元，也可以银行保函、保险等方式替代。",
            )
        ],
        themes=["wenhua-lvyou", "shichang-zhunru"],
        life_events=["qiye-kaiban"],
    ),
]

# --- 国家税务总局景泰县税务局 -------------------------------------------------------------------

_TAX_LAW = "《中华人民共和国税收征收管理法》"
_TAX_PLACE = f"{HALL}一楼09号税务窗口；国家税务总局甘肃省电子税务局"

ITEMS += [
    item(
        "swj",
        10070001,
        T.CONFIRMATION,
        "新办纳税人涉税信息确认（税务登记）",
        promised=0,
        legal=0,
        service_objects=[PERSON, ENTERPRISE, UNINCORPORATED, OTHER_ORG],
        legal_basis=f"{_TAX_LAW}第十五条；《中华人民共和国税收征收管理法实施细则》；《税务登记管理办法》",
        conditions="已领取“多证合一”营业执照的纳税人，首次办理涉税事项时确认登记信息，不再另行办理税务登记证。",
        legal_limit_explain="即时办结",
        handling_forms=[ONLINE, WINDOW],
        visits_required=0,
        online_depth=D4,
        handling_place=_TAX_PLACE,
        result_type=APPROVAL,
        result_name="税务登记信息确认",
        keywords="税务登记 报到 新办企业 办税 涉税信息确认 税务",
        materials=[licence(), id_card("法定代表人（负责人）")],
        steps=instant_steps("税务登记信息"),
        faqs=[q("个体户也要去税务局报到吗？", "个体工商户首次办理涉税事项时在电子税务局确认信息即可，无需到窗口。")],
        themes=["shuishou"],
        life_events=["qiye-kaiban"],
    ),
    item(
        "swj",
        10010002,
        T.LICENSING,
        "发票领用（含数电发票开票额度确定）",
        promised=0,
        legal=5,
        service_objects=[PERSON, ENTERPRISE, UNINCORPORATED, OTHER_ORG],
        legal_basis="《中华人民共和国发票管理办法》第十五条；《中华人民共和国发票管理办法实施细则》",
        conditions="已办理涉税信息确认的纳税人，需要开具发票的，可以申请领用发票或确定全面数字化电子发票开具金额总额度。",
        legal_limit_explain="《国家税务总局关于进一步简化和规范发票领用等事项的公告》：新办纳税人首次申领发票即时办结（以现行规定为准）",
        handling_forms=[ONLINE, WINDOW, POST],
        visits_required=0,
        online_depth=D4,
        handling_place=_TAX_PLACE,
        result_type=APPROVAL,
        result_name="发票票种核定及领用结果",
        keywords="领发票 发票申领 开发票 数电票 电子发票 税务",
        materials=[m("经办人身份证件", source=LIB, source_note="电子税务局实名认证"), form("发票领用申请")],
        steps=instant_steps("发票领用结果"),
        faqs=[q("新开的面馆能开发票吗？", "可以。办理涉税信息确认后即可在电子税务局开具数电发票，无需领用纸质发票。")],
        themes=["shuishou"],
        life_events=["qiye-kaiban", "jingying"],
    ),
    item(
        "swj",
        10070003,
        T.CONFIRMATION,
        "增值税一般纳税人登记",
        promised=0,
        legal=0,
        service_objects=[ENTERPRISE, UNINCORPORATED, OTHER_ORG],
        legal_basis="《中华人民共和国增值税暂行条例》；《增值税一般纳税人登记管理办法》（国家税务总局令第43号）",
        conditions="年应征增值税销售额超过小规模纳税人标准，或会计核算健全、能够提供准确税务资料的纳税人。",
        legal_limit_explain="纳税人提交资料齐全、符合填列要求的，当场登记",
        handling_forms=[ONLINE, WINDOW],
        visits_required=0,
        online_depth=D4,
        handling_place=_TAX_PLACE,
        result_type=APPROVAL,
        result_name="增值税一般纳税人登记确认",
        keywords="一般纳税人 增值税 小规模转一般纳税人 税务",
        materials=[form("增值税一般纳税人登记表")],
        steps=instant_steps("一般纳税人登记确认"),
        faqs=[
            q(
                "年销售额超过多少必须登记为一般纳税人？",
                "年应税销售额超过500万元的，应当在申报期结束后15日内办理一般纳税人登记。",
            )
        ],
        themes=["shuishou"],
        life_events=["jingying"],
    ),
    item(
        "swj",
        10070004,
        T.CONFIRMATION,
        "清税申报（税务注销）",
        promised=1,
        legal=20,
        service_objects=[PERSON, ENTERPRISE, UNINCORPORATED, OTHER_ORG],
        legal_basis=f"{_TAX_LAW}第十六条；《税务登记管理办法》第二十八条",
        conditions="纳税人发生解散、破产、撤销以及其他情形需终止纳税义务的，应当结清应纳税款、滞纳金、罚款，缴销发票和税务证件。",
        legal_limit_explain="《税务登记管理办法》：结清税款、缴销发票后予以注销（未规定具体时限的，按20日计）",
        promised_limit_explain="未处于税务检查状态、无欠税及罚款、已缴销发票的，即时出具清税文书；其他的1个工作日内办结",
        handling_forms=[ONLINE, WINDOW],
        visits_required=0,
        online_depth=D4,
        handling_place=_TAX_PLACE,
        result_type=DOC,
        result_name="清税证明",
        keywords="税务注销 清税证明 注销 关闭公司 注销税务",
        materials=[form("清税申报表"), m("经办人身份证件", source=LIB, source_note="电子税务局实名认证")],
        steps=[
            s("受理", "税务窗口", 0, "受理清税申报"),
            s("清税", "税源管理部门", 1, "核查欠税、发票缴销情况，出具清税文书"),
        ],
        faqs=[
            q(
                "企业注销一定要先办清税证明吗？",
                "未办理过涉税事项或符合条件的纳税人，可以免予到税务机关办理清税证明，直接向市场监管部门申请简易注销。",
            )
        ],
        themes=["shuishou"],
        life_events=["zhuxiao"],
    ),
]

# --- 景泰县发展和改革局 -------------------------------------------------------------------------

ITEMS += [
    item(
        "fgj",
        10100001,
        T.OTHER_POWER,
        "企业投资项目备案",
        promised=0,
        legal=0,
        service_objects=[ENTERPRISE, UNINCORPORATED, OTHER_ORG],
        legal_basis="《企业投资项目核准和备案管理条例》（国务院令第673号）第十三条、第十四条；《企业投资项目核准和备案管理办法》",
        conditions="企业在景泰县投资建设的、不属于《政府核准的投资项目目录》范围内的固定资产投资项目。",
        legal_limit_explain="《企业投资项目核准和备案管理条例》：备案机关收到全部信息即为备案",
        handling_forms=[ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=DOC,
        result_name="投资项目备案证明",
        keywords="项目备案 投资备案 立项 企业投资 工改",
        materials=[
            m(
                "项目备案信息",
                fmt="electronic",
                std="通过甘肃省投资项目在线审批监管平台填报企业基本情况、项目名称、建设地点、建设规模和内容、总投资额等",
            ),
            m("项目符合产业政策的声明", fmt="electronic"),
        ],
        steps=instant_steps("备案证明"),
        faqs=[
            q(
                "备案后信息有变化怎么办？",
                "项目法人发生变化，项目建设地点、规模、内容发生重大变更，或放弃项目建设的，应当通过在线平台及时告知备案机关并修改备案信息。",
            )
        ],
        themes=["touzi-xiangmu", "gongcheng-jianshe"],
        life_events=["gongcheng-jianshe"],
    ),
    item(
        "fgj",
        10010002,
        T.LICENSING,
        "企业投资项目核准",
        promised=10,
        legal=20,
        service_objects=[ENTERPRISE, OTHER_ORG],
        legal_basis="《企业投资项目核准和备案管理条例》第六条至第十一条；《政府核准的投资项目目录（甘肃省）》",
        conditions="属于《政府核准的投资项目目录》中由县级核准的项目；不危害经济安全、社会安全、生态安全；符合相关发展建设规划、产业政策和技术标准；合理开发并有效利用资源；不对重大公共利益产生不利影响。",
        legal_limit_explain="《企业投资项目核准和备案管理条例》第十条：自受理申请之日起20个工作日内作出是否予以核准的决定",
        special_procedures="需要委托中介服务机构评估的，评估时间不计入核准期限（评估时限不超过30个工作日）。",
        handling_forms=[ONLINE, WINDOW],
        visits_required=0,
        online_depth=D4,
        result_type=DOC,
        result_name="项目核准批复文件",
        keywords="项目核准 投资核准 立项 发改 工改",
        materials=[
            m("项目申请报告", fmt="electronic"),
            m("城乡规划、用地预审等依法应当提交的文件", source=GOV, source_note="通过在线审批监管平台共享"),
        ],
        steps=std_steps(1, 6, 2, 1, review_note="委托评估、征求相关部门意见"),
        faqs=[
            q(
                "项目核准后多久必须开工？",
                "项目自核准机关作出予以核准决定之日起2年内未开工建设，需要延期开工的，应当在2年期限届满的30个工作日前申请延期。",
            )
        ],
        themes=["touzi-xiangmu"],
        life_events=["gongcheng-jianshe"],
    ),
]

# --- 景泰县司法局 -------------------------------------------------------------------------------

ITEMS += [
    item(
        "sfj",
        10110001,
        T.PUBLIC_SERVICE,
        "法律援助申请",
        promised=5,
        legal=7,
        service_objects=[PERSON],
        legal_basis="《中华人民共和国法律援助法》第三十一条、第四十一条至第四十三条",
        conditions="因经济困难没有委托代理人的当事人，可就依法请求给付赡养费、抚养费，请求支付劳动报酬，请求工伤事故赔偿等事项申请法律援助；无固定生活来源的残疾人、老年人等免予核查经济困难状况。",
        legal_limit_explain="《法律援助法》第四十三条：自收到申请之日起7日内进行审查，作出是否给予法律援助的决定",
        handling_forms=[WINDOW, ONLINE, POST],
        visits_required=0,
        online_depth=D3,
        result_type=DOC,
        result_name="给予法律援助决定书",
        keywords="法律援助 打官司 讨薪 欠工资 免费律师 法律咨询",
        materials=[
            form("法律援助申请表"),
            id_card(),
            m("经济困难状况说明表", std="由申请人如实填写并承诺，免予提交证明"),
            m("与所申请法律援助事项有关的证明材料", form=COPY),
        ],
        steps=[
            s("受理", "法律援助接待人员", 1, "登记受理"),
            s("审查", "县法律援助中心", 3, "审查援助条件"),
            s("决定指派", "县法律援助中心负责人", 1, "作出决定并指派律师或法律援助人员"),
        ],
        faqs=[
            q(
                "农民工讨薪需要审查经济困难吗？",
                "农民工请求支付劳动报酬或者工伤赔偿申请法律援助的，免予核查经济困难状况。",
            )
        ],
        themes=["gonggong-falv"],
        life_events=["jiuye", "kunnan-bangfu"],
        handling_regions=ALL_TOWNSHIPS,
    ),
    item(
        "sfj",
        10110002,
        T.PUBLIC_SERVICE,
        "人民调解申请",
        promised=0,
        legal=0,
        service_objects=[PERSON, OTHER_ORG],
        legal_basis="《中华人民共和国人民调解法》第十七条、第十八条",
        conditions="当事人之间发生婚姻家庭、邻里、损害赔偿、土地承包等民间纠纷，可以向人民调解委员会申请调解。",
        legal_limit_explain="当场受理，调解期限按人民调解相关规定执行",
        special_procedures="调解过程及司法确认时间不计入受理时限。",
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason="调解需当事人到场陈述",
        online_depth=D2,
        result_type=DOC,
        result_name="人民调解协议书",
        keywords="调解 纠纷 邻里纠纷 矛盾 吵架 人民调解",
        materials=[id_card("申请人"), m("纠纷相关证据材料", form=COPY, required=False)],
        steps=instant_steps("受理通知"),
        faqs=[
            q(
                "调解协议有法律效力吗？",
                "经人民调解委员会调解达成的调解协议具有法律约束力；双方可自协议生效之日起30日内共同向人民法院申请司法确认。",
            )
        ],
        themes=["gonggong-falv"],
        life_events=["kunnan-bangfu"],
        handling_regions=ALL_TOWNSHIPS,
    ),
]

# --- 乡镇人民政府 (use level 5) -----------------------------------------------------------------


def _township_steps(review_days: int, decide_days: int) -> list[dict]:
    return [
        s("受理", "便民服务中心窗口人员", 1, "审查材料，一次性告知需补正内容"),
        s("审核", "乡镇业务经办人员", review_days, "入户或实地核实，提出审核意见"),
        s("审批", "乡镇分管负责人", decide_days, "作出决定；涉及县级部门的按规定报送"),
        s("送达", "便民服务中心窗口人员", 1, "窗口领取或短信通知、邮寄送达"),
    ]


ITEMS += [
    item(
        "luyang",
        50010001,
        T.LICENSING,
        "农村宅基地审批",
        promised=15,
        legal=20,
        service_objects=[PERSON],
        legal_basis="《中华人民共和国土地管理法》第六十二条；《中华人民共和国土地管理法实施条例》第三十四条；《农业农村部 自然资源部关于规范农村宅基地审批管理的通知》（农经发〔2019〕6号）",
        conditions="本集体经济组织成员以户为单位申请，一户只能拥有一处宅基地，面积不得超过省规定的标准；符合国土空间规划（村庄规划）和用途管制要求；出卖、出租、赠与住宅后再申请宅基地的，不予批准。",
        legal_limit_explain="《行政许可法》第四十二条：20日内作出决定（农经发〔2019〕6号要求各地明确审批期限）",
        special_procedures="村民小组会议讨论和村级公示（不少于5个工作日）不计入乡镇审批时限；批准后实行“三到场”（申请审查到场、批准后丈量批放到场、住宅建成后核查到场）。",
        handling_forms=[WINDOW],
        visits_required=1,
        visits_reason="乡镇联审需实地踏勘，申请人须到场确认宅基地四至",
        online_depth=D2,
        handling_place="景泰县芦阳镇便民服务中心一楼01号综合受理窗口",
        result_type=CERT,
        result_name="农村宅基地批准书及乡村建设规划许可证",
        keywords="宅基地 盖房子 建房 农村建房 宅基地审批 批地盖房",
        materials=[
            form("农村宅基地和建房（规划许可）申请表"),
            form("农村宅基地使用承诺书"),
            id_card("申请人及家庭成员"),
            m("户口簿", form=BOTH),
            m("村民小组会议讨论通过意见及村级审查意见", std="经公示无异议，加盖村委会公章"),
        ],
        steps=[
            s("受理", "芦阳镇便民服务中心窗口人员", 1, "受理村级报送的申请材料"),
            s(
                "联审（农业农村）",
                "县农业农村局派驻人员",
                8,
                "审查申请人资格、宅基地面积和“一户一宅”情况，实地踏勘",
                agency="nyncj",
                group=1,
                join="all",
            ),
            s(
                "联审（自然资源）",
                "县自然资源局芦阳自然资源所",
                8,
                "审查是否符合国土空间规划和用途管制要求，是否占用永久基本农田",
                agency="zrzyj",
                group=1,
                join="all",
            ),
            s(
                "审批",
                "芦阳镇人民政府",
                5,
                "作出批准决定，核发宅基地批准书及乡村建设规划许可证，报县农业农村局、县自然资源局备案",
            ),
            s("送达", "芦阳镇便民服务中心窗口人员", 1, "送达并建立宅基地审批管理台账"),
        ],
        faqs=[
            q(
                "分户了能再申请宅基地吗？",
                "符合分户条件、本户无宅基地或现有宅基地面积未达到标准的，经村民小组讨论通过后可以申请。",
            ),
            q(
                "县农业农村局在审批中做什么？",
                "县农业农村局负责宅基地管理的指导和监督，派员参与乡镇联审并接受审批结果备案。",
            ),
        ],
        themes=["nongye-nongcun", "zhufang-baozhang"],
        life_events=["anju"],
    ),
    item(
        "luyang",
        50010002,
        T.LICENSING,
        "乡村建设规划许可证核发（村民住宅）",
        promised=10,
        legal=20,
        service_objects=[PERSON, OTHER_ORG],
        legal_basis="《中华人民共和国城乡规划法》第四十一条",
        conditions="在乡、村庄规划区内进行农村村民住宅建设的，不得占用农用地；确需占用农用地的，依法办理农用地转用审批手续后申请。",
        legal_limit_explain="《行政许可法》第四十二条：20日内作出决定",
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason="需现场核定建房位置和范围",
        online_depth=D3,
        handling_place="景泰县芦阳镇便民服务中心一楼01号综合受理窗口",
        result_type=CERT,
        result_name="乡村建设规划许可证",
        keywords="乡村建设规划许可证 农村建房 规划许可 盖房",
        materials=[
            form("乡村建设规划许可申请表"),
            m("宅基地批准文件", form=COPY, std="与宅基地审批一并申请的免于提交"),
            m("建房设计图或通用图集选用说明"),
        ],
        steps=_township_steps(5, 3),
        faqs=[
            q(
                "宅基地审批和规划许可要分两次申请吗？",
                "不需要。农村村民住宅用地申请与乡村建设规划许可一并受理、一并审查、一并出具结果。",
            )
        ],
        themes=["nongye-nongcun", "gongcheng-jianshe"],
        life_events=["anju"],
    ),
    item(
        "yitiaoshan",
        50050001,
        T.BENEFIT,
        "高龄津贴申领",
        promised=10,
        legal=20,
        service_objects=[PERSON],
        legal_basis="《中华人民共和国老年人权益保障法》第三十三条；甘肃省高龄老人生活补贴相关规定",
        conditions="具有景泰县户籍、年满80周岁的老年人，可申领高龄津贴；年满当月起可以申请。",
        legal_limit_explain=_NO_STATUTE,
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=APPROVAL,
        result_name="高龄津贴发放审核确认",
        keywords="高龄补贴 高龄津贴 老人补贴 80岁 养老",
        materials=[
            id_card("老年人"),
            m("社会保障卡或一卡通账户信息", source=LIB, source_note="由电子证照库调取社会保障卡信息"),
            m("代办人身份证件", required=False, std="委托亲属代办时提交"),
        ],
        steps=_township_steps(5, 3),
        faqs=[
            q("老人行动不便怎么申请？", "可由子女在网上代为申请，或由村（社区）工作人员上门代办，无需老人本人到场。")
        ],
        themes=["yanglao-fuwu", "shehui-baozhang"],
        life_events=["tuixiu"],
    ),
    item(
        "caowotan",
        50050001,
        T.BENEFIT,
        "临时救助（乡镇急难型先行救助）",
        promised=3,
        legal=5,
        service_objects=[PERSON],
        legal_basis=f"{_RELIEF_LAW}第四十九条；《国务院关于全面建立临时救助制度的通知》（国发〔2014〕47号）",
        conditions="因火灾、交通事故、突发重大疾病等意外事件导致基本生活陷入困境，需要立即采取救助措施的家庭和个人。",
        legal_limit_explain=_NO_STATUTE,
        special_procedures="情况紧急的，可先行救助，事后3个工作日内补齐审核手续并报县民政局备案。",
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason="乡镇需当面核实困难情况（紧急情况下工作人员上门）",
        online_depth=D3,
        result_type=APPROVAL,
        result_name="临时救助金发放",
        keywords="急难救助 临时救助 先行救助 突发困难 救急",
        materials=[
            form("临时救助申请书"),
            id_card(),
            m("困难情况证明", form=COPY, required=False, std="无法提供的由工作人员核实情况后记录"),
        ],
        steps=[
            s("受理", "草窝滩镇便民服务中心窗口人员", 0, "当日受理"),
            s("核实审批", "草窝滩镇社会救助经办人员", 2, "核实后由镇政府审批"),
            s("发放", "草窝滩镇财政所", 1, "发放救助金或实物"),
        ],
        faqs=[q("乡镇先行救助最多给多少？", "乡镇先行救助额度按县人民政府规定的标准执行，超过额度的报县民政局审批。")],
        themes=["shehui-jiuzhu"],
        life_events=["kunnan-bangfu"],
    ),
    item(
        "caowotan",
        50100002,
        T.OTHER_POWER,
        "农村土地经营权流转合同备案",
        promised=5,
        legal=10,
        service_objects=[PERSON, ENTERPRISE, OTHER_ORG],
        legal_basis="《中华人民共和国农村土地承包法》第三十六条、第四十条；《农村土地经营权流转管理办法》（农业农村部令2021年第1号）",
        conditions="承包方依法采取出租（转包）、入股或者其他方式向他人流转土地经营权，签订书面流转合同后报发包方备案，乡镇人民政府农村土地承包管理部门建立流转台账。",
        legal_limit_explain=_NO_STATUTE,
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D3,
        result_type=DOC,
        result_name="土地经营权流转合同备案回执",
        keywords="土地流转 流转合同 承包地 租地 合作社 枸杞种植",
        materials=[
            m("土地经营权流转合同", copies=2, std="使用农业农村部示范文本，双方签字盖章"),
            m("农村土地承包经营权证", form=COPY, source=LIB, source_note="可由电子证照库调取"),
            m("受让方营业执照", required=False, source=LIB, source_note="受让方为合作社、企业等组织时由电子证照库调取"),
        ],
        steps=[
            s("受理", "草窝滩镇便民服务中心窗口人员", 1, "核对合同"),
            s("审核", "草窝滩镇农经站", 3, "审核流转用途、期限，不得改变土地农业用途"),
            s("备案", "草窝滩镇农经站", 1, "登记流转台账并出具回执"),
        ],
        faqs=[
            q(
                "合作社租村民的地一定要备案吗？",
                "流转期限较长的应当备案；备案后的流转合同可作为申请农业补贴、融资担保等的依据。",
            )
        ],
        themes=["nongye-nongcun"],
        life_events=["jingying"],
    ),
    item(
        "shangshawo",
        50050001,
        T.BENEFIT,
        "农村部分计划生育家庭奖励扶助资格确认",
        promised=15,
        legal=20,
        service_objects=[PERSON],
        legal_basis="《中华人民共和国人口与计划生育法》第二十七条；《甘肃省人口与计划生育条例》",
        conditions="农业户籍，1973年至2001年期间没有违反计划生育法律法规和政策规定生育，现存一个子女或两个女孩或子女死亡现无子女，年满60周岁的夫妻。",
        legal_limit_explain=_NO_STATUTE,
        special_procedures="资格确认结果在村级公示7日，公示期不计入办理时限。",
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason="需本人到场签署承诺并核验身份",
        online_depth=D3,
        result_type=APPROVAL,
        result_name="奖励扶助资格确认",
        keywords="计划生育奖励 独生子女 奖扶 计生补贴 扶助金",
        materials=[
            form("农村部分计划生育家庭奖励扶助对象申报表"),
            id_card(),
            m("户口簿", form=BOTH),
            m("独生子女父母光荣证等证明", form=COPY, required=False),
        ],
        steps=_township_steps(8, 5),
        faqs=[q("扶助金每年多少？", "按国家和甘肃省规定的标准按年发放到本人社会保障卡账户。")],
        themes=["shehui-baozhang"],
        life_events=["shengyu", "tuixiu"],
    ),
    item(
        "xiquan",
        50110001,
        T.PUBLIC_SERVICE,
        "退役军人优待证申领（乡镇代办）",
        promised=10,
        legal=20,
        service_objects=[PERSON],
        legal_basis="《中华人民共和国退役军人保障法》第六十三条",
        conditions="户籍在喜泉镇的退役军人、其他优抚对象，可通过乡镇退役军人服务站申领优待证。",
        legal_limit_explain=_NO_STATUTE,
        handling_forms=[WINDOW, ONLINE, POST],
        visits_required=0,
        online_depth=D3,
        handling_place="景泰县喜泉镇便民服务中心一楼02号社会事务窗口（退役军人服务站）",
        result_type=CERT,
        result_name="中华人民共和国退役军人优待证",
        keywords="优待证 退役军人 老兵 军人优待",
        materials=[
            id_card(),
            m("退役证件", form=COPY, std="退伍证、转业证或退休证等"),
            m("近期2寸白底免冠照片", fmt="electronic"),
        ],
        steps=_township_steps(4, 4),
        faqs=[
            q(
                "优待证可以享受哪些优待？",
                "可凭证享受交通、文化旅游、医疗等方面的优先优待服务，具体以国家和省公布的优待目录为准。",
            )
        ],
        themes=["shehui-baozhang"],
        life_events=["jiuye"],
    ),
    item(
        "hongshui",
        50050001,
        T.BENEFIT,
        "耕地地力保护补贴申报",
        promised=15,
        legal=20,
        service_objects=[PERSON, OTHER_ORG],
        legal_basis="《财政部 农业部关于全面推开农业“三项补贴”改革工作的通知》（财农〔2016〕26号）",
        conditions="拥有耕地承包权的种地农民，耕地用于农业生产；已作为畜牧养殖场使用、改为林地或成片粮田转为设施农业用地、非农业征（占）用的耕地，以及长年抛荒地、占补平衡中“补”的面积和质量达不到耕种条件的耕地不予补贴。",
        legal_limit_explain=_NO_STATUTE,
        special_procedures="补贴面积在村级公示7日，公示期不计入办理时限。",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D3,
        result_type=APPROVAL,
        result_name="耕地地力保护补贴面积核定",
        keywords="种粮补贴 地力补贴 耕地补贴 农业补贴 惠农补贴",
        materials=[
            form("耕地地力保护补贴面积申报表"),
            id_card(),
            m("承包经营权证或土地确权信息", source=LIB, source_note="由电子证照库调取"),
        ],
        steps=_township_steps(8, 5),
        faqs=[q("补贴钱打到哪里？", "通过“一卡通”系统直接发放到申报人社会保障卡或一卡通账户。")],
        themes=["nongye-nongcun"],
        life_events=["jingying"],
    ),
    item(
        "zhongquan",
        50050001,
        T.BENEFIT,
        "孤儿和事实无人抚养儿童基本生活费申请",
        promised=15,
        legal=20,
        service_objects=[PERSON],
        legal_basis="《国务院办公厅关于加强孤儿保障工作的意见》（国办发〔2010〕54号）；《中华人民共和国未成年人保护法》",
        conditions="失去父母、查找不到生父母的未满18周岁的未成年人；父母双方均符合重残、重病、服刑在押、失联等情形之一的事实无人抚养儿童。",
        legal_limit_explain=_NO_STATUTE,
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason="需监护人携儿童到场核实情况",
        online_depth=D3,
        result_type=APPROVAL,
        result_name="基本生活费保障资格确认",
        keywords="孤儿 孤儿补贴 无人抚养儿童 儿童救助",
        materials=[
            form("孤儿（事实无人抚养儿童）基本生活保障申请表"),
            id_card("儿童及监护人"),
            m("父母死亡、失踪或重残、重病等证明", form=COPY),
        ],
        steps=_township_steps(6, 3),
        faqs=[q("基本生活费多久发一次？", "按月发放，标准按甘肃省公布的孤儿基本生活最低养育标准执行。")],
        themes=["shehui-jiuzhu"],
        life_events=["kunnan-bangfu"],
    ),
    item(
        "zhenglu",
        50050001,
        T.BENEFIT,
        "经济困难的高龄失能老年人养老服务补贴申请",
        promised=15,
        legal=20,
        service_objects=[PERSON],
        legal_basis="《中华人民共和国老年人权益保障法》第三十三条",
        conditions="户籍在正路镇、年满60周岁，经评估为失能或半失能，且属于低保、特困或低收入家庭的老年人。",
        legal_limit_explain=_NO_STATUTE,
        handling_forms=[WINDOW, ONLINE],
        visits_required=1,
        visits_reason="需接受上门失能等级评估",
        online_depth=D3,
        result_type=APPROVAL,
        result_name="养老服务补贴资格确认",
        keywords="失能老人 养老服务补贴 护理补贴 居家养老 老人",
        materials=[
            form("养老服务补贴申请表"),
            id_card("老年人"),
            m("老年人能力评估报告", source=GOV, source_note="由评估机构上门评估后推送"),
        ],
        steps=_township_steps(8, 5),
        faqs=[q("补贴是发钱还是发服务？", "一般以居家上门服务或服务券形式提供，具体以县民政局公布的办法为准。")],
        themes=["yanglao-fuwu"],
        life_events=["tuixiu", "kunnan-bangfu"],
    ),
    item(
        "sitan",
        50050001,
        T.BENEFIT,
        "医疗救助申请",
        promised=10,
        legal=20,
        service_objects=[PERSON],
        legal_basis=f"{_RELIEF_LAW}第二十七条至第三十一条；《国务院办公厅关于健全重特大疾病医疗保险和救助制度的意见》（国办发〔2021〕42号）",
        conditions="最低生活保障家庭成员、特困供养人员、低收入家庭成员及因病致贫的重病患者，经基本医疗保险、大病保险报销后个人负担的合规医疗费用仍然较重的。",
        legal_limit_explain=_NO_STATUTE,
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D3,
        result_type=APPROVAL,
        result_name="医疗救助审批结果",
        keywords="医疗救助 看病报销 大病救助 因病致贫 住院",
        materials=[
            form("医疗救助申请表"),
            id_card(),
            m("医疗费用结算单及发票", form=COPY, std="“一站式”结算的免于提交"),
        ],
        steps=_township_steps(4, 4),
        faqs=[
            q("低保户住院还要自己先垫钱吗？", "救助对象在定点医疗机构住院实行“一站式”即时结算，只需支付个人自付部分。")
        ],
        themes=["shehui-jiuzhu", "yiliao-weisheng"],
        life_events=["kunnan-bangfu"],
    ),
    item(
        "wufo",
        50110001,
        T.PUBLIC_SERVICE,
        "城乡居民基本医疗保险参保登记（乡镇代办）",
        promised=0,
        legal=0,
        service_objects=[PERSON],
        legal_basis=f"{_SI_LAW}第二十五条",
        conditions="未参加职工基本医疗保险的城乡居民，可在户籍地或居住地参加城乡居民基本医疗保险。",
        legal_limit_explain="当场办理",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D4,
        result_type=APPROVAL,
        result_name="城乡居民医疗保险参保登记信息",
        keywords="医保 新农合 医疗保险 参保 交医保 居民医保",
        materials=[id_card("参保人")],
        steps=instant_steps("参保登记信息"),
        faqs=[
            q(
                "每年什么时候交医保？",
                "集中缴费期一般为每年9月至12月，缴纳次年的居民医保费，可通过“甘肃税务”或社会保障卡APP缴费。",
            )
        ],
        themes=["shehui-baozhang", "yiliao-weisheng"],
        life_events=["chusheng", "jiuye"],
    ),
    item(
        "manshuitan",
        50050001,
        T.BENEFIT,
        "受灾人员冬春生活救助申请",
        promised=10,
        legal=20,
        service_objects=[PERSON],
        legal_basis="《自然灾害救助条例》第二十条、第二十一条",
        conditions="因当年冬寒或者次年春荒，受灾人员基本生活遇到困难的，在本人申请或村民小组提名基础上，经民主评议确定救助对象。",
        legal_limit_explain=_NO_STATUTE,
        special_procedures="救助对象名单在村级公示，公示期不计入办理时限。",
        handling_forms=[WINDOW, ONLINE],
        visits_required=0,
        online_depth=D3,
        result_type=APPROVAL,
        result_name="冬春生活救助资金或物资发放",
        keywords="冬春救助 受灾 灾害救助 救灾 冬令救助",
        materials=[form("冬春生活救助申请表"), id_card()],
        steps=_township_steps(5, 3),
        faqs=[q("冬春救助是发钱还是物资？", "根据困难情况发放救助资金，或发放口粮、衣被、取暖物资。")],
        themes=["shehui-jiuzhu"],
        life_events=["kunnan-bangfu"],
    ),
]

# --- 实名等级: items with legal effect need more than a verified phone to be applied for online --------
#: name → required level (2 身份证号码已核验, 3 窗口现场核验); every other item needs level 1.
REQUIRED_LEVELS = {
    "个体工商户设立登记": 2,
    "企业设立登记（有限责任公司）": 2,
    "企业注销登记": 2,
    "农民专业合作社设立登记": 2,
    "食品经营许可": 2,
    "道路货物运输经营许可": 2,
    "户口迁移（迁入登记）": 2,
    "不动产登记（国有建设用地使用权及房屋所有权转移登记）": 3,
    "不动产抵押权登记": 3,
}
for _entry in ITEMS:
    _entry["data"]["required_assurance_level"] = REQUIRED_LEVELS.get(_entry["data"]["name"], 1)
