"""The chief grader's side of scoring: discrepancies and reconciliation (分歧与裁定), the
practical summary and its signatures (成绩汇总), live completeness (完成情况).  Every
write runs off the UI thread; the panels refresh from the "scoring" change."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QInputDialog, QLabel,
                               QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from app.core.errors import DomainError
from app.core.roles import allowed
from app.services.scoring import RESULT_NAMES, STATUS_NAMES, ScoringServices, SheetsSealed
from app.ui.common.files import offer_file
from app.ui.common.tasks import on_changes, run_task
from app.ui.common.widgets import error_text
from app.ui.scoring.common import GREEN, RED, YELLOW, item, table, write
from app.ui.scoring.signature import SignDialog


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

    def __init__(self, svc: ScoringServices, plan_no: str, parent=None):
        super().__init__(parent)
        self.svc, self.plan_no = svc, plan_no
        self.dialog: ReconcileDialog | None = None
        self.table = table([self.tr("准考证号"), self.tr("各考评员总分"), self.tr("分差"), self.tr("汇总"), self.tr("状态"), self.tr("裁定理由")])
        self.table.setAccessibleName(self.tr("分歧列表"))
        self.sheets = table([self.tr("考评员"), self.tr("版本"), self.tr("总分"), self.tr("否决项"), self.tr("来源"), self.tr("更正理由")])
        self.sheets.setAccessibleName(self.tr("该考生的全部评分表"))
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
        on_changes(self, {"scoring"}, lambda _: self.refresh())

    def refresh(self) -> None:
        self.rows = self.svc.chief.discrepancies(self.plan_no)
        self.table.setRowCount(len(self.rows))
        for r, d in enumerate(self.rows):
            totals = "　".join(f"{u}: {v}" for u, v in d.totals)
            cells = [d.ticket_no, totals, d.spread, d.aggregated, RESULT_NAMES[d.status], d.decision_reason]
            for c, v in enumerate(cells):
                it = item(v, data=d.ticket_no)
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
            views = self.svc.chief.sheets(self.plan_no, ticket)
        except SheetsSealed as exc:
            self.message.setText(str(exc))
            return
        self.sheets.setRowCount(len(views))
        for r, v in enumerate(views):
            for c, x in enumerate([v.grader_name, v.version, v.total, "、".join(v.vetoes),
                                   self.tr("纸质") if v.source == "paper" else self.tr("机评"), v.correction_reason]):
                self.sheets.setItem(r, c, item(x))

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
        score, reason = self.dialog.score.text(), self.dialog.reason.toPlainText()
        write(self, lambda: self.svc.chief.reconcile(self.plan_no, ticket, score, reason),
              lambda res: self.message.setText(self.tr("已裁定：{0} 分").format(res.score)), self.message)


class SummaryPanel(QWidget):
    """The practical summary as the service computes it; signing; the PDF."""

    def __init__(self, svc: ScoringServices, plan_no: str, parent=None):
        super().__init__(parent)
        self.svc, self.plan_no = svc, plan_no
        self.sign_dialog: SignDialog | None = None
        self.table = table([self.tr("序号"), self.tr("准考证号码"), self.tr("姓名"), self.tr("实操成绩"), self.tr("状态"), self.tr("备注")])
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
        on_changes(self, {"scoring"}, lambda _: self.refresh())

    def refresh(self) -> None:
        rows = self.svc.chief.practical_summary(self.plan_no)
        self.table.setRowCount(len(rows))
        for r, x in enumerate(rows):
            for c, v in enumerate([x.seq, x.ticket_no, x.name, "" if x.score is None else x.score,
                                   RESULT_NAMES[x.status], x.remark]):
                self.table.setItem(r, c, item(v))
        sigs = self.svc.chief.summary_signatures(self.plan_no)
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
        write(self, lambda: self.svc.chief.sign_summary(self.plan_no, password, png),
              lambda _: self.message.setText(self.tr("已签署汇总表")), self.message, self.tr("正在核验密码并签署…"))

    def export_pdf(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("导出汇总表"), f"实操成绩汇总表-{self.plan_no}.pdf",
                                                  "PDF (*.pdf)")
            if not path:
                return
        run_task(self, lambda: self.svc.reports.summary_pdf(self.plan_no, path),
                 lambda out: (self.message.setText(self.tr("已导出：{0}").format(out)), offer_file(self, out)),
                 lambda exc: self.message.setText(error_text(exc)), label=self.tr("正在生成 PDF…"), changes={"scoring"})


class ProgressPanel(QWidget):
    """Live completeness per workstation and grader (statuses only)."""

    def __init__(self, svc: ScoringServices, plan_no: str, parent=None, interval_ms: int = 5000):
        super().__init__(parent)
        self.svc, self.plan_no = svc, plan_no
        self.table = table([])
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
        on_changes(self, {"scoring"}, lambda _: self.refresh())

    def _grader_names(self) -> dict[str, str]:
        """Column headers are the graders' names, not their user names."""
        try:
            return {u: name for u, name, _ in self.svc.setup.group(self.plan_no).members}
        except DomainError:
            return {}

    def refresh(self) -> None:
        rows = self.svc.chief.progress(self.plan_no)
        graders = list(rows[0].statuses) if rows else []
        names = self._grader_names()
        self.table.setColumnCount(3 + len(graders))
        self.table.setHorizontalHeaderLabels([self.tr("工位"), self.tr("准考证号")] + [names.get(g, g) for g in graders]
                                             + [self.tr("状态")])
        self.table.setRowCount(len(rows))
        done = {g: 0 for g in graders}
        for r, row in enumerate(rows):
            self.table.setItem(r, 0, item(row.workstation))
            self.table.setItem(r, 1, item(row.ticket_no))
            for c, g in enumerate(graders, 2):
                st = row.statuses[g]
                done[g] += st == "signed"
                it = item(STATUS_NAMES[st])
                it.setBackground({"signed": GREEN, "draft": YELLOW}.get(st, QColor("white")))
                self.table.setItem(r, c, it)
            self.table.setItem(r, 2 + len(graders), item(
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
        write(self, lambda: self.svc.chief.mark_absent(self.plan_no, ticket, reason),
              lambda _: self.message.setText(self.tr("已登记 {0} 缺考").format(ticket)), self.message)
