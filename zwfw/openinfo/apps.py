from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenInfoConfig(AppConfig):
    name = "zwfw.openinfo"
    label = "openinfo"
    verbose_name = _("政务公开库")
