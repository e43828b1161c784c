"""实操评分 workplace: the grader station, the chief's discrepancies and summary,
live completeness, and avoidance (room head).

Every read and write goes through ScoringService; the UI shows what the service returns
and nothing else (a grader's station never holds another grader's values).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit, QMessageBox, QPlainTextEdit,
                               QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout,
                               QWidget)

from app.core.codes import batch_label
from app.core.errors import DomainError
from app.core.roles import Role, allowed
from app.services.scoring import RESULT_NAMES, STATUS_NAMES, ScoringService, SheetsSealed
from app.ui.common.files import offer_file
from app.ui.common.tasks import run_task
from app.ui.scoring.signature import SignDialog

RED = QColor("#F8D7DA")
GREEN = QColor("#D4EDDA")
YELLOW = QColor("#FFF3CD")


def _error_text(exc: Exception) -> str:
    if isinstance(exc, DomainError):
        return str(exc)
    return QCoreApplication.translate("Scoring", "发生意外错误：{0}").format(type(exc).__name__)


def _item(text, editable: bool = False, data=None) -> QTableWidgetItem:
    it = QTableWidgetItem("" if text is None else str(text))
    flags = Qt.ItemIsSelectable | Qt.ItemIsEnabled
    if editable:
        flags |= Qt.ItemIsEditable
    it.setFlags(flags)
    if data is not None:
        it.setData(Qt.UserRole, data)
    return it


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setSelectionBehavior(QAbstractItemView.SelectRows)
    t.setSelectionMode(QAbstractItemView.SingleSelection)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


# ---------------------------------------------------------------- grader station

class GraderStation(QWidget):
    """One grader's sheets: pick a candidate (ticket + workstation), score every item
    with the keyboard (type, Enter moves down), sign with password and drawing."""

    SCORE_COL = 5

    def __init__(self, svc: ScoringService, plan_no: str, parent=None, camera_source=0):
        super().__init__(parent)
        self.svc, self.plan_no, self.camera_source = svc, plan_no, camera_source
        self.template = svc.template(plan_no)
        self.ticket: str | None = None
        self.sign_dialog: SignDialog | None = None
        self._loading = False

        self.candidates = _table([self.tr("准考证号"), self.tr("工位"), self.tr("姓名"), self.tr("我的评分"), self.tr("回避")])
        self.candidates.setAccessibleName(self.tr("考生列表"))
        self.candidates.itemSelectionChanged.connect(self._candidate_chosen)
        self.sheet = _table([self.tr("考核项目"), self.tr("编号"), self.tr("评分项目"), self.tr("配分"), self.tr("评分标准 / 扣分说明"),
                             self.tr("得分")])
        self.sheet.setAccessibleName(self.tr("评分表"))
        self.sheet.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.sheet.setEditTriggers(QAbstractItemView.AnyKeyPressed | QAbstractItemView.DoubleClicked
                                   | QAbstractItemView.EditKeyPressed)
        self.sheet.itemChanged.connect(self._score_changed)
        self.header = QLabel(self.tr("请选择考生"))
        self.header.setStyleSheet("font-size: 14pt; font-weight: bold")
        self.total = QLabel("")
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.sign_button = QPushButton(self.tr("签字(&S)"))
        self.correct_button = QPushButton(self.tr("更正(&R)"))
        self.photo_button = QPushButton(self.tr("拍考件照片(&P)"))
        self.export_button = QPushButton(self.tr("导出已签字评分表(&X)…"))
        self.export_button.setToolTip(self.tr("无站点网络时：导出本人已签字的评分表（站点签名、加密），交主站导入"))
        self.export_button.clicked.connect(lambda: self.export_sheets())
        self.sign_button.clicked.connect(self.start_signing)
        self.correct_button.clicked.connect(self.start_correction)
        self.photo_button.clicked.connect(self.take_photo)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.start_signing)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(self.header)
        rl.addWidget(self.sheet, 1)
        row = QHBoxLayout()
        row.addWidget(self.total, 1)
        for b in (self.export_button, self.photo_button, self.correct_button, self.sign_button):
            row.addWidget(b)
        rl.addLayout(row)
        rl.addWidget(self.message)
        split = QSplitter()
        split.addWidget(self.candidates)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        lay = QVBoxLayout(self)
        lay.addWidget(split)
        self._build_sheet()
        self.refresh()

    # -- candidate list
    def refresh(self) -> None:
        rows = self.svc.station(self.plan_no)
        current = self.ticket
        self.candidates.blockSignals(True)
        self.candidates.setRowCount(len(rows))
        for r, row in enumerate(rows):
            status = STATUS_NAMES[row.status]
            if row.status == "draft":
                status += f" {row.scored}/{row.items}"
            cells = [row.ticket_no, row.workstation, row.name or self.tr("（隐藏）"), status, row.conflict]
            for c, v in enumerate(cells):
                it = _item(v, data=row.ticket_no)
                if row.conflict:
                    it.setBackground(RED)
                elif row.status == "signed":
                    it.setBackground(GREEN)
                self.candidates.setItem(r, c, it)
            if row.ticket_no == current:
                self.candidates.selectRow(r)
        self.candidates.blockSignals(False)

    def select_ticket(self, ticket: str) -> None:
        for r in range(self.candidates.rowCount()):
            if self.candidates.item(r, 0).text() == ticket:
                self.candidates.selectRow(r)
                return
        raise KeyError(ticket)

    def _candidate_chosen(self) -> None:
        items = self.candidates.selectedItems()
        if not items:
            return
        self.ticket = items[0].data(Qt.UserRole)
        row = self.candidates.row(items[0])
        self.header.setText(self.tr("准考证号 {0}　工位 {1}").format(self.ticket, self.candidates.item(row, 1).text()))
        self._load_sheet()

    # -- the sheet
    def _build_sheet(self) -> None:
        self._rows: list[str] = []
        items = self.template.items()
        self._loading = True
        self.sheet.setRowCount(len(items))
        for r, (task, item) in enumerate(items):
            limit = self.tr("（{0} 分钟）").format(task.time_limit) if task.time_limit else ""
            place = self.tr("，工位：{0}").format(task.workstation) if task.workstation else ""
            self.sheet.setItem(r, 0, _item(f"{task.code} {task.title}{limit}{place}"))
            self.sheet.setItem(r, 1, _item(item.code))
            self.sheet.setItem(r, 2, _item(item.title))
            self.sheet.setItem(r, 3, _item(self.tr("否决项") if item.is_veto else f"{item.points.normalize():f}"))
            criteria = "；".join(x for x in (item.criteria, item.deductions) if x)
            self.sheet.setItem(r, 4, _item(criteria))
            score = _item("", editable=True, data=item.code)
            score.setToolTip(self.tr("填「是」或「否」") if item.is_veto else self.tr("0—{0}，0.5 分为单位").format(item.points))
            self.sheet.setItem(r, self.SCORE_COL, score)
            self._rows.append(item.code)
        self._loading = False

    def _load_sheet(self) -> None:
        view = self.svc.my_sheet(self.plan_no, self.ticket) if self.ticket else None
        self._show(view)
        self.sheet.setCurrentCell(0, self.SCORE_COL)
        self.sheet.setFocus()

    def _show(self, view) -> None:
        self._loading = True
        entries = view.entries if view else {}
        signed = bool(view and view.status == "signed")
        for r, code in enumerate(self._rows):
            v = entries.get(code)
            it = self.sheet.item(r, self.SCORE_COL)
            it.setText("" if v is None else ("是" if v is True else "否" if v is False else str(v)))
            flags = Qt.ItemIsSelectable | Qt.ItemIsEnabled | (Qt.NoItemFlags if signed else Qt.ItemIsEditable)
            it.setFlags(flags)
            it.setBackground(QColor("white") if v is not None or signed else YELLOW)
        self._loading = False
        if view is None:
            self.total.setText(self.tr("未开始"))
        else:
            state = self.tr("已签字") if signed else self.tr("未签字，尚有 {0} 项未评").format(len(view.missing))
            ver = self.tr("（第 {0} 版）").format(view.version) if view.version > 1 else ""
            self.total.setText(self.tr("合计 {0} 分　{1}{2}").format(view.total, state, ver))
        self.sign_button.setEnabled(bool(view) and not signed)
        self.correct_button.setEnabled(signed)
        self.current_view = view

    def entries(self) -> dict[str, str]:
        out = {}
        for r, code in enumerate(self._rows):
            text = self.sheet.item(r, self.SCORE_COL).text().strip()
            if text:
                out[code] = text
        return out

    def _score_changed(self, it: QTableWidgetItem) -> None:
        if self._loading or it.column() != self.SCORE_COL or not self.ticket:
            return
        try:
            view = self.svc.save_sheet(self.plan_no, self.ticket, self.entries())
        except DomainError as exc:
            self._loading = True
            it.setBackground(RED)
            self._loading = False
            self.message.setText(_error_text(exc))
            self.sheet.setCurrentItem(it)
            return
        self.message.setText("")
        self._show(view)
        self.refresh_status()
        nxt = it.row() + 1
        if nxt < self.sheet.rowCount():   # after the editor has closed: Enter moves down
            QTimer.singleShot(0, lambda: self.sheet.setCurrentCell(nxt, self.SCORE_COL))

    def refresh_status(self) -> None:
        self.refresh()

    def set_score(self, code: str, text: str) -> None:
        """Type one score into the sheet (what the keyboard does)."""
        r = self._rows.index(code)
        self.sheet.item(r, self.SCORE_COL).setText(str(text))

    # -- signing, correction, photos
    def start_signing(self) -> None:
        if not self.ticket or not self.sign_button.isEnabled():
            return
        who = self.svc.ctx.actor.name
        self.sign_dialog = SignDialog(self, who, self.tr("准考证号 {0} 的评分表").format(self.ticket))
        self.sign_dialog.accepted.connect(self._signed)
        self.sign_dialog.open()

    def _signed(self) -> None:
        password, png = self.sign_dialog.values()
        try:
            view = self.svc.sign_sheet(self.plan_no, self.ticket, password, png)
        except DomainError as exc:
            self.message.setText(_error_text(exc))
            return
        self.message.setText(self.tr("已签字"))
        self._show(view)
        self.refresh()

    def start_correction(self, reason: str | None = None) -> None:
        if reason is None or reason is False:
            reason, ok = QInputDialog.getText(self, self.tr("更正评分表"),
                                              self.tr("已签字的评分表不会被改动，更正将另存为新版本。\n更正理由："))
            if not ok:
                return
        try:
            view = self.svc.start_correction(self.plan_no, self.ticket, reason)
        except DomainError as exc:
            self.message.setText(_error_text(exc))
            return
        self._show(view)
        self.refresh()

    def export_sheets(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("导出已签字评分表"),
                                                  f"{self.plan_no}-{self.svc.ctx.actor.username}.exsc",
                                                  self.tr("评分表交换文件 (*.exsc)"))
            if not path:
                return
        run_task(self, lambda: self.svc.export_sheets(self.plan_no, path),
                 lambda n: self.message.setText(self.tr("已导出 {0} 份评分表").format(n)),
                 lambda exc: self.message.setText(_error_text(exc)), label=self.tr("正在导出…"))

    def take_photo(self) -> None:
        if not self.ticket:
            return
        from app.camera.sources import SourceSpec, snapshot

        ticket, source = self.ticket, self.camera_source

        def work():
            return self.svc.add_photo(self.plan_no, ticket, snapshot(SourceSpec.parse(str(source))), self.tr("考件"))

        run_task(self, work, lambda pid: self.message.setText(self.tr("考件照片已保存（{0}）").format(pid)),
                 lambda exc: self.message.setText(_error_text(exc) if isinstance(exc, DomainError) else str(exc)),
                 label=self.tr("正在拍照…"))


# ---------------------------------------------------------------- chief grader

class ReconcileDialog(QDialog):
    def __init__(self, parent, ticket: str, aggregated):
        super().__init__(parent)
        self.setWindowTitle(self.tr("组长裁定 — {0}").format(ticket))
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("各考评员的评分表不会被改动；裁定与理由单独记录。")))
        self.score = QLineEdit("" if aggregated is None else str(aggregated))
        self.reason = QPlainTextEdit()
        form.addRow(self.tr("裁定成绩(&S)："), self.score)
        form.addRow(self.tr("裁定理由(&R)："), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("确定裁定"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class ChiefPanel(QWidget):
    """Where the graders disagree beyond the threshold; the chief settles it with a reason."""

    def __init__(self, svc: ScoringService, plan_no: str, parent=None):
        super().__init__(parent)
        self.svc, self.plan_no = svc, plan_no
        self.dialog: ReconcileDialog | None = None
        self.table = _table([self.tr("准考证号"), self.tr("各考评员总分"), self.tr("分差"), self.tr("汇总"), self.tr("状态"), self.tr("裁定理由")])
        self.table.setAccessibleName(self.tr("分歧列表"))
        self.sheets = _table([self.tr("考评员"), self.tr("版本"), self.tr("总分"), self.tr("否决项"), self.tr("来源"), self.tr("更正理由")])
        self.reconcile_button = QPushButton(self.tr("裁定(&D)"))
        self.reconcile_button.clicked.connect(self.start_reconcile)
        self.table.itemSelectionChanged.connect(self._show_sheets)
        self.message = QLabel("")
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("分差超过阈值的考生")))
        lay.addWidget(self.table, 2)
        lay.addWidget(QLabel(self.tr("该考生的全部评分表（含更正版本）")))
        lay.addWidget(self.sheets, 1)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.reconcile_button)
        lay.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        self.rows = self.svc.discrepancies(self.plan_no)
        self.table.setRowCount(len(self.rows))
        for r, d in enumerate(self.rows):
            totals = "　".join(f"{u}: {v}" for u, v in d.totals)
            cells = [d.ticket_no, totals, d.spread, d.aggregated, RESULT_NAMES[d.status], d.decision_reason]
            for c, v in enumerate(cells):
                it = _item(v, data=d.ticket_no)
                it.setBackground(GREEN if d.status == "reconciled" else RED)
                self.table.setItem(r, c, it)

    def selected(self) -> str | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.UserRole) if items else None

    def _show_sheets(self) -> None:
        ticket = self.selected()
        if not ticket:
            return
        try:
            views = self.svc.sheets(self.plan_no, ticket)
        except SheetsSealed as exc:
            self.message.setText(str(exc))
            return
        self.sheets.setRowCount(len(views))
        for r, v in enumerate(views):
            for c, x in enumerate([v.grader_name, v.version, v.total, "、".join(v.vetoes),
                                   self.tr("纸质") if v.source == "paper" else self.tr("机评"), v.correction_reason]):
                self.sheets.setItem(r, c, _item(x))

    def start_reconcile(self) -> None:
        ticket = self.selected()
        if not ticket:
            self.message.setText(self.tr("请先选择考生"))
            return
        agg = next(d.aggregated for d in self.rows if d.ticket_no == ticket)
        self.dialog = ReconcileDialog(self, ticket, agg)
        self.dialog.accepted.connect(lambda: self._reconcile(ticket))
        self.dialog.open()

    def _reconcile(self, ticket: str) -> None:
        try:
            res = self.svc.reconcile(self.plan_no, ticket, self.dialog.score.text(), self.dialog.reason.toPlainText())
        except DomainError as exc:
            self.message.setText(_error_text(exc))
            return
        self.message.setText(self.tr("已裁定：{0} 分").format(res.score))
        self.refresh()


class SummaryPanel(QWidget):
    """The practical summary as the service computes it; signing; the PDF."""

    def __init__(self, svc: ScoringService, plan_no: str, parent=None):
        super().__init__(parent)
        self.svc, self.plan_no = svc, plan_no
        self.sign_dialog: SignDialog | None = None
        self.table = _table([self.tr("序号"), self.tr("准考证号码"), self.tr("姓名"), self.tr("实操成绩"), self.tr("状态"), self.tr("备注")])
        self.table.setAccessibleName(self.tr("实操成绩汇总"))
        self.signatures = QLabel("")
        self.message = QLabel("")
        self.message.setWordWrap(True)  # a long message must not squeeze the buttons beside it
        self.sign_button = QPushButton(self.tr("签署汇总表(&S)"))
        self.pdf_button = QPushButton(self.tr("导出汇总表 PDF(&E)"))
        self.sign_button.clicked.connect(self.start_signing)
        self.pdf_button.clicked.connect(self.export_pdf)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        lay.addWidget(self.signatures)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.pdf_button)
        row.addWidget(self.sign_button)
        lay.addLayout(row)
        self.sign_button.setVisible(allowed(svc.ctx.actor.role, "scoring.grade"))
        self.refresh()

    def refresh(self) -> None:
        rows = self.svc.practical_summary(self.plan_no)
        self.table.setRowCount(len(rows))
        for r, x in enumerate(rows):
            for c, v in enumerate([x.seq, x.ticket_no, x.name, "" if x.score is None else x.score,
                                   RESULT_NAMES[x.status], x.remark]):
                self.table.setItem(r, c, _item(v))
        sigs = self.svc.summary_signatures(self.plan_no)
        chief, member, stale = self.tr("考评组长"), self.tr("成员"), self.tr("，汇总已变，需重签")
        self.signatures.setText(self.tr("已签署：") + ("、".join(
            f"{s.name}（{chief if s.role == 'chief' else member}{'' if s.valid else stale}）" for s in sigs)
            or self.tr("无")))

    def start_signing(self) -> None:
        self.sign_dialog = SignDialog(self, self.svc.ctx.actor.name, self.tr("实操（综合成绩）汇总表"))
        self.sign_dialog.accepted.connect(self._signed)
        self.sign_dialog.open()

    def _signed(self) -> None:
        password, png = self.sign_dialog.values()
        try:
            self.svc.sign_summary(self.plan_no, password, png)
        except DomainError as exc:
            self.message.setText(_error_text(exc))
            return
        self.message.setText(self.tr("已签署汇总表"))
        self.refresh()

    def export_pdf(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("导出汇总表"), f"实操成绩汇总表-{self.plan_no}.pdf",
                                                  "PDF (*.pdf)")
            if not path:
                return
        run_task(self, lambda: self.svc.summary_pdf(self.plan_no, path),
                 lambda out: (self.message.setText(self.tr("已导出：{0}").format(out)), offer_file(self, out)),
                 lambda exc: self.message.setText(_error_text(exc)), label=self.tr("正在生成 PDF…"))


class ProgressPanel(QWidget):
    """Live completeness per workstation and grader (statuses only)."""

    def __init__(self, svc: ScoringService, plan_no: str, parent=None, interval_ms: int = 5000):
        super().__init__(parent)
        self.svc, self.plan_no = svc, plan_no
        self.table = _table([])
        self.table.setAccessibleName(self.tr("评分完成情况"))
        self.summary = QLabel("")
        self.absent_button = QPushButton(self.tr("登记缺考(&A)…"))
        self.absent_button.setVisible(allowed(svc.ctx.actor.role, "scoring.reconcile"))
        self.absent_button.clicked.connect(lambda: self.mark_absent())
        self.message = QLabel("")
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.table)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.absent_button)
        lay.addLayout(row)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(interval_ms)
        self.refresh()

    def _grader_names(self) -> dict[str, str]:
        """Column headers are the graders' names, not their user names."""
        try:
            return {u: name for u, name, _ in self.svc.group(self.plan_no).members}
        except DomainError:
            return {}

    def refresh(self) -> None:
        rows = self.svc.progress(self.plan_no)
        graders = list(rows[0].statuses) if rows else []
        names = self._grader_names()
        self.table.setColumnCount(3 + len(graders))
        self.table.setHorizontalHeaderLabels([self.tr("工位"), self.tr("准考证号")] + [names.get(g, g) for g in graders]
                                             + [self.tr("状态")])
        self.table.setRowCount(len(rows))
        done = {g: 0 for g in graders}
        for r, row in enumerate(rows):
            self.table.setItem(r, 0, _item(row.workstation))
            self.table.setItem(r, 1, _item(row.ticket_no))
            for c, g in enumerate(graders, 2):
                st = row.statuses[g]
                done[g] += st == "signed"
                it = _item(STATUS_NAMES[st])
                it.setBackground({"signed": GREEN, "draft": YELLOW}.get(st, QColor("white")))
                self.table.setItem(r, c, it)
            self.table.setItem(r, 2 + len(graders), _item(
                RESULT_NAMES["absent"] if row.result == "absent" else
                (self.tr("全部签字") if row.result == "signed" else self.tr("未完成"))))
        self.summary.setText("　".join(f"{g}：{n}/{len(rows)}" for g, n in done.items()))

    def mark_absent(self, reason: str | None = None, confirmed: bool = False) -> None:
        """The chief records 缺考 for the selected candidate (asks for a reason and confirmation)."""
        items = self.table.selectedItems()
        if not items:
            self.message.setText(self.tr("请先选择考生"))
            return
        ticket = self.table.item(items[0].row(), 1).text()
        if reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("登记缺考"), self.tr("考生 {0} 缺考的情况：").format(ticket),
                                              text=self.tr("未参加实操考核"))
            if not ok:
                return
        if not confirmed:
            box = QMessageBox(QMessageBox.Question, self.tr("登记缺考"),
                              self.tr("确定登记考生 {0} 缺考？登记后该考生不能再评分。").format(ticket),
                              QMessageBox.Yes | QMessageBox.No, self)
            box.setDefaultButton(QMessageBox.No)
            box.button(QMessageBox.Yes).setText(self.tr("确定"))
            box.button(QMessageBox.No).setText(self.tr("取消"))
            if box.exec() != QMessageBox.Yes:
                return
        try:
            self.svc.mark_absent(self.plan_no, ticket, reason)
        except DomainError as exc:
            self.message.setText(_error_text(exc))
            return
        self.message.setText(self.tr("已登记 {0} 缺考").format(ticket))
        self.refresh()


