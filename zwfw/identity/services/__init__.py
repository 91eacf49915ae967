"""identity's writes: ``from zwfw.identity.services import user_create``."""

from .user import user_create, user_set_password, user_update

__all__ = ["user_create", "user_set_password", "user_update"]
