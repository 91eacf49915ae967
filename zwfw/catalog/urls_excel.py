"""Excel template, import and export of items under /staff/catalog/excel/."""

app_name = "catalog_excel"

urlpatterns: list = []
