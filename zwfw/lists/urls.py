"""The list maintenance screens under /staff/lists/."""

app_name = "lists"

urlpatterns: list = []
