"""Login and logout (persons and staff)."""

from django.urls import path

from .views import login

urlpatterns = [
    path("login/", login.LoginView.as_view(), name="login"),
    path("staff/login/", login.StaffLoginView.as_view(), name="staff_login"),
    path("logout/", login.LogoutView.as_view(), name="logout"),
]
