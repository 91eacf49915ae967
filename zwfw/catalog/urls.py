"""The 权力事项管理系统 under /staff/catalog/."""

from django.urls import path

from .views import convenience, staff

app_name = "catalog"

urlpatterns = [
    path("", staff.item_list, name="item_list"),
    path("new/", staff.item_new, name="item_new"),
    path("versions/<int:pk>/", staff.version_detail, name="version_detail"),
    path("versions/<int:pk>/edit/", staff.version_edit, name="version_edit"),
    path("versions/<int:pk>/file/", staff.version_file, name="version_file"),
    path("versions/<int:pk>/form-preview/", staff.version_form_preview, name="version_form_preview"),
    path("versions/<int:pk>/submit/", staff.version_submit_view, name="version_submit"),
    path("versions/<int:pk>/approve/", staff.version_approve_view, name="version_approve"),
    path("versions/<int:pk>/return/", staff.version_return_view, name="version_return"),
    path("versions/<int:pk>/publish/", staff.version_publish_view, name="version_publish"),
    path("items/<int:pk>/revise/", staff.item_revise_view, name="item_revise"),
    path("items/<int:pk>/retire/", staff.item_retire_view, name="item_retire"),
    path("review/", staff.review_queue, name="review_queue"),
    path("publish/", staff.publish_queue, name="publish_queue"),
    path("convenience/", convenience.convenience_list, name="convenience_list"),
    path("convenience/new/", convenience.convenience_new, name="convenience_new"),
    path("convenience/<int:pk>/", convenience.convenience_edit, name="convenience_edit"),
    path("convenience/<int:pk>/deactivate/", convenience.convenience_deactivate, name="convenience_deactivate"),
]
