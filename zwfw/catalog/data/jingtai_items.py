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
PERSON, ENTERPRISE, INSTITUTION, SOCIAL_ORG, UNINCORPORATED, OTHER_ORG = "1", "2", "3", "4", "5", "9"
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


def s(name: str, handler: str, days: int, description: str) -> dict:
    """One 办理环节 (time limit in working days)."""
    return {"name": name, "handler": handler, "time_limit_days": days, "description": description}


def std_steps(accept: int, review: int, decide: int, deliver: int, *, review_note: str = "") -> list[dict]:
    """The usual 受理 → 审查 → 决定 → 送达 of a 承诺件."""
    return [
        s("受理", "窗口受理人员", accept, "审查材料是否齐全、是否符合法定形式；材料不全的一次性告知需补正的全部内容"),
        s("审查", "业务股室经办人", review, review_note or "对申请材料的实质内容进行审查，提出审查意见"),
        s("决定", "分管负责人", decide, "根据审查意见作出准予或不予的决定；不予的书面说明理由并告知救济途径"),
        s("送达", "窗口工作人员", deliver, "通过窗口领取、邮寄或电子证照方式送达办理结果"),
    ]


def instant_steps(result: str) -> list[dict]:
    """The two steps of a 即办件, both on the spot."""
    return [
        s("受理", "窗口受理人员", 0, "核验身份和材料，材料齐全、符合法定形式的当场受理"),
        s("审核办结", "窗口审核人员", 0, f"当场审核并办结，当场出具{result}"),
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
        "promised_limit_explain": "即来即办，材料齐全当场办结" if promised == 0 else f"自受理之日起{promised}个工作日内办结",
        "handling_forms": [WINDOW, ONLINE],
        "visits_required": 1,
        "visits_reason": "",
        "online_payment": False,
        "handling_place": (
            f"景泰县{township[1]}便民服务中心一楼02号社会事务窗口" if township else PLACES[agency]
        ),
        "handling_hours": OFFICE_HOURS if township else HALL_HOURS,
        "consult_phone": consult,
        "complaint_phone": complaint,
        "special_procedures": "",
        "fees": [],
        "life_events": [],
        "handling_regions": [township[0]] if township else [],
    }
    guide.update(data)
    guide["is_free"] = not guide["fees"]
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
        "scjgj", 10010001, T.CONFIRMATION, "个体工商户设立登记",
        promised=0, legal=3,
        service_objects=[PERSON],
        legal_basis=f"《促进个体工商户发展条例》（国务院令第755号）第七条；{_MARKET_LAW}第三条、第十九条",
        conditions="有经营能力的公民从事工商业经营；经营者身份信息真实；名称符合《企业名称登记管理规定》；经营场所真实合法；经营范围不属于法律法规禁止的项目。",
        legal_limit_explain="《市场主体登记管理条例》第十九条：申请材料齐全、符合法定形式的当场登记；不能当场登记的，3个工作日内予以登记",
        handling_forms=[WINDOW, ONLINE], visits_required=0, online_depth=D4,
        result_type=CERT, result_name="个体工商户营业执照（纸质及电子营业执照）",
        keywords="开饭馆 开店 餐饮 营业执照 个体户 个体工商户 开业 门店 做生意 yyzz",
        materials=[
            form("个体工商户登记（备案）申请书"),
            id_card("经营者"),
            m("经营场所使用证明", form=COPY, std="房屋产权证明或租赁协议；无产权证明的可提交村（居）委会出具的场所证明", note="住所（经营场所）申报承诺制地区可提交承诺书"),
            m("委托代理人身份证明及委托书", required=False, std="委托他人办理时提交"),
        ],
        steps=instant_steps("营业执照"),
        faqs=[
            q("开一家小面馆要先办营业执照还是食品经营许可证？", "先办理个体工商户营业执照，再凭营业执照申请食品经营许可；两项可在政务服务网“开饭馆”主题中一次提交，食品经营许可将从电子证照库调取营业执照，无需再上传。"),
            q("个体工商户名称必须起吗？", "个体工商户可以不使用名称；使用名称的，由行政区划、字号、行业、组织形式依次组成，例如“景泰县某某面馆”。"),
        ],
        themes=["shichang-zhunru"], life_events=["chuangye", "qiye-kaiban"],
        handling_regions=ALL_TOWNSHIPS,
    ),
    item(
        "scjgj", 10010002, T.CONFIRMATION, "个体工商户变更登记",
        promised=0, legal=3,
        service_objects=[PERSON],
        legal_basis=f"《促进个体工商户发展条例》第七条；{_MARKET_LAW}第二十四条",
        conditions="已登记的个体工商户，名称、经营者、经营范围、经营场所、组成形式等登记事项发生变化的，应当自作出变更决议、决定或者法定变更事项发生之日起30日内申请变更登记。",
        legal_limit_explain="《市场主体登记管理条例》第十九条：当场登记或3个工作日内登记",
        handling_forms=[WINDOW, ONLINE], visits_required=0, online_depth=D4,
        result_type=CERT, result_name="个体工商户营业执照（换发）",
        keywords="个体户变更 换执照 改名字 换经营者 改地址 营业执照变更",
        materials=[form("个体工商户变更登记申请书"), id_card("经营者"), licence(), m("变更事项相关证明材料", form=COPY, std="如变更经营场所的，提交新场所使用证明")],
        steps=instant_steps("换发后的营业执照"),
        faqs=[q("个体工商户可以直接变更为公司吗？", "可以。个体工商户可以申请变更为企业（“个转企”），直接办理变更登记，保留原名称字号和成立日期等信息。")],
        themes=["shichang-zhunru"], life_events=["biangeng"],
    ),
    item(
        "scjgj", 10010003, T.CONFIRMATION, "企业设立登记（有限责任公司）",
        promised=1, legal=3,
        service_objects=[PERSON, ENTERPRISE],
        legal_basis=f"《中华人民共和国公司法》第二十九条至第三十三条；{_MARKET_LAW}第十九条至第二十一条",
        conditions="股东符合法定人数；有符合公司章程规定的出资；依法制定公司章程；有公司名称，建立符合有限责任公司要求的组织机构；有公司住所。",
        legal_limit_explain="《市场主体登记管理条例》第十九条：当场登记或3个工作日内登记",
        handling_forms=[WINDOW, ONLINE], visits_required=0, online_depth=D4,
        result_type=CERT, result_name="营业执照（纸质及电子营业执照）",
        keywords="开公司 注册公司 企业开办 营业执照 公司设立 有限公司 yyzz",
        special_procedures="企业开办“一网通办”：设立登记、公章刻制、发票申领、社保和公积金登记一次提交，全流程1个工作日内办结。",
        materials=[
            form("公司登记（备案）申请书"),
            m("公司章程", std="全体股东签署；可使用章程参考文本"),
            id_card("股东、法定代表人及董事、监事、高级管理人员"),
            m("住所（经营场所）使用证明", form=COPY, std="产权证明或租赁协议，或按住所申报承诺制提交承诺书"),
        ],
        steps=[s("受理", "窗口受理人员", 0, "网上提交或窗口提交，核验实名身份与材料"), s("审核", "登记注册股审核人员", 1, "审核登记事项和章程，核准后生成电子营业执照")],
        faqs=[
            q("注册资本需要实缴吗？", "依照2024年7月1日施行的《公司法》，有限责任公司全体股东认缴的出资额应当自公司成立之日起五年内缴足。"),
            q("开办企业还要去刻章吗？", "不必另行跑腿。通过企业开办专区申请设立登记时可同时选择公章刻制，由政府购买服务免费刻制并寄递。"),
        ],
        themes=["shichang-zhunru"], life_events=["qiye-kaiban"],
    ),
    item(
        "scjgj", 10010004, T.CONFIRMATION, "企业注销登记",
        promised=1, legal=3,
        service_objects=[ENTERPRISE, UNINCORPORATED],
        legal_basis=f"《中华人民共和国公司法》第二百三十九条至第二百四十一条；{_MARKET_LAW}第三十一条至第三十四条",
        conditions="企业已依法完成清算，清偿债务、清缴税款和社会保险费；适用简易注销的，未发生债权债务或已将债权债务清偿完结，并经20日公示期无异议。",
        legal_limit_explain="《市场主体登记管理条例》第十九条：当场登记或3个工作日内登记",
        handling_forms=[WINDOW, ONLINE], visits_required=0, online_depth=D4,
        special_procedures="简易注销需在国家企业信用信息公示系统公示20日，公示期不计入办理时限。",
        result_type=DOC, result_name="准予注销登记通知书",
        keywords="注销 公司注销 企业注销 简易注销 关闭公司 不干了 歇业",
        materials=[form("企业注销登记申请书"), m("清算报告或全体投资人承诺书", std="普通注销提交经确认的清算报告；简易注销提交全体投资人承诺书"), licence("营业执照正、副本")],
        steps=[s("受理", "窗口受理人员", 0, "核验材料及税务、社保清税信息"), s("审核", "登记注册股审核人员", 1, "核准注销登记，收缴营业执照")],
        faqs=[
            q("注销前要先去税务局吗？", "通过“企业注销一网服务”平台提交后，税务、社保信息由部门间共享核验；未办理涉税事项的纳税人可免予办理清税证明。"),
            q("什么情况不能简易注销？", "存在股权（财产份额）被冻结、出质，或正在被立案调查、被列入严重违法失信名单等情形的，不适用简易注销。"),
        ],
        themes=["shichang-zhunru"], life_events=["zhuxiao"],
    ),
    item(
        "scjgj", 10010005, T.CONFIRMATION, "农民专业合作社设立登记",
        promised=1, legal=3,
        service_objects=[PERSON, OTHER_ORG],
        legal_basis=f"《中华人民共和国农民专业合作社法》第十六条；{_MARKET_LAW}第十九条",
        conditions="有五名以上符合规定的成员，农民至少占成员总数的百分之八十；有符合法律规定的章程；有符合法律规定的组织机构；有符合法律、行政法规规定的名称和章程确定的住所；有符合章程规定的成员出资。",
        legal_limit_explain="《市场主体登记管理条例》第十九条：当场登记或3个工作日内登记",
        handling_forms=[WINDOW, ONLINE], visits_required=0, online_depth=D4,
        result_type=CERT, result_name="农民专业合作社营业执照",
        keywords="合作社 种植合作社 养殖合作社 枸杞 专业合作社 注册合作社",
        materials=[form("农民专业合作社登记（备案）申请书"), m("全体设立人签名、盖章的设立大会纪要"), m("全体设立人签名、盖章的章程"), m("成员名册及成员出资清单"), id_card("法定代表人、理事")],
        steps=[s("受理", "窗口受理人员", 0, "核验材料"), s("审核", "登记注册股审核人员", 1, "核准后发放营业执照")],
        faqs=[q("合作社成员可以都是同村的农民吗？", "可以。农民成员应当占成员总数的百分之八十以上；成员总数二十人以下的，可以有一个企业、事业单位或者社会组织成员。")],
        themes=["shichang-zhunru", "nongye-nongcun"], life_events=["qiye-kaiban"],
    ),
    item(
        "scjgj", 10010006, T.LICENSING, "食品经营许可",
        promised=5, legal=10,
        service_objects=[PERSON, ENTERPRISE, UNINCORPORATED],
        legal_basis="《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）第四条、第二十二条",
        conditions="已取得营业执照等主体资格；具有与经营的食品品种、数量相适应的经营场所，并与有毒、有害场所以及其他污染源保持规定的距离；有相应的设备设施、食品安全管理人员和规章制度；有合理的设备布局和工艺流程。",
        legal_limit_explain="自受理申请之日起10个工作日内作出决定；因特殊原因需要延长的，经负责人批准可以延长5个工作日（以现行文本为准）",
        handling_forms=[WINDOW, ONLINE], visits_required=0, online_depth=D4,
        special_procedures="需要现场核查的，由县市场监督管理局一条山市场监管所到经营场所核查，核查时间不超过5个工作日且计入承诺时限；仅销售预包装食品的，实行备案管理。",
        result_type=CERT, result_name="食品经营许可证（纸质及电子证书）",
        keywords="开饭馆 餐饮 食品经营 小吃店 面馆 饭店 食品许可证 卖食品 超市",
        materials=[
            form("食品经营许可申请书"),
            licence(),
            id_card("法定代表人（负责人）"),
            m("经营场所平面图和设备布局、操作流程示意图", std="标明功能区划分、主要设备位置及面积"),
            m("食品安全自查、从业人员健康管理、进货查验记录等食品安全管理制度"),
        ],
        steps=std_steps(1, 2, 1, 1, review_note="审查材料，必要时进行现场核查，核查人员不少于2人"),
        faqs=[
            q("营业执照还没拿到能先申请食品经营许可吗？", "不能。需先取得营业执照；通过“开饭馆”一件事主题同时申请的，营业执照核发后系统自动从电子证照库调取，许可申请随即进入审查。"),
            q("许可证有效期多久？", "食品经营许可证有效期为5年，期满需继续经营的，应当在有效期届满前90个工作日至15个工作日期间提出延续申请。"),
        ],
        themes=["shichang-zhunru", "shipin-yaopin"], life_events=["qiye-kaiban", "jingying"],
    ),
    item(
        "scjgj", 10010007, T.LICENSING, "药品零售企业经营许可",
        promised=15, legal=30,
        power_source="2",
        service_objects=[ENTERPRISE, UNINCORPORATED],
        legal_basis="《中华人民共和国药品管理法》第五十一条、第五十二条；《药品经营和使用质量监督管理办法》（国家市场监督管理总局令第84号）",
        conditions="有依法经过资格认定的药师或者其他药学技术人员；有与所经营药品相适应的营业场所、设备、仓储设施和卫生环境；有与所经营药品相适应的质量管理机构或者人员；有保证药品质量的规章制度，并符合药品经营质量管理规范要求。",
        legal_limit_explain="自受理之日起30个工作日内作出决定（以现行规章为准）",
        handling_forms=[WINDOW, ONLINE], visits_required=1, visits_reason=VISIT_COLLECT, online_depth=D3,
        special_procedures="现场检查（验收）时间计入承诺时限；申请人整改时间不计入。",
        result_type=CERT, result_name="药品经营许可证",
        keywords="开药店 药房 药品零售 药品经营许可证",
        materials=[form("药品经营许可证申请表"), licence(), m("执业药师注册证", form=COPY), m("营业场所、仓库平面布置图及房屋产权或使用权证明", form=COPY), m("质量管理文件和主要设施、设备目录")],
        steps=std_steps(1, 10, 2, 2, review_note="材料审查并组织现场检查"),
        faqs=[q("药店必须配备执业药师吗？", "经营处方药、甲类非处方药的药品零售企业，应当按规定配备执业药师或其他依法经过资格认定的药学技术人员。")],
        themes=["shichang-zhunru", "shipin-yaopin"], life_events=["qiye-kaiban"],
    ),
    item(
        "scjgj", 10010008, T.CONFIRMATION, "特种设备使用登记",
        promised=5, legal=15,
        service_objects=[ENTERPRISE, INSTITUTION, UNINCORPORATED],
        legal_basis="《中华人民共和国特种设备安全法》第三十三条；《特种设备安全监察条例》第二十五条；TSG 08-2017《特种设备使用管理规则》",
        conditions="特种设备已经检验合格；使用单位已建立安全管理制度并配备安全管理人员和作业人员；在投入使用前或者投入使用后30日内申请登记。",
        legal_limit_explain="登记机关自受理之日起15个工作日内完成审查并发证（TSG 08-2017，以现行文本为准）",
        handling_forms=[WINDOW, ONLINE], visits_required=0, online_depth=D4,
        result_type=CERT, result_name="特种设备使用登记证",
        keywords="电梯登记 锅炉 压力容器 叉车 特种设备 使用登记证",
        materials=[form("特种设备使用登记表"), licence(), m("产品合格证及监督检验证明", form=COPY), m("定期检验报告", form=COPY, required=False, std="在用设备变更登记时提交")],
        steps=std_steps(1, 2, 1, 1),
        faqs=[q("叉车需要办使用登记吗？", "需要。场（厂）内专用机动车辆属于特种设备，应当办理使用登记并定期检验。")],
        themes=["anquan-shengchan"], life_events=["jingying"],
    ),
]
