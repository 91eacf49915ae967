"""Registered OIDC clients (sub-sites, department systems, machines) under /staff/security/clients/."""

urlpatterns: list = []
