"""Shared bits of the scoring workplace: colours, table helpers, running a scoring operation
off the UI thread (its refusal shown with ``app.ui.common.widgets.error_text``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from app.ui.common.tasks import run_task
from app.ui.common.widgets import error_text

RED = QColor("#F8D7DA")
GREEN = QColor("#D4EDDA")
YELLOW = QColor("#FFF3CD")
BLUE = QColor("#D6E4FF")
GREY = QColor("#E2E3E5")
WHITE = QColor("white")
TASK_ROW = QColor("#EEF1F5")

# What scoring operations report as changed (app.ui.common.tasks.CHANGES); results listen too.
CHANGED = frozenset({"scoring"})


def item(text, editable: bool = False, data=None) -> QTableWidgetItem:
    it = QTableWidgetItem("" if text is None else str(text))
    flags = Qt.ItemIsSelectable | Qt.ItemIsEnabled
    if editable:
        flags |= Qt.ItemIsEditable
    it.setFlags(flags)
    if data is not None:
        it.setData(Qt.UserRole, data)
    return it


def table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setSelectionBehavior(QAbstractItemView.SelectRows)
    t.setSelectionMode(QAbstractItemView.SingleSelection)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def write(widget, fn, on_done, message_label, label: str = "", lane: str | None = None, on_error=None) -> None:
    """A scoring operation (a write, often with a password) off the UI thread; a refusal is
    shown in ``message_label``; the open scoring and results views refresh from the change."""
    def failed(exc):
        message_label.setText(error_text(exc))
        if on_error is not None:
            on_error(exc)

    run_task(widget, fn, on_done, failed, label, lane=lane, changes=CHANGED)