class AvoidancePanel(QWidget):
    """Avoidance (回避) conflicts; the room head allows with a reason."""

    def __init__(self, svc: ScoringService, plan_no: str, parent=None):
        super().__init__(parent)
        self.svc, self.plan_no = svc, plan_no
        self.table = _table([self.tr("考评员"), self.tr("准考证号"), self.tr("情形"), self.tr("处理")])
        self.table.setAccessibleName(self.tr("回避情形"))
        self.allow_button = QPushButton(self.tr("允许（写明理由）(&A)"))
        self.allow_button.setVisible(allowed(svc.ctx.actor.role, "scoring.avoidance"))
        self.allow_button.clicked.connect(self.allow_selected)
        self.message = QLabel("")
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.allow_button)
        lay.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        self.rows = self.svc.avoidance(self.plan_no)
        self.table.setRowCount(len(self.rows))
        for r, c in enumerate(self.rows):
            done = self.tr("{0} 允许：{1}").format(c.allowed_by, c.allow_reason) if c.resolved else self.tr("未处理")
            for col, v in enumerate([f"{c.grader_name}（{c.grader}）", c.ticket_no, c.reason, done]):
                it = _item(v, data=r)
                it.setBackground(GREEN if c.resolved else RED)
                self.table.setItem(r, col, it)

    def allow_selected(self, reason: str | None = None) -> None:
        items = self.table.selectedItems()
        if not items:
            return
        c = self.rows[items[0].data(Qt.UserRole)]
        if not reason:
            reason, ok = QInputDialog.getText(self, self.tr("允许评分"), self.tr("允许 {0} 为考生 {1} 评分的理由：").format(
                c.grader_name, c.ticket_no))
            if not ok:
                return
        try:
            self.svc.allow_avoidance(self.plan_no, c.grader, c.ticket_no, reason)
        except DomainError as exc:
            self.message.setText(_error_text(exc))
            return
        self.refresh()


