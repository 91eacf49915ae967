"""The user model, custom from the first migration so it never needs replacing.

Persons, organisations' agents and staff are all :class:`User` rows. What a staff member may do
comes from their memberships in agencies (``org.Membership``), never from Django's
``is_superuser``/``is_staff`` flags, which the project does not use for business roles.
Identity details (encrypted ID number and mobile, real-name level, organisations) arrive with
the identity issue as fields and related models on this same table.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import UserKind


class User(AbstractUser):
    full_name = models.CharField(_("姓名"), max_length=100, blank=True)
    kind = models.CharField(_("账号类型"), max_length=16, choices=UserKind.choices, default=UserKind.PERSON)

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
