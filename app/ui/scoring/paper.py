"""双人复核 of paper score sheets (纸质评分表录入): two staff type the same sheet."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.core.errors import DomainError
from app.services.scoring import ScoringServices
from app.ui.common.widgets import error_text
from app.ui.scoring.common import GREEN, RED, item, table, write


class PaperEntryPanel(QWidget):
    """双人复核: two staff type the same paper sheet independently; items that differ
    are highlighted until both copies agree, then the sheet is recorded."""

    SCORE_COL = 3

    def __init__(self, svc: ScoringServices, plan_no: str, parent=None):
        super().__init__(parent)
        self.svc, self.plan_no = svc, plan_no
        self.template = svc.setup.template(plan_no)
        lay = QVBoxLayout(self)
        form = QHBoxLayout()
        self.ticket = QLineEdit()
        self.ticket.setPlaceholderText(self.tr("准考证号"))
        self.grader = QComboBox()
        for u, name, _ in svc.setup.group(plan_no).members:
            self.grader.addItem(f"{name}（{u}）", u)
        self.load_button = QPushButton(self.tr("打开(&O)"))
        self.load_button.clicked.connect(self.load)
        ticket_label = QLabel(self.tr("准考证号(&T)："))
        ticket_label.setBuddy(self.ticket)
        form.addWidget(ticket_label)
        form.addWidget(self.ticket)
        form.addWidget(QLabel(self.tr("考评员：")))
        form.addWidget(self.grader, 1)
        form.addWidget(self.load_button)
        lay.addLayout(form)
        self.sheet = table([self.tr("编号"), self.tr("评分项目"), self.tr("配分"), self.tr("得分")])
        self.sheet.setAccessibleName(self.tr("纸质评分表录入"))
        self.sheet.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.codes = [i.code for _, i in self.template.items()]
        self.sheet.setRowCount(len(self.codes))
        for r, (_, it) in enumerate(self.template.items()):
            self.sheet.setItem(r, 0, item(it.code))
            self.sheet.setItem(r, 1, item(it.title))
            self.sheet.setItem(r, 2, item(self.tr("否决项") if it.is_veto else f"{it.points.normalize():f}"))
            self.sheet.setItem(r, self.SCORE_COL, item("", editable=True))
        lay.addWidget(self.sheet, 1)
        row = QHBoxLayout()
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self.tr("保存本人录入(&S)"))
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.status, 1)
        row.addWidget(self.save_button)
        lay.addLayout(row)

    def load(self) -> None:
        try:
            entries, st = self.svc.paper.my_paper_entry(self.plan_no, self.ticket.text().strip(), self.grader.currentData())
        except DomainError as exc:
            self.status.setText(error_text(exc))
            return
        for r, code in enumerate(self.codes):
            v = entries.get(code)
            self.sheet.item(r, self.SCORE_COL).setText("" if v is None else ("是" if v is True else "否" if v is False
                                                                              else str(v)))
        self._show(st)

    def set_score(self, code: str, text: str) -> None:
        self.sheet.item(self.codes.index(code), self.SCORE_COL).setText(str(text))

    def save(self) -> None:
        entries = {code: self.sheet.item(r, self.SCORE_COL).text().strip() for r, code in enumerate(self.codes)
                   if self.sheet.item(r, self.SCORE_COL).text().strip()}
        ticket, grader = self.ticket.text().strip(), self.grader.currentData()
        write(self, lambda: self.svc.paper.paper_entry(self.plan_no, ticket, grader, entries), self._show, self.status)

    def _show(self, st) -> None:
        for r, code in enumerate(self.codes):
            it = self.sheet.item(r, self.SCORE_COL)
            it.setBackground(RED if code in st.mismatches else (GREEN if st.agreed else QColor("white")))
        if st.agreed:
            self.status.setText(self.tr("两人录入一致，评分表已记录"))
        elif st.mismatches:
            self.status.setText(self.tr("与另一人的录入有 {0} 处不一致（红色），请对照纸质评分表核对").format(
                len(st.mismatches)))
        elif not st.mine_complete:
            self.status.setText(self.tr("本人录入未完成"))
        else:
            self.status.setText(self.tr("已保存，等待另一人录入"))
