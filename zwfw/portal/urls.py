"""The site cluster's URLs: the county portal, sub-sites, search, staff shell.

Login and the user centre are identity's (zwfw/identity/urls.py).

Sub-sites live at ``/xz/<slug>/`` (township governments) and ``/bm/<slug>/`` (departments),
each with the three themes below it: ``xzsp`` 行政审批, ``bmfw`` 便民服务, ``ygzw`` 阳光政务.
"""

from django.urls import include, path, register_converter

from .choices import MainTheme, SubSiteKind
from .views import items, public, staff


class ThemeConverter:
    regex = "|".join(t.value for t in MainTheme)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class SubSiteKindConverter(ThemeConverter):
    regex = "|".join(k.value for k in SubSiteKind)


register_converter(ThemeConverter, "theme")
register_converter(SubSiteKindConverter, "subsite_kind")

app_name = "portal"

urlpatterns = [
    path("", public.home, name="home"),
    # 阳光政务 (the five lists) and 政务公开 (open information) come before the generic theme pages.
    path("", include("zwfw.portal.urls_ygzw")),
    path("", include("zwfw.portal.urls_openinfo")),
    # 行政审批 and 便民服务 list published items (views.items); 阳光政务 is views.ygzw (above).
    path("<theme:theme>/", items.theme, name="theme"),
    path("<subsite_kind:kind>/<slug:slug>/", public.subsite, name="subsite"),
    path("<subsite_kind:kind>/<slug:slug>/<theme:theme>/", items.subsite_theme, name="subsite_theme"),
    # The guide of one item (办事指南): a stable address, printable.
    path("items/", items.item_list, name="item_list"),
    path("items/<slug:code>/", items.item_detail, name="item_detail"),
    path("items/<slug:code>/files/result/", items.item_file, {"which": "result"}, name="item_result_file"),
    path("items/<slug:code>/files/<str:which>/<int:order>/", items.item_file, name="item_file"),
    path("sites/", public.sites, name="sites"),
    path("search/", public.search, name="search"),
    path("accessibility/", public.accessibility, name="accessibility"),
    # The staff back office (other domains mount their screens under /staff/<area>/).
    path("staff/", staff.dashboard, name="staff_dashboard"),
    path("staff/agency/", staff.switch_agency, name="staff_switch_agency"),
]
