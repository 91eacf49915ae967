"""Tables out: one list of columns and rows written as XLSX, CSV or JSON.

Every download of a list (the five lists on the portal, staff list views, background exports) goes
through here, so the three formats always agree::

    columns = [Column("code", "事项编码"), Column("name", "事项名称")]
    response = table_response(TableFormat.XLSX, columns, rows, filename="行政权力清单")

``rows`` is any iterable of mappings keyed by ``Column.key``; it is consumed once, so a queryset's
``.iterator()`` keeps memory flat. XLSX uses openpyxl's write-only mode; CSV starts with a UTF-8 BOM
so that Excel on Windows opens Chinese text correctly; JSON is ``{"columns": [...], "rows": [...]}``
with the keys as field names. Values are written as text, numbers, dates or booleans; anything else
is turned into text. Cells that a spreadsheet would run as a formula are prefixed with ``'``
(CSV/XLSX injection, OWASP).
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO
from urllib.parse import quote

from django.db import models
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _


class TableFormat(models.TextChoices):
    XLSX = "xlsx", "Excel (XLSX)"
    CSV = "csv", "CSV"
    JSON = "json", "JSON"


CONTENT_TYPES = {
    TableFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    TableFormat.CSV: "text/csv; charset=utf-8",
    TableFormat.JSON: "application/json; charset=utf-8",
}

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    #: Column width in characters for XLSX (Chinese characters count about two).
    width: int = 16


def table_format_parse(value: str | None) -> TableFormat | None:
    """The format named by a query parameter, or None when it is not one we write."""
    try:
        return TableFormat((value or "").lower())
    except ValueError:
        return None


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool | int | float | decimal.Decimal | dt.date):
        return value
    text = str(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return str(value)


def table_write(
    fmt: TableFormat,
    columns: Sequence[Column],
    rows: Iterable[Mapping[str, Any]],
    out: BinaryIO,
    *,
    title: str = "",
    on_row: Any = None,
) -> int:
    """Write the table to the binary stream ``out``; return the number of rows written.

    ``on_row(n)`` is called every 200 rows (for a background job's progress).
    """
    count = 0

    def counted() -> Iterator[Mapping[str, Any]]:
        nonlocal count
        for row in rows:
            count += 1
            if on_row is not None and count % 200 == 0:
                on_row(count)
            yield row

    if fmt == TableFormat.XLSX:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=(title or str(_("数据")))[:31])
        for index, column in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        header = []
        for column in columns:
            cell = WriteOnlyCell(sheet, value=str(column.label))
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        for row in counted():
            sheet.append([_cell(row.get(c.key)) for c in columns])
        workbook.save(out)
    elif fmt == TableFormat.CSV:
        text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
        writer = csv.writer(text)
        writer.writerow([str(c.label) for c in columns])
        for row in counted():
            writer.writerow([_cell(row.get(c.key)) for c in columns])
        text.flush()
        text.detach()
    else:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="")
        text.write('{"columns": ')
        json.dump([{"key": c.key, "label": str(c.label)} for c in columns], text, ensure_ascii=False)
        text.write(', "rows": [')
        for index, row in enumerate(counted()):
            if index:
                text.write(", ")
            json.dump({c.key: _json_value(row.get(c.key)) for c in columns}, text, ensure_ascii=False)
        text.write("]}")
        text.flush()
        text.detach()
    return count


def table_response(
    fmt: TableFormat,
    columns: Sequence[Column],
    rows: Iterable[Mapping[str, Any]],
    *,
    filename: str,
    title: str = "",
) -> HttpResponse:
    """An attachment response holding the table; ``filename`` without extension, may be Chinese."""
    buffer = io.BytesIO()
    table_write(fmt, columns, rows, buffer, title=title or filename)
    response = HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPES[fmt])
    full = f"{filename}.{fmt.value}"
    response["Content-Disposition"] = f"attachment; filename=\"download.{fmt.value}\"; filename*=UTF-8''{quote(full)}"
    return response
