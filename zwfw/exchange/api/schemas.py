"""The shapes the API answers with (its contract; the OpenAPI document is generated from them).

Conventions: field names in English snake_case; a coded value (事项类型, 办件类型 …) is a
``{"code": "01", "label": "行政许可"}`` pair with the national or project code; dates are ISO 8601
with the time zone; ``url`` fields are paths on this site (prefix the site's origin), ``api_url``
fields are paths of this API. Nothing here carries personal data: staff names (reviewer, publisher)
are left out on purpose.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import TextChoices
from django.urls import reverse
from ninja import Field, Schema

from zwfw.catalog.choices import (
    AgencyNature,
    Audience,
    CaseType,
    ConvenienceCategory,
    HandlingForm,
    ItemType,
    MaterialForm,
    MaterialFormat,
    MaterialSource,
    OnlineDepth,
    PowerSource,
    ResultType,
    ReviewKind,
    ServiceObject,
    UseLevel,
)
from zwfw.openinfo.choices import OpenInfoValidity
from zwfw.org.choices import AgencyKind, RegionLevel


class Coded(Schema):
    """A value of a code list with its Chinese label."""

    code: str = Field(examples=["01"])
    label: str = Field(examples=["行政许可"])


def coded(value: str, choices: type[TextChoices]) -> dict[str, str] | None:
    """``{"code", "label"}`` of ``value`` (an unknown code keeps itself as label); None for blank."""
    if value in (None, ""):
        return None
    return {"code": str(value), "label": str(dict(choices.choices).get(value, value))}


def coded_list(values: Any, choices: type[TextChoices]) -> list[dict[str, str]]:
    return [c for c in (coded(v, choices) for v in values or []) if c is not None]


# --- organisations and classifications ---------------------------------------------------------------


class RegionRef(Schema):
    code: str = Field(description="行政区划代码（GB/T 2260，乡镇 9 位）", examples=["620423101"])
    name: str = Field(examples=["芦阳镇"])


class AgencyRef(Schema):
    slug: str = Field(
        description="机构标识（子站地址 /bm/<slug>/ 或 /xz/<slug>/，也是 agency 筛选的取值）", examples=["scjgj"]
    )
    name: str = Field(examples=["景泰县市场监督管理局"])
    short_name: str = Field(examples=["县市场监管局"])


class AgencyOut(AgencyRef):
    uscc: str = Field(description="统一社会信用代码", examples=["11620423MB1234567X"])
    kind: Coded
    region: RegionRef | None
    address: str
    phone: str = Field(description="咨询电话")
    complaint_phone: str = Field(description="监督投诉电话")
    office_hours: str
    item_count: int = Field(description="已发布事项数", examples=[12])

    @staticmethod
    def resolve_kind(obj: Any) -> dict[str, str] | None:
        return coded(obj.kind, AgencyKind)


class ClassificationOut(Schema):
    code: str = Field(description="代码（theme / life_event 筛选的取值）", examples=["hunyin"])
    name: str = Field(examples=["婚姻登记"])
    audience: Coded | None = Field(description="面向个人或法人")
    item_count: int = Field(description="已发布事项数", examples=[4])


class RegionOut(RegionRef):
    level: Coded = Field(description="县级或乡级")
    slug: str = Field(description="拼音标识", examples=["luyang"])

    @staticmethod
    def resolve_level(obj: Any) -> dict[str, str] | None:
        return coded(obj.level, RegionLevel)


# --- items ---------------------------------------------------------------------------------------


def _item_url(code: str) -> str:
    return reverse("portal:item_detail", kwargs={"code": code})


class ItemSummaryOut(Schema):
    """One published item in a list."""

    implementation_code: str = Field(
        description="实施编码（事项的稳定标识）", examples=["11620423MB1234567X4000201001000"]
    )
    basic_code: str = Field(description="基本编码", examples=["000201001000"])
    name: str = Field(description="事项名称", examples=["个体工商户设立登记"])
    item_type: Coded = Field(description="事项类型")
    agency: AgencyRef = Field(description="实施主体")
    for_persons: bool = Field(description="面向个人（个人办事）")
    for_organisations: bool = Field(description="面向法人（法人办事）")
    case_type: Coded = Field(description="办件类型：即办件 / 承诺件")
    legal_limit_days: int = Field(description="法定办结时限（工作日）")
    promised_limit_days: int = Field(description="承诺办结时限（工作日，0 为即办）")
    is_free: bool = Field(description="不收费")
    online_depth: Coded = Field(description="网上办理深度")
    visits_required: int = Field(description="到办事现场次数")
    version: int = Field(description="已发布版本号")
    published_at: datetime | None = Field(description="发布时间")
    url: str = Field(description="门户上的办事指南页面", examples=["/items/11620423MB1234567X4000201001000/"])
    api_url: str = Field(description="本接口中的完整办事指南")

    @staticmethod
    def resolve_implementation_code(obj: Any) -> str:
        return obj.item.implementation_code

    @staticmethod
    def resolve_basic_code(obj: Any) -> str:
        return obj.item.basic_code

    @staticmethod
    def resolve_item_type(obj: Any) -> dict[str, str] | None:
        return coded(obj.item_type, ItemType)

    @staticmethod
    def resolve_agency(obj: Any) -> Any:
        return obj.item.agency

    @staticmethod
    def resolve_case_type(obj: Any) -> dict[str, str] | None:
        return coded(obj.case_type, CaseType)

    @staticmethod
    def resolve_online_depth(obj: Any) -> dict[str, str] | None:
        return coded(obj.online_depth, OnlineDepth)

    @staticmethod
    def resolve_version(obj: Any) -> int:
        return obj.number

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return _item_url(obj.item.implementation_code)

    @staticmethod
    def resolve_api_url(obj: Any) -> str:
        return reverse("api-v1:item_detail", kwargs={"implementation_code": obj.item.implementation_code})


class MaterialOut(Schema):
    order: int = Field(description="序号")
    name: str = Field(description="材料名称", examples=["居民身份证"])
    is_required: bool = Field(description="必需")
    form: Coded = Field(description="原件 / 复印件")
    copies: int = Field(description="份数")
    material_format: Coded = Field(description="纸质 / 电子")
    source: Coded = Field(description="来源渠道")
    source_note: str
    acceptance_standard: str = Field(description="受理标准")
    note: str
    blank_form_url: str | None = Field(description="空白表格下载地址（没有则为 null）")
    sample_url: str | None = Field(description="示例样表下载地址（没有则为 null）")


class FeeOut(Schema):
    order: int
    name: str = Field(description="收费项目")
    standard: str = Field(description="收费标准")
    legal_basis: str = Field(description="收费依据")
    exemptions: str = Field(description="减免情形")


class StepOut(Schema):
    order: int
    name: str = Field(description="环节名称", examples=["受理"])
    handler: str = Field(description="办理人员")
    time_limit_days: int = Field(description="时限（工作日）")
    description: str = Field(description="办理标准和要求")


class FaqOut(Schema):
    order: int
    question: str
    answer: str


class WindowOut(Schema):
    centre: str = Field(description="政务（便民）服务中心", examples=["景泰县政务服务中心"])
    number: str = Field(description="窗口号", examples=["12"])
    name: str = Field(description="窗口名称")


class ClassificationRef(Schema):
    code: str
    name: str


class ItemDetailOut(ItemSummaryOut):
    """The whole published guide (办事指南) of one item."""

    use_level: Coded = Field(description="行使层级")
    agency_nature: Coded = Field(description="实施主体性质")
    power_source: Coded = Field(description="权力来源")
    entrusting_agency: str = Field(description="委托部门")
    service_objects: list[Coded] = Field(description="服务对象")
    review_kind: Coded = Field(description="审查类型")
    legal_basis: str = Field(description="设定依据")
    conditions: str = Field(description="受理条件")
    legal_limit_explain: str
    promised_limit_explain: str
    handling_forms: list[Coded] = Field(description="办理形式")
    visits_reason: str = Field(description="必须现场办理原因说明")
    online_payment: bool = Field(description="支持网上支付")
    required_assurance_level: Coded = Field(
        description="网上申请所需的实名等级：1 手机号码已验证，2 身份证号码已核验，3 窗口现场核验"
    )
    handling_place: str = Field(description="办理地点（精确到窗口）")
    handling_hours: str = Field(description="办理时间")
    consult_phone: str = Field(description="咨询电话")
    complaint_phone: str = Field(description="监督投诉电话")
    special_procedures: str = Field(description="特别程序")
    result_type: Coded = Field(description="审批结果类型")
    result_name: str = Field(description="审批结果名称", examples=["营业执照"])
    result_sample_url: str | None = Field(description="结果样本下载地址（没有则为 null）")
    keywords: str
    themes: list[ClassificationRef] = Field(description="主题")
    life_events: list[ClassificationRef] = Field(description="生命周期事件")
    materials: list[MaterialOut] = Field(description="申请材料")
    fees: list[FeeOut] = Field(description="收费项目（is_free 为 true 时为空）")
    steps: list[StepOut] = Field(description="办理流程")
    faqs: list[FaqOut] = Field(description="常见问题")
    windows: list[WindowOut] = Field(description="办理窗口")
    townships: list[RegionRef] = Field(description="可办理的乡镇（村）")

    @staticmethod
    def resolve_required_assurance_level(obj: Any) -> dict[str, str] | None:
        from zwfw.identity.choices import AssuranceLevel

        level = obj.required_assurance_level
        return {"code": str(level), "label": str(AssuranceLevel(level).label)} if level else None

    @staticmethod
    def resolve_use_level(obj: Any) -> dict[str, str] | None:
        return coded(obj.item.use_level, UseLevel)

    @staticmethod
    def resolve_agency_nature(obj: Any) -> dict[str, str] | None:
        return coded(obj.agency_nature, AgencyNature)

    @staticmethod
    def resolve_power_source(obj: Any) -> dict[str, str] | None:
        return coded(obj.power_source, PowerSource)

    @staticmethod
    def resolve_service_objects(obj: Any) -> list[dict[str, str]]:
        return coded_list(obj.service_objects, ServiceObject)

    @staticmethod
    def resolve_review_kind(obj: Any) -> dict[str, str] | None:
        return coded(obj.review_kind, ReviewKind)

    @staticmethod
    def resolve_handling_forms(obj: Any) -> list[dict[str, str]]:
        return coded_list(obj.handling_forms, HandlingForm)

    @staticmethod
    def resolve_result_type(obj: Any) -> dict[str, str] | None:
        return coded(obj.result_type, ResultType)

    @staticmethod
    def resolve_result_sample_url(obj: Any) -> str | None:
        if not obj.result_sample:
            return None
        return reverse("portal:item_result_file", kwargs={"code": obj.item.implementation_code})

    @staticmethod
    def resolve_themes(obj: Any) -> list[Any]:
        return list(obj.themes.all())

    @staticmethod
    def resolve_life_events(obj: Any) -> list[Any]:
        return list(obj.life_events.all())

    @staticmethod
    def resolve_materials(obj: Any) -> list[dict[str, Any]]:
        code = obj.item.implementation_code

        def file_url(field: Any, which: str, order: int) -> str | None:
            if not field:
                return None
            return reverse("portal:item_file", kwargs={"code": code, "which": which, "order": order})

        return [
            {
                "order": m.order,
                "name": m.name,
                "is_required": m.is_required,
                "form": coded(m.form, MaterialForm),
                "copies": m.copies,
                "material_format": coded(m.material_format, MaterialFormat),
                "source": coded(m.source, MaterialSource),
                "source_note": m.source_note,
                "acceptance_standard": m.acceptance_standard,
                "note": m.note,
                "blank_form_url": file_url(m.blank_form, "blank", m.order),
                "sample_url": file_url(m.sample, "sample", m.order),
            }
            for m in obj.materials.all()
        ]

    @staticmethod
    def resolve_fees(obj: Any) -> list[Any]:
        return list(obj.fees.all())

    @staticmethod
    def resolve_steps(obj: Any) -> list[Any]:
        return list(obj.steps.all())

    @staticmethod
    def resolve_faqs(obj: Any) -> list[Any]:
        return list(obj.faqs.all())

    @staticmethod
    def resolve_windows(obj: Any) -> list[dict[str, str]]:
        return [{"centre": w.centre.name, "number": w.number, "name": w.name} for w in obj.windows.all()]

    @staticmethod
    def resolve_townships(obj: Any) -> list[Any]:
        return list(obj.handling_regions.all())


# --- convenience services ----------------------------------------------------------------------


class ConvenienceServiceOut(Schema):
    code: str = Field(examples=["water-bill"])
    name: str = Field(examples=["水费查询缴纳"])
    category: Coded = Field(description="类别")
    audience: Coded | None = Field(description="面向个人或法人（null 为都可）")
    description: str
    agency: AgencyRef | None = Field(description="主管部门")
    provider: str = Field(description="服务提供方（非本县机构时）")
    url: str = Field(description="链接：站内路径或 https:// 外部可信网站")
    is_external: bool = Field(description="外部网站")
    phone: str = Field(description="服务电话")
    address: str = Field(description="线下办理地址")
    hours: str = Field(description="办理时间")
    life_events: list[ClassificationRef]

    @staticmethod
    def resolve_category(obj: Any) -> dict[str, str] | None:
        return coded(obj.category, ConvenienceCategory)

    @staticmethod
    def resolve_audience(obj: Any) -> dict[str, str] | None:
        return coded(obj.audience, Audience)

    @staticmethod
    def resolve_life_events(obj: Any) -> list[Any]:
        return list(obj.life_events.all())


# --- search -------------------------------------------------------------------------------------


class SearchHitOut(Schema):
    kind: str = Field(description="类别：item / list_entry / open_info / convenience", examples=["item"])
    key: str = Field(description="对象标识（事项为实施编码）")
    title: str = Field(examples=["个体工商户设立登记"])
    url: str = Field(description="门户上的页面")
    snippet: str = Field(description="摘要（纯文本）")
    snippet_html: str = Field(description="摘要（已转义的 HTML，命中词用 <mark> 标出）")
    title_html: str = Field(description="标题（已转义的 HTML，命中词用 <mark> 标出）")
    approximate: bool = Field(description="近似匹配（错别字或部分词语）")


class SearchGroupOut(Schema):
    kind: str = Field(examples=["item"])
    label: str = Field(examples=["办事事项"])
    total: int = Field(description="此类别的命中总数")
    hits: list[SearchHitOut] = Field(description="此类别当前页的结果，按相关度排序")


class SuggestionOut(Schema):
    title: str
    url: str


class SearchOut(Schema):
    query: str = Field(description="实际检索的词（规范化后，最多 50 个字符）", examples=["营业执照"])
    truncated: bool = Field(description="检索词过长被截断")
    total: int = Field(description="各类别命中总数之和")
    approximate: bool = Field(description="没有精确命中，结果为近似匹配（“您是不是要找”）")
    notice: str = Field(description="给用户的提示（近似匹配时为“您是不是要找”）")
    page: int
    page_size: int
    groups: list[SearchGroupOut] = Field(description="按类别分组的结果：办事事项、权责清单、政务公开、便民服务")
    suggestions: list[SuggestionOut] = Field(description="没有结果时推荐的条目")


# --- the five lists -------------------------------------------------------------------------------


class ColumnOut(Schema):
    key: str = Field(examples=["standard"])
    label: str = Field(examples=["收费标准"])


class ListOut(Schema):
    kind: str = Field(description="清单：power / responsibility / fee / fund / poverty", examples=["fee"])
    label: str = Field(examples=["行政事业性收费清单"])
    count: int = Field(description="已发布条目数")
    columns: list[ColumnOut] = Field(description="条目 fields 中各字段的含义（与门户下载的表头一致）")
    url: str = Field(description="门户上的清单页面")
    api_url: str


class BeneficiaryOut(Schema):
    """A household of a poverty project, masked by the lists domain: never a full name or ID number."""

    name_masked: str = Field(description="姓名（已脱敏）", examples=["测*"])
    id_number_masked: str = Field(
        description="居民身份证号码（已脱敏：前 6 位和后 4 位）", examples=["620423********1234"]
    )
    household_size: int = Field(description="家庭人口")
    assistance_amount: Decimal | None = Field(description="帮扶金额（元）")
    assistance: str = Field(description="帮扶内容")


class ListEntryOut(Schema):
    id: str = Field(description="条目标识（行政权力清单为事项实施编码）", examples=["12"])
    kind: str = Field(examples=["fee"])
    name: str = Field(examples=["居民身份证工本费"])
    agency: AgencyRef
    fields: dict[str, Any] = Field(description="各字段的值（含义见 /lists 的 columns），代码已换成中文名称")
    beneficiaries: list[BeneficiaryOut] | None = Field(None, description="受益户（仅扶贫专项清单，已脱敏）")
    published_at: datetime | None
    url: str = Field(description="门户上的条目页面（行政权力清单为办事指南）")
    api_url: str


class FactOut(Schema):
    label: str = Field(examples=["收费标准"])
    value: str


class ChangeOut(Schema):
    label: str
    old: str
    new: str


class RevisionOut(Schema):
    number: int = Field(description="修订序号")
    action: Coded = Field(description="发布 / 修改 / 撤销")
    occurred_at: datetime
    note: str = Field(description="说明（撤销时为撤销理由）")
    changes: list[ChangeOut] = Field(description="与上一次发布相比的变化")


class ListEntryDetailOut(ListEntryOut):
    facts: list[FactOut] = Field(description="条目内容，按清单字段顺序，空字段省略")
    history: list[RevisionOut] = Field(description="发布历史，新的在前（行政权力清单为空：见事项的版本）")


# --- open information ---------------------------------------------------------------------------


class OpenInfoCategoryOut(Schema):
    code: str = Field(examples=["11"])
    name: str = Field(examples=["通知公告"])
    count: int = Field(description="已发布条数")


class OpenInfoOut(Schema):
    id: int
    index_number: str | None = Field(description="索引号")
    title: str = Field(examples=["关于2026年冬季城区集中供暖的通知"])
    document_number: str = Field(description="文号")
    category: ClassificationRef = Field(description="公开类别")
    agency: AgencyRef = Field(description="发布机构")
    written_on: date = Field(description="成文日期")
    published_on: date | None = Field(description="发布日期")
    subject_words: str = Field(description="主题词")
    validity: Coded = Field(description="有效性")
    url: str = Field(description="门户上的页面")
    api_url: str

    @staticmethod
    def resolve_validity(obj: Any) -> dict[str, str] | None:
        return coded(obj.validity, OpenInfoValidity)

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return reverse("portal:openinfo_detail", kwargs={"pk": obj.pk})

    @staticmethod
    def resolve_api_url(obj: Any) -> str:
        return reverse("api-v1:open_info_detail", kwargs={"info_id": obj.pk})


class OpenInfoSummaryOut(OpenInfoOut):
    attachment_count: int = Field(description="附件数")


class AttachmentOut(Schema):
    name: str = Field(description="文件名", examples=["供暖收费标准.pdf"])
    extension: str = Field(examples=["pdf"])
    content_type: str = Field(examples=["application/pdf"])
    size: int = Field(description="大小（字节）")
    sha256: str
    url: str = Field(description="下载地址")


class OpenInfoDetailOut(OpenInfoOut):
    body: str = Field(description="正文（纯文本，空行分段）")
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_attachments(obj: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": a.original_name,
                "extension": a.extension,
                "content_type": a.content_type,
                "size": a.size,
                "sha256": a.sha256,
                "url": reverse("portal:openinfo_file", kwargs={"pk": obj.pk, "attachment_pk": a.pk}),
            }
            for a in obj.attachments.all()
        ]


# --- identifiers in query strings and paths ----------------------------------------------------------

#: An agency slug or a classification code.
SLUG = r"^[-a-zA-Z0-9_]+$"
#: A GB/T 2260 region code (county 6 digits, township 9).
REGION_CODE = r"^[0-9]{6,12}$"
#: What an implementation code may look like (USCC + level + basic code, letters and digits).
IMPLEMENTATION_CODE = r"^[0-9A-Za-z]{1,40}$"
