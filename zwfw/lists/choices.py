"""Enumerations of the lists domain (五张清单)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ListKind(models.TextChoices):
    """The five lists of the plan; the value is the list's address on the portal (``/ygzw/lists/<kind>/``).

    ``power`` (行政权力清单) is a view of the published power items of the catalogue; the other four are
    maintained here.
    """

    POWER = "power", _("行政权力清单")
    RESPONSIBILITY = "responsibility", _("部门责任清单")
    FEE = "fee", _("行政事业性收费清单")
    FUND = "fund", _("财政专项资金管理清单")
    POVERTY = "poverty", _("扶贫专项清单")


#: The kinds kept in this app (everything but the power list).
MAINTAINED_KINDS: tuple[str, ...] = (ListKind.RESPONSIBILITY, ListKind.FEE, ListKind.FUND, ListKind.POVERTY)


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤销")


class RevisionAction(models.TextChoices):
    CREATE = "create", _("新建")
    UPDATE = "update", _("修改")
    PUBLISH = "publish", _("发布")
    WITHDRAW = "withdraw", _("撤销")


class FundManagement(models.TextChoices):
    """资金管理方式 of a fee."""

    TREASURY = "treasury", _("缴入国库")
    SPECIAL_ACCOUNT = "special_account", _("缴入财政专户")


class FundLevel(models.TextChoices):
    """资金来源 of a special fund: which level of government provides it."""

    CENTRAL = "central", _("中央")
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")


class AllocationMethod(models.TextChoices):
    """分配方式 of a special fund."""

    FACTOR = "factor", _("因素法")
    PROJECT = "project", _("项目法")
    COMPETITIVE = "competitive", _("竞争性分配")
    STANDARD = "standard", _("按标准补助")
    SUBSIDY_FOR_RESULTS = "results", _("以奖代补")
    OTHER = "other", _("其他")


class ProjectType(models.TextChoices):
    """项目类型 of a poverty-alleviation (衔接乡村振兴) project."""

    INDUSTRY = "industry", _("产业发展")
    INFRASTRUCTURE = "infrastructure", _("基础设施")
    EMPLOYMENT = "employment", _("就业帮扶")
    EDUCATION = "education", _("教育帮扶")
    HEALTH = "health", _("健康帮扶")
    HOUSING = "housing", _("住房安全")
    RELOCATION = "relocation", _("易地搬迁后续扶持")
    OTHER = "other", _("其他")


class ProjectProgress(models.TextChoices):
    """状态 of a poverty project's work (not the list entry's publication status)."""

    PLANNED = "planned", _("计划")
    IN_PROGRESS = "in_progress", _("实施中")
    COMPLETED = "completed", _("已完工")
    ACCEPTED = "accepted", _("已验收")
