"""The open-information maintenance screens under /staff/openinfo/."""

from django.urls import path

from .views import staff

app_name = "openinfo"

urlpatterns = [
    path("", staff.info_list, name="list"),
    path("new/", staff.info_new, name="new"),
    path("<int:pk>/", staff.info_detail, name="detail"),
    path("<int:pk>/edit/", staff.info_edit, name="edit"),
    path("<int:pk>/publish/", staff.info_publish, name="publish"),
    path("<int:pk>/withdraw/", staff.info_withdraw, name="withdraw"),
    path("<int:pk>/files/", staff.attachment_upload, name="attachment_upload"),
    path("<int:pk>/files/<int:attachment_pk>/remove/", staff.attachment_delete, name="attachment_remove"),
]