class SetupPanel(QWidget):
    """Office: import the scoring template (all or nothing); admin: form the 考评组."""

    def __init__(self, svc: ScoringService, plan_no: str, parent=None, on_change=None):
        super().__init__(parent)
        self.svc, self.plan_no, self.on_change = svc, plan_no, on_change
        lay = QVBoxLayout(self)
        self.template_label = QLabel("")
        self.import_button = QPushButton(self.tr("导入评分记录表(&I)…"))
        self.import_button.clicked.connect(lambda: self.import_template())
        row = QHBoxLayout()
        self.exchange_button = QPushButton(self.tr("导入考评员评分表文件(&F)…"))
        self.exchange_button.clicked.connect(lambda: self.import_exchange())
        row.addWidget(self.template_label, 1)
        row.addWidget(self.exchange_button)
        row.addWidget(self.import_button)
        lay.addLayout(row)
        self.members = _table([self.tr("考评组成员"), self.tr("用户名"), self.tr("单位")])
        self.members.setAccessibleName(self.tr("可选考评员"))
        self.members.setSelectionMode(QAbstractItemView.MultiSelection)
        self.chief = QComboBox()
        self.chief.setAccessibleName(self.tr("考评组长"))
        self.group_button = QPushButton(self.tr("组建考评组(&G)"))
        self.group_button.clicked.connect(self.form_group)
        can_group = allowed(svc.ctx.actor.role, "scoring.group")
        for w in (self.members, self.chief, self.group_button):
            w.setVisible(can_group)
        lay.addWidget(self.members, 1)
        row = QHBoxLayout()
        chief_label = QLabel(self.tr("考评组长(&C)：") if can_group else "")
        chief_label.setBuddy(self.chief)  # Alt+C; without a buddy the "&C" would be printed
        row.addWidget(chief_label)
        row.addWidget(self.chief, 1)
        row.addWidget(self.group_button)
        lay.addLayout(row)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        try:
            t = self.svc.template(self.plan_no)
            self.template_label.setText(self.tr("评分记录表：{0}（考核项目 {1} 个，评分项 {2} 个）").format(
                t.title, len(t.tasks), len(t.items())))
        except DomainError:
            self.template_label.setText(self.tr("尚未导入评分记录表"))
        if not allowed(self.svc.ctx.actor.role, "scoring.group"):
            return
        from app.services.staff import StaffService

        group = self.svc.group(self.plan_no)
        current = {u for u, _, _ in group.members}
        graders = [x for x in StaffService(self.svc.ctx).list()
                   if x.active and {"grader", "chief_grader"} & set(x.roles)]
        self.members.setRowCount(len(graders))
        self.chief.clear()
        for r, x in enumerate(graders):
            for c, v in enumerate([x.name, x.username, x.unit]):
                self.members.setItem(r, c, _item(v, data=x.username))
            if x.username in current:
                self.members.selectRow(r)
            if "chief_grader" in x.roles:
                self.chief.addItem(f"{x.name}（{x.username}）", x.username)
        if group.chief:
            self.chief.setCurrentIndex(max(0, self.chief.findData(group.chief)))
        locked = group.locked
        self.group_button.setEnabled(not locked)
        self.members.setEnabled(not locked)
        if locked:
            self.message.setText(self.tr("评分已开始，考评组已锁定"))

    def import_template(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("选择评分记录表"), "", "Excel (*.xlsx)")
            if not path:
                return

        def done(t):
            self.message.setText(self.tr("已导入：{0}").format(t.title))
            self.refresh()
            if self.on_change:
                QTimer.singleShot(0, lambda: self.on_change(self.message.text()))

        run_task(self, lambda: self.svc.import_template(self.plan_no, path), done,
                 lambda exc: self.message.setText(_error_text(exc) + "".join(
                     "\n" + str(e) for e in getattr(exc, "errors", [])[1:20])), label=self.tr("正在导入…"))

    def import_exchange(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("选择评分表交换文件"), "",
                                                  self.tr("评分表交换文件 (*.exsc)"))
            if not path:
                return
        run_task(self, lambda: self.svc.import_sheets(self.plan_no, path),
                 lambda n: self.message.setText(self.tr("已导入 {0} 份评分表（已有的跳过）").format(n)),
                 lambda exc: self.message.setText(_error_text(exc)), label=self.tr("正在导入…"))

    def selected_members(self) -> list[str]:
        rows = sorted({i.row() for i in self.members.selectedItems()})
        return [self.members.item(r, 1).text() for r in rows]

    def form_group(self) -> None:
        try:
            conflicts = self.svc.set_group(self.plan_no, self.selected_members(), self.chief.currentData())
        except DomainError as exc:
            self.message.setText(_error_text(exc))
            return
        text = self.tr("考评组已组建")
        if conflicts:
            text += self.tr("；有 {0} 处回避情形，须更换考评员或由考场负责人允许").format(len(conflicts))
        self.message.setText(text)
        self.refresh()
        if self.on_change:
            QTimer.singleShot(0, lambda: self.on_change(text))


