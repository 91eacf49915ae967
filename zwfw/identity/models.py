"""The user model, custom from the first migration so it never needs replacing; organisations and
their agents; the password policies.

Persons, organisations' agents and staff are all :class:`User` rows. What a staff member may do
comes from their memberships in agencies (``org.Membership``), never from Django's
``is_superuser``/``is_staff`` flags, which the project does not use for business roles.

Personal data: the mobile number and the resident ID number are stored encrypted
(:class:`zwfw.core.pii.EncryptedTextField`), found by a keyed blind index (``*_index``, unique), and
shown only as the masked copies kept beside them (ID 6+4, mobile 3+4).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zwfw.core.models import TimeStampedModel
from zwfw.core.pii import EncryptedTextField

from .choices import AgentRole, AssuranceLevel, OrganisationKind, OrganisationStatus, PasswordProfile, UserKind


class User(AbstractUser):
    full_name = models.CharField(_("姓名"), max_length=100, blank=True)
    kind = models.CharField(_("账号类型"), max_length=16, choices=UserKind.choices, default=UserKind.PERSON)

    # Mobile number (persons log in with it; SMS codes go to it).
    mobile = EncryptedTextField(_("手机号码"), blank=True, default="")
    mobile_index = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    mobile_masked = models.CharField(_("手机号码"), max_length=11, blank=True, default="", editable=False)
    mobile_verified = models.BooleanField(_("手机号码已验证"), default=False)
    # Resident ID number (GB 11643), checked by python-stdnum before it is stored.
    id_number = EncryptedTextField(_("居民身份证号码"), blank=True, default="")
    id_number_index = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    id_number_masked = models.CharField(_("居民身份证号码"), max_length=18, blank=True, default="", editable=False)
    # 实名等级 and how it was reached (never lowered silently: every change is audited).
    assurance_level = models.PositiveSmallIntegerField(
        _("实名等级"), choices=AssuranceLevel.choices, default=AssuranceLevel.PHONE
    )
    assurance_changed_at = models.DateTimeField(_("实名等级变更时间"), null=True, blank=True)
    # Password policy: when it was last set, and whether the next login must change it.
    password_changed_at = models.DateTimeField(_("密码设置时间"), null=True, blank=True)
    must_change_password = models.BooleanField(_("下次登录须修改密码"), default=False)

    # Django's split first/last name does not fit Chinese names; ``full_name`` replaces them.
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]

    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return self.full_name or self.username


class Organisation(TimeStampedModel):
    """A legal person (法人) or other organisation with a 统一社会信用代码 (GB 32100)."""

    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    name = models.CharField(_("单位名称"), max_length=200)
    kind = models.CharField(
        _("单位类型"), max_length=16, choices=OrganisationKind.choices, default=OrganisationKind.ENTERPRISE
    )
    legal_representative = models.CharField(_("法定代表人（负责人）"), max_length=100)
    status = models.CharField(
        _("核验状态"), max_length=16, choices=OrganisationStatus.choices, default=OrganisationStatus.PENDING
    )
    verified_at = models.DateTimeField(_("核验时间"), null=True, blank=True)
    agents = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="OrganisationAgent", related_name="organisations", blank=True
    )

    class Meta:
        verbose_name = _("法人单位")
        verbose_name_plural = _("法人单位")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationAgent(TimeStampedModel):
    """A person acting for an organisation (经办人), with the role its administrator gave."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="agent_links")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agent_links")
    role = models.CharField(_("角色"), max_length=16, choices=AgentRole.choices, default=AgentRole.AGENT)
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("经办人")
        verbose_name_plural = _("经办人")
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="identity_agent_unique")]
        indexes = [models.Index(fields=["user", "is_active"])]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"


class PasswordPolicy(TimeStampedModel):
    """The password rules of one profile, edited by the 系统管理员 (one row per profile)."""

    profile = models.CharField(_("策略"), max_length=16, choices=PasswordProfile.choices, unique=True)
    min_length = models.PositiveSmallIntegerField(_("最小长度"), default=12)
    min_classes = models.PositiveSmallIntegerField(
        _("至少包含的字符种类"), default=0, help_text=_("大写字母、小写字母、数字、符号中的几类，0 表示不要求。")
    )
    max_age_days = models.PositiveSmallIntegerField(
        _("密码有效期（天）"), default=0, help_text=_("到期后登录须修改密码，0 表示不要求定期修改。")
    )
    history_count = models.PositiveSmallIntegerField(
        _("不得与最近几次密码相同"), default=0, help_text=_("0 表示不检查。")
    )

    class Meta:
        verbose_name = _("密码策略")
        verbose_name_plural = _("密码策略")
        constraints = [
            models.CheckConstraint(condition=Q(min_length__gte=8) & Q(min_length__lte=64), name="identity_pw_len"),
            models.CheckConstraint(condition=Q(min_classes__lte=4), name="identity_pw_classes"),
        ]

    def __str__(self) -> str:
        return self.get_profile_display()


class PasswordHistory(models.Model):
    """Hashes of a user's earlier passwords (for "not one of the last N"); never the passwords."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.created_at:%Y-%m-%d}"


# Registered OIDC clients live in zwfw/identity/oidc/models.py; importing them here registers them.
from .oidc.models import OidcClient  # noqa: E402, F401
