"""Reading and writing Excel workbooks (openpyxl)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any, Iterable, Sequence

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from app.core.errors import ImportRejected
from app.formats import limits

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


TABLE_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_workbook(path: Path | str) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet as a list of row tuples (values, not formulas); row ``i`` of the list is
    Excel row ``i + 1``.  Reads .xlsx, .xls (Excel 97–2003) and .csv (UTF-8 or GB18030),
    recognised by their content rather than their name (platforms often save an .xlsx as
    ``.xls``).  Anything else, and anything beyond ``app.core.limits``, raises
    ``ImportRejected`` with one line; nothing here raises anything else."""
    path = Path(path)
    limits.check_file(path, "表格文件")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise limits.refuse(path.name, f"无法读取表格文件：{exc.strerror or exc}") from None
    suffix = path.suffix.lower()
    if head.startswith(_ZIP_MAGIC):
        return _read_xlsx(path)
    if head.startswith(_OLE_MAGIC):
        return _read_xls(path)
    if suffix == ".csv" or (suffix in ("", ".txt") and _looks_like_text(path)):
        return _read_csv(path)
    lowered = head.lower()
    if lowered.startswith((b"<html", b"<!doc", b"<?xml", b"<table", b"\xef\xbb\xbf<")):
        raise limits.refuse(path.name, "此文件是网页/XML 格式，不是真正的 Excel 表格；请用 Excel 打开后另存为 .xlsx")
    if suffix in (".xlsx", ".xlsm", ".xls"):
        raise limits.refuse(path.name, f"无法读取 Excel 文件：内容已损坏或不是 {suffix} 文件")
    raise limits.refuse(path.name, f"不支持的文件类型「{suffix or '无扩展名'}」：请使用 .xlsx、.xls 或 .csv")


def _looks_like_text(path: Path) -> bool:
    with path.open("rb") as fh:
        return b"\x00" not in fh.read(4096)


def _bounded_rows(name: str, where: str, rows: Iterable[Sequence[Any]]) -> list[tuple[Any, ...]]:
    bounds = limits.current()
    out: list[tuple[Any, ...]] = []
    for n, row in enumerate(rows, start=1):
        if n > bounds.rows:
            raise limits.refuse(where, f"工作表「{name}」超过 {bounds.describe('rows')} 行")
        row = tuple(row)
        if len(row) > bounds.columns:
            if any(v not in (None, "") for v in row[bounds.columns:]):
                raise limits.refuse(where, f"工作表「{name}」第 {n} 行超过 {bounds.columns} 列")
            row = row[:bounds.columns]
        out.append(row)
    while out and all(v in (None, "") for v in out[-1]):
        out.pop()
    return out


def _read_xlsx(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    try:
        with zipfile.ZipFile(path) as z:
            shared = [i.filename for i in z.infolist() if i.filename.lower().endswith("sharedstrings.xml")]
            limits.check_zip(z, path.name, {name: "shared_strings_bytes" for name in shared})
    except ImportRejected:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise limits.refuse(path.name, f"Excel 文件已损坏，无法打开（{type(exc).__name__}）；请另存为 .xlsx 后重试") from None
    fh = path.open("rb")  # a file object: openpyxl would refuse an .xlsx saved as .xls by its name
    try:
        wb = load_workbook(fh, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises anything on a malformed part
        fh.close()
        raise limits.refuse(path.name, f"无法读取 Excel 文件（{type(exc).__name__}）；请用 Excel 打开后另存为 .xlsx") from None
    try:
        out = {}
        for ws in wb.worksheets:
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()  # a stated A1:XFD1048576 must not become a million empty rows
            out[ws.title] = _bounded_rows(ws.title, path.name, ws.iter_rows(min_row=1, values_only=True))
        return out
    except ImportRejected:
        raise
    except Exception as exc:  # noqa: BLE001 - a malformed sheet fails while rows are read
        raise limits.refuse(path.name, f"Excel 文件内容有误，无法读取（{type(exc).__name__}）") from None
    finally:
        wb.close()
        fh.close()


def _read_xls(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True, formatting_info=False)
    except Exception as exc:  # noqa: BLE001 - xlrd raises XLRDError, CompDocError, struct.error …
        raise limits.refuse(path.name, f"无法读取 .xls 文件（{type(exc).__name__}）；请用 Excel 另存为 .xlsx") from None
    try:
        out = {}
        for idx in range(book.nsheets):
            sheet = book.sheet_by_index(idx)
            if sheet.nrows > limits.current().rows:
                raise limits.refuse(path.name, f"工作表「{sheet.name}」超过 {limits.current().describe('rows')} 行")

            def rows(sheet=sheet):
                for r in range(sheet.nrows):
                    yield tuple(_xls_value(book, c) for c in sheet.row(r))

            out[sheet.name] = _bounded_rows(sheet.name, path.name, rows())
            book.unload_sheet(idx)
        return out
    except ImportRejected:
        raise
    except Exception as exc:  # noqa: BLE001
        raise limits.refuse(path.name, f".xls 文件内容有误，无法读取（{type(exc).__name__}）") from None
    finally:
        book.release_resources()


def _xls_value(book, cell) -> Any:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, book.datemode)
        except Exception:  # noqa: BLE001 - an impossible date stays a number; the rule names it
            return cell.value
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return None
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    return cell.value


def _read_csv(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise limits.refuse(path.name, f"无法读取文件：{exc.strerror or exc}") from None
    if b"\x00" in data[:65536]:
        raise limits.refuse(path.name, "文件不是文本格式的 CSV（含二进制内容）；请用 Excel 另存为 .xlsx 或 CSV")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise limits.refuse(path.name, "CSV 文件的文字编码无法识别（应为 UTF-8 或 GBK）")
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows = ((None if v.strip() == "" else v for v in row) for row in reader)
        return {path.stem: _bounded_rows(path.stem, path.name, rows)}
    except csv.Error as exc:
        raise limits.refuse(path.name, f"CSV 格式错误：{exc}") from None


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
