from django.db import models
from django.utils.translation import gettext_lazy as _


class UserKind(models.TextChoices):
    """What an account is for. Persons may also act as agents (经办人) of organisations."""

    PERSON = "person", _("自然人")
    STAFF = "staff", _("工作人员")
    MACHINE = "machine", _("系统账号")
