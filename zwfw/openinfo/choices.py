"""Code lists of open information (政务公开库)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OpenInfoStatus(models.TextChoices):
    """Where an entry is in its life: drafted by its agency, published on the portal, or withdrawn."""

    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class OpenInfoValidity(models.TextChoices):
    """有效性: whether a document still applies (规范性文件 carry this on every real 公开 page)."""

    VALID = "valid", _("有效")
    EXPIRED = "expired", _("失效")
    REPEALED = "repealed", _("废止")
