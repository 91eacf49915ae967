"""Reading an uploaded workbook: the file checks, then every row of every sheet checked (nothing written).

:func:`upload_check` refuses a file that is too big or is not an XLSX workbook *by its content*
(magic bytes via ``filetype`` and a look inside the zip), whatever its name says.
:func:`workbook_read` then reads it with openpyxl's read-only mode and returns the items it would
create together with **every** problem found: sheet, row number, column and a Chinese message.
A problem with the workbook as a whole (a missing sheet or header, too many rows) raises
:class:`WorkbookRefused` with every such problem.

Checks per row: required cells, integers, yes/no, codes (Chinese label or code), lengths (the model
fields' own validators), 承诺时限 ≤ 法定时限, the agency (the optional 统一社会信用代码 must be the
importing agency's), duplicate 行键 and 基本编码 within the file, 基本编码 already used by the agency,
child rows whose 行键 names no item, and each child row through its model's ``full_clean``.
The services check everything again when the drafts are written (:mod:`.importer`).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import filetype
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from zwfw.org.models import Agency, Region

from ..models import ItemVersion, LifeEvent, ServiceItem, Theme
from .schema import CHILD_SHEETS, EXAMPLE_KEY, ITEM_SHEET, ROW_KEY, SHEETS, Col, Sheet, cell_read, cell_text

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ITEM_ROWS = 5000
MAX_CHILD_ROWS = 50000
#: A zip that inflates beyond this is refused before openpyxl reads it (a "zip bomb").
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int | None
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "message": self.message}


class WorkbookRefused(Exception):
    """The workbook as a whole cannot be read (each message says what to do)."""

    def __init__(self, messages: list[str]):
        super().__init__("；".join(messages))
        self.messages = messages


@dataclass
class ItemRow:
    """One row of the 事项 sheet, ready for ``item_create``."""

    row: int
    key: str
    basic_code: str
    use_level: str
    data: dict[str, Any]
    #: data key → [(row number, values)] of the child sheets.
    children: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)


@dataclass
class Parsed:
    items: list[ItemRow]
    errors: list[RowError]
    rows: int


def upload_check(head: bytes, size: int) -> None:
    """Refuse (ValidationError, Chinese) a file over the size cap or one that is not an XLSX workbook."""
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("文件过大（%(size).1f MB），不能超过 %(limit)d MB。请分成几个文件分别导入。")
            % {"size": size / 1024 / 1024, "limit": MAX_UPLOAD_BYTES // 1024 // 1024},
            code="too_big",
        )
    if size == 0:
        raise ValidationError(_("上传的文件是空的。"), code="empty")
    kind = filetype.guess(head)
    if kind is None or kind.mime != XLSX_MIME:
        raise ValidationError(
            _("该文件不是 Excel 工作簿（.xlsx）。请用系统提供的模板填写，并以“Excel 工作簿”格式保存后上传。"),
            code="not_xlsx",
        )


def _open(data: bytes) -> Any:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" not in names:
                raise WorkbookRefused([_("该文件不是 Excel 工作簿（.xlsx），请使用系统提供的模板。")])
            if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED_BYTES:
                raise WorkbookRefused([_("工作簿解压后过大，请分成几个文件分别导入。")])
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except WorkbookRefused:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise WorkbookRefused([_("无法读取该工作簿，文件可能已损坏。请用 Excel 重新保存后上传。")]) from exc


def _header_key(value: Any) -> str:
    return cell_text(value).replace("*", "").replace("＊", "").strip()


def _sheet_rows(workbook: Any, sheet: Sheet, limit: int, problems: list[str]) -> tuple[dict[str, int], list[tuple]]:
    """(column key → index, data rows with their numbers) of one sheet; whole-sheet problems appended."""
    if sheet.name not in workbook.sheetnames:
        problems.append(_("缺少工作表“%(sheet)s”。请使用系统提供的模板。") % {"sheet": sheet.name})
        return {}, []
    ws = workbook[sheet.name]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None) or ()
    positions: dict[str, int] = {}
    by_header = {}
    for index, value in enumerate(header):
        text = _header_key(value)
        if text:
            if text in by_header:
                problems.append(
                    _("工作表“%(sheet)s”的表头“%(header)s”出现了两次。") % {"sheet": sheet.name, "header": text}
                )
            by_header.setdefault(text, index)
    missing = [c.header for c in sheet.columns if c.header not in by_header]
    if missing:
        problems.append(
            _("工作表“%(sheet)s”缺少表头：%(headers)s。请使用系统提供的模板，不要修改第一行。")
            % {"sheet": sheet.name, "headers": "、".join(missing)}
        )
        return {}, []
    for col in sheet.columns:
        positions[col.key] = by_header[col.header]
    data: list[tuple] = []
    for number, values in enumerate(rows, start=2):
        if not any(cell_text(v) for v in values):
            continue
        if len(data) >= limit:
            problems.append(
                _("工作表“%(sheet)s”超过 %(limit)d 行。请分成几个文件分别导入。")
                % {"sheet": sheet.name, "limit": limit}
            )
            return positions, []
        data.append((number, values))
    return positions, data


class _Names:
    """Themes, life events and regions by name or code (read once per import)."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[str, list[str]]] = {}
        for key, rows in (
            ("themes", Theme.objects.values_list("code", "name")),
            ("life_events", LifeEvent.objects.values_list("code", "name")),
            ("handling_regions", Region.objects.values_list("code", "name")),
        ):
            table: dict[str, list[str]] = {}
            for code, name in rows:
                table.setdefault(code, []).append(code)
                if name != code:
                    table.setdefault(name, []).append(code)
            self.tables[key] = table

    def __call__(self, col: Col, parts: list[str]) -> list[str]:
        table = self.tables[col.key]
        codes, unknown, ambiguous = [], [], []
        for part in parts:
            found = list(dict.fromkeys(table.get(part, [])))
            if not found:
                unknown.append(part)
            elif len(found) > 1:
                ambiguous.append(part)
            else:
                codes.append(found[0])
        if unknown:
            raise ValidationError(
                _("“%(header)s”中有系统里没有的值：%(values)s。") % {"header": col.header, "values": "、".join(unknown)}
            )
        if ambiguous:
            raise ValidationError(
                _("“%(header)s”中的%(values)s有重名，请改填代码。")
                % {"header": col.header, "values": "、".join(ambiguous)}
            )
        return list(dict.fromkeys(codes))


