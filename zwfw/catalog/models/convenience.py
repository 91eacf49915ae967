"""便民服务: the navigation of non-approval services and trusted links, maintained by the county office.

A :class:`ConvenienceService` is not a service item (it has no guide, no versions and no review):
it tells people where to check a water bill, which hotline answers social-security questions, or
which trusted site sells train tickets. Links are only links: the portal loads nothing from them.
A link is either a path on this site ("/items/?theme=huji") or an ``https://`` address; an
external trusted site is marked as such (外部链接, ``rel="noopener"``).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zwfw.core.models import AuditedModel

from ..choices import Audience, ConvenienceCategory

_HTTPS = URLValidator(schemes=["https"])
_UNSAFE_CHARS = re.compile(r"[\s\\<>\"'`\x00-\x1f\x7f]")
_PHONE = re.compile(r"^[0-9][0-9-]{1,18}[0-9]$")


def convenience_url_validate(value: str) -> None:
    """A path on this site ("/bmfw/") or an ``https://`` address; nothing else (no javascript:, no http://)."""
    if not value:
        return
    if _UNSAFE_CHARS.search(value):
        raise ValidationError(_("链接地址不能包含空格、反斜杠或引号。"), code="url_chars")
    if value.startswith("/"):
        if value.startswith("//"):
            raise ValidationError(
                _("站内链接须以单个“/”开头；外部网站请填写以 https:// 开头的完整地址。"), code="url_scheme"
            )
        return
    if not value.startswith("https://"):
        raise ValidationError(
            _(
                "链接地址只能是以“/”开头的站内路径或以 https:// 开头的安全网址，"
                "不接受 http:// 或 javascript: 等其他形式。"
            ),
            code="url_scheme",
        )
    try:
        _HTTPS(value)
    except ValidationError as exc:
        raise ValidationError(_("链接地址不是有效的 https:// 网址。"), code="url_invalid") from exc


def convenience_phone_validate(value: str) -> None:
    if value and not _PHONE.match(value):
        raise ValidationError(_("服务电话只能包含数字和“-”，例如 12345 或 0943-5521234。"), code="phone")


class ConvenienceService(AuditedModel):
    """One entry of the 便民服务 navigation."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    category = models.CharField(_("类别"), max_length=24, choices=ConvenienceCategory.choices)
    life_events = models.ManyToManyField(
        "catalog.LifeEvent", verbose_name=_("生命周期事件"), blank=True, related_name="convenience_services"
    )
    #: Blank: for persons and organisations alike.
    audience = models.CharField(_("面向"), max_length=16, choices=Audience.choices, blank=True)
    description = models.TextField(_("说明"), blank=True)
    #: Words people type that the name does not contain (停水, 五险一金 …), for the unified search.
    keywords = models.CharField(_("检索关键词"), max_length=200, blank=True)
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("主管部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="convenience_services",
    )
    #: Who provides the service when it is not one of our agencies (a utility, a national platform).
    provider = models.CharField(_("服务提供方"), max_length=100, blank=True)
    url = models.CharField(_("链接地址"), max_length=300, blank=True, validators=[convenience_url_validate])
    is_external = models.BooleanField(_("外部可信网站"), default=False)
    phone = models.CharField(_("服务电话"), max_length=20, blank=True, validators=[convenience_phone_validate])
    address = models.CharField(_("线下办理地址"), max_length=200, blank=True)
    hours = models.CharField(_("办理时间"), max_length=100, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("便民服务")
        verbose_name_plural = _("便民服务")
        ordering = ["sort_order", "id"]
        constraints = [
            # The same rule as convenience_url_validate, coarser, for writes that bypass full_clean.
            models.CheckConstraint(
                condition=Q(url="")
                | Q(url__startswith="https://")
                | (Q(url__startswith="/") & ~Q(url__startswith="//")),
                name="catalog_convenience_url_safe",
            ),
            models.CheckConstraint(
                condition=Q(is_external=False) | Q(url__startswith="https://"),
                name="catalog_convenience_external_is_https",
            ),
        ]
        indexes = [models.Index(fields=["is_active", "category", "sort_order"], name="catalog_conv_active_cat")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.is_external and not self.url.startswith("https://"):
            raise ValidationError({"is_external": _("外部链接须填写以 https:// 开头的网址。")})
        if self.url.startswith("https://") and not self.is_external:
            raise ValidationError({"is_external": _("以 https:// 开头的链接指向外部网站，请勾选“外部可信网站”。")})