class PaperEntryPanel(QWidget):
    """双人复核: two staff type the same paper sheet independently; items that differ
    are highlighted until both copies agree, then the sheet is recorded."""

    SCORE_COL = 3

    def __init__(self, svc: ScoringService, plan_no: str, parent=None):
        super().__init__(parent)
        self.svc, self.plan_no = svc, plan_no
        self.template = svc.template(plan_no)
        lay = QVBoxLayout(self)
        form = QHBoxLayout()
        self.ticket = QLineEdit()
        self.ticket.setPlaceholderText(self.tr("准考证号"))
        self.grader = QComboBox()
        for u, name, _ in svc.group(plan_no).members:
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
        self.sheet = _table([self.tr("编号"), self.tr("评分项目"), self.tr("配分"), self.tr("得分")])
        self.sheet.setAccessibleName(self.tr("纸质评分表录入"))
        self.sheet.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.codes = [i.code for _, i in self.template.items()]
        self.sheet.setRowCount(len(self.codes))
        for r, (_, item) in enumerate(self.template.items()):
            self.sheet.setItem(r, 0, _item(item.code))
            self.sheet.setItem(r, 1, _item(item.title))
            self.sheet.setItem(r, 2, _item(self.tr("否决项") if item.is_veto else f"{item.points.normalize():f}"))
            self.sheet.setItem(r, self.SCORE_COL, _item("", editable=True))
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
            entries, st = self.svc.my_paper_entry(self.plan_no, self.ticket.text().strip(), self.grader.currentData())
        except DomainError as exc:
            self.status.setText(_error_text(exc))
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
        try:
            st = self.svc.paper_entry(self.plan_no, self.ticket.text().strip(), self.grader.currentData(), entries)
        except DomainError as exc:
            self.status.setText(_error_text(exc))
            return
        self._show(st)

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


