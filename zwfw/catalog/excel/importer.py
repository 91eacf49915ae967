"""Writing a checked workbook: every item through ``item_create``, all in ONE transaction.

If any item is refused by the services (a rule the reader does not know, a permission withdrawn
meanwhile, a basic code taken by someone else a second ago), the whole transaction rolls back and
every refusal is reported with its row: a workbook is imported completely or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction

from zwfw.core.services.audit import audit_record
from zwfw.org.models import Agency

from ..models import ItemVersion
from ..services.item import item_create
from .reader import ItemRow, RowError
from .schema import CHILD_SHEETS, ITEM_SHEET


class ImportRefused(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def _where(item: ItemRow, key: str) -> tuple[str, str]:
    """(sheet, column header) of a service error key."""
    for sheet in CHILD_SHEETS:
        if sheet.data_key == key:
            return sheet.name, ""
    if key == NON_FIELD_ERRORS:
        return ITEM_SHEET.name, ""
    for col in ITEM_SHEET.columns:
        if col.key == key:
            return ITEM_SHEET.name, col.header
    return ITEM_SHEET.name, ""


def _refusal_errors(item: ItemRow, exc: Exception) -> list[RowError]:
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        found = []
        for key, messages in exc.message_dict.items():
            sheet, column = _where(item, key)
            row = item.row
            if sheet != ITEM_SHEET.name:
                rows = item.children.get(key) or []
                row = rows[0][0] if len(rows) == 1 else item.row
                if row == item.row:
                    sheet = ITEM_SHEET.name
            found += [RowError(sheet, row, column, str(m)) for m in messages]
        return found
    messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
    return [RowError(ITEM_SHEET.name, item.row, "", str(m)) for m in messages]


def item_data(item: ItemRow) -> dict[str, Any]:
    data = dict(item.data)
    for key, rows in item.children.items():
        data[key] = [values for _, values in rows]
    return data


def items_import(
    *, actor: Any, agency: Agency, items: Iterable[ItemRow], source: dict[str, Any] | None = None
) -> list[ItemVersion]:
    """Create a draft per item in one transaction; ImportRefused (nothing written) lists every refusal."""
    items = list(items)
    created: list[ItemVersion] = []
    errors: list[RowError] = []
    with transaction.atomic():
        for item in items:
            try:
                created.append(
                    item_create(
                        actor=actor,
                        agency=agency,
                        basic_code=item.basic_code,
                        use_level=item.use_level,
                        data=item_data(item),
                    )
                )
            except (ValidationError, PermissionDenied) as exc:
                errors += _refusal_errors(item, exc)
        if errors:
            transaction.set_rollback(True)
        else:
            audit_record(
                actor=actor,
                action="item.import",
                obj=agency,
                detail={
                    "count": len(created),
                    "implementation_codes": [v.item.implementation_code for v in created][:200],
                    **(source or {}),
                },
            )
    if errors:
        raise ImportRefused(errors)
    return created
