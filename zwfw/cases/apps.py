from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "zwfw.cases"
    label = "cases"
    verbose_name = _("办件")

    def ready(self) -> None:
        from . import menu  # noqa: F401 - staff menu entries and user-centre sections