# ---------------------------------------------------------------- the workplace

class ScoringWorkplace(QWidget):
    def __init__(self, ctx, parent=None, plan_no: str | None = None, camera_source=0):
        super().__init__(parent)
        self.svc = ScoringService(ctx)
        self.camera_source = camera_source
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        plan_label = QLabel(self.tr("认定计划(&B)："))
        top.addWidget(plan_label)
        self.batch = QComboBox()
        plan_label.setBuddy(self.batch)
        self.batch.setAccessibleName(self.tr("认定批次"))
        top.addWidget(self.batch, 1)
        lay.addLayout(top)
        self.tabs = QTabWidget()
        self.tabs.currentChanged.connect(self._tab_changed)
        lay.addWidget(self.tabs, 1)
        self.message = QLabel("")
        lay.addWidget(self.message)
        try:
            batches = self.svc.batches()
            if allowed(ctx.actor.role, "scoring.template"):
                from app.services.roster import RosterService

                have = {pn for pn, _ in batches}
                batches += [(b.plan_no, batch_label(b.plan_no, b.occupation_name, b.level, b.work_type))
                            for b in RosterService(ctx).batches() if b.plan_no not in have]
        except DomainError as exc:
            batches = []
            self.message.setText(_error_text(exc))
        for pn, label in batches:
            self.batch.addItem(label, pn)
        if plan_no:
            self.batch.setCurrentIndex(max(0, self.batch.findData(plan_no)))
        self.batch.currentIndexChanged.connect(lambda _: self.open_batch(self.batch.currentData()))
        if not batches:
            self.message.setText(self.tr("尚无导入了评分记录表的认定计划"))
        else:
            self.open_batch(self.batch.currentData())

    def open_batch(self, plan_no: str) -> None:
        """One tab per thing this role may do; a tab that cannot open yet says why."""
        self.tabs.clear()
        self.plan_no = plan_no
        self.station = self.chief = self.summary = self.progress = self.avoid = self.setup = self.paper = None
        role = self.svc.ctx.actor.role
        messages = []

        def add(attr, cap_ok, make, title):
            if not cap_ok:
                return
            try:
                w = make()
            except DomainError as exc:
                messages.append(_error_text(exc))
                return
            setattr(self, attr, w)
            self.tabs.addTab(w, title)

        add("setup", allowed(role, "scoring.template") or allowed(role, "scoring.group"),
            lambda: SetupPanel(self.svc, plan_no, self, on_change=lambda text: self._reopen(plan_no, text)),
            self.tr("评分表与考评组"))
        add("station", allowed(role, "scoring.grade"),
            lambda: GraderStation(self.svc, plan_no, self, self.camera_source), self.tr("评分"))
        add("chief", allowed(role, "scoring.reconcile"), lambda: ChiefPanel(self.svc, plan_no, self),
            self.tr("分歧与裁定"))
        add("progress", allowed(role, "scoring.progress"), lambda: ProgressPanel(self.svc, plan_no, self),
            self.tr("完成情况"))
        add("summary", allowed(role, "scoring.summary"), lambda: SummaryPanel(self.svc, plan_no, self),
            self.tr("成绩汇总"))
        add("avoid", allowed(role, "scoring.view"), lambda: AvoidancePanel(self.svc, plan_no, self), self.tr("回避"))
        add("paper", allowed(role, "scoring.paper"), lambda: PaperEntryPanel(self.svc, plan_no, self),
            self.tr("纸质评分表录入"))
        self.message.setText(messages[0] if messages else "")

    def _reopen(self, plan_no: str, text: str) -> None:
        self.open_batch(plan_no)
        self.message.setText(text)

    def _tab_changed(self, index: int) -> None:
        w = self.tabs.widget(index)
        if hasattr(w, "refresh"):
            try:
                w.refresh()
            except DomainError as exc:
                self.message.setText(_error_text(exc))
