"""Writes of open information: ``openinfo_create/update/publish/withdraw`` and ``attachment_add/remove``."""

from .attachment import attachment_add, attachment_remove
from .entry import openinfo_create, openinfo_publish, openinfo_update, openinfo_withdraw

__all__ = [
    "attachment_add",
    "attachment_remove",
    "openinfo_create",
    "openinfo_publish",
    "openinfo_update",
    "openinfo_withdraw",
]
