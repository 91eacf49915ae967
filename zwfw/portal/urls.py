from django.contrib.auth import views as auth_views
from django.urls import path

from .views import public

app_name = "portal"

urlpatterns = [
    path("", public.home, name="home"),
    path("login/", auth_views.LoginView.as_view(template_name="portal/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", public.account, name="account"),
]
