"""Registered OIDC clients (sub-sites, department systems, machines) under /staff/security/clients/."""

from django.urls import path

from .views import clients

urlpatterns = [
    path("staff/security/clients/", clients.client_index, name="clients"),
    path("staff/security/clients/new/", clients.client_create, name="client_create"),
    path("staff/security/clients/<int:pk>/", clients.client_detail, name="client_detail"),
    path("staff/security/clients/<int:pk>/edit/", clients.client_edit, name="client_edit"),
    path("staff/security/clients/<int:pk>/rotate/", clients.client_rotate, name="client_rotate"),
    path("staff/security/clients/<int:pk>/deactivate/", clients.client_deactivate_view, name="client_deactivate"),
    path("staff/security/clients/<int:pk>/service-user/", clients.client_service_user_view, name="client_service_user"),
]
