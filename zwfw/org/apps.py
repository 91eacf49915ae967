from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "zwfw.org"
    label = "org"
    verbose_name = _("组织机构")

    def ready(self) -> None:
        # Application forms' ``uscc`` fields get the full GB 32100 check, the embedded 组织机构代码 (GB 11714)
        # included, which core's default (python-stdnum: the last check digit only) does not look at.
        # core may not import org; org registers it (the arrow org → core).
        from zwfw.core.dynforms import type_check_register

        from .uscc import uscc_validate

        type_check_register("uscc", uscc_validate)
