"""Excel template, import and export of items under /staff/catalog/excel/."""

from django.urls import path

from .views import excel

app_name = "catalog_excel"

urlpatterns = [
    path("template.xlsx", excel.template_download, name="template"),
    path("import/", excel.item_import, name="item_import"),
    path("export/<slug:name>/", excel.list_export_view, name="list_export"),
]
