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
    one measure per fill that added rows or lengthened a text: a header left to fit itself
    (``ResizeToContents``) measured every row of the table again for each changed cell -- 60
    changed cells of a 300-row list held the UI thread 666 ms -- so it is set to keep its
    widths here; a progress going from 12/25 to 13/25 needs no measure at all."""
    header = table.horizontalHeader()
    if header.count() and header.sectionResizeMode(0) == QHeaderView.ResizeToContents:
        header.setSectionResizeMode(QHeaderView.Interactive)
    grown = table.rowCount() != len(rows)
    if grown:
        table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            text = "" if value is None else str(value)
            item = table.item(r, c)
            if item is None:
                item = QTableWidgetItem(text)
                table.setItem(r, c, item)
                grown = True
            else:
                old = item.text()
                if old == text:
                    continue
                item.setText(text)
                grown = grown or len(text) > len(old)
            if tooltips:
                item.setToolTip(text)
    if grown:
        table.resizeColumnsToContents()
