"""URLs of the applicant's supplement (mounted at ``/account/cases/``): the requested items and their uploads."""

from django.urls import path

from .views import supplement

app_name = "cases_supplement"

urlpatterns = [
    path("<str:number>/supplement/", supplement.supplement_page, name="form"),
    path("<str:number>/withdraw/", supplement.withdraw, name="withdraw"),
]
