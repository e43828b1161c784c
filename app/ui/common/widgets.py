"""Small widgets and helpers shared by every workplace."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QVBoxLayout, QWidget


def tr(text: str, context: str = "ExamSite") -> str:
    return QCoreApplication.translate(context, text)


def error_text(exc: Exception) -> str:
    """What a person should read: the one-line domain message, never a traceback (the one
    helper every workplace uses for a refusal or a failure)."""
    from app.core.errors import DomainError

    if isinstance(exc, DomainError) or type(exc).__name__ in {"WrongPassphrase", "NotASite", "StoreCorrupt"}:
        return str(exc)
    return tr("发生意外错误：{0}").format(type(exc).__name__)


def show_error(parent: QWidget | None, exc: Exception, title: str | None = None) -> None:
    QMessageBox.warning(parent, title or tr("无法完成"), error_text(exc))


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    box = QMessageBox(QMessageBox.Question, title, text, QMessageBox.Yes | QMessageBox.No, parent)
    box.setDefaultButton(QMessageBox.No)
    box.button(QMessageBox.Yes).setText(tr("确定"))
    box.button(QMessageBox.No).setText(tr("取消"))
    return box.exec() == QMessageBox.Yes


class Placeholder(QWidget):
    """A workplace whose issue is still open says so plainly."""

    def __init__(self, title: str, issue: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        text = tr("「{0}」工作台正在开发中（问题 #{1}），暂不可用。").format(title, issue) if issue else \
            tr("「{0}」工作台暂不可用。").format(title)
        label = QLabel(text)
        label.setAlignment(Qt.AlignCenter)
        label.setWordWrap(True)
        label.setAccessibleName(text)
        label.setStyleSheet("font-size: 16pt; color: #555;")
        layout.addWidget(label)


class PathField(QWidget):
    """A path typed or chosen with a button: a file (``file_filter`` given) or a folder."""

    def __init__(self, accessible_name: str, button_text: str, dialog_title: str, file_filter: str | None = None,
                 text: str = "", parent: QWidget | None = None):
        from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton

        super().__init__(parent)
        self.edit = QLineEdit(text)
        self.edit.setAccessibleName(accessible_name)
        self.button = QPushButton(button_text)
        self.button.setAccessibleName(f"{button_text} {accessible_name}")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.button)

        def choose():
            if file_filter is None:
                path = QFileDialog.getExistingDirectory(self, dialog_title, self.edit.text())
            else:
                path, _ = QFileDialog.getOpenFileName(self, dialog_title, self.edit.text(), file_filter)
            if path:
                self.edit.setText(path)

        self.button.clicked.connect(choose)
