"""The user centre at /account/."""

from django.urls import path

from .views import account

urlpatterns = [
    path("account/", account.account, name="account"),
]
