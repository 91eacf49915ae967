"""URLs of applying online (mounted at ``/apply/``): start from a guide, drafts, files, submission."""

from django.urls import path

from .views import apply

app_name = "cases_apply"

urlpatterns = [
    path("drafts/", apply.draft_list, name="drafts"),
    path("drafts/<int:pk>/", apply.draft_page, name="draft"),
    path("drafts/<int:pk>/submitted/", apply.submitted, name="submitted"),
    path("drafts/<int:pk>/receipt/", apply.receipt_download, name="receipt"),
    path("files/<int:pk>/", apply.file_view, name="file"),
    # Last: an implementation code (letters and digits) starts a draft from the item's guide.
    path("<str:code>/", apply.start, name="start"),
]
