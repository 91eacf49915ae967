"""URLs of the window twin (mounted at ``/staff/window/``): a clerk registers a walk-in application."""

from django.urls import path

from .views import window

app_name = "cases_window"

urlpatterns = [
    path("", window.index, name="index"),
    path("drafts/<int:pk>/", window.draft_page, name="draft"),
    path("drafts/<int:pk>/submitted/", window.submitted, name="submitted"),
    path("drafts/<int:pk>/receipt/", window.receipt_download, name="receipt"),
]
