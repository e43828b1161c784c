"""门口情况: what the desk reported for the room head (suspected 冒名顶替), with the door
photo beside the roster photo."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from app.core.checkin import local
from app.core.roles import allowed
from app.services.checkin import CheckinService
from app.services.roster import RosterService
from app.ui.common.tasks import on_changes, run_task
from app.ui.common.widgets import error_text

class IncidentPanel(QWidget):
    loaded = Signal(int)
    photos_shown = Signal()

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = CheckinService(ctx)
        self.roster = RosterService(ctx) if allowed(ctx.actor.role, "candidate.photo") else None
        self.items = []
        self.table = QTableWidget(0, 6)
        self.table.setAccessibleName(self.tr("门口情况"))
        self.table.setHorizontalHeaderLabels([self.tr("时间"), self.tr("场次"), self.tr("准考证号"), self.tr("姓名"),
                                              self.tr("情况"), self.tr("记录人")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.roster_photo, self.door_photo = QLabel(self.tr("名册照片")), QLabel(self.tr("检录照片"))
        for box, name in ((self.roster_photo, self.tr("名册照片")), (self.door_photo, self.tr("检录照片"))):
            box.setFixedSize(240, 300)
            box.setAlignment(Qt.AlignCenter)
            box.setAccessibleName(name)
            box.setStyleSheet("border: 1px solid #999;")
        self.note = QLabel("")
        self.note.setWordWrap(True)
        photos = QHBoxLayout()
        photos.addWidget(self.roster_photo)
        photos.addWidget(self.door_photo)
        photos.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("检录台报告的情况（F5 刷新）")))
        layout.addWidget(self.table, 1)
        layout.addLayout(photos)
        self.table.currentCellChanged.connect(self._selected)
        sc = QShortcut(QKeySequence("F5"), self)
        sc.setContext(Qt.WidgetWithChildrenShortcut)
        sc.activated.connect(self.refresh)
        on_changes(self, {"checkin"}, lambda _: self.refresh() if self.isVisible() else None)

    def showEvent(self, event):
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        def done(items):
            self.items = items
            self.table.setRowCount(len(items))
            for i, x in enumerate(items):
                for j, v in enumerate((f"{local(x.reported_at):%m-%d %H:%M:%S}", x.session, x.ticket_no, x.name,
                                       self._kind(x.kind), x.reported_by)):
                    self.table.setItem(i, j, QTableWidgetItem(v))
            self.loaded.emit(len(items))

        run_task(self, self.service.incidents, done, lambda exc: self.note.setText(error_text(exc)))

    def _kind(self, kind: str) -> str:
        names = {"impersonation_suspected": self.tr("人证不符（疑似冒名顶替）"),
                 "double_checkin": self.tr("两个检录台重复检录（断网期间）")}
        return names.get(kind, self.tr("其他情况"))

    def _selected(self, row: int, *_):
        if not 0 <= row < len(self.items):
            return
        x = self.items[row]
        self.note.setText(x.note)
        service, roster = self.service, self.roster

        def work():
            door = service.door_photo(x.photo_id) if x.photo_id else None
            mine = roster.photo(x.ticket_no) if roster else None
            return door, mine

        def done(pair):
            for label, data, empty in ((self.door_photo, pair[0], self.tr("无检录照片")),
                                       (self.roster_photo, pair[1], self.tr("无名册照片"))):
                pix = QPixmap()
                if data and pix.loadFromData(data):
                    label.setPixmap(pix.scaled(label.size(), Qt.KeepAspectRatio, Qt.SmoothTransformation))
                else:
                    label.setPixmap(QPixmap())
                    label.setText(empty)
            self.photos_shown.emit()

        run_task(self, work, done, lambda exc: self.note.setText(error_text(exc)))
