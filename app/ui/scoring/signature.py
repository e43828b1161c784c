"""The signature pad (mouse, pen or touch) and the signing dialog (password + drawing)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)


class SignaturePad(QWidget):
    """Draw with the left mouse button, a pen or a finger; ``png()`` gives the drawing."""

    changed = Signal()

    def __init__(self, parent=None, width: int = 420, height: int = 140):
        super().__init__(parent)
        self.setFixedSize(width, height)
        self.setAttribute(Qt.WA_AcceptTouchEvents, True)
        self.setCursor(Qt.CrossCursor)
        self.setToolTip(self.tr("请在此处手写签名"))
        self._image = QImage(width, height, QImage.Format_RGB32)
        self._last: QPointF | None = None
        self._strokes = 0
        self.clear()

    def clear(self) -> None:
        self._image.fill(QColor("white"))
        self._strokes = 0
        self.update()
        self.changed.emit()

    def is_empty(self) -> bool:
        return self._strokes == 0

    def _line(self, a: QPointF, b: QPointF) -> None:
        p = QPainter(self._image)
        p.setRenderHint(QPainter.Antialiasing)
        p.setPen(QPen(QColor("black"), 3, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin))
        p.drawLine(a, b)
        p.end()
        self.update()

    def stroke(self, points) -> None:
        """Draw one stroke through ``points`` (also used by pen and touch input)."""
        pts = [QPointF(*p) if isinstance(p, tuple) else QPointF(p) for p in points]
        for a, b in zip(pts, pts[1:]):
            self._line(a, b)
        if len(pts) > 1:
            self._strokes += 1
            self.changed.emit()

    def mousePressEvent(self, e):
        if e.button() == Qt.LeftButton:
            self._last = e.position()

    def mouseMoveEvent(self, e):
        if self._last is not None and e.buttons() & Qt.LeftButton:
            pos = e.position()
            self._line(self._last, pos)
            self._last = pos

    def mouseReleaseEvent(self, e):
        if self._last is not None:
            self._strokes += 1
            self._last = None
            self.changed.emit()

    def paintEvent(self, e):
        p = QPainter(self)
        p.drawImage(0, 0, self._image)
        p.setPen(QPen(QColor("#BBBBBB"), 1, Qt.DashLine))
        p.drawLine(10, self.height() - 25, self.width() - 10, self.height() - 25)
        p.end()

    def png(self) -> bytes:
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.WriteOnly)
        self._image.save(buf, "PNG")
        buf.close()
        return bytes(data.data())


class SignDialog(QDialog):
    """Re-enter the password and draw the signature.  Signing cannot be undone."""

    def __init__(self, parent, who: str, what: str):
        super().__init__(parent)
        self.setWindowTitle(self.tr("签字确认"))
        self.setModal(True)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("{0}：{1}\n签字后不能修改；如需更正须另写理由。").format(who, what)))
        form = QFormLayout()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        form.addRow(self.tr("登录密码(&P)："), self.password)
        lay.addLayout(form)
        self.pad = SignaturePad(self)
        lay.addWidget(QLabel(self.tr("手写签名：")))
        lay.addWidget(self.pad)
        row = QHBoxLayout()
        self.clear_button = QPushButton(self.tr("清除签名(&C)"))
        self.clear_button.clicked.connect(self.pad.clear)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("签字"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.message = QLabel("")
        self.message.setStyleSheet("color: #B00020")
        lay.addWidget(self.message)
        self.password.setFocus()

    def _accept(self):
        if not self.password.text():
            self.message.setText(self.tr("请输入密码"))
            return
        if self.pad.is_empty():
            self.message.setText(self.tr("请手写签名"))
            return
        self.accept()

    def values(self) -> tuple[str, bytes]:
        return self.password.text(), self.pad.png()
