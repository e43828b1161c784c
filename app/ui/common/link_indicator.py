"""A discreet link indicator for a terminal's screen: empty while the master is reachable,
a small grey "离线 · 待发送 N" when it is not (the exam goes on either way).

Takes any object with ``online``, ``backlog()`` and an ``on_online_changed`` list of
callbacks (``app.net.terminal.TerminalNode``); the callback comes from the link's
thread and is handed to the UI thread through a queued signal.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel


class LinkIndicator(QLabel):
    changed = Signal(bool)

    def __init__(self, node, parent=None):
        super().__init__(parent)
        self.node = node
        self.setStyleSheet("color: #777; font-size: 11px;")
        self.setAccessibleName(self.tr("与主机的连接"))
        self.changed.connect(self._show, Qt.QueuedConnection)
        node.on_online_changed.append(self.changed.emit)
        self.timer = QTimer(self)
        self.timer.setInterval(3000)
        self.timer.timeout.connect(lambda: self._show(self.node.online))
        self.timer.start()
        self._show(node.online)

    def _show(self, online: bool) -> None:
        if online:
            self.setText("")
            self.setToolTip(self.tr("已连接主机"))
        else:
            self.setText(self.tr("离线 · 待发送 {0}").format(self.node.backlog()))
            self.setToolTip(self.tr("暂时连不上主机；作答已保存在本机，恢复连接后自动补发"))
