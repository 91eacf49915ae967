"""URLs of the cases app's track part, mounted at the site root (config/urls.py).

The public progress page and the applicant's pages in the user centre (no user ids in these URLs; the
query code is never in one).
"""

from django.urls import path

from .views import track

app_name = "cases_track"

urlpatterns = [
    path("progress/", track.progress, name="progress"),
    path("account/cases/", track.my_cases_page, name="mine"),
    path("account/cases/<str:number>/", track.case_page, name="case"),
    path("account/cases/<str:number>/documents/<int:pk>/", track.document_download, name="document"),
    path("account/messages/", track.messages_page, name="messages"),
    path("account/messages/read/", track.messages_read_all, name="messages_read_all"),
    path("account/messages/<int:pk>/open/", track.message_open, name="message_open"),
]
