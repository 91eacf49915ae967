"""政务公开: open information on the county portal and the sub-sites (names in the ``portal:`` namespace).

- ``/ygzw/gk/`` — every published entry of the county, newest first, with filters.
- ``/ygzw/gk/<pk>/`` — one entry (metadata table, body, attachments).
- ``/ygzw/gk/<pk>/files/<attachment_pk>/`` — an attachment, as a download.
- ``/xz/<slug>/ygzw/gk/``, ``/bm/<slug>/ygzw/gk/`` — one township's or department's entries.
"""

from django.urls import path, re_path

from .views import openinfo

urlpatterns = [
    path("ygzw/gk/", openinfo.county_list, name="openinfo_list"),
    path("ygzw/gk/<int:pk>/", openinfo.detail, name="openinfo_detail"),
    path("ygzw/gk/<int:pk>/files/<int:attachment_pk>/", openinfo.attachment, name="openinfo_file"),
    re_path(r"^(?P<kind>xz|bm)/(?P<slug>[-\w]+)/ygzw/gk/$", openinfo.subsite_list, name="openinfo_subsite_list"),
]
