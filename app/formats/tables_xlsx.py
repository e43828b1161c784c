"""Official forms as workbooks: title and header lines on top, one header row, data, signature lines.

Every data cell goes through ``safe_cell`` and is stored as text or a number, never a formula.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from app.formats.xlsx import safe_cell


def _cell(value: Any) -> Any:
    """``safe_cell``, except the certificate's '--' (no work type), which no spreadsheet runs; every string
    cell is also typed as text below."""
    return value if value == "--" else safe_cell(value)


def write_table_xlsx(path: Path | str, title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]],
                     header: Sequence[str] = (), footer: Sequence[str] = (), sheet: str | None = None,
                     widths: Sequence[int] | None = None) -> Path:
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = (sheet or title)[:31]
    ws.append([safe_cell(title)])
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    if len(columns) > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    for line in header:
        ws.append([safe_cell(line)])
    ws.append([safe_cell(c) for c in columns])
    head_row = ws.max_row
    for i in range(1, len(columns) + 1):
        c = ws.cell(row=head_row, column=i)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDEBF7")
        c.alignment = Alignment(horizontal="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(i)].width = widths[i - 1] if widths else 16
    for row in rows:
        ws.append([_cell(v) for v in row])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
                cell.number_format = "@"
    for line in footer:
        ws.append([])
        ws.append([safe_cell(line)])
    ws.freeze_panes = ws.cell(row=head_row + 1, column=1)
    wb.save(path)
    return path


def read_table_xlsx(path: Path | str, first_column: str) -> tuple[list[str], list[tuple]]:
    """The header row (found by its first column title) and the data rows under it, up to the first blank row."""
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = [tuple(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()
    for i, row in enumerate(rows):
        if row and row[0] == first_column:
            header = [c for c in row if c is not None]
            data = []
            for r in rows[i + 1:]:
                if r is None or all(v is None for v in r):
                    break
                data.append(tuple(r[:len(header)]))
            return header, data
    raise ValueError(f"{path}: 找不到表头「{first_column}」")
