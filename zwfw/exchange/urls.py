"""The public read API under /api/v1/."""

urlpatterns: list = []
