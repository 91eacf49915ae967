"""The list maintenance screens under /staff/lists/ (清单管理)."""

from django.urls import path, register_converter

from . import views
from .choices import MAINTAINED_KINDS

app_name = "lists"


class MaintainedKindConverter:
    regex = "|".join(MAINTAINED_KINDS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(MaintainedKindConverter, "list_kind")

urlpatterns = [
    # One list screen per kind, each with its own name (the staff menu links to them).
    *[path(f"{kind}/", views.entry_list, {"kind": kind}, name=f"{kind}_list") for kind in MAINTAINED_KINDS],
    path("poverty/lookup/", views.beneficiary_lookup_view, name="beneficiary_lookup"),
    path("<list_kind:kind>/new/", views.entry_new, name="entry_new"),
    path("<list_kind:kind>/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("<list_kind:kind>/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("<list_kind:kind>/<int:pk>/publish/", views.entry_publish_view, name="entry_publish"),
    path("<list_kind:kind>/<int:pk>/withdraw/", views.entry_withdraw_view, name="entry_withdraw"),
]
