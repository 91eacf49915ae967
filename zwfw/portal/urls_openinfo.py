"""政务公开: open information on the county portal and the sub-sites."""

urlpatterns: list = []
