"""Code lists of the catalogue. National codes keep their official values (STANDARDS.md §1)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemType(models.TextChoices):
    """事项类型 (task_type). 01–10 are the national power types; 公共服务 is numbered differently
    between systems (STANDARDS.md §1) — "11" here, mapped per exchange target when sending upwards."""

    LICENSING = "01", _("行政许可")
    PENALTY = "02", _("行政处罚")
    COERCION = "03", _("行政强制")
    LEVY = "04", _("行政征收")
    BENEFIT = "05", _("行政给付")
    INSPECTION = "06", _("行政检查")
    CONFIRMATION = "07", _("行政确认")
    REWARD = "08", _("行政奖励")
    ADJUDICATION = "09", _("行政裁决")
    OTHER_POWER = "10", _("其他行政权力")
    PUBLIC_SERVICE = "11", _("公共服务")


#: The power types (everything but 公共服务): the 行政权力清单 lists items of these types.
POWER_TYPES = frozenset(t.value for t in ItemType if t != ItemType.PUBLIC_SERVICE)


class UseLevel(models.TextChoices):
    """行使层级 (use_level)."""

    NATIONAL = "1", _("国家级")
    PROVINCIAL = "2", _("省级")
    CITY = "3", _("地市级")
    COUNTY = "4", _("区县级")
    TOWNSHIP = "5", _("乡镇级")
    VILLAGE = "6", _("村（社区）级")


class PowerSource(models.TextChoices):
    """权力来源 (power_source)."""

    STATUTORY = "1", _("法定本级行使")
    DELEGATED_DOWN = "2", _("上级下放")
    AUTHORISED_BY_UPPER = "3", _("上级授权")
    AUTHORISED_BY_PEER = "4", _("同级授权")
    ENTRUSTED_BY_UPPER = "5", _("上级委托")
    ENTRUSTED_BY_PEER = "6", _("同级委托")


class AgencyNature(models.TextChoices):
    """实施主体性质 (dept_type)."""

    STATUTORY_BODY = "1", _("法定机关")
    AUTHORISED_ORGANISATION = "2", _("授权组织")
    ENTRUSTED_ORGANISATION = "3", _("受委托组织")


class CaseType(models.TextChoices):
    """办件类型 (project_type)."""

    IMMEDIATE = "1", _("即办件")
    PROMISED = "2", _("承诺件")


class ServiceObject(models.TextChoices):
    """服务对象 (server_type)."""

    PERSON = "1", _("自然人")
    ENTERPRISE = "2", _("企业法人")
    PUBLIC_INSTITUTION = "3", _("事业法人")
    SOCIAL_ORGANISATION = "4", _("社会组织法人")
    UNINCORPORATED_ENTERPRISE = "5", _("非法人企业")
    ADMINISTRATIVE_ORGAN = "6", _("行政机关")
    OTHER_ORGANISATION = "9", _("其他组织")


class Audience(models.TextChoices):
    """The portal's two doors: 个人办事 and 法人办事, derived from the service objects."""

    PERSON = "person", _("个人办事")
    ORGANISATION = "organisation", _("法人办事")


class OnlineDepth(models.TextChoices):
    """网上办理深度, Ⅰ–Ⅳ (国办函〔2016〕108号; the exact wording of Ⅰ–Ⅲ is unverified, STANDARDS.md §1)."""

    GUIDE_PUBLISHED = "1", _("Ⅰ级：办事指南公开")
    FORMS_DOWNLOADABLE = "2", _("Ⅱ级：表格下载")
    ONLINE_PRE_REVIEW = "3", _("Ⅲ级：在线预审")
    FULLY_ONLINE = "4", _("Ⅳ级：全程网办")


class HandlingForm(models.TextChoices):
    """办理形式 (handle_type): several may apply."""

    WINDOW = "window", _("窗口办理")
    ONLINE = "online", _("网上办理")
    POST = "post", _("快递申请")


class ReviewKind(models.TextChoices):
    """事项审查类型: pairs with the case type (即审即办 ⇔ 即办件)."""

    IMMEDIATE = "immediate", _("即审即办")
    EXAMINE_THEN_APPROVE = "examine_then_approve", _("前审后批")


class ResultType(models.TextChoices):
    """审批结果类型."""

    CERTIFICATE = "certificate", _("出证办结")
    DOCUMENT = "document", _("出文办结")
    APPROVAL = "approval", _("审批办结")


class MaterialForm(models.TextChoices):
    """原件 / 复印件."""

    ORIGINAL = "original", _("原件")
    COPY = "copy", _("复印件")
    ORIGINAL_AND_COPY = "both", _("原件和复印件")


class MaterialFormat(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")
    PAPER_OR_ELECTRONIC = "either", _("纸质或电子")


class MaterialSource(models.TextChoices):
    """来源渠道 (source_type)."""

    APPLICANT = "applicant", _("申请人自备")
    GOVERNMENT = "government", _("政府部门核发")
    LICENCE_LIBRARY = "licence_library", _("电子证照库调取（免提交）")
    AGENCY = "agency", _("窗口提供")


class VersionStatus(models.TextChoices):
    """梳理 → 审核 → 入库 → 发布, then 已替代 when a newer version is published, or 已取消."""

    DRAFT = "draft", _("梳理中")
    REVIEW = "review", _("待审核")
    RETURNED = "returned", _("已退回")
    CATALOGUED = "catalogued", _("已入库")
    PUBLISHED = "published", _("已发布")
    SUPERSEDED = "superseded", _("已替代")
    RETIRED = "retired", _("已取消")


#: Statuses in which a version's content may still change (only its author's agency edits it).
EDITABLE_STATUSES = frozenset({VersionStatus.DRAFT, VersionStatus.RETURNED})


class ConvenienceCategory(models.TextChoices):
    """便民服务 categories: the headings of the navigation on /bmfw/, in this order."""

    UTILITIES = "utilities", _("水电气暖")
    SOCIAL_SECURITY = "social_security", _("社会保障")
    MEDICAL_INSURANCE = "medical_insurance", _("医疗保险")
    HOUSING_FUND = "housing_fund", _("住房公积金")
    TRANSPORT = "transport", _("交通出行")
    EDUCATION = "education", _("教育服务")
    EMPLOYMENT = "employment", _("就业服务")
    IDENTITY_DOCUMENTS = "identity_documents", _("户籍证件")
    LEGAL = "legal", _("法律服务")
    WEATHER_EMERGENCY = "weather_emergency", _("气象与应急")
    OTHER = "other", _("其他")
