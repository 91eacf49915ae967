from django.db import models
from django.utils.translation import gettext_lazy as _

# 实名等级 is core's: items (catalog) declare the level they need, identity raises a person's.
from zwfw.core.choices import AssuranceLevel  # noqa: F401 - re-exported for identity's callers


class UserKind(models.TextChoices):
    """What an account is for. Persons may also act as agents (经办人) of organisations."""

    PERSON = "person", _("自然人")
    STAFF = "staff", _("工作人员")
    MACHINE = "machine", _("系统账号")


class OrganisationKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业")
    INDIVIDUAL_BUSINESS = "individual", _("个体工商户")
    COOPERATIVE = "cooperative", _("农民专业合作社")
    INSTITUTION = "institution", _("事业单位")
    SOCIAL = "social", _("社会组织")
    OTHER = "other", _("其他组织")


class OrganisationStatus(models.TextChoices):
    PENDING = "pending", _("待核验")
    VERIFIED = "verified", _("已核验")
    SUSPENDED = "suspended", _("已停用")


class AgentRole(models.TextChoices):
    """What a person may do for an organisation (经办人 roles given by its administrator)."""

    ADMIN = "admin", _("单位管理员")
    AGENT = "agent", _("经办人")


class PasswordProfile(models.TextChoices):
    """Which password policy applies: 等保 level 3 for staff, OWASP ASVS level 2 for everyone else."""

    DENGBAO = "dengbao", _("等保三级（工作人员）")
    ASVS = "asvs", _("ASVS 二级（公众）")
