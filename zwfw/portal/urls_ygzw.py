"""阳光政务 on the portal: the hub page and the five lists (county and sub-sites)."""

urlpatterns: list = []
