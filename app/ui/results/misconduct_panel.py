"""违纪处理: record a finding by article and item, two staff sign (each types their own password), the
room head confirms, then notice (第十七条), decision and the printable 处理决定告知书."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QInputDialog, QLabel,
                               QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from app.core import misconduct as mc
from app.core.codes import SUBJECTS
from app.core.roles import allowed
from app.services.misconduct import MisconductService
from app.ui.common.files import offer_file
from app.ui.common.tasks import run_task


class MisconductPanel(QWidget):
    changed = Signal()

    def __init__(self, ctx, table, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.svc = MisconductService(ctx)
        self.table = table
        self.findings: list = []
        self.ticket = QLineEdit()
        self.ticket.setAccessibleName(self.tr("准考证号"))
        self.subject = QComboBox()
        for key, name in SUBJECTS.items():
            self.subject.addItem(self.tr(name), key)
        self.item = QComboBox()
        self.item.setAccessibleName(self.tr("条款"))
        for it in mc.ITEMS:
            self.item.addItem(f"{it.ref} {it.text[:28]}…", f"{it.article}-{it.item}")
        self.facts = QPlainTextEdit()
        self.facts.setPlaceholderText(self.tr("违纪事实：时间、地点、经过"))
        self.facts.setFixedHeight(60)
        self.evidence = QLineEdit()
        self.evidence.setPlaceholderText(self.tr("证据：收缴物品、照片说明等"))
        self.evidence.setAccessibleName(self.tr("证据：收缴物品、照片说明等"))
        self.bookmark = QLineEdit()
        self.bookmark.setPlaceholderText(self.tr("视频标记编号（可选）"))
        self.bookmark.setAccessibleName(self.tr("视频标记编号（可选）"))
        self.warned = QCheckBox(self.tr("已提醒，考生拒不改正"))
        self.warning_text = QLineEdit()
        self.warning_text.setPlaceholderText(self.tr("提醒时间、提醒人、考生反应"))
        self.warning_text.setAccessibleName(self.tr("提醒时间、提醒人、考生反应"))
        self.severity = QComboBox()
        self.severity.addItem(self.tr("（第七条适用）"), None)
        self.severity.addItem(self.tr("情节轻微（2年）"), "minor")
        self.severity.addItem(self.tr("情节严重（5年）"), "serious")
        self.record_button = QPushButton(self.tr("保存违纪记录"))
        form = QFormLayout()
        form.addRow(self.tr("准考证号"), self.ticket)
        form.addRow(self.tr("科目"), self.subject)
        form.addRow(self.tr("条款"), self.item)
        form.addRow(self.tr("事实"), self.facts)
        form.addRow(self.tr("证据"), self.evidence)
        form.addRow(self.tr("视频标记"), self.bookmark)
        form.addRow(self.warned, self.warning_text)
        form.addRow(self.tr("情节"), self.severity)
        form.addRow("", self.record_button)
        self.sign_button = QPushButton(self.tr("工作人员签字…"))
        self.confirm_button = QPushButton(self.tr("考场负责人确认…"))
        self.notify_button = QPushButton(self.tr("记录已告知"))
        self.decide_button = QPushButton(self.tr("作出处理决定"))
        self.notice_button = QPushButton(self.tr("处理决定告知书 PDF…"))
        self.decision_button = QPushButton(self.tr("处理决定书 PDF…"))
        can_record = allowed(ctx.actor.role, "misconduct.record")
        can_decide = allowed(ctx.actor.role, "misconduct.decide")
        for b in (self.record_button, self.sign_button, self.confirm_button):
            b.setEnabled(can_record)
        for b in (self.notify_button, self.decide_button):
            b.setEnabled(can_decide)
        actions = QHBoxLayout()
        for b in (self.sign_button, self.confirm_button, self.notify_button, self.decide_button, self.notice_button,
                  self.decision_button):
            actions.addWidget(b)
        actions.addStretch(1)
        self.info = QLabel("")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.info)
        self.record_button.clicked.connect(self.record)
        self.sign_button.clicked.connect(lambda: self.sign())
        self.confirm_button.clicked.connect(lambda: self.confirm())
        self.notify_button.clicked.connect(self.notify)
        self.decide_button.clicked.connect(self.decide)
        self.notice_button.clicked.connect(lambda: self.notice())
        self.decision_button.clicked.connect(lambda: self.decision())

    def set_findings(self, findings: list) -> None:
        self.findings = findings

    def selected(self):
        row = self.table.currentRow()
        return self.findings[row] if 0 <= row < len(self.findings) else None

    def _run(self, fn, message: str, written: str | None = None) -> None:
        def done(_):
            self.info.setText(message)
            if written:
                offer_file(self, written)
            self.changed.emit()
        run_task(self, fn, done, lambda e: (self.info.setText(str(e)), QMessageBox.warning(self, self.tr("未完成"), str(e))),
                 changes={"misconduct"})

    def record(self) -> None:
        article, number = (int(x) for x in self.item.currentData().split("-"))
        warning = None
        if self.warned.isChecked():
            warning = {"refused": True, "note": self.warning_text.text().strip(), "by": self.ctx.actor.username}
        args = dict(evidence=self.evidence.text(), bookmark_id=self.bookmark.text().strip() or None, warning=warning,
                    severity=self.severity.currentData())
        ticket, subject, facts = self.ticket.text().strip(), self.subject.currentData(), self.facts.toPlainText()
        self._run(lambda: self.svc.open_finding(ticket, subject, article, number, facts, **args),
                  self.tr("已保存，须经2名工作人员签字"))

    def _credentials(self, title: str):
        user, ok = QInputDialog.getText(self, title, self.tr("签字人用户名："))
        if not ok or not user.strip():
            return None
        password, ok = QInputDialog.getText(self, title, self.tr("签字人密码："), QLineEdit.Password)
        return (user.strip(), password) if ok and password else None

    def sign(self, credentials=None) -> None:
        f = self.selected()
        creds = credentials or (f and self._credentials(self.tr("工作人员签字")))
        if f and creds:
            self._run(lambda: self.svc.sign(f.id, *creds), self.tr("已签字"))

    def confirm(self, credentials=None) -> None:
        f = self.selected()
        if not f:
            return
        if credentials is None:
            if QMessageBox.question(self, self.tr("确认"), self.tr(
                    "考场负责人确认违纪事实；处理在告知当事人、听取陈述和申辩后由机构决定。继续？")) != QMessageBox.Yes:
                return
            credentials = self._credentials(self.tr("考场负责人确认"))
        if credentials:
            self._run(lambda: self.svc.confirm(f.id, *credentials), self.tr("已确认违纪事实（待告知）"))

    def notify(self) -> None:
        f = self.selected()
        if f:
            method, ok = QInputDialog.getText(self, self.tr("告知"), self.tr("告知方式（如当面送达）："))
            if ok and method.strip():
                self._run(lambda: self.svc.notify(f.id, method.strip()), self.tr("已记录告知"))

    def decide(self) -> None:
        f = self.selected()
        if not f:
            return
        statement, ok = QInputDialog.getText(self, self.tr("陈述和申辩"), self.tr(
            "当事人的陈述和申辩（放弃请填“放弃”；期限届满未提出请留空）："))
        if not ok or QMessageBox.question(self, self.tr("确认"), self.tr("作出书面处理决定？处理即生效。")) != QMessageBox.Yes:
            return
        text = statement.strip()

        def run():
            if text:
                self.svc.record_statement(f.id, text, waived=text == "放弃")
            return self.svc.decide(f.id)
        self._run(run, self.tr("已作出处理决定"))

    def notice(self, path: str | None = None) -> None:
        f = self.selected()
        if not f:
            return
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("保存告知书"), f"处理决定告知书-{f.ticket_no}.pdf",
                                                  "PDF (*.pdf)")
        if path:
            self._run(lambda: self.svc.notice_pdf(f.id, path), self.tr("已生成告知书：{0}").format(path), path)

    def decision(self, path: str | None = None) -> None:
        f = self.selected()
        if not f:
            return
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("保存处理决定书"), f"处理决定书-{f.ticket_no}.pdf",
                                                  "PDF (*.pdf)")
        if path:
            self._run(lambda: self.svc.decision_pdf(f.id, path), self.tr("已生成处理决定书：{0}").format(path), path)
