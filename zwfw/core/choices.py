"""Enumerations owned by core. Each enumeration lives in exactly one choices.py (STYLE.md habit 4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    """How an audited action ended."""

    SUCCESS = "success", _("成功")
    FAILURE = "failure", _("失败")
    DENIED = "denied", _("拒绝")