def _value(col: Col, values: tuple, positions: dict[str, int], names: _Names) -> Any:
    index = positions[col.key]
    raw = values[index] if index < len(values) else None
    return cell_read(col, raw, names=names)


_SCALAR_SKIP = {ROW_KEY, "basic_code", "use_level", "agency_uscc", "themes", "life_events", "handling_regions"}


def _field_check(col: Col, value: Any) -> None:
    """The model field's own checks (length, choices) on a converted value."""
    if col.kind in ("choices", "names") or col.key in _SCALAR_SKIP:
        return
    ItemVersion._meta.get_field(col.key).clean(value, None)


def workbook_read(
    data: bytes, *, agency: Agency, progress: Callable[[int, int], None] | None = None, every: int = 100
) -> Parsed:
    """Check every row of the workbook; return the items and every problem. Raises WorkbookRefused."""
    upload_check(data[:8192], len(data))
    workbook = _open(data)
    try:
        problems: list[str] = []
        sheets: dict[str, tuple[dict[str, int], list[tuple]]] = {}
        for sheet in SHEETS:
            limit = MAX_ITEM_ROWS if sheet is ITEM_SHEET else MAX_CHILD_ROWS
            sheets[sheet.name] = _sheet_rows(workbook, sheet, limit, problems)
    finally:
        workbook.close()
    if problems:
        raise WorkbookRefused(problems)

    total = sum(len(rows) for _, rows in sheets.values())
    done = 0
    names = _Names()
    errors: list[RowError] = []
    items: dict[str, ItemRow] = {}
    codes_seen: dict[str, int] = {}
    keys_seen: dict[str, int] = {}
    # Items of this agency that already use a basic code (one query for the whole file).
    positions, rows = sheets[ITEM_SHEET.name]
    existing = dict(ServiceItem.objects.filter(agency=agency).values_list("basic_code", "implementation_code"))
    other_agencies = dict(Agency.objects.exclude(pk=agency.pk).values_list("uscc", "short_name"))

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None and done % every == 0:
            progress(done, total)

    for number, values in rows:
        tick()
        row_errors: list[RowError] = []
        cleaned: dict[str, Any] = {}
        for col in ITEM_SHEET.columns:
            try:
                value = _value(col, values, positions, names)
                if value is not None:
                    _field_check(col, value)
            except ValidationError as exc:
                row_errors += [RowError(ITEM_SHEET.name, number, col.header, m) for m in exc.messages]
                continue
            cleaned[col.key] = value
        key = cleaned.get(ROW_KEY)
        if key == EXAMPLE_KEY:
            continue
        if key:
            if key in keys_seen:
                row_errors.append(
                    RowError(
                        ITEM_SHEET.name,
                        number,
                        ITEM_SHEET.column(ROW_KEY).header,
                        _("行键“%(key)s”与第%(row)d行重复。") % {"key": key, "row": keys_seen[key]},
                    )
                )
            keys_seen.setdefault(key, number)
        uscc = (cleaned.get("agency_uscc") or "").upper()
        if uscc and uscc != agency.uscc:
            other = other_agencies.get(uscc)
            message = (
                _("该行的统一社会信用代码属于“%(other)s”；您只能为本机构（%(agency)s）导入事项。")
                % {"other": other, "agency": agency.short_name}
                if other
                else _("统一社会信用代码“%(uscc)s”不是本机构（%(agency)s）的代码。")
                % {"uscc": uscc, "agency": agency.short_name}
            )
            row_errors.append(RowError(ITEM_SHEET.name, number, ITEM_SHEET.column("agency_uscc").header, message))
        code = cleaned.get("basic_code")
        code_header = ITEM_SHEET.column("basic_code").header
        if code:
            if code in codes_seen:
                row_errors.append(
                    RowError(
                        ITEM_SHEET.name,
                        number,
                        code_header,
                        _("基本编码%(code)s与第%(row)d行重复。") % {"code": code, "row": codes_seen[code]},
                    )
                )
            elif code in existing:
                row_errors.append(
                    RowError(
                        ITEM_SHEET.name,
                        number,
                        code_header,
                        _("本机构已有基本编码为%(code)s的事项（实施编码%(impl)s）。请改为修订该事项，或更正基本编码。")
                        % {"code": code, "impl": existing[code]},
                    )
                )
            codes_seen.setdefault(code, number)
        legal, promised = cleaned.get("legal_limit_days"), cleaned.get("promised_limit_days")
        if isinstance(legal, int) and isinstance(promised, int) and promised > legal:
            row_errors.append(
                RowError(
                    ITEM_SHEET.name,
                    number,
                    ITEM_SHEET.column("promised_limit_days").header,
                    _("承诺办结时限（%(p)d个工作日）不能超过法定办结时限（%(l)d个工作日）。")
                    % {"p": promised, "l": legal},
                )
            )
        errors += row_errors
        if key and not any(e.column == ITEM_SHEET.column(ROW_KEY).header for e in row_errors):
            data = {k: v for k, v in cleaned.items() if k not in (ROW_KEY, "basic_code", "use_level", "agency_uscc")}
            data = {k: v for k, v in data.items() if v is not None}
            items[key] = ItemRow(
                row=number,
                key=key,
                basic_code=code or "",
                use_level=cleaned.get("use_level") or "",
                data=data,
                children={s.data_key: [] for s in CHILD_SHEETS},
            )

    for sheet in CHILD_SHEETS:
        positions, rows = sheets[sheet.name]
        assert sheet.model is not None
        for number, values in rows:
            tick()
            row_errors = []
            cleaned = {}
            for col in sheet.columns:
                try:
                    cleaned[col.key] = _value(col, values, positions, names)
                except ValidationError as exc:
                    row_errors += [RowError(sheet.name, number, col.header, m) for m in exc.messages]
            key = cleaned.get(ROW_KEY)
            if key == EXAMPLE_KEY:
                continue
            if key and key not in items and key not in keys_seen:
                row_errors.append(
                    RowError(
                        sheet.name,
                        number,
                        sheet.column(ROW_KEY).header,
                        _("“事项”表中没有行键为“%(key)s”的事项。") % {"key": key},
                    )
                )
            values_ = {k: v for k, v in cleaned.items() if k != ROW_KEY and v is not None}
            if not row_errors:
                instance = sheet.model(order=1, **values_)
                try:
                    instance.full_clean(exclude=["version"], validate_unique=False, validate_constraints=False)
                except ValidationError as exc:
                    for name, messages in exc.message_dict.items():
                        header = (
                            sheet.column(name).header
                            if name != NON_FIELD_ERRORS and any(c.key == name for c in sheet.columns)
                            else ""
                        )
                        row_errors += [RowError(sheet.name, number, header, m) for m in messages]
            errors += row_errors
            if not row_errors and key in items:
                items[key].children[sheet.data_key].append((number, values_))
    if progress is not None:
        progress(done, total)
    errors.sort(key=lambda e: ([s.name for s in SHEETS].index(e.sheet), e.row or 0))
    return Parsed(items=list(items.values()), errors=errors, rows=total)
