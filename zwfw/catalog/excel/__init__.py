"""Excel in and out of the item catalogue (事项梳理 in spreadsheets).

- :mod:`.schema` — the workbook's sheets and columns, derived from the catalogue's models and code lists;
- :mod:`.template` — the downloadable template (说明, 事项, 申请材料, 收费, 办理流程, 常见问题, drop-downs);
- :mod:`.reader` — reads and checks an uploaded workbook row by row (nothing is written);
- :mod:`.importer` — writes a clean workbook as drafts through ``item_create``, all in one transaction;
- :mod:`.export` — the staff list views as tables for :mod:`zwfw.core.tabular`;
- :mod:`.tasks` — the background tasks (django-tasks) behind imports and big exports.
"""
