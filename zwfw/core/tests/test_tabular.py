"""The one table writer behind every download: the three formats agree and stay safe."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

from openpyxl import load_workbook

from zwfw.core.tabular import Column, TableFormat, table_format_parse, table_response, table_write

COLUMNS = [Column("code", "编码"), Column("name", "名称"), Column("amount", "金额"), Column("day", "日期")]
ROWS = [
    {"code": "001", "name": "最低生活保障审批", "amount": Decimal("12.50"), "day": dt.date(2026, 11, 2)},
    {"code": "002", "name": '=HYPERLINK("http://x")', "amount": None, "day": None},
]


def _write(fmt: TableFormat) -> bytes:
    out = io.BytesIO()
    assert table_write(fmt, COLUMNS, iter(ROWS), out, title="清单") == 2
    return out.getvalue()


def test_xlsx_has_header_rows_and_types():
    sheet = load_workbook(io.BytesIO(_write(TableFormat.XLSX))).active
    values = list(sheet.values)
    assert sheet.title == "清单"
    assert values[0] == ("编码", "名称", "金额", "日期")
    assert values[1][:3] == ("001", "最低生活保障审批", 12.5)
    assert values[1][3].date() == dt.date(2026, 11, 2)
    assert values[2][1].startswith("'=")


def test_csv_opens_in_excel_and_neutralises_formulas():
    data = _write(TableFormat.CSV)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["编码", "名称", "金额", "日期"]
    assert rows[1] == ["001", "最低生活保障审批", "12.50", "2026-11-02"]
    assert rows[2][1].startswith("'=")


def test_json_keys_are_field_names():
    body = json.loads(_write(TableFormat.JSON))
    assert [c["key"] for c in body["columns"]] == ["code", "name", "amount", "day"]
    assert body["rows"][0] == {"code": "001", "name": "最低生活保障审批", "amount": "12.50", "day": "2026-11-02"}
    assert body["rows"][1]["amount"] is None


def test_progress_callback_and_empty_table():
    seen = []
    out = io.BytesIO()
    rows = ({"code": str(i)} for i in range(450))
    assert table_write(TableFormat.CSV, COLUMNS, rows, out, on_row=seen.append) == 450
    assert seen == [200, 400]
    empty = io.BytesIO()
    table_write(TableFormat.JSON, COLUMNS, [], empty)
    assert json.loads(empty.getvalue())["rows"] == []


def test_response_names_the_file_in_chinese():
    response = table_response(TableFormat.CSV, COLUMNS, ROWS, filename="收费清单")
    assert response["Content-Type"].startswith("text/csv")
    assert "filename*=UTF-8''%E6%94%B6%E8%B4%B9%E6%B8%85%E5%8D%95.csv" in response["Content-Disposition"]


def test_format_parse_refuses_unknown():
    assert table_format_parse("XLSX") is TableFormat.XLSX
    assert table_format_parse("exe") is None
    assert table_format_parse(None) is None
