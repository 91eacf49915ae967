"""The downloadable import template (导入模板): 说明, 事项 and the four child sheets, with drop-downs.

Coded columns get a list data-validation whose values are the Chinese labels on a hidden 代码表
sheet (a sheet reference has no 255-character limit, unlike an inline list). Every sheet carries
an example row whose 行键 is 示例; the importer skips such rows, so the template can be filled in
below the example and uploaded as is.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from .reader import MAX_ITEM_ROWS, MAX_UPLOAD_BYTES
from .schema import CODES_SHEET, EXAMPLE_KEY, INSTRUCTIONS_SHEET, ITEM_SHEET, SHEETS, Sheet

_REQUIRED_FILL = PatternFill("solid", fgColor="FDE2E1")
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F2")
_EXAMPLE_FONT = Font(italic=True, color="666666")
#: Data validations cover this many rows below the header.
_VALIDATED_ROWS = MAX_ITEM_ROWS + 1


def _instructions(agency_name: str, agency_uscc: str) -> list[str]:
    required = "、".join(c.header for c in ITEM_SHEET.columns if c.required)
    return [
        _("政务服务事项批量导入模板"),
        "",
        _("适用机构：%(agency)s（统一社会信用代码 %(uscc)s）") % {"agency": agency_name, "uscc": agency_uscc},
        "",
        _("1. “事项”表每行是一个新事项，导入后为“梳理中”的草稿，仍需在系统中提交审核。"),
        _("2. “行键”是本文件内给每个事项编的号（如 1、2、3），在本文件内不能重复。"),
        _("3. “申请材料”“收费”“办理流程”“常见问题”表的每一行属于“行键”相同的事项，按行的先后排序。"),
        _("4. 必填列（表头为红色）：%(required)s；子表中表头为红色的列也必填。") % {"required": required},
        _("5. 带下拉列表的列请从列表中选择；“服务对象”“办理形式”可填多项，用顿号“、”分隔。"),
        _("6. “主题”“生命周期事件”“可办理的乡镇（村）”填名称或代码，多项用顿号分隔。"),
        _("7. 行键为“示例”的行是填写示例，导入时自动跳过，可保留也可删除。"),
        _("8. 基本编码为12位数字或大写字母；同一机构内不能与已有事项或本文件内其他事项重复。"),
        _("9. 文件不超过 %(mb)d MB，“事项”表不超过 %(rows)d 行。")
        % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024), "rows": MAX_ITEM_ROWS},
        _("10. 只要有一处错误，整个文件都不会导入；系统列出每一处错误（工作表、行号、列、原因），改正后重新上传。"),
        _("11. 空白表格、示例样表、结果样本等附件，以及办理窗口，请导入后在事项编辑页补充。"),
    ]


def _write_sheet(workbook: Workbook, sheet: Sheet, codes_columns: dict[str, str]) -> None:
    ws = workbook.create_sheet(sheet.name)
    for index, col in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=1, column=index, value=col.header)
        cell.font = Font(bold=True)
        cell.fill = _REQUIRED_FILL if col.required else _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if col.hint:
            cell.comment = Comment(str(col.hint), "zwfw")
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = col.width
        if col.kind in ("text", "code12"):
            # Text columns stay text: a basic code keeps its leading zeros, a phone number its dash.
            for row in range(2, 202):
                ws.cell(row=row, column=index).number_format = "@"
        labels = col.labels()
        if col.kind in ("choice", "bool") and labels:
            source = codes_columns[f"{sheet.name}:{col.key}"]
            validation = DataValidation(
                type="list",
                formula1=source,
                allow_blank=not col.required,
                showErrorMessage=True,
                errorTitle=_("无效的值"),
                error=_("请从下拉列表中选择“%(header)s”。") % {"header": col.header},
            )
            validation.add(f"{letter}2:{letter}{_VALIDATED_ROWS}")
            ws.add_data_validation(validation)
        elif col.kind == "int":
            validation = DataValidation(
                type="whole",
                operator="between",
                formula1="0",
                formula2="32767",
                allow_blank=not col.required,
                showErrorMessage=True,
                errorTitle=_("无效的值"),
                error=_("“%(header)s”应为不小于0的整数。") % {"header": col.header},
            )
            validation.add(f"{letter}2:{letter}{_VALIDATED_ROWS}")
            ws.add_data_validation(validation)
    for offset, example in enumerate(sheet.example, start=2):
        for index, col in enumerate(sheet.columns, start=1):
            value = example.get(col.key)
            if value is not None:
                cell = ws.cell(row=offset, column=index, value=value if isinstance(value, int) else str(value))
                cell.font = _EXAMPLE_FONT
    ws.freeze_panes = "B2"


def template_workbook(*, agency_name: str, agency_uscc: str) -> bytes:
    """The template as XLSX bytes, with the agency's name and code in the instructions."""
    workbook = Workbook()
    intro = workbook.active
    intro.title = INSTRUCTIONS_SHEET
    intro.column_dimensions["A"].width = 110
    for row, line in enumerate(_instructions(agency_name, agency_uscc), start=1):
        cell = intro.cell(row=row, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True)
        if row == 1:
            cell.font = Font(bold=True, size=14)

    # The code lists first (the validations refer to them), on a hidden sheet.
    codes = workbook.create_sheet(CODES_SHEET)
    codes_columns: dict[str, str] = {}
    column = 0
    for sheet in SHEETS:
        for col in sheet.columns:
            labels = col.labels()
            if col.kind not in ("choice", "bool") or not labels:
                continue
            column += 1
            letter = get_column_letter(column)
            codes.cell(row=1, column=column, value=f"{sheet.name}·{col.header}").font = Font(bold=True)
            for row, label in enumerate(labels, start=2):
                codes.cell(row=row, column=column, value=label)
            codes_columns[f"{sheet.name}:{col.key}"] = (
                f"{quote_sheetname(CODES_SHEET)}!${letter}$2:${letter}${len(labels) + 1}"
            )
    codes.sheet_state = "hidden"

    for sheet in SHEETS:
        _write_sheet(workbook, sheet, codes_columns)
    # Sheets in the order a person works: 说明, 事项, the child sheets; the code list last.
    workbook.move_sheet(CODES_SHEET, offset=len(workbook.sheetnames) - 2)
    workbook.active = 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


__all__ = ["EXAMPLE_KEY", "template_workbook"]
