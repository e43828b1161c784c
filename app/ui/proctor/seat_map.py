"""座位图: every terminal of the room as a coloured seat, drawn by one view.

One list view with a painting delegate, not a button per seat: a refresh that changes one seat
repaints that seat's rectangle only, and painting a seat is a filled rectangle and three lines of
text (a styled button per seat cost the master's screen 36 ms for a room of 60 on every change).
The arrow keys move between seats, Enter or a click picks one; each seat's text is its
accessible name, as a button's was.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QPen, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate

SEAT_SIZE = QSize(150, 76)
SEAT_GAP = 6
STATE_ROLE = Qt.UserRole + 1
COLOURS = {"offline": "#f8d7da", "idle": "#eeeeee", "answering": "#d4edda", "paused": "#fff3cd",
           "submitted": "#d6e4f0"}
PICKED = "#1565c0"


class _SeatPainter(QStyledItemDelegate):
    def paint(self, painter, option, index) -> None:
        rect = option.rect.adjusted(1, 1, -1, -1)
        painter.save()
        painter.setRenderHint(painter.RenderHint.Antialiasing, False)
        painter.fillRect(rect, QColor(COLOURS.get(index.data(STATE_ROLE), COLOURS["idle"])))
        picked = bool(option.state & QStyle.State_Selected)
        pen = QPen(QColor(PICKED if picked else "#9e9e9e"))
        pen.setWidth(3 if picked else 1)
        painter.setPen(pen)
        painter.drawRect(rect.adjusted(1, 1, -2, -2) if picked else rect.adjusted(0, 0, -1, -1))
        painter.setPen(option.palette.color(option.palette.ColorRole.Text))
        painter.setFont(option.font)
        painter.drawText(rect.adjusted(8, 4, -6, -4), Qt.AlignLeft | Qt.AlignVCenter, index.data(Qt.DisplayRole) or "")
        if option.state & QStyle.State_HasFocus:
            focus = QPen(QColor(PICKED))
            focus.setStyle(Qt.DotLine)
            painter.setPen(focus)
            painter.drawRect(rect.adjusted(4, 4, -5, -5))
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        return SEAT_SIZE


class SeatMap(QListView):
    """The seats, left to right and wrapping; ``show_seats`` changes only the seats that changed."""

    picked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self.setItemDelegate(_SeatPainter(self))
        self.setViewMode(QListView.ListMode)
        self.setFlow(QListView.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.Adjust)
        self.setMovement(QListView.Static)
        self.setUniformItemSizes(True)
        self.setSpacing(SEAT_GAP // 2)
        self.setSelectionMode(QListView.SingleSelection)
        self.setEditTriggers(QListView.NoEditTriggers)
        self.clicked.connect(lambda index: self.picked.emit(index.row()))
        self.activated.connect(lambda index: self.picked.emit(index.row()))

    def show_seats(self, seats: list[tuple[str, str]]) -> None:
        """``seats``: (state, text) per terminal, in order.  Rows whose state and text are the same
        are left alone, so the view repaints nothing for them."""
        model = self._model
        if model.rowCount() > len(seats):
            model.removeRows(len(seats), model.rowCount() - len(seats))
        for i, (state, text) in enumerate(seats):
            if i >= model.rowCount():
                item = QStandardItem(text)
                item.setData(text.replace("\n", " "), Qt.AccessibleTextRole)
                item.setData(state, STATE_ROLE)
                item.setEditable(False)
                model.appendRow(item)
                continue
            item = model.item(i)
            if item.text() != text:
                item.setText(text)
                item.setData(text.replace("\n", " "), Qt.AccessibleTextRole)
            if item.data(STATE_ROLE) != state:
                item.setData(state, STATE_ROLE)

    def count(self) -> int:
        return self._model.rowCount()

    def state(self, i: int) -> str:
        return self._model.item(i).data(STATE_ROLE)

    def text(self, i: int) -> str:
        return self._model.item(i).text()

    def pick(self, i: int) -> None:
        """Shows seat ``i`` as picked (-1: none), without emitting ``picked``."""
        if i < 0 or i >= self._model.rowCount():
            self.clearSelection()
            return
        index = self._model.index(i, 0)
        if self.currentIndex() != index or not self.selectionModel().isSelected(index):
            self.setCurrentIndex(index)

    def seat_rect(self, i: int):
        return self.visualRect(self._model.index(i, 0))
