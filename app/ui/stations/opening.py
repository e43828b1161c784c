"""A station body whose station object opens off the UI thread.

A room console or grader station copies the master's commands into its own store when it
opens (a write), so it is opened through ``run_task``; until then the page says so, and if
opening fails it says why in one line."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.ui.common.tasks import run_task
from app.ui.common.widgets import error_text


class OpeningPage(QWidget):
    def __init__(self, node, parent: QWidget | None, open_station: Callable, make_view: Callable,
                 waiting: str):
        super().__init__(parent)
        self.view: QWidget | None = None
        self._make_view = make_view
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.waiting = QLabel(waiting)
        self.waiting.setAlignment(Qt.AlignCenter)
        self.waiting.setWordWrap(True)
        self.waiting.setStyleSheet("font-size: 14pt; color: #555;")
        self.waiting.setAccessibleName(self.tr("站点状态"))
        self._layout.addWidget(self.waiting)
        run_task(self, lambda: open_station(node), self._opened, self._failed, lane=f"station-open-{id(self)}")

    def _opened(self, station) -> None:
        self.waiting.hide()
        self.view = self._make_view(station, self)
        self._layout.addWidget(self.view)

    def _failed(self, exc: Exception) -> None:
        self.waiting.setText(error_text(exc))
