"""阳光政务 on the portal: the hub page and the five lists (county and sub-sites).

Included before the generic theme and sub-site patterns of ``portal/urls.py``, so these full paths win;
the names land in the ``portal:`` namespace.
"""

from django.urls import path, re_path

from zwfw.lists.choices import ListKind

from .views import ygzw

_KINDS = "|".join(ListKind.values)

urlpatterns = [
    path("ygzw/", ygzw.hub, name="ygzw"),
    re_path(rf"^ygzw/lists/(?P<list_kind>{_KINDS})/$", ygzw.list_page, name="ygzw_list"),
    re_path(rf"^ygzw/lists/(?P<list_kind>{_KINDS})/(?P<pk>[0-9]+)/$", ygzw.entry_page, name="ygzw_entry"),
    re_path(r"^(?P<kind>xz|bm)/(?P<slug>[-\w]+)/ygzw/$", ygzw.hub, name="subsite_ygzw"),
    re_path(
        rf"^(?P<kind>xz|bm)/(?P<slug>[-\w]+)/ygzw/lists/(?P<list_kind>{_KINDS})/$",
        ygzw.list_page,
        name="subsite_ygzw_list",
    ),
]
