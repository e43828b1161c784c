"""Reading and writing Excel workbooks (openpyxl)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any, Iterable, Sequence

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from app.core.errors import CellError, ImportRejected

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def read_workbook(path: Path | str) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet as a list of row tuples (values, not formulas)."""
    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ImportRejected([CellError(path.name, 0, "", f"无法读取 Excel 文件（{type(exc).__name__}）；请另存为 .xlsx 后重试")])
    try:
        return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    finally:
        wb.close()


def safe_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is written as plain text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_sheet(wb: Workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]],
                widths: Sequence[int] | None = None, first: bool = False, notes: Sequence[str] = ()):
    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    ws.append(list(headers))
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for i, _ in enumerate(headers, 1):
        cell = ws.cell(row=1, column=i)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center")
        ws.column_dimensions[get_column_letter(i)].width = (widths[i - 1] if widths else 16)
    for r, row in enumerate(rows, start=2):
        values = [safe_cell(v) for v in row]
        ws.append(values)
        for c, value in enumerate(values, start=1):  # by index: ws[ws.max_row] is O(rows) per row
            if isinstance(value, str):
                cell = ws.cell(row=r, column=c)
                cell.data_type = "s"
                cell.number_format = "@"
    ws.freeze_panes = "A2"
    for note in notes:
        ws.append([])
        ws.append([note])
    return ws
