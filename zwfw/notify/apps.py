from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "zwfw.notify"
    label = "notify"
    verbose_name = _("消息通知")

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the system checks
