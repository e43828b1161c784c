"""数据封装上报: make the sealed bundle, countersign it, verify, copy to media, record the
provincial acknowledgement; the history of every export with its status and hashes.

Every action goes through ``ExportService`` (roles checked there) on a worker thread with
a progress dialog; signing asks for the person's password again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QInputDialog, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from app.core import sitetime
from app.core.roles import allowed
from app.services.bundle import ExportService
from app.ui.common.tables import fill_table, list_table
from app.ui.common.tasks import run_task
from app.ui.common.widgets import confirm, error_text, tr

SIGNER_NAMES = {"site": QT_TRANSLATE_NOOP("ExamSite", "站点密钥"), "admin": QT_TRANSLATE_NOOP("ExamSite", "管理员"),
                "internal_supervisor": QT_TRANSLATE_NOOP("ExamSite", "内部质量督导员")}


class ExportWorkplace(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = ExportService(ctx)
        role = ctx.actor.role
        self.batch = QComboBox()
        self.batch.setAccessibleName(self.tr("认定批次"))
        self.photos = QCheckBox(self.tr("包含考生照片"))
        self.make_button = QPushButton(self.tr("生成上报包…"))
        self.make_button.clicked.connect(self._ask_make)
        self.make_button.setEnabled(allowed(role, "export.make"))
        self.correct_button = QPushButton(self.tr("生成更正包…"))
        self.correct_button.clicked.connect(self._ask_correction)
        self.correct_button.setEnabled(allowed(role, "export.make"))
        self.sign_button = QPushButton(self.tr("会签…"))
        self.sign_button.clicked.connect(self._ask_countersign)
        self.sign_button.setEnabled(allowed(role, "export.countersign"))
        self.verify_button = QPushButton(self.tr("校验"))
        self.verify_button.clicked.connect(self.verify_selected)
        self.copy_button = QPushButton(self.tr("拷贝到移动介质…"))
        self.copy_button.clicked.connect(self._ask_copy)
        self.copy_button.setEnabled(allowed(role, "export.make"))
        self.ack_button = QPushButton(self.tr("登记省级确认…"))
        self.ack_button.clicked.connect(self._ask_ack)
        self.ack_button.setEnabled(allowed(role, "export.make"))
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setAccessibleName(self.tr("操作结果"))
        self.table = list_table([self.tr("序号"), self.tr("认定计划"), self.tr("状态"), self.tr("签名"),
                             self.tr("文件 SHA-256"), self.tr("更正关系"), self.tr("生成人"), self.tr("生成时间"),
                             self.tr("文件")])
        self.table.setAccessibleName(self.tr("上报包历史"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("认定批次")))
        top.addWidget(self.batch)
        top.addWidget(self.photos)
        top.addStretch(1)
        actions = QHBoxLayout()
        for b in (self.make_button, self.correct_button, self.sign_button, self.verify_button, self.copy_button,
                  self.ack_button):
            actions.addWidget(b)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.result)
        layout.addWidget(self.table)
        self.rows = []
        self.batch.addItems(self.service.batches())
        self.refresh()

    # -- history ------------------------------------------------------------------------
    def _names(self) -> dict[str, str]:
        """username -> name, to show who made a bundle by name (empty if this role may not list staff)."""
        from app.core.errors import DomainError
        from app.services.staff import StaffService

        try:
            return {x.username: x.name for x in StaffService(self.ctx).list()}
        except DomainError:
            return {}

    def refresh(self) -> None:
        self.rows = self.service.history()
        names = self._names()
        out = []
        for v in self.rows:
            rel = ""
            if v.supersedes_seq:
                rel = self.tr("更正第 {0} 号").format(v.supersedes_seq)
            if v.superseded_by:
                rel = (rel + " " if rel else "") + self.tr("已被第 {0} 号取代").format(v.superseded_by)
            out.append([v.seq, v.plan_no, v.status_name, "、".join(tr(SIGNER_NAMES.get(x, x)) for x in v.signers),
                        v.file_sha256[:16],
                        rel, names.get(v.created_by, v.created_by), sitetime.text(v.created_at), v.path])
        fill_table(self.table, out)

    def selected(self):
        row = self.table.currentRow()
        if row < 0 or row >= len(self.rows):
            self._say(self.tr("请先在列表中选择一个上报包"), False)
            return None
        return self.rows[row]

    def _say(self, text: str, ok: bool = True) -> None:
        self.result.setStyleSheet("color: #1b5e20;" if ok else "color: #b00020; font-weight: bold;")
        self.result.setText(text)

    def _password(self) -> str | None:
        text, ok = QInputDialog.getText(self, self.tr("重新验证身份"), self.tr("签名前请再次输入您的登录密码："),
                                        QLineEdit.Password)
        return text if ok and text else None

    def _run(self, fn, done, label: str) -> None:
        self.setEnabled(False)

        def finished(value):
            self.setEnabled(True)
            self.refresh()
            done(value)

        def failed(exc):
            self.setEnabled(True)
            self.refresh()
            self._say(error_text(exc), False)

        run_task(self, fn, finished, failed, label=label, changes={"exports"})

    # -- actions (the _ask_* methods collect input, the rest run the service) ----------------
    def _ask_make(self) -> None:
        out, _ = QFileDialog.getSaveFileName(self, self.tr("保存上报包"), f"examsite-{self.batch.currentText()}.zip",
                                             self.tr("上报包 (*.zip)"))
        password = self._password() if out else None
        if out and password:
            self.make_export(Path(out), password)

    def make_export(self, out: Path, password: str, supersedes: int | None = None, reason: str = "") -> None:
        plan = self.batch.currentText() or None
        photos = self.photos.isChecked()
        self._run(lambda: self.service.make(out, password, plan, include_photos=photos, supersedes=supersedes,
                                            reason=reason),
                  lambda v: self._say(self.tr("已生成第 {0} 号上报包，待内部质量督导员会签。文件 SHA-256：{1}")
                                      .format(v.seq, v.file_sha256)),
                  self.tr("正在收集数据、计算摘要并签名…"))

    def _ask_correction(self) -> None:
        v = self.selected()
        if v is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("更正包"),
                                          self.tr("更正第 {0} 号上报包的原因：").format(v.seq))
        if not ok or not reason.strip():
            return
        out, _ = QFileDialog.getSaveFileName(self, self.tr("保存更正包"), f"examsite-{v.plan_no}-correction.zip",
                                             self.tr("上报包 (*.zip)"))
        password = self._password() if out else None
        if out and password:
            self.make_export(Path(out), password, supersedes=v.seq, reason=reason)

    def _ask_countersign(self) -> None:
        v = self.selected()
        if v is None:
            return
        if not confirm(self, self.tr("会签"), self.tr("确认已核对第 {0} 号上报包（认定计划 {1}）并以本人密钥会签？")
                       .format(v.seq, v.plan_no)):
            return
        password = self._password()
        if password:
            self.countersign(v.seq, Path(v.path), password)

    def countersign(self, seq: int, path: Path, password: str) -> None:
        self._run(lambda: self.service.countersign(seq, path, password),
                  lambda v: self._say(self.tr("已会签第 {0} 号上报包。").format(v.seq)),
                  self.tr("正在校验并会签…"))

    def verify_selected(self) -> None:
        v = self.selected()
        if v is not None:
            self.verify(v.seq, Path(v.path))

    def verify(self, seq: int, path: Path) -> None:
        def done(report):
            if report.ok:
                self._say(self.tr("校验通过：") + report.summary().split("：", 1)[1])
            else:
                self._say(self.tr("校验失败：{0}").format(report.fault), False)

        self._run(lambda: self.service.verify(seq, path), done, self.tr("正在校验上报包…"))

    def _ask_copy(self) -> None:
        v = self.selected()
        if v is None:
            return
        dest = QFileDialog.getExistingDirectory(self, self.tr("选择移动介质（U 盘）上的文件夹"))
        if dest:
            self.copy(v.seq, Path(v.path), Path(dest))

    def copy(self, seq: int, path: Path, dest: Path) -> None:
        self._run(lambda: self.service.copy_to(seq, path, dest),
                  lambda v: self._say(self.tr("已拷贝并读回核对：{0}").format(v.copied_to)),
                  self.tr("正在拷贝并读回核对…"))

    def _ask_ack(self) -> None:
        v = self.selected()
        if v is None:
            return
        note, ok = QInputDialog.getText(self, self.tr("登记省级确认"), self.tr("省级平台回执（编号、日期）："))
        if ok and note.strip():
            self.acknowledge(v.seq, note)

    def acknowledge(self, seq: int, note: str) -> None:
        self._run(lambda: self.service.acknowledge(seq, note),
                  lambda v: self._say(self.tr("已登记省级确认。")), self.tr("正在登记…"))
