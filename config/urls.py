"""The site's URL map. Each domain owns its own urls.py; this file only mounts them."""

from django.urls import include, path

urlpatterns = [
    path("", include("zwfw.portal.urls")),
]
