"""URLs of handling cases (mounted at ``/staff/cases/``): the inbox, the case page, its actions and documents."""

from django.urls import path

from .views import staff

app_name = "cases_staff"

urlpatterns = [
    path("", staff.inbox, name="inbox"),
    path("<str:number>/", staff.case_detail, name="case"),
    path("<str:number>/accept/", staff.accept, name="accept"),
    path("<str:number>/refuse/", staff.refuse, name="refuse"),
    path("<str:number>/supplement/", staff.supplement, name="supplement"),
    path("<str:number>/special/start/", staff.special_start, name="special_start"),
    path("<str:number>/special/end/", staff.special_end, name="special_end"),
    path("<str:number>/extend/", staff.extend, name="extend"),
    path("<str:number>/decide/", staff.decide, name="decide"),
    path("<str:number>/deliver/", staff.deliver, name="deliver"),
    path("<str:number>/terminate/", staff.terminate, name="terminate"),
    path("<str:number>/steps/<int:step_id>/claim/", staff.step_claim, name="claim"),
    path("<str:number>/steps/<int:step_id>/assign/", staff.step_assign, name="assign"),
    path("<str:number>/steps/<int:step_id>/examine/", staff.step_examine, name="examine"),
    path("<str:number>/documents/<int:pk>/", staff.document, name="document"),
    path("<str:number>/receipt/", staff.receipt, name="receipt"),
]
