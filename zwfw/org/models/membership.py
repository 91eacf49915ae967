"""Staff memberships: a user holds a role within one agency."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zwfw.core.models import AuditedModel

from ..choices import ADMIN_ROLES, Role


class Membership(AuditedModel):
    """``user`` holds ``role`` in ``agency``. Permissions are always scoped to the agency.

    The three administrator roles (三员) are exclusive per person: the partial unique
    constraint lets a user hold at most one active membership with any of them, in any agency, so
    the database itself refuses a second one whatever code path tries.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("人员"), on_delete=models.PROTECT, related_name="memberships"
    )
    agency = models.ForeignKey(
        "org.Agency", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices)
    window = models.ForeignKey(
        "org.Window", verbose_name=_("所在窗口"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("职务"), max_length=60, blank=True)
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")
        ordering = ["agency__sort_order", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="org_membership_unique_role"),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(role__in=sorted(ADMIN_ROLES), is_active=True),
                name="org_membership_one_admin_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency.short_name} · {self.get_role_display()}"
