"""Read-only lists of rows (a station board, a roster, findings): one way to make and fill them."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget


def list_table(headers: list[str], name: str = "", parent: QWidget | None = None, *, single: bool = False,
               row_numbers: bool = True) -> QTableWidget:
    """A table people read and select rows in, never edit; columns fit their contents when
    ``fill_table`` fills it, the last one takes the rest.  ``name`` is what a screen reader says
    (default: the headers)."""
    t = QTableWidget(0, len(headers), parent)
    t.setHorizontalHeaderLabels(headers)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
    t.horizontalHeader().setStretchLastSection(True)
    t.setEditTriggers(QTableWidget.NoEditTriggers)
    t.setSelectionBehavior(QTableWidget.SelectRows)
    if single:
        t.setSelectionMode(QTableWidget.SingleSelection)
    t.verticalHeader().setVisible(row_numbers)
    t.setAccessibleName(name or "、".join(headers))
    return t


def fill_table(table: QTableWidget, rows: list[list], *, tooltips: bool = False) -> None:
    """Show ``rows``; ``tooltips`` repeats each cell as its tooltip (long texts cut by the column).
    Cells keep their items and change only where the text changed: a screen refreshed every
    few seconds repaints what changed, not the whole list.  Columns fit their contents with
    one measure per fill that changed something: a header left to fit itself
    (``ResizeToContents``) measured every row of the table again for each changed cell -- 60
    changed cells of a 300-row list held the UI thread 666 ms -- so it is set to keep its
    widths here, and fitted once at the end."""
    header = table.horizontalHeader()
    if header.count() and header.sectionResizeMode(0) == QHeaderView.ResizeToContents:
        header.setSectionResizeMode(QHeaderView.Interactive)
    changed = table.rowCount() != len(rows)
    if changed:
        table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            text = "" if value is None else str(value)
            item = table.item(r, c)
            if item is None:
                item = QTableWidgetItem(text)
                table.setItem(r, c, item)
            elif item.text() == text:
                continue
            else:
                item.setText(text)
            changed = True
            if tooltips:
                item.setToolTip(text)
    if changed:
        table.resizeColumnsToContents()
