"""认定批次与考生名册: the batches and their candidates, with the roster photo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.core.codes import ID_TYPES, SUBJECTS, level_label
from app.core.roles import allowed
from app.services.roster import RosterService
from app.ui.common.tables import fill_table, list_table


class RosterWorkplace(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = RosterService(ctx)
        self.batch_combo = QComboBox()
        self.batch_combo.setAccessibleName(self.tr("认定批次"))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("按准考证号、姓名或证件号码筛选"))
        self.filter.setAccessibleName(self.tr("筛选"))
        self.info = QLabel("")
        self.table = list_table([self.tr("准考证号"), self.tr("姓名"), self.tr("性别"), self.tr("证件类型"),
                             self.tr("证件号码"), self.tr("所在单位"), self.tr("考场"), self.tr("座位号")])
        self.table.setAccessibleName(self.tr("考生名册"))
        self.photo = QLabel(self.tr("（照片）"))
        self.photo.setFixedSize(150, 200)
        self.photo.setAlignment(Qt.AlignCenter)
        self.photo.setAccessibleName(self.tr("名册照片"))
        top = QHBoxLayout()
        top.addWidget(self.batch_combo, 2)
        top.addWidget(self.filter, 2)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addWidget(self.photo, 0, Qt.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addLayout(body)
        self.batches = self.service.batches()
        for b in self.batches:
            self.batch_combo.addItem(f"{b.plan_no}  {b.occupation_name}{('（' + b.work_type + '）') if b.work_type else ''}"
                                     f"  {level_label(b.level)}  {b.exam_start:%Y-%m-%d}", b.plan_no)
        self.batch_combo.currentIndexChanged.connect(self.refresh)
        self.filter.textChanged.connect(self._apply_filter)
        self.table.currentCellChanged.connect(self._show_photo)
        self.can_photo = allowed(ctx.actor.role, "candidate.photo")
        self.rows = []
        self.refresh()

    def refresh(self) -> None:
        plan_no = self.batch_combo.currentData()
        self.rows = self.service.candidates(plan_no) if plan_no else []
        batch = next((b for b in self.batches if b.plan_no == plan_no), None)
        if batch:
            marks = "，".join(f"{self.tr(SUBJECTS[s])} {batch.pass_mark(s)}" for s in batch.subjects())
            self.info.setText(self.tr("考场：{0}；考生 {1} 名；合格线：{2}").format(
                "、".join(batch.rooms) or "—", len(self.rows), marks))
        self._apply_filter()

    def _apply_filter(self) -> None:
        needle = self.filter.text().strip().upper()
        shown = [c for c in self.rows if not needle or needle in c.ticket_no.upper() or needle in c.name
                 or needle in c.id_no.upper()]
        self.shown = shown
        fill_table(self.table, [[c.ticket_no, c.name, c.sex, ID_TYPES.get(c.id_type, c.id_type), c.id_no, c.unit, c.room,
                            c.seat] for c in shown])

    def _show_photo(self, row: int, *_):
        if row < 0 or row >= len(self.shown) or not self.can_photo:
            self.photo.setText(self.tr("（照片）"))
            return
        data = self.service.photo(self.shown[row].ticket_no)
        if not data:
            self.photo.setText(self.tr("（无照片）"))
            return
        pix = QPixmap()
        pix.loadFromData(data)
        self.photo.setPixmap(pix.scaled(self.photo.size(), Qt.KeepAspectRatio, Qt.SmoothTransformation))
