"""The open-information maintenance screens under /staff/openinfo/."""

app_name = "openinfo"

urlpatterns: list = []
