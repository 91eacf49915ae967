"""Screens of core under /staff/system/: the working-day calendar and the audit log.

System alerts are shown by the staff shell to holders of ``core.view_system_alerts``; the
calendar's own alerts (missing years) also appear on the calendar index with what to do.
"""

from django.urls import path

from .views import audit, calendar, jobs

app_name = "core"

urlpatterns = [
    path("calendar/", calendar.calendar_index, name="calendar_index"),
    path("calendar/import/", calendar.calendar_year_import_view, name="calendar_year_import"),
    path("calendar/create/", calendar.calendar_year_create_view, name="calendar_year_create"),
    path("calendar/<int:year>/", calendar.calendar_year_detail, name="calendar_year"),
    path("calendar/<int:year>/days/", calendar.calendar_day_set_view, name="calendar_day_set"),
    path("calendar/<int:year>/days/remove/", calendar.calendar_day_remove_view, name="calendar_day_remove"),
    path("calendar/<int:year>/confirm/", calendar.calendar_year_confirm_view, name="calendar_year_confirm"),
    path("audit/", audit.audit_log, name="audit_log"),
    path("jobs/", jobs.job_list, name="job_list"),
    path("jobs/<uuid:pk>/", jobs.job_detail, name="job_detail"),
    path("jobs/<uuid:pk>/result/", jobs.job_result, name="job_result"),
]
