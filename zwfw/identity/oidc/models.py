"""What the platform knows about a registered OIDC client beyond django-oauth-toolkit's Application.

DOT 3.x has no per-application scopes and no "inactive" flag, so each registered client has one
:class:`OidcClient` row beside its ``oauth2_provider.Application``: its kind (township sub-site,
department system, machine, mobile app), the scopes it may ask for, whether it is still allowed to
connect, and — for a department's machine client on the case API — the staff service account it acts as.
The model lives in the identity app (migration ``identity.0004``); ``zwfw.identity.models`` imports it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zwfw.core.models import AuditedModel


class ClientKind(models.TextChoices):
    SUBSITE = "subsite", _("子站")
    DEPARTMENT = "department", _("部门业务系统")
    MACHINE = "machine", _("机器（系统间调用）")
    MOBILE = "mobile", _("移动应用（APP）")


class OidcClient(AuditedModel):
    """A sub-site, department system or machine client registered by the 安全管理员."""

    application = models.OneToOneField(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL,
        on_delete=models.CASCADE,
        related_name="zwfw_client",
        verbose_name=_("应用"),
    )
    kind = models.CharField(_("类型"), max_length=16, choices=ClientKind.choices)
    #: Space-separated scope names, a subset of zwfw.identity.oidc.scopes.SCOPES.
    allowed_scopes = models.TextField(_("允许的授权范围"), blank=True, default="")
    is_active = models.BooleanField(_("启用"), default=True)
    deactivated_at = models.DateTimeField(_("停用时间"), null=True, blank=True)
    description = models.CharField(_("说明"), max_length=200, blank=True, default="")
    #: The staff account a machine client acts as on the department API (``cases.inbox`` / ``cases.handle``):
    #: its memberships decide what the client may see and do, through the same permission rules as a person.
    service_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("服务账号"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_clients",
        help_text=_("部门业务系统调用办件接口时使用的工作人员账号（其岗位决定可办理的事项）"),
    )

    class Meta:
        app_label = "identity"
        verbose_name = _("接入应用")
        verbose_name_plural = _("接入应用")

    def __str__(self) -> str:
        return str(self.application)

    @property
    def scope_list(self) -> list[str]:
        return self.allowed_scopes.split()
