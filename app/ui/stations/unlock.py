"""打开本站点: the station's encrypted store opened with its passphrase, asked on screen.

The first start sets the passphrase (typed twice) and makes the store; every later start asks
for it.  Opening derives the key (Argon2id, about a second) on the one background road with a
progress note; a wrong passphrase is one red line and the field is ready again.  Nobody at a
door desk or a grader's table has to set an environment variable to start the station."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from app.net import terminal
from app.ui.common.tasks import run_task
from app.ui.common.widgets import error_text

MIN_LENGTH = 8  # the store's own rule (app.store.engine.create_store)


class StationUnlock(QDialog):
    """Ask for the passphrase (or set it, the first time); ``node`` is the opened station."""

    def __init__(self, folder: Path | str, parent=None):
        super().__init__(parent)
        self.folder = Path(folder)
        self.node = None
        self.first = not terminal.TerminalNode.made(self.folder)
        self.setWindowTitle(self.tr("打开本站点"))
        self.setMinimumWidth(520)
        intro = QLabel(self.tr("首次使用本机：请为本站点设置口令（至少 {0} 位），并交站点负责人保管。"
                               "本站点的记录加密保存，忘记口令将无法打开。").format(MIN_LENGTH) if self.first else
                       self.tr("本站点的记录加密保存。请输入本站点口令。"))
        intro.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.Password)
        self.passphrase.setAccessibleName(self.tr("站点口令"))
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.Password)
        self.again.setAccessibleName(self.tr("再次输入口令"))
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.setAccessibleName(self.tr("提示"))
        self.open_button = QPushButton(self.tr("设置口令并打开") if self.first else self.tr("打开"))
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_store)
        form = QFormLayout()
        form.addRow(self.tr("站点口令"), self.passphrase)
        if self.first:
            form.addRow(self.tr("再次输入"), self.again)
            self.passphrase.returnPressed.connect(self.again.setFocus)
            self.again.returnPressed.connect(self.open_store)
        else:
            self.again.hide()
            self.passphrase.returnPressed.connect(self.open_store)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.open_button, 0, Qt.AlignRight)
        self.passphrase.setFocus()

    def open_store(self) -> None:
        passphrase = self.passphrase.text()
        if self.first:
            if len(passphrase) < MIN_LENGTH:
                self._fail(self.tr("口令至少 {0} 位").format(MIN_LENGTH))
                return
            if passphrase != self.again.text():
                self._fail(self.tr("两次输入的口令不一致，请重新输入"))
                self.again.clear()
                return
        elif not passphrase:
            self._fail(self.tr("请输入本站点口令"))
            return
        self.open_button.setEnabled(False)
        self.message.setText("")
        folder, first = self.folder, self.first
        run_task(self, lambda: terminal.TerminalNode.create(folder, passphrase) if first
                 else terminal.TerminalNode.open(folder, passphrase),
                 self._opened, lambda exc: self._fail(error_text(exc)), label=self.tr("正在打开本站点…"))

    def _opened(self, node) -> None:
        self.node = node
        self.passphrase.clear()
        self.again.clear()
        self.accept()

    def _fail(self, text: str) -> None:
        self.open_button.setEnabled(True)
        self.message.setText(text)
        self.passphrase.selectAll()
        self.passphrase.setFocus()
