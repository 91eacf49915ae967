"""Writes of open information: ``openinfo_create/update/publish/withdraw`` and ``attachment_add/remove``."""

from .attachment import attachment_add, attachment_remove
from .category import categories_seed_default, category_upsert
from .entry import openinfo_create, openinfo_publish, openinfo_update, openinfo_withdraw

__all__ = [
    "attachment_add",
    "attachment_remove",
    "categories_seed_default",
    "category_upsert",
    "openinfo_create",
    "openinfo_publish",
    "openinfo_update",
    "openinfo_withdraw",
]
